"""PolicyKB's translation catalogue: the compiled file the server reads says what the source says.

Django reads the compiled ``django.mo``; people edit ``django.po``. Both are
committed (a new machine need not have GNU gettext), so an edit compiled
nowhere would silently not reach the admin.
"""

from __future__ import annotations

import ast
import gettext
import re

from django.conf import settings

CATALOGUE = settings.BASE_DIR / "policykb" / "locale" / "zh_Hans" / "LC_MESSAGES"
_ENTRY = re.compile(r'^msgid (".*")\nmsgstr (".*")$', re.M)


def _source_entries() -> dict[str, str]:
    """The .po file's one-line entries, read apart from gettext (the header, msgid "", excepted)."""
    text = (CATALOGUE / "django.po").read_text(encoding="utf-8")
    entries = {ast.literal_eval(msgid): ast.literal_eval(msgstr) for msgid, msgstr in _ENTRY.findall(text)}
    # Every entry of this catalogue is one line each; a wrapped one would be missed here, so refuse it.
    assert text.count("\nmsgid ") == len(entries), "a msgid or msgstr spans lines: keep them on one"
    return {msgid: msgstr for msgid, msgstr in entries.items() if msgid}


def test_the_compiled_catalogue_has_every_entry_of_the_source_and_no_other():
    source = _source_entries()
    assert source and all(source.values())
    with open(CATALOGUE / "django.mo", "rb") as compiled_file:
        compiled = gettext.GNUTranslations(compiled_file)
    assert {msgid: compiled.gettext(msgid) for msgid in source} == source
    assert set(compiled._catalog) - {""} == set(source)  # nothing left over from an older source


def test_the_admin_reads_the_catalogue():
    from django.utils import translation

    with translation.override("zh-hans"):
        for msgid, msgstr in _source_entries().items():
            assert translation.gettext(msgid) == msgstr
