from payroll.tests.conftest import closed, month  # noqa: F401  (the payroll tests' closed month of crew C01)
