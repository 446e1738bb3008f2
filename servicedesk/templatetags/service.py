from datetime import timedelta

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def duration(value: timedelta | None) -> str:
    """A span as people say it: "2 d 3 h", "3 h 20 min", "15 min" (the sign dropped: the page says late or left)."""
    if value is None:
        return "—"
    minutes = int(abs(value).total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return _("%(d)d d %(h)d h") % {"d": days, "h": hours}
    if hours:
        return _("%(h)d h %(m)d min") % {"h": hours, "m": mins}
    return _("%(m)d min") % {"m": mins}


@register.inclusion_tag("servicedesk/_sla.html")
def sla_badge(standing):
    return {"s": standing}
