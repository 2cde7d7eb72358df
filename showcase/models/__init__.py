"""The online showcase (网上展示) and the interaction around it (网上互动).

Posts (news, exemplary workers, skill tips, contest achievements) are written by officers and
by unit correspondents, reviewed by an officer of the unit's union, then published; members
like them once and comment under review (先审后发). One module per part of that story.
"""

from showcase.models.comments import (
    Comment,
    CommentReport,
    CommentStatus,
    ModerationAction,
    ModerationLog,
    ReportOutcome,
    ReportReason,
    SensitiveWord,
    WordListVersion,
)
from showcase.models.correspondents import Correspondent
from showcase.models.images import PostImage
from showcase.models.likes import Like
from showcase.models.posts import Post, PostKind, PostStatus
from showcase.models.review import PostAction, PostLog

__all__ = [
    "Comment",
    "CommentReport",
    "CommentStatus",
    "Correspondent",
    "Like",
    "ModerationAction",
    "ModerationLog",
    "Post",
    "PostAction",
    "PostImage",
    "PostKind",
    "PostLog",
    "PostStatus",
    "ReportOutcome",
    "ReportReason",
    "SensitiveWord",
    "WordListVersion",
]
