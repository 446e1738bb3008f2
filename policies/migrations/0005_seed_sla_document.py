"""The customer requests' service levels (document SLA, version A/0), approved (see policies/defaults.py)."""

from django.db import migrations
from django.utils import timezone


def seed(apps, schema_editor):
    from policies.defaults import seed_service_documents

    seed_service_documents(apps.get_model("policies", "PolicyVersion"), timezone.now())


class Migration(migrations.Migration):
    dependencies = [("policies", "0004_seed_pay_documents")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
