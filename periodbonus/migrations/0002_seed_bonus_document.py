"""The quarterly and year-end bonus document (KF-BONUS, version A/0), approved, in force from 2020-01-01."""

from datetime import date

from django.db import migrations
from django.utils import timezone


def seed(apps, schema_editor):
    from policies.defaults import seed_pay_documents

    seed_pay_documents(apps.get_model("policies", "PolicyVersion"), timezone.now(), (("KF-BONUS_A0", date(2020, 1, 1)),))


class Migration(migrations.Migration):
    dependencies = [("periodbonus", "0001_bonus_rounds"), ("policies", "0005_seed_sla_document")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
