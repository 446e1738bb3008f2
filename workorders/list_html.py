"""The work-order list's rows as HTML, written with plain string joins.

HR's list is the page HR opens most, and each order is written twice (cards for a phone, a table row
for a desk). Through the template engine the 25 rows were ~8 ms of a 28 ms page, the larger part of
its CPU under 20 clients at 50,000 engineers (bench/load_bench.py); written here they take well under
a millisecond. Every value from the database goes through `escape`."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from core.links import detail_url_prefix
from core.templatetags.money import yuan

from .models import WorkOrder

# What the cards and rows below read of an order: the list loads only these (26 columns and the
# department as models were a third of reading a page of 25 orders).
LISTED_FIELDS = (
    "number",
    "order_type",
    "is_special",
    "customer_name",
    "site_address",
    "completed_on",
    "piece_rate_total_amount",
    "crew__name",
)


def work_order_cards_html(orders: Sequence[WorkOrder]) -> SafeString:
    """The phone's list: number and piece-rate total, customer and type, completion and crew."""
    url = detail_url_prefix("workorders:detail")
    special = f' <span class="badge text-bg-danger">{escape(_("special"))}</span>'
    still_open = f'<span class="badge text-bg-warning">{escape(_("open"))}</span>'
    completed = escape(_("completed on"))
    out = []
    for wo in orders:
        done = f"{completed} {wo.completed_on:%Y-%m-%d}" if wo.completed_on else still_open
        crew = f" · {escape(str(wo.crew))}" if wo.crew else ""
        out.append(
            '<li class="list-group-item">'
            f'<div class="d-flex justify-content-between gap-2"><a class="fw-semibold text-nowrap" '
            f'href="{url}{wo.pk}/">{escape(wo.number)}</a>'
            f'<span class="money">{escape(yuan(wo.piece_rate_total_amount))}</span></div>'
            f'<div class="small text-break">{escape(wo.customer_name)} · {escape(str(wo.get_order_type_display()))}'
            f"{special if wo.is_special else ''}</div>"
            f'<div class="small text-secondary">{done}{crew}</div></li>'
        )
    return mark_safe("".join(out))  # every interpolated value above is escaped


def work_order_rows_html(orders: Sequence[WorkOrder], participants: dict[int, list[str]]) -> SafeString:
    """The desk's table rows, in the order of the table's header; `participants`: each order's names."""
    url = detail_url_prefix("workorders:detail")
    special = f' <span class="badge text-bg-danger">{escape(_("special"))}</span>'
    still_open = f'<span class="badge text-bg-warning">{escape(_("open"))}</span>'
    out = []
    for wo in orders:
        done = f"{wo.completed_on:%Y-%m-%d}" if wo.completed_on else still_open
        out.append(
            f'<tr><td><a href="{url}{wo.pk}/">{escape(wo.number)}</a>{special if wo.is_special else ""}</td>'
            f"<td>{escape(str(wo.get_order_type_display()))}</td><td>{escape(wo.customer_name)}</td>"
            f'<td class="d-none d-lg-table-cell text-truncate mw-16r">{escape(wo.site_address)}</td>'
            f'<td class="d-none d-md-table-cell">{escape(str(wo.crew)) if wo.crew else "—"}</td>'
            f"<td>{done}</td>"
            f'<td class="d-none d-md-table-cell small">{"、".join(map(escape, participants[wo.pk])) or "—"}</td>'
            f'<td class="num">{escape(yuan(wo.piece_rate_total_amount))}</td></tr>'
        )
    return mark_safe("".join(out))  # every interpolated value above is escaped
