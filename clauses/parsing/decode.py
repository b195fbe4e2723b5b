"""Stage 1: bytes → text. Refuses what is not a UTF-8 text document.

Reads the raw bytes of a source file; returns a ``str`` with the BOM removed
and every line ending turned into ``\\n``. Nothing is guessed: a file in
another encoding is refused with a message that says how to convert it.
"""

from __future__ import annotations

from .types import ParseError


def decode_source(raw: bytes, *, name: str = "source") -> str:
    if not raw.strip():
        raise ParseError(f"{name}: the file is empty.")
    if b"\x00" in raw:
        raise ParseError(f"{name}: looks like a binary file (it contains NUL bytes), not a text document.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        hint = ""
        try:
            raw.decode("gb18030")
            hint = " It decodes as GB18030; convert it first, e.g. `iconv -f GB18030 -t UTF-8`."
        except UnicodeDecodeError:
            pass
        raise ParseError(
            f"{name}: not valid UTF-8 (byte {error.start}).{hint}"
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ParseError(f"{name}: the file is empty.")
    return text
