#!/usr/bin/env python
# ruff: noqa: E501  (the package XML parts below are kept verbatim)
"""How fast and how lean the work-order import refuses a file far over its limits.

    .venv/bin/python bench/import_limit.py                 (1,000,000 rows)
    .venv/bin/python bench/import_limit.py --rows 200000

Writes a work-order workbook of N rows on the fly (the template's 16 columns, text in
shared strings and a <dimension> tag, as Excel writes it), streamed into a temporary file in a child process so
the generation's memory is not counted, then times `work_orders_import` on it twice:

1. with the settings as shipped: refused on the upload's size, before anything is parsed;
2. with the byte limits lifted: openpyxl opens it (and reads the shared strings, which it
   always loads whole) and the import streams the rows, stopping at the row limit.

For each: wall time, the peak of Python allocations (tracemalloc) and the process's peak
resident memory (ru_maxrss). (Without a <dimension> tag, openpyxl reads a sheet through once
when it opens it, to size it: the unpacked-size limit is what bounds that.) The issue measured 203 s and about 1 GB before the limits
were checked while streaming. Runs on a throwaway SQLite database unless DATABASE_URL is set.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import sys
import tempfile
import time
import tracemalloc
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="工单" sheetId="1" r:id="rId1"/></sheets></workbook>"""
WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>"""
SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
# One example order; the number and the customer change per row (shared strings of their own).
ROW_TEXT = ["", "安装", "否", "D01", "C01", "", "13800000000", "佛山市南海区桂城街道1号", "2026-11-02 09:00",
            "2026-11-02 09:20", "2026-11-02 11:00", "2026-11-03 17:00", None, "是", "", "按天数"]  # fmt: skip
COLUMNS = "ABCDEFGHIJKLMNOP"


def write_workbook(path: str, rows: int) -> None:
    from workorders.imports import ORDER_COLUMNS

    fixed = sorted({t for t in ROW_TEXT if t} | {h for h, _k, _r in ORDER_COLUMNS})
    fixed_index = {t: i for i, t in enumerate(fixed)}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as out:
            out.write(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n')
            out.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
            out.write("".join(f"<si><t>{escape(t)}</t></si>" for t in fixed).encode())
            for n in range(rows):  # per row: its number, then its customer
                out.write(f"<si><t>WO-{n:07d}</t></si><si><t>客户{n}</t></si>".encode())
            out.write(b"</sst>")
        base = len(fixed)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as out:
            out.write(SHEET_HEAD.replace("<sheetData>", f'<dimension ref="A1:P{rows + 1}"/><sheetData>').encode())
            header = "".join(
                f'<c r="{COLUMNS[i]}1" t="s"><v>{fixed_index[h]}</v></c>' for i, (h, _k, _r) in enumerate(ORDER_COLUMNS)
            )
            out.write(f'<row r="1">{header}</row>'.encode())
            chunk = []
            for n in range(rows):
                r = n + 2
                cells = []
                for i, text in enumerate(ROW_TEXT):
                    ref = f"{COLUMNS[i]}{r}"
                    if i == 0:
                        cells.append(f'<c r="{ref}" t="s"><v>{base + 2 * n}</v></c>')
                    elif i == 5:
                        cells.append(f'<c r="{ref}" t="s"><v>{base + 2 * n + 1}</v></c>')
                    elif text is None:
                        cells.append(f'<c r="{ref}"><v>95</v></c>')
                    elif text:
                        cells.append(f'<c r="{ref}" t="s"><v>{fixed_index[text]}</v></c>')
                chunk.append(f'<row r="{r}">{"".join(cells)}</row>')
                if len(chunk) == 10_000:
                    out.write("".join(chunk).encode())
                    chunk.clear()
            out.write("".join(chunk).encode())
            out.write(b"</sheetData></worksheet>")


def measure(label: str, path: str) -> None:
    from workorders.imports import work_orders_import

    start = time.perf_counter()  # timed without tracemalloc, which slows allocation-heavy parsing severalfold
    with open(path, "rb") as file:
        result = work_orders_import(user=None, file=file)
    elapsed = time.perf_counter() - start
    tracemalloc.start()
    with open(path, "rb") as file:
        work_orders_import(user=None, file=file)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    assert not result.created and result.errors, "the file was not refused"
    print(f"{label}: {elapsed:6.2f} s, Python peak {peak / 2**20:7.1f} MiB, process peak RSS {rss:7.1f} MiB")
    print(f"    refused with: {result.errors[0].sheet or '-'} {result.errors[0].message}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="import-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.utils import translation

    call_command("migrate", verbosity=0)
    translation.activate("en")

    path = os.path.join(workdir, "orders.xlsx")
    start = time.perf_counter()
    child = multiprocessing.get_context("fork").Process(target=write_workbook, args=(path, args.rows))
    child.start()
    child.join()
    with zipfile.ZipFile(path) as z:
        unpacked = sum(i.file_size for i in z.infolist())
    print(
        f"{args.rows:,} rows written in {time.perf_counter() - start:.1f} s: "
        f"{os.path.getsize(path) / 2**20:.1f} MiB zipped, {unpacked / 2**20:.1f} MiB unpacked"
    )
    print(
        f"limits: {settings.WORKORDER_IMPORT_MAX_ROWS} rows, {settings.IMPORT_MAX_BYTES / 2**20:.0f} MiB upload, "
        f"{settings.IMPORT_MAX_UNZIPPED_BYTES / 2**20:.0f} MiB unpacked"
    )
    print(f"process peak RSS before importing: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f} MiB")
    measure("as shipped (size check)", path)
    settings.IMPORT_MAX_BYTES = settings.IMPORT_MAX_UNZIPPED_BYTES = 2**62
    measure("byte limits lifted (row count while streaming)", path)
    os.remove(path)


if __name__ == "__main__":
    main()
