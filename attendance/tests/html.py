"""Reading pages back in tests: lxml and XPath (no CSS selector library in the test kit)."""

import lxml.html


def parse(response):
    return lxml.html.fromstring(response.content.decode())


def text(element) -> str:
    return " ".join(element.text_content().split())


def one(page, xpath: str):
    found = page.xpath(xpath)
    assert found, f"nothing at {xpath}"
    return found[0]


def has_class(name: str) -> str:
    """An XPath predicate: the element's class attribute holds `name`."""
    return f'contains(concat(" ", normalize-space(@class), " "), " {name} ")'
