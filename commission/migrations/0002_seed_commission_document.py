"""The commission document KF-COMM A/0 (seed 001, 售后客服、销售岗位业绩激励方案), approved, from 2020-01-01."""

from datetime import date

from django.db import migrations
from django.utils import timezone

COMMISSION_DOCUMENTS = (("KF-COMM_A0", date(2020, 1, 1)),)


def seed(apps, schema_editor):
    from policies.defaults import seed_pay_documents

    seed_pay_documents(apps.get_model("policies", "PolicyVersion"), timezone.now(), COMMISSION_DOCUMENTS)


class Migration(migrations.Migration):
    dependencies = [("commission", "0001_initial"), ("policies", "0005_seed_sla_document")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
