"""Spreadsheet cells for user text. openpyxl stores any string that starts with "=" as a
formula, so a name like =HYPERLINK(…) would run in finance's Excel: user text stays text."""

from __future__ import annotations

from openpyxl.cell import WriteOnlyCell


def text_cell(ws, value):
    """A write-only sheet's cell for `value`, a string always written as a string."""
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def keep_text(cells) -> None:
    """The same for cells already in a normal sheet (e.g. the row just appended)."""
    for cell in cells:
        if isinstance(cell.value, str):
            cell.data_type = "s"
