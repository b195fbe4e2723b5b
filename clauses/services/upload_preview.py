"""What storing an uploaded file would do, worked out without storing anything: the admin's upload preview.

Reads only. The file is parsed as the store parses it (``ingest.parse_source``)
and compared with the stored document it is a new version of through the
functions the store itself uses — ``find_existing`` (same slug, else same
文号) and ``match_rows`` (which stored clause each new clause is) — so what
the editor confirms is what the store then does. The results are plain
dataclasses for a template to show.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Q

from clauses.models import TAG_KINDS, Clause, ClauseDepartment, Document, TagLink
from clauses.parsing.lexicon import Lexicon
from clauses.parsing.limits import Limits
from clauses.parsing.types import ParsedClause, ParsedDocument
from clauses.parsing.word_hidden import Hidden, hidden_content
from clauses.permalinks import clause_url
from clauses.textdiff import text_diff

from .clause_rows import match_rows
from .ingest import Source, find_existing, fingerprint_of, parse_source

KEPT, CHANGED, NEW, RETIRED = "kept", "changed", "new", "retired"
STATUS_LABELS = {KEPT: "保留", CHANGED: "修改", NEW: "新增", RETIRED: "停用"}


@dataclass(frozen=True)
class TagPreview:
    """A tag the parse found on a clause: a department with its role, a region or an industry."""

    name: str
    role: str = ""  # departments only: 牵头, 配合/共同负责, …
    known: bool = True  # departments only: False if no gazetteer entry or pattern names it


@dataclass(frozen=True)
class ClausePreview:
    key: str
    kind: str  # as readers call it: 部分, 项, 目, …
    label: str
    heading: str
    text: str
    depth: int  # 0 for a clause without a parent
    departments: list[TagPreview]
    regions: list[str]
    industries: list[str]


@dataclass(frozen=True)
class EditorTag:
    """A tag an editor added to a stored clause, or an extracted one an editor rejected: the upload keeps it."""

    kind: str  # 责任部门, 地区, 产业
    name: str
    rejected: bool
    by: str


@dataclass(frozen=True)
class ClauseChange:
    """One clause of a new version: kept, changed, new, or a stored clause retired."""

    status: str
    kind: str  # as readers call it, for a clause without a heading: 序言, 落款, …
    label: str
    heading: str
    permalink: str  # where the clause is read after storing (a retired clause keeps its page)
    old_permalink: str = ""  # its link before, which then answers 301 to ``permalink``; "" if the same
    diff: list[dict] = field(default_factory=list)  # changed clauses: textdiff runs from the stored text
    editor_tags: list[EditorTag] = field(default_factory=list)
    note: str = ""

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass(frozen=True)
class VersionPreview:
    """The upload as a new version of ``document``, clause by clause."""

    document: Document
    unchanged: bool  # same file, sidecar, parser and gazetteer: storing would do nothing
    changes: list[ClauseChange]

    @property
    def counts(self) -> dict[str, int]:
        counted = Counter(change.status for change in self.changes)
        return {status: counted[status] for status in STATUS_LABELS}

    @property
    def labelled_counts(self) -> list[tuple[str, int]]:
        return [(STATUS_LABELS[status], count) for status, count in self.counts.items()]


@dataclass(frozen=True)
class UploadPreview:
    name: str
    size: int
    sha256: str
    metadata: list[tuple[str, str]]  # (label, value) as the editor reads them
    slug: str
    warnings: list[str]
    unknown_names: list[str]  # departments and issuers the gazetteer does not know
    clauses: list[ClausePreview]
    version: VersionPreview | None


_HIDDEN_LABELS = {Hidden.COMMENTS: "批注", Hidden.TRACKED_REMOVALS: "修订中删除或移走的文字"}


def _hidden_content_note(raw: bytes) -> list[str]:
    """A note for the editor if the file keeps what readers downloading the 原文 would see but the text does not."""
    hidden = hidden_content(raw)
    if not hidden:
        return []
    kept = "和".join(label for kind, label in _HIDDEN_LABELS.items() if kind in hidden)
    return [f"此 Word 文件含{kept}：它们不在条文中，但保留在原文文件里，读者下载原文时可以看到。"
            "如不宜公开，请在 Word 中接受或拒绝全部修订、删除批注，另存后重新上传。"]


def preview_upload(source: Source, *, lexicon: Lexicon, limits: Limits) -> UploadPreview:
    """What storing ``source`` would store; raises ``ParseError`` (with the user's message) if it cannot be."""
    parsed = parse_source(source, lexicon=lexicon, limits=limits)
    metadata = parsed.metadata
    unknown = {mention.name for clause in parsed.clauses for mention in clause.departments if not mention.resolved}
    return UploadPreview(
        name=source.name, size=len(source.raw), sha256=source.sha256, metadata=_metadata_rows(parsed),
        slug=metadata.slug, warnings=[*_hidden_content_note(source.raw), *parsed.warnings],
        unknown_names=sorted(unknown | set(metadata.unknown_issuers)),
        clauses=_clause_tree(parsed.clauses), version=version_preview(parsed, source, lexicon=lexicon))


def version_preview(parsed: ParsedDocument, source: Source, *, lexicon: Lexicon) -> VersionPreview | None:
    """``parsed`` compared with the stored document it would replace; None if it is a new document."""
    document = find_existing(parsed, source_file=source.name, sha256=source.sha256, replace=True, lock=False)
    if document is None:
        return None
    if document.ingest_fingerprint == fingerprint_of(source, lexicon):
        return VersionPreview(document=document, unchanged=True, changes=[])
    rows = list(Clause.objects.filter(document=document).order_by("order"))
    matched = match_rows(rows, parsed.clauses)
    editor_tags = _editor_tags(document)
    taken = {clause.key for clause in parsed.clauses}
    changes = []
    for clause in parsed.clauses:
        permalink = clause_url(document.slug, clause.key)
        row = matched.get(clause.key)
        if row is None:
            changes.append(ClauseChange(NEW, Clause.Kind(clause.kind).label, clause.label, clause.heading,
                                        permalink))
            continue
        old_text, new_text = row.full_text, Clause.join_heading(clause.heading[:200], clause.text)
        changed = old_text != new_text
        # A moved clause's old link answers 301 to its new one, unless another clause now has that number.
        moved, reused = row.key != clause.key, row.key in taken
        notes = ["此前已停用，将重新启用" if row.retired_at else "",
                 "原编号现由另一条款使用，原链接将显示那一条" if moved and reused else ""]
        changes.append(ClauseChange(
            CHANGED if changed else KEPT, Clause.Kind(clause.kind).label, clause.label, clause.heading, permalink,
            old_permalink=clause_url(document.slug, row.key) if moved and not reused else "",
            diff=text_diff(old_text, new_text) if changed else [], editor_tags=editor_tags.get(row.pk, []),
            note="；".join(note for note in notes if note)))
    for row in rows:
        if row.retired_at is not None or row in matched.values():
            continue
        note = ("原链接将显示新文本中同一编号的条款；本条仍可从条款记录查阅" if row.key in taken
                else "条款页保留，标明已停用")
        changes.append(ClauseChange(RETIRED, row.get_kind_display(), row.label, row.heading,
                                    clause_url(document.slug, row.key),
                                    editor_tags=editor_tags.get(row.pk, []), note=note))
    return VersionPreview(document=document, unchanged=False, changes=changes)


def _metadata_rows(parsed: ParsedDocument) -> list[tuple[str, str]]:
    metadata = parsed.metadata
    level = Document.Level(metadata.level).label if metadata.level else ""
    kind = Document.Kind(metadata.kind or Document.Kind.POLICY).label
    return [("标题", metadata.title), ("文号", metadata.doc_number),
            ("成文日期", metadata.issued_on.isoformat() if metadata.issued_on else ""), ("层级", level),
            ("类型", kind), ("地区", metadata.jurisdiction), ("发文单位", "、".join(metadata.issuers)),
            ("标识（slug）", metadata.slug), ("来源网址", metadata.source_url), ("语言", metadata.language)]


def _clause_tree(clauses: list[ParsedClause]) -> list[ClausePreview]:
    parents = {clause.key: clause.parent_key for clause in clauses}

    def depth(key: str) -> int:
        steps, parent = 0, parents.get(key)
        while parent is not None and steps < len(parents):
            steps, parent = steps + 1, parents.get(parent)
        return steps

    roles = dict(ClauseDepartment.Role.choices)
    return [ClausePreview(
        key=clause.key, kind=Clause.Kind(clause.kind).label, label=clause.label, heading=clause.heading,
        text=clause.text, depth=depth(clause.key),
        departments=[TagPreview(mention.name, roles.get(mention.role, mention.role), mention.resolved)
                     for mention in clause.departments],
        regions=sorted({mention.name for mention in clause.regions}),
        industries=sorted({mention.name for mention in clause.industries})) for clause in clauses]


def _editor_tags(document: Document) -> dict[int, list[EditorTag]]:
    """Each clause's links an editor added or rejected: no ingest changes them (``services.tags``)."""
    tags: dict[int, list[EditorTag]] = {}
    for kind in TAG_KINDS:
        links = (kind.link.objects.filter(clause__document=document)
                 .filter(Q(origin=TagLink.Origin.EDITOR) | Q(status=TagLink.Status.REJECTED))
                 .select_related(kind.key, "created_by", "rejected_by").order_by("pk"))
        for link in links:
            rejected = link.status == TagLink.Status.REJECTED
            who = link.rejected_by if rejected else link.created_by
            tags.setdefault(link.clause_id, []).append(EditorTag(
                kind.tag_label, getattr(link, kind.key).name, rejected, who.get_username() if who else ""))
    return tags
