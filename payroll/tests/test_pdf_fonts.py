"""Every kind of PDF prints its Chinese in the font the project ships (core/fonts/), also on a machine
with no CJK font installed: a regression to boxes (tofu) or to a system font fails here.

Each PDF is made through the page or service a user reaches; poppler reads it back: `pdffonts` for the
embedded fonts, `pdftotext` for the text, `pdftohtml -xml` for which face (Regular or Bold) set each run.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.conf import settings
from fontTools.ttLib import TTFont

import core.pdf
import payroll.pdf
from core.pdf import FONT_DIR, FONT_FILES
from payroll.close import period_close
from payroll.delivery import payslips_publish
from payroll.models import Payslip
from policies.models import PolicyVersion
from workorders.models import WorkOrder

pytestmark = pytest.mark.django_db

# WeasyPrint names an embedded font after its family and face, dashed.
REGULAR, BOLD = "Noto-Sans-CJK-SC-IncDesk", "Noto-Sans-CJK-SC-IncDesk-Bold"
# What each kind must read back as, and a run of text that must be set in the Bold face (a heading or total).
EXPECTED = {
    "payslip": (("工资条", "李娜", "应发合计", "金额(元)"), "应发合计"),
    "department book": (("工资条", "张伟", "赵敏", "应发合计"), "应发合计"),
    "work-order forms": (
        ("工程施工质量自评方案", "工程施工计件工资结算单", "请只使用盖红色印章之受控文件"),
        "工程施工安全检查记录表",
    ),
    "policy document": (("文件编号 FS-MS-KF-13", "修订履历", "¥500.00"), "修订履历"),
    "quarterly report": (("安装部 2026 年第 2 季度考核书面报告", "一、概况"), "一、概况"),
}


@pytest.fixture
def printed(client, bonus_people, month, monkeypatch, settings, tmp_path) -> dict[str, tuple[str, bytes]]:
    """kind → (HTML, PDF) for every kind of PDF the application prints, each made the way users get it."""
    c = bonus_people
    settings.MEDIA_ROOT = str(tmp_path / "media")
    html_of: list[str] = []
    real = core.pdf.html_to_pdf

    def recording(html: str) -> bytes:
        html_of.append(html)
        return real(html)

    monkeypatch.setattr(core.pdf, "html_to_pdf", recording)
    monkeypatch.setattr(payroll.pdf, "html_to_pdf", recording)

    def get(user, url: str) -> bytes:
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf", url
        return b"".join(response.streaming_content) if response.streaming else response.content

    period_close(user=c.hr, period=month)  # (prints the department books once already)
    payslips_publish(user=c.hr, period=month)  # the engineer downloads theirs once HR publishes it
    payslip = Payslip.objects.get(period=month, engineer=c.li)
    order = WorkOrder.objects.filter(is_special=True).order_by("id").first()
    policy = PolicyVersion.objects.get(version="A/2")
    makers = {
        "payslip": lambda: get(c.li_user, f"/payroll/payslips/{payslip.pk}/pdf/"),
        "department book": lambda: payroll.pdf.department_pdfs(month)[0].read_bytes(),
        "work-order forms": lambda: get(c.hr, f"/workorders/{order.pk}/forms.pdf"),
        "policy document": lambda: get(c.gm, f"/payroll/policies/{policy.pk}/pdf/"),
        "quarterly report": lambda: get(c.manager, f"/kpi/summary/department/{c.d1.pk}/2026/q2.pdf"),
    }
    printed = {}
    for kind, make in makers.items():
        html_of.clear()
        pdf = make()
        printed[kind] = (html_of[0], pdf)
    return printed


def poppler(tool: str, pdf: bytes, tmp_path: Path, *args: str) -> str:
    path = tmp_path / "read.pdf"
    path.write_bytes(pdf)
    return subprocess.run([tool, *args, str(path), "-"], capture_output=True, text=True, check=True).stdout


def embedded_fonts(pdf: bytes, tmp_path: Path) -> dict[str, str]:
    """PostScript name (without the subset tag) → 'emb' column of `pdffonts`."""
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()
    fonts = {}
    for line in lines[2:]:
        name, *rest = line.split()
        fonts[name.split("+", 1)[-1]] = rest[-5]  # columns: name type [encoding] emb sub uni object ID
    return fonts


def runs_of_text(pdf: bytes, tmp_path: Path) -> list[tuple[bool, str]]:
    """(set in a bold face?, text) for every run of text, as poppler's pdftohtml reads them (it marks a run
    <b> when its font is a bold one; the only fonts in these PDFs are the shipped two)."""
    root = ET.fromstring(poppler("pdftohtml", pdf, tmp_path, "-xml", "-i", "-q", "-stdout"))
    return [(t.find("b") is not None, "".join(t.itertext())) for t in root.iter("text")]


def assert_prints_in_the_shipped_font(kind: str, pdf: bytes, tmp_path: Path) -> str:
    expected, bold_text = EXPECTED[kind]
    fonts = embedded_fonts(pdf, tmp_path)
    assert set(fonts) == {REGULAR, BOLD}, f"{kind}: fonts {fonts}, expected only the shipped Regular and Bold"
    assert set(fonts.values()) == {"yes"}, f"{kind}: a font is not embedded: {fonts}"
    text = poppler("pdftotext", pdf, tmp_path)
    for words in expected:
        assert words in text, f"{kind}: {words!r} does not read back"
    runs = runs_of_text(pdf, tmp_path)
    assert any(bold_text in t for bold, t in runs if bold), f"{kind}: {bold_text!r} is not bold"
    assert any(re.search(r"[\u4e00-\u9fff]", t) for bold, t in runs if not bold), f"{kind}: no regular Chinese"
    return text


def test_every_kind_of_pdf_embeds_the_shipped_chinese_font_regular_and_bold(printed, tmp_path):
    assert set(printed) == set(EXPECTED)
    for kind, (_html, pdf) in printed.items():
        assert_prints_in_the_shipped_font(kind, pdf, tmp_path)


def test_every_kind_of_pdf_prints_chinese_on_a_machine_without_cjk_fonts(printed, tmp_path):
    """The same HTML rendered in a fresh process whose fontconfig sees no system font but DejaVu (what a
    fresh Debian has): the PDFs still embed only the shipped font and read back the same text."""
    conf = tmp_path / "fonts.conf"
    dejavu = [d for d in ("/usr/share/fonts/truetype/dejavu",) if Path(d).is_dir()]
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd"><fontconfig>'
        + "".join(f"<dir>{d}</dir>" for d in dejavu)
        + f"<cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    pages = {}
    for number, (kind, (html, _pdf)) in enumerate(printed.items()):
        pages[kind] = tmp_path / f"kind-{number}.html"
        pages[kind].write_text(html, encoding="utf-8")
    # A probe asking for the system's Noto Sans CJK SC by name: it must not be found, or this test proves nothing.
    probe = tmp_path / "probe.html"
    probe.write_text("<p style=\"font-family: 'Noto Sans CJK SC', 'Noto Sans CJK JP'\">工资条</p>", encoding="utf-8")
    render = (
        "import sys, django; django.setup(); from core.pdf import html_to_pdf\n"
        "for path in sys.argv[1:]:\n"
        "    open(path[:-5] + '.pdf', 'wb').write(html_to_pdf(open(path, encoding='utf-8').read()))\n"
    )
    env = {**os.environ, "FONTCONFIG_FILE": str(conf), "DJANGO_SETTINGS_MODULE": "config.settings"}
    subprocess.run(
        [sys.executable, "-c", render, str(probe), *map(str, pages.values())],
        cwd=settings.BASE_DIR,
        env=env,
        check=True,
        timeout=300,
    )
    probe_fonts = embedded_fonts(probe.with_suffix(".pdf").read_bytes(), tmp_path)
    assert not any(name.startswith("Noto-Sans-CJK") and "IncDesk" not in name for name in probe_fonts), probe_fonts
    for kind, page in pages.items():
        alone = assert_prints_in_the_shipped_font(kind, page.with_suffix(".pdf").read_bytes(), tmp_path)
        assert alone == poppler("pdftotext", printed[kind][1], tmp_path), f"{kind}: text differs without CJK fonts"


def test_the_shipped_font_has_every_character_the_templates_and_translations_print():
    """A new word in a template or a translation with a character outside the subset fails here (add it to
    EXTRA in scripts/build_cjk_font.py and rebuild), instead of printing in whatever font a server has."""
    root = Path(settings.BASE_DIR)
    sources = [*root.glob("templates/**/*.html"), *root.glob("locale/zh_Hans/LC_MESSAGES/django.po")]
    sources += [p for app in settings.INSTALLED_APPS if (root / app).is_dir() for p in (root / app).rglob("*.py")]
    used = {c for path in sources for c in path.read_text(encoding="utf-8") if ord(c) > 0x7E}
    for file_name in FONT_FILES.values():
        cmap = TTFont(FONT_DIR / file_name).getBestCmap()
        missing = sorted(c for c in used if ord(c) not in cmap and not c.isspace() and c not in "\ufe0f\u200b")
        assert not missing, f"{file_name} lacks {''.join(missing)!r}"
        assert len(cmap) > 9000 and all(ord(c) in cmap for c in "工资条应发合计¥×≤≥—…"), file_name


def test_pdfs_never_fetch_from_the_network(monkeypatch):
    """Only files and data: URLs: an http(s) image in a template is refused, never requested."""
    import socket

    tried = []

    def no_network(*args, **kwargs):
        tried.append(args)  # WeasyPrint swallows a fetcher's errors, so note the attempt
        raise OSError("no network in tests")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    pdf = core.pdf.html_to_pdf(
        '<p>工资条</p><img src="http://127.0.0.1:9/logo.png"><img src="https://example.cn/a.png">'
    )
    assert pdf.startswith(b"%PDF") and not tried, tried
