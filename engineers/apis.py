"""API for departments, crews and engineers; querysets scoped to what the user may see."""

from django.urls import include, path
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets

from core.permissions import HRWriteElseRead
from core.routers import IdRouter

from .models import Department
from .selectors import visible_crews, visible_engineers
from .serializers import CrewSerializer, DepartmentSerializer, EngineerSerializer


@extend_schema(tags=["engineers"])
class DepartmentViewSet(viewsets.ModelViewSet):
    serializer_class = DepartmentSerializer
    permission_classes = [HRWriteElseRead]
    queryset = Department.objects.all()
    search_fields = ["code", "name"]
    filterset_fields = ["code"]


@extend_schema(tags=["engineers"])
class CrewViewSet(viewsets.ModelViewSet):
    serializer_class = CrewSerializer
    permission_classes = [HRWriteElseRead]
    search_fields = ["code", "name"]
    filterset_fields = ["department"]

    def get_queryset(self):
        return visible_crews(self.request.user).prefetch_related("memberships__engineer")


@extend_schema(tags=["engineers"])
class EngineerViewSet(viewsets.ModelViewSet):
    serializer_class = EngineerSerializer
    permission_classes = [HRWriteElseRead]
    search_fields = ["employee_no", "name"]
    filterset_fields = ["department", "employment_type", "status", "technical_grade"]
    ordering_fields = ["employee_no", "hire_date", "name"]

    def get_queryset(self):
        return visible_engineers(self.request.user).prefetch_related("skills", "absences")


router = IdRouter()
router.register("departments", DepartmentViewSet, basename="department")
router.register("crews", CrewViewSet, basename="crew")
router.register("engineers", EngineerViewSet, basename="engineer")

urlpatterns = [path("", include(router.urls))]
