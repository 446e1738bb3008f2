"""In English a form's labels start with a capital, as Django's own model forms write them: the catalogue
keeps lower-case field names ("department", "crew"), and the templates capitalise them where shown."""

import lxml.html
import pytest

pytestmark = pytest.mark.django_db

PAGES = [
    ("/workorders/", "hr"),
    ("/engineers/", "hr"),
    ("/service/", "hr"),
    ("/training/", "hr"),
    ("/training/rewards/", "hr"),
    ("/periodbonus/", "manager"),
]


@pytest.mark.parametrize(("path", "who"), PAGES)
def test_form_labels_start_with_a_capital_in_english(client, bonus_people, path, who):
    client.force_login(getattr(bonus_people, who))
    client.cookies["django_language"] = "en"
    response = client.get(path)
    assert response.status_code == 200
    labels = [
        " ".join(label.text_content().split())
        for label in lxml.html.fromstring(response.content).xpath("//form//label")
    ]
    assert labels, path
    assert [label for label in labels if label[:1].islower()] == []
