"""The study-reward document (KF-STUDY, version A/0), approved (see training/defaults.py)."""

from django.db import migrations
from django.utils import timezone


def seed(apps, schema_editor):
    from training.defaults import seed_study_document

    seed_study_document(apps.get_model("policies", "PolicyVersion"), timezone.now())


class Migration(migrations.Migration):
    dependencies = [("training", "0001_initial"), ("policies", "0005_seed_sla_document")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
