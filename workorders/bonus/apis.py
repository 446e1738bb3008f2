"""API for bonus requests, their transitions, inspections and self-assessments.
Same services and permissions as the pages."""

from django.shortcuts import get_object_or_404
from django.urls import include, path
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from core.routers import IdRouter
from workorders.selectors import visible_work_orders

from . import services
from .selectors import inbox, visible_requests
from .serializers import (
    BonusRequestCreateSerializer,
    BonusRequestSerializer,
    BonusRequestUpdateSerializer,
    InspectionSerializer,
    SelfAssessmentSerializer,
    TransitionInSerializer,
    TransitionSerializer,
)


@extend_schema(tags=["bonus requests"])
class BonusRequestViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = BonusRequestSerializer
    filterset_fields = ["status", "kind", "work_order", "engineer"]

    def get_queryset(self):
        return visible_requests(self.request.user).prefetch_related("transitions__actor")

    def _out(self, bonus):
        return BonusRequestSerializer(self.get_queryset().get(pk=bonus.pk), context=self.get_serializer_context()).data

    @extend_schema(request=BonusRequestCreateSerializer, responses=BonusRequestSerializer)
    def create(self, request):
        data = BonusRequestCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = {k: v for k, v in data.validated_data.items() if v is not None}
        kind, work_order = fields.pop("kind"), fields.pop("work_order")
        get_object_or_404(visible_work_orders(request.user), pk=work_order.pk)
        bonus = services.bonus_request_propose(user=request.user, kind=kind, work_order=work_order, **fields)
        return Response(self._out(bonus), status=status.HTTP_201_CREATED)

    @extend_schema(request=BonusRequestUpdateSerializer, responses=BonusRequestSerializer)
    def partial_update(self, request, pk=None):
        data = BonusRequestUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        bonus = services.bonus_request_update(user=request.user, request=self.get_object(), **data.validated_data)
        return Response(self._out(bonus))

    @extend_schema(request=TransitionInSerializer, responses=BonusRequestSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        data = TransitionInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        bonus = services.bonus_request_transition(user=request.user, request=self.get_object(), **data.validated_data)
        return Response(self._out(bonus))

    @extend_schema(responses=TransitionSerializer(many=True))
    @action(detail=True, methods=["get"])
    def timeline(self, request, pk=None):
        return Response(TransitionSerializer(self.get_object().transitions.select_related("actor"), many=True).data)

    @extend_schema(responses=BonusRequestSerializer(many=True))
    # A page at a time, as the list (a general manager's inbox holds every department's reviewed crew
    # requests); not filtered: the inbox is what waits for the user, oldest first.
    @action(detail=False, methods=["get"], filter_backends=[])
    def inbox(self, request):
        page = self.paginate_queryset(inbox(request.user))
        return self.get_paginated_response(
            BonusRequestSerializer(page, many=True, context=self.get_serializer_context()).data
        )


class _WorkOrderScoped(APIView):
    def work_order(self, request, pk):
        return get_object_or_404(visible_work_orders(request.user), pk=pk)


@extend_schema(tags=["bonus requests"])
class InspectionsView(_WorkOrderScoped):
    serializer_class = InspectionSerializer

    @extend_schema(responses=InspectionSerializer(many=True))
    def get(self, request, pk):
        return Response(InspectionSerializer(self.work_order(request, pk).inspections.all(), many=True).data)

    @extend_schema(request=InspectionSerializer, responses=InspectionSerializer)
    def post(self, request, pk):
        wo = self.work_order(request, pk)
        data = InspectionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        inspection = services.inspection_record(
            user=request.user,
            work_order=wo,
            inspector_role=v["inspector_role"],
            inspector_name=v["inspector_name"],
            inspected_on=v["inspected_on"],
            notes=v.get("notes", ""),
            scores={k: v[k] for k in ("safety", "quality", "communication", "rules")},
        )
        return Response(InspectionSerializer(inspection).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["bonus requests"])
class SelfAssessmentView(_WorkOrderScoped):
    serializer_class = SelfAssessmentSerializer

    def get(self, request, pk):
        assessment = get_object_or_404(type(self).serializer_class.Meta.model, work_order=self.work_order(request, pk))
        return Response(SelfAssessmentSerializer(assessment).data)

    @extend_schema(request=SelfAssessmentSerializer, responses=SelfAssessmentSerializer)
    def put(self, request, pk):
        wo = self.work_order(request, pk)
        data = SelfAssessmentSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        plan = {line["engineer"].pk: line["pct"] for line in data.validated_data["lines"]}
        assessment = services.self_assessment_save(
            user=request.user, work_order=wo, quality_assessment=data.validated_data["quality_assessment"], plan=plan
        )
        return Response(SelfAssessmentSerializer(assessment).data)


router = IdRouter()
router.register("bonus-requests", BonusRequestViewSet, basename="bonus-request")

urlpatterns = [
    path("", include(router.urls)),
    path("work-orders/<int:pk>/inspections/", InspectionsView.as_view(), name="api-inspections"),
    path("work-orders/<int:pk>/self-assessment/", SelfAssessmentView.as_view(), name="api-self-assessment"),
]
