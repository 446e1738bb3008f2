"""The career ladder and promotion standard (document KF-CAREER, version A/0), approved (policies/defaults.py)."""

from django.db import migrations
from django.utils import timezone


def seed(apps, schema_editor):
    from policies.defaults import seed_career_documents

    seed_career_documents(apps.get_model("policies", "PolicyVersion"), timezone.now())


class Migration(migrations.Migration):
    dependencies = [("careers", "0001_promotion_reviews"), ("policies", "0005_seed_sla_document")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
