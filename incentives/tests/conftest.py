import pytest

from incentives.policy import Policy


@pytest.fixture(scope="session")
def policy() -> Policy:
    """Version A/2 of FS-MS-KF-13 with DOMAIN.md's defaults."""
    return Policy.load_default()
