"""A short text that changes when the deployed code does (core/live_pages.py keys by it)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

SKIPPED = {".venv", ".git", "staticfiles", "node_modules", "__pycache__", "media", ".ci", "bench", "docs"}


def code_version(root: Path) -> str:
    """A hash of every .py and template file's path, size and modification time under `root` (~1,000
    files, a few milliseconds once a process)."""
    digest = hashlib.sha256()
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(d for d in subfolders if d not in SKIPPED)
        for name in sorted(files):
            if name.endswith((".py", ".html", ".txt", ".mo")):
                stat = os.stat(os.path.join(folder, name))
                digest.update(f"{folder}/{name}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]
