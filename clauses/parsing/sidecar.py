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
from .types import DocumentKind, DocumentLevel, ParseError
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
        raise ParseError(f"{path.name}: a sidecar of {path.stat().st_size:,} bytes is too large "
                         f"(at most {_MAX_SIDECAR_BYTES:,}).")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ParseError(f"{path.name}: sidecar is not valid UTF-8 JSON ({error})") from None
    if not isinstance(data, dict):
        raise ParseError(f"{path.name}: sidecar must be a JSON object")
    return data


class _Checker:
    """Checks one sidecar's fields; every error names the file and the field."""

    def __init__(self, name: str, field_lengths: Mapping[str, int]) -> None:
        self.name = name
        self.field_lengths = field_lengths

    def error(self, field: str, problem: str) -> ParseError:
        return ParseError(f"{self.name}: field {field!r} {problem}")

    def text(self, field: str, value: object, *, length_of: str | None = None) -> str:
        if not isinstance(value, str):
            raise self.error(field, f"must be a string, not {type(value).__name__} {json.dumps(value)[:40]}")
        text = strip_controls(value).strip()
        length = self.field_lengths.get(length_of or field)
        if length and len(text) > length:
            raise self.error(field, f"has {len(text):,} characters; at most {length} are stored")
        return text

    def check(self, field: str, value: object) -> object:
        if field == "issuers":
            if not isinstance(value, list) or not value:
                raise self.error(field, "must be a non-empty list of names, e.g. [\"省发展改革委\"]")
            names = [self.text(field, name, length_of="issuers") for name in value]
            if not all(names):
                raise self.error(field, "has an empty name")
            return names
        text = self.text(field, value)
        if field == "slug" and not _SLUG.match(text):
            raise self.error(field, f"{text[:80]!r} is not a permalink slug: lower-case letters, digits and "
                                    "single hyphens, e.g. chuanbanfa-2022-67")
        if field == "issued_on":
            try:
                if not _ISO_DATE.match(text):
                    raise ValueError(text)
                return datetime.date.fromisoformat(text)
            except ValueError:
                raise self.error(field, f"{text[:40]!r} is not a YYYY-MM-DD date") from None
        if field == "level" and text not in LEVELS:
            raise self.error(field, f"must be one of {', '.join(LEVELS)}")
        if field == "kind" and text not in KINDS:
            raise self.error(field, f"must be one of {', '.join(KINDS)}")
        if field == "source_url" and text:
            if not is_web_url(text):
                raise self.error(field, f"{text[:80]!r} is not an http:// or https:// address")
        if field == "language" and text and not _LANGUAGE.match(text):
            raise self.error(field, f"{text[:20]!r} is not a language code such as zh or ko")
        return text


def validate_sidecar(data: dict, *, name: str, field_lengths: Mapping[str, int]) -> dict:
    """The sidecar's fields, checked and cleaned: strings, a date, a list of issuers.

    An unknown field is an error, not a warning: it is almost always a
    misspelt one (``issued``, ``source``), and storing the document without
    the value its editor meant to give is worse than asking for a fix.
    """
    unknown = sorted(key[:40] for key in set(data) - set(FIELDS))
    if unknown:
        raise ParseError(f"{name}: unknown field(s) {', '.join(map(repr, unknown))}; "
                         f"allowed: {', '.join(sorted(FIELDS))}")
    checker = _Checker(name, field_lengths)
    return {field: checker.check(field, value) for field, value in data.items()}
