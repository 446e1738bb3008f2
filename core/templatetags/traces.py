"""Trace steps as sentences in the reader's language (see core.explain)."""

from django import template

from core.explain import explain_step

register = template.Library()


@register.filter
def explain(step):
    return explain_step(step)
