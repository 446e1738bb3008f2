"""The bonus inbox's rows as HTML, written with plain string joins.

Forty waiting requests through the template engine (a lookup per attribute, a translation and an
escape per cell) were ~10 ms of a 25 ms page, the largest part of the inbox's CPU under 20 clients
at 50,000 engineers (bench/load_bench.py). Each cell is what inbox.html wrote; every value from the
database goes through `escape`, every sentence through the same translation as before."""

from __future__ import annotations

from html import escape

from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from core.links import detail_url_prefix
from core.templatetags.money import person, yuan
from workorders.models import BonusKind, BonusRequest, RequestStatus

from .quotes import Quote

BADGE = {
    RequestStatus.SUBMITTED: "text-bg-info",
    RequestStatus.REVIEWED: "text-bg-info",
    RequestStatus.RETURNED: "text-bg-warning",
    RequestStatus.DRAFT: "text-bg-light border",
    RequestStatus.APPROVED: "text-bg-success",
}


def _amount(r: BonusRequest, q: Quote | None, selectable: bool) -> str:
    if q is None:
        return "—"
    if q.payout is None and not q.refusal:  # nothing to show (the template printed an empty cell)
        return ""
    if q.refusal:
        why = _("approval would be refused: %(why)s") % {"why": q.refusal}
        return f'<span class="text-danger text-wrap d-inline-block">{escape(why)}</span>'
    # Separated by spaces, as the template's lines were: a reader (and a screen reader) sees "¥380.00 trimmed …".
    pool = f' <span class="small text-secondary">{escape(_("Pool"))}</span>' if r.kind == BonusKind.CREW else ""
    out = [f'<span class="fw-semibold">{escape(yuan(q.payout.amount))}</span>{pool}']
    if q.payout.trimmed:
        trimmed = _("trimmed from %(asked)s by the cap") % {"asked": yuan(q.payout.asked)}
        out.append(f'<div class="small text-warning-emphasis">{escape(trimmed)}</div>')
    if q.in_order and q.in_order.amount != q.payout.amount:
        after = _("after #%(ids)s listed above: %(amount)s") % {
            "ids": ", #".join(str(i) for i in q.after),
            "amount": yuan(q.in_order.amount),
        }
        out.append(f'<div class="small text-warning-emphasis" data-testid="in-order">{escape(after)}</div>')
    if q.pays_zero and selectable:
        anyway = _("Approve at ¥0.00 anyway (%(why)s)") % {"why": q.zero_reason}
        out.append(
            '<div class="form-check d-inline-block text-start mt-1 small">'
            f'<input class="form-check-input" type="checkbox" name="confirm_zero" value="{r.pk}" id="zero-{r.pk}"> '
            f'<label class="form-check-label text-danger" for="zero-{r.pk}">{escape(anyway)}</label></div>'
        )
    return " ".join(out)


def _cap(r: BonusRequest, q: Quote | None) -> str:
    if q is not None and q.payout is not None and q.payout.cap is not None:
        return escape(
            _("used %(used)s · left %(left)s") % {"used": yuan(q.payout.cap_used), "left": yuan(q.payout.cap_left)}
        )
    if r.kind == BonusKind.TRAINING and q is not None and q.payout:
        return f'<span class="small text-secondary">{escape(_("not under the cap"))}</span>'
    return "—"


def inbox_rows_html(rows: list[dict], bulk: bool) -> SafeString:
    """The <tr> of each waiting request: rows as InboxView builds them ({"r", "quote", "selectable"})."""
    label = {  # literal _() calls, so makemessages keeps finding each of them
        "kind": escape(_("kind")),
        "order": escape(_("work order")),
        "engineer": escape(_("engineer")),
        "status": escape(_("status")),
        "by": escape(_("proposed by")),
        "pays": escape(_("approval would pay")),
        "cap": escape(_("individual-incentive cap this month")),
        "select": escape(_("Select")),
    }
    request_url = detail_url_prefix("bonus:detail")
    order_url = detail_url_prefix("workorders:detail")
    out = []
    for row in rows:
        r, q, selectable = row["r"], row["quote"], row["selectable"]
        wo = r.work_order
        cells = []
        if bulk:
            box = ""
            if selectable:
                aria = escape(_("Select #%(id)s") % {"id": r.pk})
                box = f'<input type="checkbox" class="form-check-input" name="ids" value="{r.pk}" aria-label="{aria}">'
            cells.append(f'<td data-label="{label["select"]}">{box}</td>')
        who = escape(r.engineer.name) if r.engineer else (escape(str(wo.crew)) if wo.crew else "—")
        created = timezone.localtime(r.created_at).strftime("%Y-%m-%d")
        badge = BADGE.get(r.status, "text-bg-secondary")
        cells += [
            f'<td data-label="#"><a href="{request_url}{r.pk}/">{r.pk}</a></td>',
            f'<td data-label="{label["kind"]}">{escape(str(r.get_kind_display()))}</td>',
            f'<td data-label="{label["order"]}"><a href="{order_url}{wo.pk}/">{escape(wo.number)}</a></td>',
            f'<td data-label="{label["engineer"]}">{who}</td>',
            f'<td data-label="{label["status"]}"><span class="badge {badge}">{escape(str(r.get_status_display()))}'
            "</span></td>",
            f'<td data-label="{label["by"]}"><div>{escape(person(r.proposed_by))} '
            f'<span class="small text-secondary text-nowrap">{created}</span></div></td>',
            f'<td class="num" data-label="{label["pays"]}" data-testid="amount"><div>{_amount(r, q, selectable)}'
            "</div></td>",
            f'<td class="num" data-label="{label["cap"]}" data-testid="cap"><div>{_cap(r, q)}</div></td>',
        ]
        out.append(f'<tr data-testid="inbox-row-{r.pk}">{"".join(cells)}</tr>')
    return mark_safe("".join(out))  # every interpolated value above is escaped
