"""The KPI grid's rows as HTML, written with plain string joins.

A 300-engineer department is 1,500 inputs: through the template engine (a lookup per attribute, an
escape per value) the rows took ~200 ms and most of the page's CPU under load (bench/load_bench.py);
written here they take a few milliseconds. Every value from the database goes through `escape`."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from core.links import detail_url_prefix
from core.templatetags.money import yuan

from .selectors import GridRow

FEN = Decimal("0.01")


def score_text(value: Decimal | None) -> str:
    """90 → "90", 85.5 → "85.50" (the grid's `floatformat:"-2"`), None → ""."""
    if value is None:
        return ""
    try:
        rounded = value.quantize(FEN, rounding=ROUND_HALF_UP)
    except InvalidOperation:  # a typed value too large to round (1e40) shows as typed, its error beside it
        return str(value)
    return str(int(rounded)) if rounded == rounded.to_integral_value() else f"{rounded:f}"


def grid_rows_html(
    rows: Iterable[GridRow],
    dims: list[tuple[str, object, Decimal]],
    cell_errors: dict[str, str],  # "<engineer id>-<dimension>" → message
    read_only: bool,
) -> SafeString:
    """The <tr> of every row: inputs (or, read only, values) per dimension, then the card's figures."""
    scorecard_url = detail_url_prefix("kpi:scorecard")
    labels = [(code, escape(code), escape(str(label))) for code, label, _weight in dims]
    words = {
        "orders": escape(_("orders")),
        "on_time": escape(_("on time")),
        "attendance": escape(_("attendance")),
        "outside": escape(_("Outside assessment")),
    }
    outside_span = len(labels) + 5
    without_card = _figures_html(None, words)  # the same for every row without a card
    # An input's markup up to its name: 1,500 inputs in a 300-engineer department, one f-string each.
    input_start = (
        '<td class="num"><input type="text" inputmode="decimal" autocomplete="off" '
        'class="form-control form-control-sm text-end kpi-cell'
    )
    out: list[str] = []
    for row in rows:
        name = escape(row.name)
        no = escape(row.employee_no)
        engineer_id = row.engineer_id
        if not row.inside:
            reasons = escape("、".join(str(r) for r in row.reasons))
            out.append(
                f'<tr class="table-secondary text-secondary" data-outside="{engineer_id}"><td>{no}</td>'
                f'<td>{name}</td><td colspan="{outside_span}">{words["outside"]}: {reasons}</td></tr>'
            )
            continue
        card, cells = row.card, row.cells
        link = f'<a href="{scorecard_url}{card.pk}/">{name}</a>' if card else name
        out.append(f'<tr data-engineer="{engineer_id}"><td>{no}</td><td class="text-nowrap">{link}</td>')
        locked = " readonly" if card is not None and card.status == "submitted" else ""
        for code, code_html, label_html in labels:
            value = cells.get(code)
            value = "" if value is None else score_text(value)  # a number's digits: nothing in it to escape
            if read_only:
                out.append(f'<td class="num"><span class="kpi-value" data-dim="{code_html}">{value}</span></td>')
                continue
            error = cell_errors.get(f"{engineer_id}-{code}") if cell_errors else None
            out.append(
                f'{input_start}{" is-invalid" if error else ""}" name="s-{engineer_id}-{code_html}" '
                f'data-dim="{code_html}" aria-label="{name} {label_html}" value="{value}"{locked}>'
                + (f'<div class="invalid-feedback">{escape(str(error))}</div></td>' if error else "</td>")
            )
        out.append(without_card if card is None else _figures_html(card, words))
        out.append("</tr>")
    return mark_safe("".join(out))  # every interpolated value above is escaped


def _figures_html(card, words: dict[str, str]) -> str:
    """The work-order metrics and the card's score, band, coefficient and performance pay."""
    metrics = (card.metrics if card else None) or {}
    text = f"{words['orders']} {escape(str(metrics.get('orders') or 0))}"
    if metrics.get("csat_average"):
        text += f" · CSAT {escape(str(metrics['csat_average']))}"
    if metrics.get("on_time_rate"):
        text += f"<br>{words['on_time']} {escape(str(metrics['on_time_rate']))}%"
    if metrics.get("attendance_rate"):
        text += f" · {words['attendance']} {escape(str(metrics['attendance_rate']))}%"
    score = band = coefficient = pay = ""
    if card is not None:
        if card.incomplete:
            badge = escape(str(card.incomplete))
            score = f'<span class="badge text-bg-warning" data-testid="incomplete">{badge}</span>'
        elif card.score is not None:
            score = escape(str(card.score))
        band = escape(card.band or "")
        coefficient = "" if card.coefficient is None else escape(str(card.coefficient))
        pay = "" if card.performance_pay_amount is None else escape(yuan(card.performance_pay_amount))
    return (
        f'<td class="small text-secondary text-nowrap" data-testid="metrics">{text}</td>'
        f'<td class="num" data-out="score">{score}</td><td data-out="band">{band}</td>'
        f'<td class="num" data-out="coefficient">{coefficient}</td><td class="num" data-out="pay">{pay}</td>'
    )


def department_options_html(departments: Iterable[tuple[int, str]], chosen) -> SafeString:
    """The department select's options from (pk, name) pairs, the name being what a department's __str__
    shows (167 at 50,000 engineers: ~2 ms through the template engine, ~1 ms more as model instances)."""
    chosen_pk = chosen.pk if chosen is not None else None
    return mark_safe(  # every interpolated value is escaped
        "".join(
            f'<option value="{pk}"{" selected" if pk == chosen_pk else ""}>{escape(name)}</option>'
            for pk, name in departments
        )
    )
