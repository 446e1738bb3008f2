"""API for customer requests: a call-centre system logs calls; list, read and move them on.
Same services, scopes and permissions as the pages."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.routers import IdRouter

from . import services
from .filters import ServiceRequestFilter
from .selectors import visible_requests
from .serializers import ServiceRequestCreateSerializer, ServiceRequestSerializer, ServiceRequestTransitionInSerializer


@extend_schema(tags=["service requests"])
class ServiceRequestViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ServiceRequestSerializer
    filterset_class = ServiceRequestFilter

    def get_queryset(self):
        return visible_requests(self.request.user).select_related("survey").prefetch_related("transitions__actor")

    def _out(self, sr):
        return ServiceRequestSerializer(self.get_queryset().get(pk=sr.pk), context=self.get_serializer_context()).data

    @extend_schema(request=ServiceRequestCreateSerializer, responses=ServiceRequestSerializer)
    def create(self, request):
        data = ServiceRequestCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        sr = services.request_log(user=request.user, data=services.RequestInput(**data.validated_data))
        return Response(self._out(sr), status=status.HTTP_201_CREATED)

    @extend_schema(request=ServiceRequestTransitionInSerializer, responses=ServiceRequestSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        data = ServiceRequestTransitionInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        sr = self.get_object()
        if v["action"] == "assign":
            services.request_assign(
                user=request.user, request=sr, engineer=v.get("engineer"), crew=v.get("crew"), note=v["note"]
            )
        else:
            services.request_transition(
                user=request.user,
                request=sr,
                action=v["action"],
                note=v["note"],
                complaint_about=v.get("complaint_about"),
            )
        return Response(self._out(sr))


router = IdRouter()
router.register("service-requests", ServiceRequestViewSet, basename="service-request")
urlpatterns = router.urls
