"""The <select> written in Python is the one Django's templates write, whatever the select holds."""

import re

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from core.form_renderer import FormRenderer


class Choices(forms.Form):
    plain = forms.ChoiceField(
        choices=[
            ("", "All"),
            ("a", "A & <b>"),
            ("2", 'say "two"'),
            ("o'k", "O'Brien"),
            ("s", mark_safe("<i>safe</i>")),
        ],
        required=False,
    )
    grouped = forms.ChoiceField(
        choices=[("Solar", [("s1", "太阳能 1"), ("s2", "太阳能 2")]), ("HVAC", [("h1", "空调")]), ("x", "other")]
    )
    many = forms.MultipleChoiceField(choices=[(1, "one"), (2, "two"), (3, "three")])
    yes_no = forms.NullBooleanField()
    lazy = forms.ChoiceField(choices=[("k", gettext_lazy("Yes"))], widget=forms.Select(attrs={"disabled": True}))
    attrs = forms.ChoiceField(
        choices=[("1", "one")], widget=forms.Select(attrs={"class": "form-select", "data-x": 'a"b', "hidden": False})
    )


def _between_tags(html: str) -> str:
    """Django's templates put line breaks and indentation between the tags; the browser ignores them."""
    return re.sub(r">\s+<", "><", html.strip())


DATA = {"plain": "a", "grouped": "s2", "many": ["1", "3"], "yes_no": "true", "lazy": "k", "attrs": "1"}


@pytest.mark.parametrize("data", [None, DATA], ids=["unbound", "bound"])
def test_every_select_is_written_as_djangos_templates_write_it(data):
    by_templates, by_python = Choices(data, renderer=DjangoTemplates()), Choices(data, renderer=FormRenderer())
    for name in Choices.base_fields:
        expected = _between_tags(str(by_templates[name]))
        assert str(by_python[name]) == expected, name
        assert expected.startswith("<select")  # what is compared is a select


def test_the_values_and_labels_are_escaped_and_the_choice_selected():
    html = str(Choices(DATA, renderer=FormRenderer())["plain"])
    assert '<option value="a" selected>A &amp; &lt;b&gt;</option>' in html
    assert '<option value="2">say &quot;two&quot;</option>' in html
    assert '<option value="o&#x27;k">O&#x27;Brien</option>' in html
    assert '<option value="s"><i>safe</i></option>' in html  # marked safe by the code that built it
    assert "<b>" not in html


def test_a_select_whose_options_have_their_own_template_goes_through_the_templates():
    class Custom(forms.Select):
        option_template_name = "django/forms/widgets/input_option.html"

    form = Choices(renderer=FormRenderer())
    form.fields["plain"].widget = Custom(choices=form.fields["plain"].choices)
    assert '<input type="select" name="plain" value="a"' in str(form["plain"])
