from servicedesk.tests.conftest import desk, log  # noqa: F401  (a logged customer call, as the service desk tests make)
