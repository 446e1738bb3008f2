"""The five FS-MS-KF-13 forms name who filled them in (recorder, crew leader, inspectors), never "—"."""

import os
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db


def test_the_forms_name_the_recorder_the_crew_leader_and_the_inspectors(
    client, bonus_people, make_work_order, tmp_path
):
    from decimal import Decimal as D

    from django.utils import timezone

    from workorders.bonus import services as bonus

    c, today = bonus_people, timezone.localdate()
    wo = make_work_order(
        reported=today, resolved=today, is_special=True, lines=(("AZ-101", "10"),), people=((c.zhang, "5"), (c.li, "3"))
    )
    wo.created_by = c.hr
    wo.save(update_fields=["created_by"])
    bonus.self_assessment_save(
        user=c.leader_user, work_order=wo, quality_assessment="合格", plan={c.zhang.pk: D(100), c.li.pk: D(100)}
    )
    scores = {"safety": D(90), "quality": D(85), "communication": D(80), "rules": D(95)}
    bonus.inspection_record(
        user=c.qs,
        work_order=wo,
        inspector_role="qs_officer",
        inspector_name="陈质安",
        inspected_on=today,
        scores=scores,
    )
    inspection = wo.inspections.first()
    client.force_login(bonus_people.hr)
    content = client.get(f"/workorders/{wo.pk}/forms.pdf").content
    path = tmp_path / "forms.pdf"
    path.write_bytes(content)
    if os.environ.get("INCDESK_KEEP_PDF"):
        (Path(os.environ["INCDESK_KEEP_PDF"]) / "forms.pdf").write_bytes(content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    recorder = bonus_people.hr.get_full_name() or bonus_people.hr.username
    assert text.count(recorder) >= 3, text  # 记录人 on the forms, 核算员 on the settlement
    assert "记录人" in text and "检查人" in text
    assert inspection.inspector_name in text
    if hasattr(wo, "self_assessment"):
        writer = wo.self_assessment.written_by
        assert (writer.get_full_name() or writer.username) in text
