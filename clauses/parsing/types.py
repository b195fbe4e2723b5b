"""Dataclasses passed between the parsing stages.

They carry no behaviour beyond small conveniences: each stage reads some of
these fields and fills others, as its docstring says.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from enum import StrEnum


class ClauseKind(StrEnum):
    """What a clause is in its document's structure; ``Clause.Kind`` gives each its label."""

    PREFACE = "preface"
    ADDRESSEE = "addressee"
    PART = "part"
    ITEM = "item"
    SUB_ITEM = "sub-item"
    CLOSING = "closing"
    SIGNATURE = "signature"
    ATTACHMENT = "attachment"


class DocumentLevel(StrEnum):
    """Which level of government issued a document; ``Document.Level`` gives each its label."""

    NATIONAL = "national"
    PROVINCIAL = "provincial"
    MUNICIPAL = "municipal"
    COUNTY = "county"
    OTHER = "other"


class DocumentKind(StrEnum):
    """What a document is, for ranking and relations; ``Document.Kind`` gives each its label."""

    POLICY = "policy"
    IMPLEMENTING = "implementing"
    INTERPRETATION = "interpretation"
    NEWS = "news"


class RelationKind(StrEnum):
    """What naming another document means, strongest first; ``DocumentRelation.Kind`` gives each its label."""

    IMPLEMENTS = "implements"
    INTERPRETS = "interprets"
    REPORTS_ON = "reports_on"
    CITES = "cites"


class Role(StrEnum):
    """A department's part in a clause, strongest first.

    When one clause names a body twice, the stronger role stays (the order
    here is that strength). ``ClauseDepartment.Role`` gives each its label.
    """

    LEAD = "lead"
    CO_RESPONSIBLE = "co"
    IMPLEMENTING = "implementing"
    ISSUING = "issuing"
    NAMED = "named"

    @property
    def is_responsible(self) -> bool:
        """Every role carries responsibility for the clause but ``named``, a mere mention in the text."""
        return self is not Role.NAMED

    @property
    def strength(self) -> int:
        """0 for the strongest role; a smaller number wins."""
        return list(Role).index(self)


class ParseError(ValueError):
    """A source that cannot become a document; the message is for the user."""


@dataclass(frozen=True)
class Span:
    """Where a tag was found: character offsets into the clause text."""

    start: int
    end: int
    text: str


@dataclass
class Block:
    """A paragraph of cleaned text, before structure is known.

    ``indented`` records whether the source indented it (full-width spaces or
    a tab), which 004 uses to set its closing paragraph apart.
    """

    text: str
    indented: bool = False


@dataclass
class ParsedClause:
    """One clause as printed: its place in the tree and its text.

    ``key`` is the clause's stable identity inside its document, built from
    the numbering (``p2.i5``), so a re-ingest can find the same clause again.
    """

    key: str
    kind: ClauseKind
    label: str = ""
    number: int | None = None
    heading: str = ""
    text: str = ""
    parent_key: str | None = None
    translations: dict[str, str] = field(default_factory=dict)
    departments: list[DepartmentMention] = field(default_factory=list)
    regions: list[TermMention] = field(default_factory=list)
    industries: list[TermMention] = field(default_factory=list)

    @property
    def full_text(self) -> str:
        """Heading and text together, as a reader sees the clause."""
        if self.heading and not self.text.startswith(self.heading):
            return f"{self.heading}\n{self.text}" if self.text else self.heading
        return self.text


class BodyPattern(StrEnum):
    """How a body the gazetteer does not list was still recognised as a real one."""

    LOCAL = "local"  # level + a body every place has, for the document's place: 省商务厅 → 湖北省商务厅
    VERTICAL = "vertical"  # a national body's office printed with its place: 南昌海关
    TIER = "tier"  # the implementing tier of the document's place: 各设区市人民政府


@dataclass(frozen=True)
class DepartmentMention:
    """A department named by a clause, in the role the text gives it.

    ``name`` is the canonical gazetteer name when ``known``; otherwise the
    name built for the document's place or exactly as printed (kept and
    reported, never dropped). ``pattern`` says how a name the gazetteer does
    not know was recognised as a real body; without one it is unresolved.
    """

    name: str
    jurisdiction: str | None
    role: Role
    raw: str
    known: bool
    span: Span | None = None
    pattern: BodyPattern | None = None

    @property
    def resolved(self) -> bool:
        """A body the gazetteer knows or one recognised by its pattern: what the ingest report counts."""
        return self.known or self.pattern is not None


@dataclass(frozen=True)
class TermMention:
    """A region or industry found in a clause by gazetteer lookup."""

    name: str
    span: Span


@dataclass(frozen=True)
class Reference:
    """Another document this one names, by 文号 or by 《title》.

    ``relation`` is what naming it means given this document's kind:
    implements, interprets, reports_on or cites.
    """

    relation: str
    doc_number: str = ""
    title: str = ""
    clause_key: str = ""


@dataclass
class Metadata:
    """What the document says about itself (or its sidecar supplies)."""

    slug: str = ""
    title: str = ""
    doc_number: str = ""
    issuers: list[str] = field(default_factory=list)
    unknown_issuers: list[str] = field(default_factory=list)
    issued_on: datetime.date | None = None
    level: str = ""
    kind: str = ""
    language: str = "zh"
    jurisdiction: str = ""
    source_url: str = ""
    source_name: str = ""
    extra: dict[str, str] = field(default_factory=dict)


# Each ``Metadata`` field as an editor calls it (the admin's labels), for the messages that name one;
# a sidecar's message adds the key it is written with: 标识（slug）, 成文日期（issued_on）.
FIELD_LABELS = {
    "slug": "标识", "title": "标题", "doc_number": "文号", "issuers": "发文单位", "issued_on": "成文日期",
    "level": "层级", "kind": "类型", "language": "语言", "jurisdiction": "地区", "source_url": "来源网址",
    "source_name": "来源名称",
}


@dataclass
class ParsedDocument:
    """The result of the whole pipeline for one source file."""

    metadata: Metadata
    clauses: list[ParsedClause]
    references: list[Reference] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def clause(self, key: str) -> ParsedClause:
        for clause in self.clauses:
            if clause.key == key:
                return clause
        raise KeyError(key)
