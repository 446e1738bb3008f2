"""Uploaded spreadsheets: sized up before anything parses them, and numbers read from cells.

A workbook is a zip: a small upload can unpack to gigabytes of XML. Its byte size and the
sizes its zip directory declares are checked first (no decompression), then the importer
counts rows as it streams them and stops at its row limit.
"""

from __future__ import annotations

import zipfile
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


def workbook_size_error(file) -> str | None:
    """Why this upload is too big to read, or None. Leaves the file at its start."""
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, 2)
        size = file.tell()
    file.seek(0)
    if size > settings.IMPORT_MAX_BYTES:
        return _("The file is %(size)s; at most %(max)s can be imported at once: split the file.") % {
            "size": filesizeformat(size),
            "max": filesizeformat(settings.IMPORT_MAX_BYTES),
        }
    try:
        with zipfile.ZipFile(file) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None  # not a zip: the reader reports "not an Excel file"
    finally:
        file.seek(0)
    if unpacked > settings.IMPORT_MAX_UNZIPPED_BYTES:
        return _("The workbook unpacks to %(size)s; at most %(max)s can be imported at once: split the file.") % {
            "size": filesizeformat(unpacked),
            "max": filesizeformat(settings.IMPORT_MAX_UNZIPPED_BYTES),
        }
    return None


def cell_decimal(value, *, max_digits: int, places: int) -> Decimal:
    """The cell's number as a Decimal that fits a DecimalField(max_digits, places).

    Raises ValueError with a message for the user on text that is no number, on NaN and
    Infinity (which Decimal accepts and which no comparison survives), on numbers too
    large for the column and on more decimal places than it keeps."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = "" if value is None else str(value).strip()  # a float's str() is its shortest exact form
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(_("%(v)s is not a number.") % {"v": text}) from None
    if not number.is_finite():
        raise ValueError(_("%(v)s is not a number.") % {"v": text})
    limit = Decimal(10) ** (max_digits - places)
    if abs(number) >= limit:
        raise ValueError(_("%(v)s is too large: it must be less than %(max)s.") % {"v": text, "max": limit})
    if number != number.quantize(Decimal(1).scaleb(-places)):
        raise ValueError(_("%(v)s has more than %(places)d decimal places.") % {"v": text, "places": places})
    return number
