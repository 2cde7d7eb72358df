"""The showcase area of the console: posts and their review, correspondents, and the
moderation of comments. One module per page family; gathered here so console.urls names the
area once."""

from console.views.showcase import correspondents, moderation, post_stats, posts

urlpatterns = [
    *posts.urlpatterns,
    *correspondents.urlpatterns,
    *post_stats.urlpatterns,
    *moderation.urlpatterns,
]
