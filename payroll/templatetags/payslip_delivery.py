"""The delivery parts other payroll pages show: the engineer's bar on their payslip and the
publication card on the period page. Tags, so those pages need one line each."""

from django import template

from payroll.delivery import bar_for, earlier_publications, publication_in_force, receipt_counts

register = template.Library()


@register.inclusion_tag("payroll/delivery_bar.html", takes_context=True)
def delivery_bar(context, payslip):
    """On the engineer's own published payslip: read and confirmed when, the confirm button. Nothing
    for anyone else (HR and managers read the receipts on the period's delivery page). The page's list
    of the month's questions, when it has one, says whether one waits for HR."""
    user = context["request"].user
    return {"payslip": payslip, "bar": bar_for(user, payslip, context.get("appeals"))}


@register.inclusion_tag("payroll/delivery_card.html", takes_context=True)
def delivery_card(context, period):
    """Published or not, by whom, the counts; HR's publish button."""
    user = context["request"].user
    publication = publication_in_force(period)
    return {
        "period": period,
        "publication": publication,
        "counts": receipt_counts(publication, user) if publication else None,
        "earlier": earlier_publications(period).first(),
        "roles": context.get("roles", {}),
    }
