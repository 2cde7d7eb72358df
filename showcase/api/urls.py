"""/api/v1/showcase/…: posts, likes, comments and moderation."""

from showcase.api import comments, posts

urlpatterns = [*posts.urlpatterns, *comments.urlpatterns]
