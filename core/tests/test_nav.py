"""The menu's links are rendered once per set of roles and language (core/templatetags/nav.py): each
user still gets the links of their roles, in their language, as soon as their roles change."""

import lxml.html
import pytest
from django.contrib.auth.models import Group
from django.template import Variable
from django.template.base import VariableNode
from django.template.defaulttags import IfNode, URLNode
from django.template.loader import get_template

pytestmark = pytest.mark.django_db


def links(client) -> list[str]:
    page = lxml.html.fromstring(client.get("/accounts/password_change/").content)
    return [" ".join(a.text_content().split()) for a in page.xpath('//ul[contains(@class, "navbar-nav")]//a')]


def test_each_user_reads_the_links_of_their_own_roles(client, company):
    client.force_login(company.li_user)
    engineer = links(client)
    client.force_login(company.hr)
    hr = links(client)
    client.force_login(company.wang_user)
    assert links(client) == engineer  # the same roles: the same links
    assert "我的工资条" in engineer and "计件标准" not in engineer and "工资期间" not in engineer
    assert "工资条" in hr and "计件标准" in hr and "我的工资条" not in hr


def test_a_role_given_shows_its_links_on_the_next_page(client, company):
    client.force_login(company.li_user)
    assert "计件标准" not in links(client)
    company.li_user.groups.add(Group.objects.get(name="hr_clerk"))
    assert "计件标准" in links(client)


def test_the_links_speak_the_users_language(client, company, settings):
    client.force_login(company.li_user)
    assert "我的工资条" in links(client)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "My payslips" in links(client) and "我的工资条" not in links(client)


def test_the_menu_template_reads_nothing_but_the_roles():
    """The menu is remembered per set of roles and language: a link that read anything else (the user,
    the page, a token) would show one user's menu to another."""

    def names(nodelist):
        for node in nodelist:
            if isinstance(node, VariableNode):
                yield node.filter_expression.var
            if isinstance(node, IfNode):
                for condition, body in node.conditions_nodelists:
                    yield from _condition_vars(condition)
                    yield from names(body)
            elif isinstance(node, URLNode):
                yield from (arg.var for arg in node.args)
            else:
                for attr in getattr(node, "child_nodelists", ()):
                    yield from names(getattr(node, attr, None) or [])

    def _condition_vars(condition):
        if condition is None:
            return
        value = getattr(condition, "value", None)
        if value is not None and isinstance(getattr(value, "var", None), Variable):
            yield value.var
        for side in (getattr(condition, "first", None), getattr(condition, "second", None)):
            if side is not None and side is not condition:
                yield from _condition_vars(side)

    template = get_template("_nav_links.html").template
    read = {str(v).split(".")[0] for v in names(template.nodelist) if isinstance(v, Variable)}
    assert read == {"roles"}
