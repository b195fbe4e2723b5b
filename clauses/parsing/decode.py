"""Stage 1: bytes → text. Refuses what is not a text document.

Reads the raw bytes of a source file; returns a ``str`` with the BOM removed
and every line ending turned into ``\\n``. UTF-8 is the norm; UTF-16 (what
Windows Notepad writes as "Unicode") is read when its byte-order mark says
so, or when the text reads unambiguously as one byte order — Chinese text
in UTF-16 contains NUL bytes, so it must be recognised before the binary
check. Nothing else is guessed: a file in another encoding is refused with
a message that says how to convert it.
"""

from __future__ import annotations

import codecs

from .types import ParseError

_UTF16_BOMS = ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
# Share of characters that must look like Chinese text (CJK, CJK and
# full-width punctuation, printable ASCII, line breaks) for a file without a
# byte-order mark to be read as UTF-16. A binary file or the wrong byte
# order reads as Hangul, private-use and control characters instead.
_UTF16_PLAUSIBLE_SHARE = 0.9


def _plausible_text_share(text: str) -> float:
    def plausible(char: str) -> bool:
        code = ord(char)
        return (0x20 <= code < 0x7F or char in "\n\r\t" or 0x3000 <= code <= 0x303F
                or 0x4E00 <= code <= 0x9FFF or 0xFF00 <= code <= 0xFFEF or 0x2000 <= code <= 0x206F)

    return sum(map(plausible, text)) / len(text) if text else 0.0


def _utf16_without_bom(raw: bytes) -> str | None:
    """The text if exactly one UTF-16 byte order reads as Chinese text, else None."""
    if len(raw) % 2:
        return None
    readings = []
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text and _plausible_text_share(text) >= _UTF16_PLAUSIBLE_SHARE:
            readings.append(text)
    return readings[0] if len(readings) == 1 else None


def _decode_utf16(raw: bytes, name: str) -> str | None:
    for bom, encoding in _UTF16_BOMS:
        if raw.startswith(bom):
            try:
                return raw[len(bom):].decode(encoding)
            except UnicodeDecodeError as error:
                raise ParseError(f"{name}：以 UTF-16 字节顺序标记开头，却不是有效的 UTF-16 文本"
                                 f"（字节位置 {error.start + len(bom)}）。") from None
    if b"\x00" in raw:
        return _utf16_without_bom(raw)
    return None


def _decode_utf8(raw: bytes, name: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        hint = ""
        try:
            raw.decode("gb18030")
            hint = ("它可按 GB18030 编码读取：请先转换为 UTF-8（如在记事本中“另存为”并选择 UTF-8 编码，"
                    "或运行 `iconv -f GB18030 -t UTF-8`）。")
        except UnicodeDecodeError:
            pass
        raise ParseError(f"{name}：不是有效的 UTF-8 文本（字节位置 {error.start}）。{hint}") from None


def _empty(name: str) -> ParseError:
    return ParseError(f"{name}：文件为空。")


def decode_source(raw: bytes, *, name: str = "source") -> str:
    if not raw.strip():
        raise _empty(name)
    text = _decode_utf16(raw, name)
    if text is None:
        if b"\x00" in raw:
            raise ParseError(f"{name}：似为二进制文件（含有零值字节），不是文本文件。"
                             "如果它是 UTF-16 文本，请另存为 UTF-8（或带字节顺序标记的 UTF-16）。")
        text = _decode_utf8(raw, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise _empty(name)
    return text
