"""API of the pay set-up: the same services and scopes as the pages.

Pay readers (the engineer, their department's manager, HR, finance, general managers) read;
HR clerks write; everyone else gets a 404 for an engineer's rows, as if they did not exist.
Bank account numbers come in full to HR and finance only, masked to every other pay reader.
Money is sent as strings; a rate as a fraction ("0.8000" is 80 %).
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.urls import include, path
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from core.permissions import HRWriteElseRead
from core.routers import IdRouter
from engineers.models import AnnualBonusTaxChoice, BankAccount, Engineer, PayScheme, SpecialDeductionClaim
from policies.choices import AdditionalDeduction, Bank, PieceRateMode

from . import services
from .selectors import (
    bank_accounts_for,
    bonus_tax_choices_for,
    deduction_claims_for,
    pay_engineers,
    pay_schemes_for,
    sees_full_account_no,
    shown_account_no,
)


class NotesMixin(serializers.Serializer):
    notes = serializers.SerializerMethodField(help_text="What the save noticed and did not refuse (write answers).")

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_notes(self, obj):
        return self.context.get("notes", [])


class PaySchemeSerializer(NotesMixin, serializers.ModelSerializer):
    class Meta:
        model = PayScheme
        fields = [
            "id",
            "engineer",
            "effective_from",
            "base_wage",
            "post_wage",
            "probation_rate",
            "piece_rate_mode",
            "contribution_city",
            "contribution_base",
            "note",
            "notes",
        ]


class PaySchemeInSerializer(serializers.Serializer):
    effective_from = serializers.DateField()
    base_wage = serializers.DecimalField(max_digits=12, decimal_places=2)
    post_wage = serializers.DecimalField(max_digits=12, decimal_places=2, required=False, default="0.00")
    probation_rate = serializers.DecimalField(
        max_digits=5, decimal_places=4, required=False, default="0.8000", help_text="A fraction: 0.8000 is 80 %."
    )
    piece_rate_mode = serializers.ChoiceField(choices=PieceRateMode.choices, required=False, default="adds")
    contribution_city = serializers.CharField(required=False, allow_blank=True, default="", max_length=20)
    contribution_base = serializers.DecimalField(max_digits=12, decimal_places=2, required=False, default="0.00")
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)


class PaySchemeCreateSerializer(PaySchemeInSerializer):
    engineer = serializers.PrimaryKeyRelatedField(queryset=Engineer.objects.all())


def _scheme_input(values: dict, scheme: PayScheme | None = None) -> services.SchemeInput:
    """The sent values over the stored ones (a PATCH sends only some)."""
    names = [f for f in PaySchemeInSerializer().fields]
    base = {n: getattr(scheme, n) for n in names} if scheme else {}
    return services.SchemeInput(**{**base, **{n: values[n] for n in names if n in values}})


@extend_schema(tags=["pay"])
class PaySchemeViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Each engineer's pay schemes, newest first: a change of pay is a new scheme from a date; a scheme
    no closed month used may be corrected (PUT/PATCH) or deleted."""

    serializer_class = PaySchemeSerializer
    permission_classes = [HRWriteElseRead]
    filterset_fields = ["engineer"]

    def get_queryset(self):
        return pay_schemes_for(self.request.user)

    @extend_schema(request=PaySchemeCreateSerializer, responses={201: PaySchemeSerializer})
    def create(self, request):
        data = PaySchemeCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        saved = services.pay_scheme_create(
            user=request.user, engineer=values.pop("engineer"), data=_scheme_input(values)
        )
        return Response(PaySchemeSerializer(saved.obj, context={"notes": saved.notes}).data, status=201)

    @extend_schema(request=PaySchemeInSerializer, responses=PaySchemeSerializer)
    def update(self, request, pk=None):
        return self._correct(request, partial=False)

    @extend_schema(request=PaySchemeInSerializer, responses=PaySchemeSerializer)
    def partial_update(self, request, pk=None):
        return self._correct(request, partial=True)

    def _correct(self, request, *, partial: bool):
        scheme = self.get_object()
        data = PaySchemeInSerializer(data=request.data, partial=partial)
        data.is_valid(raise_exception=True)
        saved = services.pay_scheme_correct(
            user=request.user, scheme=scheme, data=_scheme_input(data.validated_data, scheme)
        )
        return Response(PaySchemeSerializer(saved.obj, context={"notes": saved.notes}).data)

    def perform_destroy(self, instance):
        services.pay_scheme_delete(user=self.request.user, scheme=instance)


class ClaimSerializer(NotesMixin, serializers.ModelSerializer):
    class Meta:
        model = SpecialDeductionClaim
        fields = ["id", "engineer", "kind", "monthly_amount", "first_month", "last_month", "note", "notes"]


class ClaimInSerializer(serializers.Serializer):
    engineer = serializers.PrimaryKeyRelatedField(queryset=Engineer.objects.all())
    kind = serializers.ChoiceField(choices=AdditionalDeduction.choices)
    monthly_amount = serializers.DecimalField(max_digits=10, decimal_places=2)
    first_month = serializers.DateField(help_text="The month's first day, e.g. 2026-03-01.")
    last_month = serializers.DateField(required=False, allow_null=True, default=None)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)


