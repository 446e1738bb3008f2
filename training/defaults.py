"""The study-reward document's first version (KF-STUDY A/0), approved: read by the seed migration and by tests
that flush the database."""

from datetime import date

STUDY_DOCUMENTS = (("KF-STUDY_A0", date(2020, 1, 1)),)


def seed_study_document(PolicyVersion, now) -> None:
    """KF-STUDY A/0, approved, unless it exists (idempotent)."""
    from policies.defaults import seed_pay_documents

    seed_pay_documents(PolicyVersion, now, STUDY_DOCUMENTS)
