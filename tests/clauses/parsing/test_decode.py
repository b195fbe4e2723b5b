"""Stage 1: raw bytes → text; anything that is not UTF-8 text is refused."""

from __future__ import annotations

import pytest

from clauses.parsing.decode import decode_source
from clauses.parsing.types import ParseError

TITLE = "关于承接制造业有序转移的实施意见"


def test_utf8_text_is_returned_unchanged():
    text = f"{TITLE}\n川办发〔2022〕67号\n"
    assert decode_source(text.encode("utf-8")) == text


def test_the_byte_order_mark_is_removed():
    raw = b"\xef\xbb\xbf" + "一、总体要求".encode()
    assert decode_source(raw) == "一、总体要求"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("一、总体要求\r\n坚持稳中求进。\r\n".encode(), "一、总体要求\n坚持稳中求进。\n"),
        ("一、总体要求\r坚持稳中求进。\r".encode(), "一、总体要求\n坚持稳中求进。\n"),
        # 北大法宝 exports mix CRLF and LF in one file.
        ("【法宝引证码】 CLI.12.4638041\r\n原文链接：x\n标题\r\n".encode(),
         "【法宝引证码】 CLI.12.4638041\n原文链接：x\n标题\n"),
        ("段落一。\r\n\r\n段落二。".encode(), "段落一。\n\n段落二。"),
    ],
)
def test_every_line_ending_becomes_a_newline(raw, expected):
    assert decode_source(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [b"", b"   ", b"\n\n\r\n\t", b"\xef\xbb\xbf", b"\xef\xbb\xbf \r\n"],
    ids=["empty", "spaces", "blank-lines", "bom-only", "bom-and-whitespace"],
)
def test_an_empty_file_is_refused_as_empty(raw):
    with pytest.raises(ParseError, match=r"^notice\.txt：文件为空。$"):
        decode_source(raw, name="notice.txt")


def test_a_file_with_nul_bytes_is_refused_as_binary():
    raw = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
    with pytest.raises(ParseError, match=r"^scan\.png：似为二进制文件（含有零值字节）"):
        decode_source(raw, name="scan.png")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"],
                         ids=["with-bom", "little-endian-no-bom", "big-endian-no-bom"])
def test_utf16_text_is_read_as_text(encoding):
    """Notepad's "Unicode": UTF-16 with a byte-order mark, or one that reads only one way."""
    text = f"{TITLE}\r\n川办发〔2022〕67号\r\n一、总体要求（2023—2025年）。A\r\n"
    assert decode_source(text.encode(encoding), name="x.txt") == text.replace("\r\n", "\n")


def test_utf16_with_a_byte_order_mark_but_broken_text_names_the_bad_byte():
    raw = "一、总体要求".encode("utf-16") + b"\x00\xd8"  # a lone high surrogate
    with pytest.raises(ParseError, match=r"^x\.txt：以 UTF-16 字节顺序标记开头，却不是有效的 UTF-16 文本"
                                         r"（字节位置 14）。$"):
        decode_source(raw, name="x.txt")


def test_binary_that_happens_to_have_an_even_length_is_still_binary():
    raw = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    with pytest.raises(ParseError, match="二进制.*UTF-16"):
        decode_source(raw, name="x.png")


def test_gb18030_chinese_is_refused_with_a_message_naming_gb18030_and_how_to_convert():
    raw = f"{TITLE}\n川办发〔2022〕67号".encode("gb18030")
    with pytest.raises(ParseError) as caught:
        decode_source(raw, name="003.txt")
    message = str(caught.value)
    assert message.startswith("003.txt：不是有效的 UTF-8 文本（字节位置 0）。")
    assert "GB18030" in message
    assert "iconv -f GB18030 -t UTF-8" in message


def test_invalid_utf8_that_is_not_gb18030_either_names_the_bad_byte_and_no_encoding():
    raw = "一、总体要求".encode() + b"\xff\xfe"
    with pytest.raises(ParseError) as caught:
        decode_source(raw, name="bad.txt")
    assert str(caught.value) == "bad.txt：不是有效的 UTF-8 文本（字节位置 18）。"


def test_parse_error_is_a_value_error_so_callers_can_catch_either():
    with pytest.raises(ValueError):
        decode_source(b"")
