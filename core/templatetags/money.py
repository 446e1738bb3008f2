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
