"""Bank payment file layouts (代发工资模板) as data: one JSON file per layout in payroll/bank_layouts/.

A bank changes its template more often than this code changes: a new bank, or a bank's new column, is a
new or edited JSON file, checked here when it is loaded (a test loads every shipped file). A layout says:

    code         the file's name without .json; the form sends it
    name         {"zh-hans": …, "en": …}: what finance picks from
    file         {"type": "xlsx", "sheet": …} or {"type": "csv", "encoding": "gbk", "delimiter": ","}
    filename     the download's name without extension; placeholders below
    amount       {"unit": "yuan" (2 decimals) or "fen" (whole fen), "as_text": false, "number_format": "0.00"}
    memo         the text of a "memo" column (用途/摘要), e.g. "{year}年{month}月工资"
    title_rows   rows of cells above everything else (optional)
    summary      {"position": "top" or "bottom", "cells": […]}: the count and total row (optional)
    header       whether the column headers are written (default true)
    columns      [{"header": "卡号", "value": "account_no"}, {"header": "币种", "text": "人民币"}, …]

A cell is {"text": "…"} (placeholders {period} {year} {month} {company} {count} {total}) or
{"value": name}: a column's value is one of COLUMN_VALUES, a summary's or title's one of SUMMARY_VALUES.
"""

from __future__ import annotations

import codecs
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import get_language

LAYOUTS_DIR = Path(__file__).resolve().parent / "bank_layouts"
COLUMN_VALUES = frozenset(
    {"seq", "employee_no", "name", "department", "account_no", "account_name", "bank", "branch", "amount", "memo"}
)
SUMMARY_VALUES = frozenset({"count", "total"})
PLACEHOLDERS = frozenset({"period", "year", "month", "company", "count", "total"})
PLACEHOLDER = re.compile(r"\{(\w*)\}")
FILE_TYPES = ("xlsx", "csv")
UNITS = ("yuan", "fen")


class BankLayoutError(ValueError):
    """A layout file that cannot be used: says which file and which key."""


@dataclass(frozen=True)
class Cell:
    text: str = ""
    value: str = ""  # a field name; empty for a text cell

    def fill(self, names: dict[str, str]) -> str:
        """The text with its placeholders filled."""
        return PLACEHOLDER.sub(lambda m: names[m.group(1)], self.text)


@dataclass(frozen=True)
class Column:
    header: str
    cell: Cell


@dataclass(frozen=True)
class BankLayout:
    code: str
    names: dict[str, str]
    file_type: str
    sheet: str
    encoding: str
    delimiter: str
    filename: str
    unit: str
    as_text: bool
    number_format: str
    memo: str
    title_rows: tuple[tuple[Cell, ...], ...]
    summary_position: str  # "top", "bottom" or "" (none)
    summary: tuple[Cell, ...]
    header: bool
    columns: tuple[Column, ...]

    @property
    def name(self) -> str:
        """The name in the user's language (Chinese unless English is chosen)."""
        language = get_language() or "zh-hans"
        return self.names["en" if language.startswith("en") else "zh-hans"]

    @property
    def file_description(self) -> str:
        """What finance needs to know to upload it: xlsx, or csv and its encoding."""
        return "Excel (.xlsx)" if self.file_type == "xlsx" else f"CSV ({self.encoding.upper()})"


def _require(data: dict, key: str, kind, where: str):
    if key not in data:
        raise BankLayoutError(f"{where}: '{key}' is missing")
    value = data[key]
    if not isinstance(value, kind):
        raise BankLayoutError(f"{where}: '{key}' must be {getattr(kind, '__name__', kind)}")
    return value


def _check_text(text: str, where: str) -> str:
    unknown = {name for name in PLACEHOLDER.findall(text) if name not in PLACEHOLDERS}
    if unknown:
        raise BankLayoutError(f"{where}: unknown placeholder {{{sorted(unknown)[0]}}}; use {sorted(PLACEHOLDERS)}")
    return text


def _cell(data, allowed: frozenset[str], where: str) -> Cell:
    if not isinstance(data, dict) or len(data.keys() & {"text", "value"}) != 1:
        raise BankLayoutError(f'{where}: a cell is {{"text": …}} or {{"value": …}}')
    if "text" in data:
        return Cell(text=_check_text(_require(data, "text", str, where), where))
    value = _require(data, "value", str, where)
    if value not in allowed:
        raise BankLayoutError(f"{where}: value '{value}' is not one of {sorted(allowed)}")
    return Cell(value=value)


