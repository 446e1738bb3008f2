from decimal import Decimal

from django.utils.translation import gettext as _
from rest_framework import serializers

from core.serializers import ModelRulesMixin

from .models import Absence, Crew, CrewMembership, Department, Engineer, EngineerSkill
from .selectors import reads_pay_of


class DepartmentSerializer(ModelRulesMixin, serializers.ModelSerializer):
    class Meta:
        model = Department
        fields = ["id", "code", "name", "manager"]


class MembershipSerializer(serializers.ModelSerializer):
    engineer_name = serializers.CharField(source="engineer.name", read_only=True)

    class Meta:
        model = CrewMembership
        fields = ["id", "engineer", "engineer_name", "start_date", "end_date"]


class CrewSerializer(ModelRulesMixin, serializers.ModelSerializer):
    memberships = MembershipSerializer(many=True, read_only=True)

    class Meta:
        model = Crew
        fields = ["id", "code", "name", "department", "leader", "memberships"]


class SkillSerializer(serializers.ModelSerializer):
    class Meta:
        model = EngineerSkill
        fields = ["skill", "certificate_no", "issued_on", "expires_on"]


class AbsenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Absence
        fields = ["start_date", "end_date", "kind", "excused", "note"]


class EngineerSerializer(ModelRulesMixin, serializers.ModelSerializer):
    skills = SkillSerializer(many=True, read_only=True)
    absences = AbsenceSerializer(many=True, read_only=True)

    class Meta:
        model = Engineer
        fields = [
            "id",
            "employee_no",
            "name",
            "phone",
            "department",
            "hire_date",
            "probation_end",
            "employment_type",
            "status",
            "leaving_date",
            "technical_grade",
            "career_rank",
            "performance_pay_base_amount",
            "skills",
            "absences",
        ]
        extra_kwargs = {"performance_pay_base_amount": {"min_value": Decimal("0")}}

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        # The performance-pay base is pay: only for those who read this engineer's pay.
        if request is not None and not reads_pay_of(request.user, instance):
            data["performance_pay_base_amount"] = None
        return data

    def validate(self, attrs):
        """Dates in order, whichever of them the request changes (a PATCH sends only some)."""
        hire = attrs.get("hire_date", getattr(self.instance, "hire_date", None))
        for field in ("probation_end", "leaving_date"):
            value = attrs.get(field, getattr(self.instance, field, None))
            if hire and value and value < hire:
                raise serializers.ValidationError({field: [_("Cannot be before the hire date (%(d)s).") % {"d": hire}]})
        return super().validate(attrs)
