from rest_framework.routers import SimpleRouter

from unions.api.views import EmployerViewSet, OfficerViewSet, RegionViewSet, UnionViewSet

router = SimpleRouter()
router.register("regions", RegionViewSet, basename="region")
router.register("unions", UnionViewSet, basename="union")
router.register("employers", EmployerViewSet, basename="employer")
router.register("officers", OfficerViewSet, basename="officer")

urlpatterns = router.urls
