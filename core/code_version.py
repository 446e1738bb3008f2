"""A short text that changes when the deployed code does (live_pages.py keys by it)."""

from __future__ import annotations

import functools
import hashlib
import os
from importlib import metadata
from pathlib import Path

SKIPPED = {".venv", ".git", "staticfiles", "node_modules", "__pycache__", "media", "var", ".ci", "bench", "docs"}
ROOT = Path(__file__).resolve().parent.parent


@functools.cache
def code_version() -> str:
    """A hash of the project's Python, templates and translations (their contents) and of every installed
    package's name and version: a deploy or an upgrade of Django renders kept pages afresh. Once a process
    (~1,000 files, some tens of milliseconds), on the first page that keeps something."""
    digest = hashlib.sha256()
    for folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = sorted(d for d in subfolders if d not in SKIPPED)
        for name in sorted(files):
            if name.endswith((".py", ".html", ".mo")):
                path = os.path.join(folder, name)
                digest.update(f"{os.path.relpath(path, ROOT)}\n".encode())
                with open(path, "rb") as source:
                    digest.update(source.read())
    packages = sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions())
    digest.update("\n".join(packages).encode())
    return digest.hexdigest()[:16]
