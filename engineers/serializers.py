from rest_framework import serializers

from .models import Absence, Crew, CrewMembership, Department, Engineer, EngineerSkill


class DepartmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Department
        fields = ["id", "code", "name", "manager"]


class MembershipSerializer(serializers.ModelSerializer):
    engineer_name = serializers.CharField(source="engineer.name", read_only=True)

    class Meta:
        model = CrewMembership
        fields = ["id", "engineer", "engineer_name", "start_date", "end_date"]


class CrewSerializer(serializers.ModelSerializer):
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


class EngineerSerializer(serializers.ModelSerializer):
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
