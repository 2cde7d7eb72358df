"""The showcase area of the console: posts and their review, correspondents, and the
moderation of comments. One module per page family; gathered here so console.urls names the
area once."""

from console.views.showcase import moderation, posts

urlpatterns = [*posts.urlpatterns, *moderation.urlpatterns]
