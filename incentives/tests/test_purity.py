"""The engine must stay pure: no Django (or ORM) import anywhere under incentives/."""

import ast
from pathlib import Path

ENGINE = Path(__file__).resolve().parent.parent
FORBIDDEN = ("django", "rest_framework", "celery", "engineers", "workorders", "payroll", "core", "config")


def _imported_modules(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def test_no_engine_module_imports_django_or_an_app():
    offenders = [
        f"{path.relative_to(ENGINE)} imports {module}"
        for path in ENGINE.rglob("*.py")
        if "tests" not in path.parts
        for module in _imported_modules(path)
        if module.split(".")[0] in FORBIDDEN
    ]
    assert offenders == []


def test_the_purity_check_sees_a_django_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from django.db import models\n")
    assert list(_imported_modules(bad)) == ["django.db"]
