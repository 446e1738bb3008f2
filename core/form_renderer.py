"""The form renderer: Django's templates, except a <select>, which is written here.

Django renders every <option> through two template includes. HR's work-order filter lists 167
departments and a department's crews: its selects were a quarter of the page's CPU under load at
50,000 engineers (bench/load_bench.py), 7.6 ms of a 28 ms page; written here they take 3.9 ms, most of
it reading the choices. The HTML is the one Django's select.html and select_option.html write (the
same attributes, escaping and order), without their blank lines."""

from __future__ import annotations

from html import escape

from django.forms.renderers import DjangoTemplates

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"


def _text(value) -> str:
    """conditional_escape without its per-call wrappers (a select escapes two values per option): safe
    strings as they are, anything else through the standard library's escape, which replaces the same
    five characters the same way (&amp; &lt; &gt; &quot; &#x27;)."""
    return value.__html__() if hasattr(value, "__html__") else escape(str(value))


def _attrs(attrs: dict) -> str:
    """attrs.html: False leaves the attribute out, True writes it bare, anything else as a string."""
    return "".join(
        f" {_text(name)}" if value is True else f' {_text(name)}="{_text(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def select_html(widget: dict) -> str:
    out = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            out.append(f'<optgroup label="{_text(group_name)}">')
        out.extend(
            f'<option value="{_text(option["value"])}"{_attrs(option["attrs"]) if option["attrs"] else ""}>'
            f"{_text(option['label'])}</option>"
            for option in options
        )
        if group_name:
            out.append("</optgroup>")
    out.append("</select>")
    return "".join(out)


class FormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        if template_name == SELECT and all(
            option["template_name"] == OPTION for _name, options, _i in widget["optgroups"] for option in options
        ):
            return select_html(widget)
        return super().render(template_name, context, request)
