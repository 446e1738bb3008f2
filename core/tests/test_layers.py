"""Layers that only point down: an app imports only from the apps below it.

The order is settings.INSTALLED_APPS's (lowest first), with the pure engine under all of
them and config (settings, URLs, the Celery app) over all of them. An import inside a
function counts as much as one at the top of a module, and so does a model reference
written as a string ("engineers.Engineer"): each is a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PROJECT_APPS = [app for app in settings.INSTALLED_APPS if (ROOT / app).is_dir()]
LAYERS = ["incentives", *PROJECT_APPS, "config"]
FIELD_CALLS = {"ForeignKey", "OneToOneField", "ManyToManyField"}


def _imported_packages(tree: ast.AST, module: str, is_package: bool) -> list[tuple[int, str]]:
    """(line, top-level package) of every import and string model reference in a module."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name.split(".")[0]) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against this module's package
                package = module.split(".") if is_package else module.split(".")[:-1]
                base = package[: len(package) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.append((node.lineno, target.split(".")[0]))
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", None)) in FIELD_CALLS:
            arg = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "to"), None)
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and "." in arg.value:
                found.append((node.lineno, arg.value.split(".")[0]))
    return found


def upward_imports(root: Path, layers: list[str]) -> list[str]:
    """Every import in `root`'s layer packages of a package from a higher layer, as 'file:line: a → b'."""
    rank = {name: i for i, name in enumerate(layers)}
    problems = []
    for layer in layers:
        for path in sorted((root / layer).rglob("*.py")):
            relative = path.relative_to(root)
            is_package = path.name == "__init__.py"
            parts = relative.with_suffix("").parts
            module = ".".join(parts[:-1] if is_package else parts)
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for line, package in _imported_packages(tree, module, is_package):
                if package in rank and rank[package] > rank[layer]:
                    problems.append(f"{relative}:{line}: {layer} → {package}")
    return problems


def test_every_app_imports_only_from_the_layers_below_it():
    assert upward_imports(ROOT, LAYERS) == []


def test_the_layers_are_the_documented_ones():
    assert LAYERS == [
        "incentives",
        "core",
        "policies",
        "engineers",
        "ledger",
        "paysetup",
        "attendance",
        "workorders",
        "servicedesk",
        "training",
        "appraisal",
        "welfare",
        "commission",
        "periodbonus",
        "careers",
        "payroll",
        "feedback",
        "whatif",
        "desk",
        "config",
    ]
    architecture = (ROOT / "README.md").read_text(encoding="utf-8").split("## Architecture")[1]
    positions = [architecture.index(f"\n{name}/") for name in LAYERS]
    assert positions == sorted(positions, reverse=True), "README's Architecture section draws the layers top-down"


def test_an_upward_import_is_found_at_module_level_inside_a_function_and_as_a_model_string(tmp_path):
    for package, source in {
        "low": "import os\nfrom . import helpers\n",
        "low/helpers": "def f():\n    from high.views import x\n    return x\n",
        "low/models": 'from django.db import models\nowner = models.ForeignKey("high.Owner", on_delete=None)\n',
        "mid": "from low import helpers\nimport high.models\n",
        "high": "from mid import anything\n",
    }.items():
        path = tmp_path / f"{package}.py"
        if "/" not in package:
            path = tmp_path / package / "__init__.py"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source)
    assert upward_imports(tmp_path, ["low", "mid", "high"]) == [
        "low/helpers.py:2: low → high",
        "low/models.py:2: low → high",
        "mid/__init__.py:2: mid → high",
    ]
