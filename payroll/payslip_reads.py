"""The reads an engineer's payslip page makes on every view, with SQL written once instead of built by
the ORM each time (0.4–0.5 ms a query as the ORM built it, 0.1–0.2 written; at 50,000 engineers the
payslip page is a few milliseconds, bench/load_bench.py). Models come back through Django's raw
queries, which convert each column as the ORM does; the tests hold each read to its ORM query."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from types import MappingProxyType

from django.db import connection

from engineers.models import Department, Engineer
from ledger.models import PayPeriod

from .models import Payslip, PayslipAppeal, PayslipPublication, PayslipReceipt

# What payslip_with_people reads: the payslip, its engineer, the engineer's department, its month.
_JOINED = (Payslip, Engineer, Department, PayPeriod)
_LARGEST_ID = 2**63 - 1


def payslip_with_people(pk: int) -> Payslip | None:
    """Payslip.objects.select_related("engineer__department", "period").filter(pk=pk).first(), with SQL
    written once (the ORM took ~1 ms of a 5 ms page to build and fill it). Each column is converted as
    the ORM converts it, and the related objects are set as select_related sets them."""
    if not 0 < pk <= _LARGEST_ID:  # a URL's digits beyond any id: SQLite would refuse to bind them
        return None
    with connection.cursor() as cursor:
        cursor.execute(_sql()["payslip"], [pk])
        row = cursor.fetchone()
    if row is None:
        return None
    made, start = [], 0
    for model, converters in zip(_JOINED, _converters(), strict=True):
        values = row[start : start + len(converters)]
        start += len(converters)
        converted = []
        for value, (column, functions) in zip(values, converters, strict=True):
            for convert in functions:
                value = convert(value, column, connection)
            converted.append(value)
        made.append(model.from_db(connection.alias, [f.attname for f in model._meta.concrete_fields], converted))
    payslip, engineer, department, period = made
    engineer.department = department
    payslip.engineer, payslip.period = engineer, period
    return payslip


@functools.cache
def _converters() -> tuple:
    """Per model, per concrete field: its column and the converters the ORM applies to what it reads
    (the backend's, then the column's: SQLCompiler.get_converters)."""
    return tuple(
        tuple(
            (column, tuple(connection.ops.get_db_converters(column) + column.get_db_converters(connection)))
            for field in model._meta.concrete_fields
            for column in [field.get_col(model._meta.db_table)]
        )
        for model in _JOINED
    )


def current_close_published(period: PayPeriod) -> bool:
    """PayslipPublication.objects.filter(period=period, closed_at=period.closed_at).exists()"""
    closed_at = connection.ops.adapt_datetimefield_value(period.closed_at)
    with connection.cursor() as cursor:
        cursor.execute(_sql()["published"], [period.pk, closed_at])
        return cursor.fetchone() is not None


def month_appeals(period_id: int, engineer_id: int) -> list[PayslipAppeal]:
    """PayslipAppeal.objects.filter(period=period_id, engineer=engineer_id), in the model's order."""
    return list(PayslipAppeal.objects.raw(_sql()["appeals"], [period_id, engineer_id]))


def month_receipts(period: PayPeriod, engineer_id: int) -> list[PayslipReceipt]:
    """The engineer's receipts of the month, one per publication, each with `current`: whether it is
    the receipt of the current close's publication."""
    closed_at = connection.ops.adapt_datetimefield_value(period.closed_at)
    receipts = list(PayslipReceipt.objects.raw(_sql()["receipts"], [closed_at, period.pk, engineer_id]))
    for receipt in receipts:
        receipt.current = bool(receipt.current)  # SQLite answers 1 or 0
    return receipts


@functools.cache
def _sql() -> Mapping[str, str]:
    appeal, publication, receipt = (m._meta.db_table for m in (PayslipAppeal, PayslipPublication, PayslipReceipt))
    joined = ", ".join(
        f"{alias}.{f.column}" for model, alias in zip(_JOINED, "sedp", strict=True) for f in model._meta.concrete_fields
    )
    payslip, engineer, department, period = (m._meta.db_table for m in _JOINED)
    # Columns named, never "*": a prepared "*" fails once a migration adds a column under a live connection.
    appeal_columns = ", ".join(f.column for f in PayslipAppeal._meta.concrete_fields)
    receipt_columns = ", ".join(f"r.{f.column}" for f in PayslipReceipt._meta.concrete_fields)
    return MappingProxyType(
        {  # cached for the process: read-only
            "payslip": (
                f"SELECT {joined} FROM {payslip} s JOIN {engineer} e ON e.id = s.engineer_id "
                f"JOIN {department} d ON d.id = e.department_id JOIN {period} p ON p.id = s.period_id "
                "WHERE s.id = %s"
            ),
            "published": f"SELECT 1 FROM {publication} WHERE period_id = %s AND closed_at = %s LIMIT 1",
            "appeals": (
                f"SELECT {appeal_columns} FROM {appeal} "
                "WHERE period_id = %s AND engineer_id = %s ORDER BY status, created_at DESC"
            ),
            "receipts": (
                f"SELECT {receipt_columns}, (p.closed_at = %s) AS current FROM {receipt} r "
                f"JOIN {publication} p ON p.id = r.publication_id WHERE p.period_id = %s AND r.engineer_id = %s"
            ),
        }
    )