def parse_layout(data: dict, *, code: str, where: str) -> BankLayout:
    """A layout from its JSON, or BankLayoutError naming what is wrong."""
    if not isinstance(data, dict):
        raise BankLayoutError(f"{where}: a layout is a JSON object")
    names = _require(data, "name", dict, where)
    if not all(isinstance(names.get(lang), str) and names[lang] for lang in ("zh-hans", "en")):
        raise BankLayoutError(f"{where}: 'name' needs 'zh-hans' and 'en'")
    file = _require(data, "file", dict, where)
    file_type = _require(file, "type", str, f"{where} file")
    if file_type not in FILE_TYPES:
        raise BankLayoutError(f"{where}: file type '{file_type}' is not one of {FILE_TYPES}")
    encoding, delimiter, sheet = "", "", ""
    if file_type == "csv":
        encoding = _require(file, "encoding", str, f"{where} file")
        try:
            codecs.lookup(encoding)
        except LookupError as exc:
            raise BankLayoutError(f"{where}: unknown encoding '{encoding}'") from exc
        delimiter = file.get("delimiter", ",")
        if not isinstance(delimiter, str) or len(delimiter) != 1:
            raise BankLayoutError(f"{where}: 'delimiter' is one character")
    else:
        sheet = _require(file, "sheet", str, f"{where} file")
        if not sheet or len(sheet) > 31 or any(ch in sheet for ch in "[]:*?/\\"):
            raise BankLayoutError(f"{where}: sheet name '{sheet}' is not allowed in Excel")
    amount = _require(data, "amount", dict, where)
    unit = _require(amount, "unit", str, f"{where} amount")
    if unit not in UNITS:
        raise BankLayoutError(f"{where}: amount unit '{unit}' is not one of {UNITS}")
    as_text = amount.get("as_text", False)
    if not isinstance(as_text, bool):
        raise BankLayoutError(f"{where}: 'as_text' is true or false")
    number_format = amount.get("number_format", "0.00" if unit == "yuan" else "0")
    columns_data = _require(data, "columns", list, where)
    columns = []
    for n, column in enumerate(columns_data, start=1):
        at = f"{where} column {n}"
        if not isinstance(column, dict):
            raise BankLayoutError(f"{at}: a column is a JSON object")
        header = _require(column, "header", str, at)
        columns.append(Column(header, _cell({k: v for k, v in column.items() if k != "header"}, COLUMN_VALUES, at)))
    values = [c.cell.value for c in columns]
    for needed in ("account_no", "amount"):
        if values.count(needed) != 1:
            raise BankLayoutError(f"{where}: the columns need '{needed}' exactly once")
    if "name" not in values and "account_name" not in values:
        raise BankLayoutError(f"{where}: the columns need the payee's name ('name' or 'account_name')")
    summary = data.get("summary")
    position, summary_cells = "", ()
    if summary is not None:
        position = _require(summary, "position", str, f"{where} summary")
        if position not in ("top", "bottom"):
            raise BankLayoutError(f"{where}: summary position is 'top' or 'bottom'")
        summary_cells = tuple(
            _cell(c, SUMMARY_VALUES, f"{where} summary cell {n}")
            for n, c in enumerate(_require(summary, "cells", list, f"{where} summary"), start=1)
        )
    title_rows = tuple(
        tuple(_cell(c, SUMMARY_VALUES, f"{where} title row {r}") for c in row)
        for r, row in enumerate(data.get("title_rows", []), start=1)
    )
    header = data.get("header", True)
    if not isinstance(header, bool):
        raise BankLayoutError(f"{where}: 'header' is true or false")
    return BankLayout(
        code=code,
        names={lang: names[lang] for lang in ("zh-hans", "en")},
        file_type=file_type,
        sheet=sheet,
        encoding=encoding,
        delimiter=delimiter,
        filename=_check_text(_require(data, "filename", str, where), f"{where} filename"),
        unit=unit,
        as_text=as_text,
        number_format=number_format,
        memo=_check_text(data.get("memo", ""), f"{where} memo"),
        title_rows=title_rows,
        summary_position=position,
        summary=summary_cells,
        header=header,
        columns=tuple(columns),
    )


def load_layout(path: Path) -> BankLayout:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BankLayoutError(f"{path.name}: {exc}") from exc
    return parse_layout(data, code=path.stem, where=path.name)


@cache
def bank_layouts() -> dict[str, BankLayout]:
    """Every layout in payroll/bank_layouts/, the generic one first, then by code."""
    paths = sorted(LAYOUTS_DIR.glob("*.json"), key=lambda p: (p.stem != "generic", p.stem))
    return {p.stem: load_layout(p) for p in paths}
