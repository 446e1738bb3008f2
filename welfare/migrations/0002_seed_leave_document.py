"""The paid annual leave document (LEAVE 2008: the national rule's tiers), approved (policies/defaults.py)."""

from django.db import migrations
from django.utils import timezone


def seed(apps, schema_editor):
    from policies.defaults import LEAVE_DOCUMENTS, seed_pay_documents

    seed_pay_documents(apps.get_model("policies", "PolicyVersion"), timezone.now(), LEAVE_DOCUMENTS)


class Migration(migrations.Migration):
    dependencies = [("welfare", "0001_welfare_grants"), ("policies", "0005_seed_sla_document")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
