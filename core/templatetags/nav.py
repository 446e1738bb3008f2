"""The menu's links, rendered once per set of roles and language.

They depend on nothing else (no user name, no token, no current page), and every page draws them:
~40 conditions and 25 URL reversals, a third of what a page with no data costs (bench/load_bench.py's
floor page)."""

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.translation import get_language

from core.context_processors import roles as role_flags

register = template.Library()

_rendered: dict[tuple, str] = {}  # at most 256 role sets (8 roles) × the languages


@register.simple_tag(takes_context=True)
def nav_links(context):
    # The user's own roles, not the context's "roles": a page may name something else so.
    roles = role_flags(context["request"])["roles"]
    key = (frozenset(code for code, on in roles.items() if on), get_language(), get_script_prefix())
    html = _rendered.get(key)
    if html is None:
        html = render_to_string("_nav_links.html", {"roles": roles})
        if not settings.DEBUG:  # a template edited while the development server runs shows at once
            _rendered[key] = html
    return html
