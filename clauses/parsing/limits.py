"""How much one document may hold, and what fits the database.

A document's size decides how long its ingest holds the database's write
lock and how much a reader's page must load, so ingestion refuses a file
beyond these bounds with a message instead of storing it. The parse stays
pure: the ingest service builds ``Limits`` from settings and from the
models' column lengths and passes it in. ``Limits()`` bounds nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .types import FIELD_LABELS, Metadata, ParsedClause, ParseError


class LimitExceeded(ParseError):
    """A document larger than ``limit`` (a ``Limits`` field name) allows."""

    def __init__(self, message: str, *, limit: str) -> None:
        super().__init__(message)
        self.limit = limit


@dataclass(frozen=True)
class Limits:
    max_bytes: int | None = None
    max_clauses: int | None = None
    max_clause_chars: int | None = None
    # Pages of a paged format (PDF): checked before any page's text is read.
    max_pages: int | None = None
    # Metadata field → the most characters the database stores for it.
    field_lengths: Mapping[str, int] = field(default_factory=dict)


def check_size(size: int, limits: Limits, *, name: str) -> None:
    """Refuse a file before it is read if it is larger than ``max_bytes``."""
    if limits.max_bytes is not None and size > limits.max_bytes:
        raise LimitExceeded(f"{name}：文件大小为 {size / 2**20:.1f} MB，超过单个文件的上限 "
                            f"{limits.max_bytes / 2**20:g} MB。", limit="max_bytes")


def check_clauses(clauses: list[ParsedClause], limits: Limits, *, name: str) -> None:
    """Refuse a document with more clauses, or a longer clause, than the limits allow."""
    if limits.max_clauses is not None and len(clauses) > limits.max_clauses:
        raise LimitExceeded(f"{name}：共 {len(clauses):,} 个条款，超过单个文件的上限 {limits.max_clauses:,} 个。",
                            limit="max_clauses")
    if limits.max_clause_chars is None:
        return
    for clause in clauses:
        length = len(clause.heading) + len(clause.text)
        if length > limits.max_clause_chars:
            raise LimitExceeded(
                f"{name}：条款 {clause.label or clause.key} 共 {length:,} 字符，超过单个条款的上限 "
                f"{limits.max_clause_chars:,} 字符。", limit="max_clause_chars")


def fit_metadata(metadata: Metadata, limits: Limits) -> list[str]:
    """Make values taken from the text fit their columns; returns a warning for each change.

    A sidecar's values were checked when it was read. A title found in the
    text is cut (the whole of it stays in the clauses); any other value too
    long to be what it claims — a URL, a source, an issuer — is dropped.
    """
    warnings = []
    lengths = limits.field_lengths
    title_length = lengths.get("title")
    if title_length and len(metadata.title) > title_length:
        warnings.append(f"标题共 {len(metadata.title):,} 字符，超出可保存的 {title_length} 字符，"
                        f"已截取前 {title_length} 字符")
        metadata.title = metadata.title[:title_length]
    for name in ("doc_number", "source_url", "source_name"):
        value, length = getattr(metadata, name), lengths.get(name)
        if length and len(value) > length:
            warnings.append(f"文本中识别出的{FIELD_LABELS[name]}共 {len(value):,} 字符，超出可保存的 {length} 字符，"
                            "未保存")
            setattr(metadata, name, "")
    issuer_length = lengths.get("issuers")
    if issuer_length:
        too_long = [issuer for issuer in metadata.issuers if len(issuer) > issuer_length]
        if too_long:
            warnings.append(f"{len(too_long)} 个发文单位名称超出可保存的 {issuer_length} 字符，未保存")
            metadata.issuers = [issuer for issuer in metadata.issuers if issuer not in too_long]
            metadata.unknown_issuers = [issuer for issuer in metadata.unknown_issuers if issuer not in too_long]
    return warnings
