"""Version A/2 of FS-MS-KF-13 (effective 2009-04-01) with DOMAIN.md's defaults, approved.

The seed document was approved on paper; the record says so in its revision note.
"""

import json
from datetime import date
from pathlib import Path

from django.db import migrations
from django.utils import timezone

A2 = Path(__file__).resolve().parents[2] / "incentives" / "policies" / "FS-MS-KF-13_A2.json"


def seed(apps, schema_editor):
    PolicyVersion = apps.get_model("payroll", "PolicyVersion")
    params = json.loads(A2.read_text(encoding="utf-8"))
    PolicyVersion.objects.get_or_create(
        document_no="FS-MS-KF-13",
        version="A/2",
        defaults={
            "title": params["title"],
            "effective_from": date(2009, 4, 1),
            "status": "approved",
            "parameters": params,
            "approved_at": timezone.now(),
            "revision_note": "A/0 2005-05-16 首次发布;A/1 2006-04-17 部门调整及部分修订;A/2 2008-12-16 重新修订(纸质文件已批准)",
        },
    )


class Migration(migrations.Migration):
    dependencies = [("payroll", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
