"""API for attendance months: the same scopes, services and messages as the grid and the import.

Everyone signed in lists what pay_scope lets them read; only HR clerks write. A write that breaks
a rule answers 400 with {"code", "message", "fields"}, each field naming the column (and, in a
bulk upsert, the row: "rows[2].sick_leave_days")."""

from django.urls import include, path
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.permissions import HRWriteElseRead
from core.routers import IdRouter
from core.serializers import ModelRulesMixin
from engineers.models import Engineer

from . import hooks
from .errors import AttendanceErrorCode
from .models import AttendanceMonth
from .months import Month
from .selectors import visible_attendance
from .services import FIELDS, ROW, AttendanceGridError, attendance_save, overtime_warning

YEAR = {"min_value": Month.FIRST_YEAR, "max_value": Month.LAST_YEAR}


def _value_field():
    # Wide enough to read anything a person might send; the service says what is allowed and why.
    return serializers.DecimalField(max_digits=8, decimal_places=4, required=False)


class AttendanceMonthSerializer(serializers.ModelSerializer):
    employee_no = serializers.CharField(source="engineer.employee_no", read_only=True)
    name = serializers.CharField(source="engineer.name", read_only=True)
    department = serializers.IntegerField(source="engineer.department_id", read_only=True)
    warnings = serializers.SerializerMethodField()

    class Meta:
        model = AttendanceMonth
        fields = ["id", "engineer", "employee_no", "name", "department", "year", "month", *FIELDS, "warnings"]
        read_only_fields = fields

    def get_warnings(self, obj) -> list[str]:
        """Saved but worth a look: overtime above the Labour Law's monthly limit, paid leave past the balance."""
        warning = overtime_warning({f: getattr(obj, f) for f in FIELDS}, obj.engineer, Month(obj.year, obj.month))
        leave = hooks.paid_leave_warnings([obj]).get(obj.engineer_id)
        return [w for w in (warning, leave) if w]


class AttendanceCreateSerializer(ModelRulesMixin, serializers.ModelSerializer):
    year = serializers.IntegerField(**YEAR)
    month = serializers.IntegerField(min_value=1, max_value=12)

    class Meta:
        model = AttendanceMonth
        fields = ["engineer", "year", "month", *FIELDS]
        extra_kwargs = {"engineer": {"queryset": Engineer.objects.all()}}
        validators = []  # one row per engineer and month: validate() says so, and where the row is

    def get_fields(self):
        fields = super().get_fields()
        for name in FIELDS:
            fields[name] = _value_field()
        return fields

    def validate(self, attrs):
        # One row per engineer and month, said with where the row is; then the model's rules on who
        # and when. The values are the service's to check, with the grid's messages.
        existing = AttendanceMonth.objects.filter(
            engineer=attrs["engineer"], year=attrs["year"], month=attrs["month"]
        ).first()
        if existing:
            raise serializers.ValidationError(
                _("%(engineer)s already has attendance for %(month)s: change it at /api/attendance-months/%(id)d/.")
                % {"engineer": existing.engineer, "month": Month(existing.year, existing.month), "id": existing.pk}
            )
        values = {f: attrs.pop(f) for f in FIELDS if f in attrs}
        return {**super().validate(attrs), **values}


class AttendanceValuesSerializer(serializers.Serializer):
    def get_fields(self):
        return {name: _value_field() for name in FIELDS}


class BulkRowSerializer(serializers.Serializer):
    engineer = serializers.IntegerField(required=False, min_value=1, help_text="The engineer's id, or:")
    employee_no = serializers.CharField(required=False, max_length=20, help_text="the employee no. (工号).")

    def get_fields(self):
        fields = super().get_fields()
        for name in FIELDS:
            fields[name] = _value_field()
        return fields

    def validate(self, attrs):
        if "engineer" not in attrs and not attrs.get("employee_no"):
            raise serializers.ValidationError({"engineer": [_("Give the engineer's id or employee_no.")]})
        return attrs


class BulkInSerializer(serializers.Serializer):
    year = serializers.IntegerField(**YEAR)
    month = serializers.IntegerField(min_value=1, max_value=12)
    rows = BulkRowSerializer(many=True, allow_empty=False, max_length=5000)


class BulkWarningSerializer(serializers.Serializer):
    engineer = serializers.IntegerField()
    message = serializers.CharField()


class BulkOutSerializer(serializers.Serializer):
    saved = serializers.IntegerField(help_text="rows created or changed")
    unchanged = serializers.IntegerField()
    warnings = BulkWarningSerializer(many=True)
    rows = AttendanceMonthSerializer(many=True, help_text="the rows created or changed")


class AttendanceFilter(filters.FilterSet):
    department = filters.NumberFilter(field_name="engineer__department")

    class Meta:
        model = AttendanceMonth
        fields = ["year", "month", "engineer", "department"]


