"""Console pages, one module per area; each module holds its `urlpatterns` and registers its
menu entry (console.nav). console.urls gathers them."""
