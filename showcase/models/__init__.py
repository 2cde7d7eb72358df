"""The online showcase (网上展示) and the interaction around it (网上互动).

Posts (news, exemplary workers, skill tips, contest achievements) are written by officers and
by unit correspondents, reviewed by an officer of the unit's union, then published; members
like them once and comment under review (先审后发). One module per part of that story.
"""

from showcase.models.posts import Post, PostKind, PostStatus

__all__ = ["Post", "PostKind", "PostStatus"]

# Likes, images, correspondents and the review log of posts (showcase-posts).
from showcase.models.correspondents import Correspondent as Correspondent
from showcase.models.images import PostImage as PostImage
from showcase.models.likes import Like as Like
from showcase.models.review import PostAction as PostAction
from showcase.models.review import PostLog as PostLog
