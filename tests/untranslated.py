"""What is still English in a message an editor reads (issue 16): the oracle of the message tests.

It reads only the text produced, never the code that makes it: a Latin word
of three letters or more is English unless it is the name of a format, a
product or an encoding, a placeholder the editor types (YYYY-MM-DD, http://),
or a value the test's input carried, which the message quotes as it was
written (``verbatim``). A file name, an extension, a command in backquotes
and an identifier with a digit or an underscore (p2.i31, doc_number,
GB18030, chuanbanfa-2022-67) are quoted too, and are left out before the words are read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

ALLOWED = frozenset({
    "PDF", "Word", "WPS", "ZIP", "RTF", "OCR", "UTF", "JSON", "Excel", "PowerPoint", "OpenDocument",
    "PNG", "JPEG", "TIFF", "GIF", "BMP", "WebP", "YYYY", "http", "https", "slug",
})
_COMMAND = re.compile(r"`[^`]*`")
_FILE_NAME = re.compile(r"[\w\-]*(?:\.[A-Za-z0-9]+)+")
_TOKEN = re.compile(r"[A-Za-z0-9_]+(?:-[A-Za-z0-9_]+)*")
_IDENTIFIER = re.compile(r"[\d_]")


def english_words(message: str, verbatim: Iterable[str] = ()) -> list[str]:
    """The words of ``message`` an editor would have to read in English."""
    text = message
    for value in sorted(filter(None, verbatim), key=len, reverse=True):
        text = text.replace(value, " ")
    text = _FILE_NAME.sub(" ", _COMMAND.sub(" ", text))
    return [word for token in _TOKEN.findall(text) if not _IDENTIFIER.search(token)
            for word in token.split("-") if len(word) >= 3 and word not in ALLOWED]
