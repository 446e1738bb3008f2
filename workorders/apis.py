"""API for work orders and piece-rate tables. Writes go through the services."""

from django.urls import include, path
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.permissions import HRWriteElseRead
from core.routers import IdRouter

from . import services
from .filters import WorkOrderFilter
from .models import PieceRateTable, WorkOrder
from .selectors import visible_work_orders
from .serializers import PieceRateTableSerializer, WorkOrderSerializer, WorkOrderWriteSerializer


@extend_schema(tags=["work orders"])
class WorkOrderViewSet(viewsets.ModelViewSet):
    permission_classes = [HRWriteElseRead]
    filterset_class = WorkOrderFilter
    ordering_fields = ["reported_at", "completed_on", "piece_rate_total_amount"]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        return (
            visible_work_orders(self.request.user)
            .prefetch_related("lines", "participants__engineer")
            .select_related("rate_table")
        )

    def get_serializer_class(self):
        return (
            WorkOrderWriteSerializer if self.action in ("create", "update", "partial_update") else WorkOrderSerializer
        )

    def _save(self, serializer, instance=None):
        data = dict(serializer.validated_data)
        # A PATCH that leaves out lines or participants keeps the ones stored.
        if "lines" in data:
            lines = [services.LineInput(**ln) for ln in data.pop("lines")]
        else:
            lines = [services.LineInput(ln.item_code, ln.quantity) for ln in instance.lines.all()]
        if "participants" in data:
            participants = [services.ParticipantInput(**p) for p in data.pop("participants")]
        else:
            participants = [
                services.ParticipantInput(p.engineer, p.days_worked, p.split_pct) for p in instance.participants.all()
            ]
        work_order = instance or WorkOrder()
        for field, value in data.items():
            setattr(work_order, field, value)
        work_order = services.work_order_save(
            user=self.request.user, work_order=work_order, lines=lines, participants=participants
        )
        return WorkOrderSerializer(self.get_queryset().get(pk=work_order.pk)).data

    @extend_schema(request=WorkOrderWriteSerializer, responses=WorkOrderSerializer)
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return Response(self._save(serializer), status=201)

    @extend_schema(request=WorkOrderWriteSerializer, responses=WorkOrderSerializer)
    def update(self, request, *args, **kwargs):
        instance = self.get_object()
        serializer = self.get_serializer(instance, data=request.data, partial=kwargs.get("partial", False))
        serializer.is_valid(raise_exception=True)
        return Response(self._save(serializer, instance))

    @extend_schema(request=WorkOrderWriteSerializer, responses=WorkOrderSerializer)
    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)


@extend_schema(tags=["piece-rate tables"])
class PieceRateTableViewSet(viewsets.ModelViewSet):
    serializer_class = PieceRateTableSerializer
    permission_classes = [HRWriteElseRead]
    queryset = PieceRateTable.objects.prefetch_related("items")
    filterset_fields = ["status"]
    http_method_names = ["get", "post", "head", "options"]

    @extend_schema(request=None, responses=PieceRateTableSerializer)
    @action(detail=True, methods=["post"])
    def activate(self, request, pk=None):
        table = services.rate_table_activate(user=request.user, table=self.get_object())
        return Response(self.get_serializer(table).data)


router = IdRouter()
router.register("work-orders", WorkOrderViewSet, basename="workorder")
router.register("piece-rate-tables", PieceRateTableViewSet, basename="piecerate-table")

urlpatterns = [path("", include(router.urls))]
