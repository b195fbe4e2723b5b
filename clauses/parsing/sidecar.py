"""Reading a document's optional sidecar: ``NAME.meta.json`` beside ``NAME.txt``.

A sidecar supplies what the text lacks (slug, source URL, date, …); see
``metadata.py`` for how its values combine with the text's. Every field is
checked here — its type, its form and its length in the database — so a
mistyped sidecar is refused with a message naming the file and the field,
and a value a page or a permalink could not carry is never stored.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Mapping
from pathlib import Path

from .clean import strip_controls
from .types import FIELD_LABELS, DocumentKind, DocumentLevel, ParseError
from .urls import is_web_url

SIDECAR_SUFFIX = ".meta.json"
# A sidecar holds a few short fields; anything this big is not one.
_MAX_SIDECAR_BYTES = 64 * 1024
LEVELS = tuple(DocumentLevel)
KINDS = tuple(DocumentKind)
TEXT_FIELDS = ("title", "doc_number", "source_url", "jurisdiction", "language")
FIELDS = ("slug", *TEXT_FIELDS, "issued_on", "level", "kind", "issuers")
# The form of generated slugs: what a permalink's <slug:…> part accepts,
# narrowed to lower case so two documents cannot differ by case alone.
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


def sidecar_path(source: Path) -> Path:
    return source.with_name(source.stem + SIDECAR_SUFFIX)


def read_sidecar(source: Path) -> dict | None:
    """The sidecar's JSON object as written, or None if the file has none."""
    path = sidecar_path(source)
    if not path.exists():
        return None
    if path.stat().st_size > _MAX_SIDECAR_BYTES:
        raise ParseError(f"{path.name}：元数据文件（.meta.json）共 {path.stat().st_size:,} 字节，过大"
                         f"（最多 {_MAX_SIDECAR_BYTES:,} 字节）。")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ParseError(f"{path.name}：元数据文件（.meta.json）不是有效的 UTF-8 JSON（{error}）") from None
    if not isinstance(data, dict):
        raise ParseError(f"{path.name}：元数据文件（.meta.json）应为 JSON 对象")
    return data


def _quoted(text: str, length: int) -> str:
    """A value as written, on one line and cut to ``length``, to quote in a message."""
    return f"“{' '.join(strip_controls(text).split())[:length]}”"


class _Checker:
    """Checks one sidecar's fields; every error names the file and the field."""

    def __init__(self, name: str, field_lengths: Mapping[str, int]) -> None:
        self.name = name
        self.field_lengths = field_lengths

    def error(self, field: str, problem: str) -> ParseError:
        """Named by the label an editor reads and the key a sidecar is written with: 成文日期（issued_on）."""
        return ParseError(f"{self.name}：{FIELD_LABELS[field]}（{field}）{problem}")

    def text(self, field: str, value: object, *, length_of: str | None = None) -> str:
        if not isinstance(value, str):
            raise self.error(field, f"应为字符串，实为 {json.dumps(value, ensure_ascii=False)[:40]}")
        text = strip_controls(value).strip()
        length = self.field_lengths.get(length_of or field)
        if length and len(text) > length:
            raise self.error(field, f"共 {len(text):,} 字符，最多可保存 {length} 字符")
        return text

    def check(self, field: str, value: object) -> object:
        if field == "issuers":
            if not isinstance(value, list) or not value:
                raise self.error(field, "应为非空的名称列表，如 [\"省发展改革委\"]")
            names = [self.text(field, name, length_of="issuers") for name in value]
            if not all(names):
                raise self.error(field, "含有空名称")
            return names
        text = self.text(field, value)
        if field == "slug" and not _SLUG.match(text):
            raise self.error(field, f"{_quoted(text, 80)}不是有效的标识：只能由小写字母、数字和单个连字符组成，"
                                    "如 chuanbanfa-2022-67")
        if field == "issued_on":
            try:
                if not _ISO_DATE.match(text):
                    raise ValueError(text)
                return datetime.date.fromisoformat(text)
            except ValueError:
                raise self.error(field, f"{_quoted(text, 40)}不是 YYYY-MM-DD 格式的日期") from None
        if field == "level" and text not in LEVELS:
            raise self.error(field, f"应为以下之一：{'、'.join(LEVELS)}")
        if field == "kind" and text not in KINDS:
            raise self.error(field, f"应为以下之一：{'、'.join(KINDS)}")
        if field == "source_url" and text:
            if not is_web_url(text):
                raise self.error(field, f"{_quoted(text, 80)}不是以 http:// 或 https:// 开头的网址")
        if field == "language" and text and not _LANGUAGE.match(text):
            raise self.error(field, f"{_quoted(text, 20)}不是语言代码（如 zh、ko）")
        return text


def validate_sidecar(data: dict, *, name: str, field_lengths: Mapping[str, int]) -> dict:
    """The sidecar's fields, checked and cleaned: strings, a date, a list of issuers.

    An unknown field is an error, not a warning: it is almost always a
    misspelt one (``issued``, ``source``), and storing the document without
    the value its editor meant to give is worse than asking for a fix.
    """
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        raise ParseError(f"{name}：未知字段{'、'.join(_quoted(key, 40) for key in unknown)}；"
                         f"可用的字段：{'、'.join(sorted(FIELDS))}")
    checker = _Checker(name, field_lengths)
    return {field: checker.check(field, value) for field, value in data.items()}
