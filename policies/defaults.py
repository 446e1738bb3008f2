"""The documents a new installation starts with, approved: FS-MS-KF-13 A/2, the pay rules and the SLA.

Read by the seed migrations and by tests that flush the database. The pay documents' numbers are
public rules (the tax tables, 21.75 days, the overtime multipliers) or sample figures for the
cities (marked so in their titles), to be replaced by HR with a new version from the city's notice.
"""

from datetime import date

from incentives.policy import DEFAULTS_DIR

# (JSON file under incentives/policies, effective from)
PAY_DOCUMENTS = (
    ("KF-PAY_2019", date(2019, 1, 1)),
    ("IIT_2019", date(2019, 1, 1)),
    ("IIT_2022", date(2022, 1, 1)),
    ("IIT_2023", date(2023, 1, 1)),
    ("SI-FS_2025", date(2025, 7, 1)),
    ("SI-GZ_2025", date(2025, 7, 1)),
    ("SI-SZ_2025", date(2025, 7, 1)),
)
# The customer requests' service levels (seed 004, 第七章): in force for every request the system holds.
SERVICE_DOCUMENTS = (("SLA_A0", date(2020, 1, 1)),)
# Paid annual leave (职工带薪年休假条例, in force since 2008-01-01): seeded by welfare's migration.
LEAVE_DOCUMENTS = (("LEAVE_2008", date(2008, 1, 1)),)
# The career ladder and promotion standard (seeds 000 and 001), seeded by the careers app's migration.
CAREER_DOCUMENTS = (("KF-CAREER_A0", date(2020, 1, 1)),)


def seed_pay_documents(PolicyVersion, now, documents=PAY_DOCUMENTS) -> None:
    """Create each pay document's first versions, approved, unless they exist (idempotent)."""
    import json

    for name, effective_from in documents:
        params = json.loads((DEFAULTS_DIR / f"{name}.json").read_text(encoding="utf-8"))
        PolicyVersion.objects.get_or_create(
            document_no=params["document_no"],
            version=params["version"],
            defaults={
                "title": params["title"],
                "effective_from": effective_from,
                "status": "approved",
                "parameters": params,
                "approved_at": now,
                "revision_note": "随系统提供的初始版本",
            },
        )


def seed_service_documents(PolicyVersion, now) -> None:
    """The SLA document's first version, approved, unless it exists (idempotent)."""
    seed_pay_documents(PolicyVersion, now, SERVICE_DOCUMENTS)


def seed_career_documents(PolicyVersion, now) -> None:
    """The career document's first version, approved, unless it exists (idempotent)."""
    seed_pay_documents(PolicyVersion, now, CAREER_DOCUMENTS)
