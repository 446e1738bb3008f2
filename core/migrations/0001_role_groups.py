from django.db import migrations

ROLE_CODES = [
    "hr_clerk",
    "qs_officer",
    "supervisor",
    "crew_leader",
    "dept_manager",
    "general_manager",
    "finance",
    "engineer",
]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for code in ROLE_CODES:
        Group.objects.get_or_create(name=code)


class Migration(migrations.Migration):
    dependencies = [("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
