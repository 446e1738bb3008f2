"""Trace steps as sentences in the reader's language (see policies.explain)."""

from django import template

from policies.explain import explain_step, number

register = template.Library()


@register.filter
def explain(step):
    return explain_step(step)


@register.filter
def plain(value):
    """5 / 2.5 / 0.5: a quantity without trailing zeros."""
    return number(value)