class ClaimEndSerializer(serializers.Serializer):
    last_month = serializers.DateField(help_text="The last month claimed, as its first day.")


@extend_schema(tags=["pay"])
class ClaimViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Special additional deductions (专项附加扣除) each engineer claims per month."""

    serializer_class = ClaimSerializer
    permission_classes = [HRWriteElseRead]
    filterset_fields = ["engineer", "kind"]

    def get_queryset(self):
        return deduction_claims_for(self.request.user)

    @extend_schema(request=ClaimInSerializer, responses={201: ClaimSerializer})
    def create(self, request):
        data = ClaimInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        saved = services.deduction_claim_add(user=request.user, **data.validated_data)
        return Response(ClaimSerializer(saved.obj, context={"notes": saved.notes}).data, status=201)

    @extend_schema(request=ClaimEndSerializer, responses=ClaimSerializer)
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        claim = self.get_object()
        data = ClaimEndSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        saved = services.deduction_claim_end(user=request.user, claim=claim, **data.validated_data)
        return Response(ClaimSerializer(saved.obj, context={"notes": saved.notes}).data)

    def perform_destroy(self, instance):
        services.deduction_claim_delete(user=self.request.user, claim=instance)


class BonusTaxChoiceSerializer(serializers.ModelSerializer):
    class Meta:
        model = AnnualBonusTaxChoice
        fields = ["id", "engineer", "year", "separately"]


class BonusTaxChoiceInSerializer(serializers.Serializer):
    engineer = serializers.PrimaryKeyRelatedField(queryset=Engineer.objects.all())
    year = serializers.IntegerField(min_value=services.FIRST_YEAR, max_value=services.LAST_YEAR)
    separately = serializers.BooleanField()


@extend_schema(tags=["pay"])
class BonusTaxChoiceViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Per engineer and year: tax the December annual awards separately (where the rules allow) or with wages."""

    serializer_class = BonusTaxChoiceSerializer
    permission_classes = [HRWriteElseRead]
    filterset_fields = ["engineer", "year"]

    def get_queryset(self):
        return bonus_tax_choices_for(self.request.user)

    @extend_schema(request=BonusTaxChoiceInSerializer, responses={200: BonusTaxChoiceSerializer})
    def create(self, request):
        """Set the year's choice (the same engineer and year again changes it)."""
        data = BonusTaxChoiceInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        saved = services.bonus_tax_choice_set(user=request.user, **data.validated_data)
        return Response(BonusTaxChoiceSerializer(saved.obj).data)


class BankAccountSerializer(serializers.ModelSerializer):
    bank_name = serializers.CharField(source="get_bank_code_display", read_only=True)
    account_no = serializers.SerializerMethodField(help_text="In full for HR and finance, else masked.")
    masked = serializers.SerializerMethodField()
    notes = serializers.SerializerMethodField()

    class Meta:
        model = BankAccount
        fields = ["engineer", "bank_code", "bank_name", "account_no", "masked", "account_name", "branch", "notes"]

    def get_account_no(self, obj) -> str:
        return shown_account_no(self.context["request"].user, obj.account_no)

    def get_masked(self, obj) -> bool:
        return not sees_full_account_no(self.context["request"].user)

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_notes(self, obj):
        return self.context.get("notes", [])


class BankAccountInSerializer(serializers.Serializer):
    bank_code = serializers.ChoiceField(choices=Bank.choices)
    account_no = serializers.CharField(max_length=40, help_text="12 to 19 digits; spaces are ignored.")
    account_name = serializers.CharField(max_length=50)
    branch = serializers.CharField(required=False, allow_blank=True, default="", max_length=100)


@extend_schema(tags=["pay"])
class EngineerBankAccountView(APIView):
    """The engineer's bank account for payroll transfers (代发)."""

    permission_classes = [HRWriteElseRead]

    @extend_schema(responses=BankAccountSerializer)
    def get(self, request, pk):
        engineer = get_object_or_404(pay_engineers(request.user), pk=pk)
        account = bank_accounts_for(request.user).filter(engineer=engineer).first()
        if account is None:
            raise NotFound(_("%(name)s has no bank account yet.") % {"name": engineer.name})
        return Response(BankAccountSerializer(account, context={"request": request}).data)

    @extend_schema(request=BankAccountInSerializer, responses=BankAccountSerializer)
    def put(self, request, pk):
        engineer = get_object_or_404(pay_engineers(request.user), pk=pk)
        data = BankAccountInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        saved = services.bank_account_set(user=request.user, engineer=engineer, **data.validated_data)
        return Response(BankAccountSerializer(saved.obj, context={"request": request, "notes": saved.notes}).data)


router = IdRouter()
router.register("pay-schemes", PaySchemeViewSet, basename="pay-scheme")
router.register("deduction-claims", ClaimViewSet, basename="deduction-claim")
router.register("bonus-tax-choices", BonusTaxChoiceViewSet, basename="bonus-tax-choice")

urlpatterns = [
    path("", include(router.urls)),
    path("engineers/<int:pk>/bank-account/", EngineerBankAccountView.as_view(), name="engineer-bank-account"),
]
