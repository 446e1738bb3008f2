"""Links for rows written in Python (workorders/list_html.py, the inbox's and the KPI grid's rows)."""

from django.urls import reverse


def detail_url_prefix(name: str) -> str:
    """ "/workorders/" for "workorders:detail" (a `<int:pk>/` route): a row adds "<pk>/", so a page of
    rows reverses the route once rather than once a row."""
    return reverse(name, args=[0]).removesuffix("0/")