def _field_name(name: str) -> str:
    return "engineer" if name == ROW else name


def _refused(exc: AttendanceGridError, key) -> Response:
    fields: dict[str, list[str]] = {}
    for cell in exc.cells:
        fields.setdefault(key(cell), []).append(cell.message)
    return Response({"code": exc.code, "message": str(exc.message), "fields": fields}, status=400)


@extend_schema(tags=["attendance"])
class AttendanceMonthViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Each engineer's month of attendance: days worked, leave, absence, overtime hours by kind."""

    permission_classes = [HRWriteElseRead]
    filterset_class = AttendanceFilter
    search_fields = ["engineer__employee_no", "engineer__name"]
    ordering_fields = ["year", "month", "engineer__employee_no"]

    def get_queryset(self):
        return visible_attendance(self.request.user)

    def get_serializer_class(self):
        if self.action == "create":
            return AttendanceCreateSerializer
        if self.action in ("update", "partial_update"):
            return AttendanceValuesSerializer
        if self.action == "bulk":
            return BulkInSerializer
        return AttendanceMonthSerializer

    def _saved(self, engineer_id: int, month: Month, values, *, created: bool) -> Response:
        try:
            attendance_save(user=self.request.user, month=month, rows={engineer_id: values}, reason="API")
        except AttendanceGridError as exc:
            return _refused(exc, lambda c: _field_name(c.field))
        row = self.get_queryset().get(engineer_id=engineer_id, year=month.year, month=month.month)
        return Response(
            AttendanceMonthSerializer(row, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )

    @extend_schema(request=AttendanceCreateSerializer, responses={201: AttendanceMonthSerializer})
    def create(self, request, *args, **kwargs):
        """HR enters one engineer's month (refused when it exists: update it instead)."""
        data = self.get_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        attrs = dict(data.validated_data)
        engineer, month = attrs.pop("engineer"), Month(attrs.pop("year"), attrs.pop("month"))
        return self._saved(engineer.pk, month, attrs, created=True)

    @extend_schema(request=AttendanceValuesSerializer, responses=AttendanceMonthSerializer)
    def update(self, request, *args, **kwargs):
        """HR changes a month's values; those left out keep their stored value."""
        row = self.get_object()
        data = self.get_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._saved(row.engineer_id, Month(row.year, row.month), dict(data.validated_data), created=False)

    @extend_schema(request=AttendanceValuesSerializer, responses=AttendanceMonthSerializer)
    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, **kwargs)

    @extend_schema(request=BulkInSerializer, responses=BulkOutSerializer)
    @action(detail=False, methods=["post"])
    def bulk(self, request):
        """HR upserts a month for many engineers at once, all or nothing: a row per engineer (by id
        or employee no.); values left out keep their stored value, or are 0 on a new row."""
        data = BulkInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        month = Month(data.validated_data["year"], data.validated_data["month"])
        given = data.validated_data["rows"]
        numbers = {r["employee_no"] for r in given if "engineer" not in r}
        by_number = dict(Engineer.objects.filter(employee_no__in=numbers).values_list("employee_no", "pk"))
        rows, index_of, problems = {}, {}, {}
        for i, row in enumerate(given):
            engineer_id = row.get("engineer") or by_number.get(row.get("employee_no"))
            if engineer_id is None:
                problems[f"rows[{i}].employee_no"] = [_("No engineer has this employee no.")]
                continue
            if engineer_id in index_of:
                problems[f"rows[{i}].engineer"] = [
                    _("The same engineer as rows[%(i)d].") % {"i": index_of[engineer_id]}
                ]
                continue
            index_of[engineer_id] = i
            rows[engineer_id] = {f: row[f] for f in FIELDS if f in row}
        if problems:
            return Response(
                {
                    "code": AttendanceErrorCode.INVALID_CELLS,
                    "message": _("Some attendance is not valid: nothing was saved."),
                    "fields": problems,
                },
                status=400,
            )
        try:
            result = attendance_save(user=request.user, month=month, rows=rows, reason="API")
        except AttendanceGridError as exc:
            return _refused(exc, lambda c: f"rows[{index_of.get(c.engineer_id, '?')}].{_field_name(c.field)}")
        context = self.get_serializer_context()
        return Response(
            BulkOutSerializer(
                {
                    "saved": len(result.saved),
                    "unchanged": result.unchanged,
                    "warnings": [{"engineer": w.engineer_id, "message": w.message} for w in result.warnings],
                    "rows": result.saved,
                },
                context=context,
            ).data
        )


router = IdRouter()
router.register("attendance-months", AttendanceMonthViewSet, basename="attendance")
urlpatterns = [path("", include(router.urls))]
