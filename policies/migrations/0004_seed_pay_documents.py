"""The wage standard, the income-tax rules and three cities' contributions, approved (see policies/defaults.py)."""

from django.db import migrations
from django.utils import timezone


def seed(apps, schema_editor):
    from policies.defaults import seed_pay_documents

    seed_pay_documents(apps.get_model("policies", "PolicyVersion"), timezone.now())


class Migration(migrations.Migration):
    dependencies = [("policies", "0003_withdrawn_proposals_free_their_version")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
