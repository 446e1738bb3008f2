from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Absence,
    AnnualBonusTaxChoice,
    BankAccount,
    Crew,
    CrewMembership,
    Department,
    Engineer,
    EngineerSkill,
    Incident,
    PayScheme,
    SpecialDeductionClaim,
    TaxYearOpening,
)


@admin.register(Department)
class DepartmentAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "manager"]
    search_fields = ["code", "name"]


class SkillInline(admin.TabularInline):
    model = EngineerSkill
    extra = 0


class AbsenceInline(admin.TabularInline):
    model = Absence
    extra = 0


@admin.register(Engineer)
class EngineerAdmin(SimpleHistoryAdmin):
    list_display = ["employee_no", "name", "department", "employment_type", "status", "technical_grade"]
    list_filter = ["department", "employment_type", "status", "technical_grade"]
    search_fields = ["employee_no", "name", "phone"]
    autocomplete_fields = ["user"]
    inlines = [SkillInline, AbsenceInline]


class MembershipInline(admin.TabularInline):
    model = CrewMembership
    extra = 0
    autocomplete_fields = ["engineer"]


@admin.register(Crew)
class CrewAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "department", "leader"]
    list_filter = ["department"]
    search_fields = ["code", "name"]
    inlines = [MembershipInline]


@admin.register(CrewMembership)
class CrewMembershipAdmin(SimpleHistoryAdmin):
    list_display = ["crew", "engineer", "start_date", "end_date"]
    list_filter = ["crew"]


@admin.register(EngineerSkill)
class EngineerSkillAdmin(SimpleHistoryAdmin):
    list_display = ["engineer", "skill", "level", "certificate_no", "issuer", "issued_on", "expires_on"]
    list_filter = ["skill"]


@admin.register(Absence)
class AbsenceAdmin(SimpleHistoryAdmin):
    list_display = ["engineer", "start_date", "end_date", "kind", "excused"]
    list_filter = ["kind", "excused"]


@admin.register(Incident)
class IncidentAdmin(SimpleHistoryAdmin):
    list_display = ["engineer", "occurred_on", "kind", "description"]
    list_filter = ["kind"]
    search_fields = ["engineer__name", "engineer__employee_no", "description"]


@admin.register(PayScheme)
class PaySchemeAdmin(SimpleHistoryAdmin):
    list_display = ["engineer", "effective_from", "base_wage", "post_wage", "piece_rate_mode", "contribution_city"]
    list_filter = ["contribution_city", "piece_rate_mode"]
    search_fields = ["engineer__employee_no", "engineer__name"]
    autocomplete_fields = ["engineer"]


@admin.register(SpecialDeductionClaim)
class SpecialDeductionClaimAdmin(SimpleHistoryAdmin):
    list_display = ["engineer", "kind", "monthly_amount", "first_month", "last_month"]
    list_filter = ["kind"]
    search_fields = ["engineer__employee_no", "engineer__name"]
    autocomplete_fields = ["engineer"]


@admin.register(BankAccount)
class BankAccountAdmin(SimpleHistoryAdmin):
    list_display = ["engineer", "bank_code", "account_name"]
    search_fields = ["engineer__employee_no", "engineer__name"]
    autocomplete_fields = ["engineer"]


@admin.register(AnnualBonusTaxChoice)
class AnnualBonusTaxChoiceAdmin(SimpleHistoryAdmin):
    list_display = ["engineer", "year", "separately"]
    list_filter = ["year", "separately"]
    autocomplete_fields = ["engineer"]


@admin.register(TaxYearOpening)
class TaxYearOpeningAdmin(SimpleHistoryAdmin):
    list_display = ["engineer", "year", "through_month", "income", "contributions", "tax_withheld"]
    list_filter = ["year"]
    autocomplete_fields = ["engineer"]
