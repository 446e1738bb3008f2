"""The Chinese catalogue is complete and its compiled .mo matches the .po."""

from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "zh_Hans" / "LC_MESSAGES"


def test_every_message_has_a_chinese_translation():
    po = polib.pofile(str(LOCALE / "django.po"))
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []


def test_compiled_catalogue_matches_the_source():
    po = polib.pofile(str(LOCALE / "django.po"))
    mo = polib.mofile(str(LOCALE / "django.mo"))
    compiled = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural.get(0) for e in mo}
    source = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural.get(0) for e in po.translated_entries()}
    assert {key: compiled.get(key) for key in source} == source


def test_translations_keep_their_format_placeholders():
    """msgfmt --check refuses a translation whose %(name)s placeholders differ from the source."""
    import shutil
    import subprocess

    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "gettext's msgfmt is needed (.ci/test installs it)"
    result = subprocess.run(
        [msgfmt, "--check", "-o", "/dev/null", str(LOCALE / "django.po")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
