"""Public and member pages of the showcase (under the site's language prefix): the feeds, a
post's page, likes and comments. One module per page family, gathered here."""

from showcase.views import comments, feed, write

app_name = "showcase"

urlpatterns = [*feed.urlpatterns, *write.urlpatterns, *comments.urlpatterns]
