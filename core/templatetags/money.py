"""Money and date display as Chinese users expect: ¥12,345.67 and 2026-11-21."""

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def yuan(value):
    """¥ with thousands separators and two decimals; blank for None."""
    if value is None or value == "":
        return ""
    amount = value if isinstance(value, Decimal) else Decimal(str(value))
    sign = "-" if amount < 0 else ""
    return f"{sign}¥{abs(amount):,.2f}"


@register.filter
def percent(value):
    """0.15 → 15%, 0.005 → 0.5%."""
    if value is None or value == "":
        return ""
    amount = (value if isinstance(value, Decimal) else Decimal(str(value))) * 100
    return f"{amount.normalize():f}%"


@register.filter
def person(user):
    """A user's full name, else their login, else a dash."""
    if not user:
        return "—"
    return user.get_full_name() or user.username
