"""Stage 5: paragraphs → the clause tree.

Reads the paragraphs of one language. Returns a ``Layout``: the header lines
(title, issuer, 文号 — for the metadata stage) and the clauses in reading
order, each with a stable key built from its numbering:

- preface, addressee, closing and signature paragraphs;
- parts (一、), items (（一）/(一), also numbered straight through the parts)
  and sub-items (1. / 1﹒), nested by level;
- unnumbered heading lines as parts when a text has no numbering (seed 000);
- a duty line (牵头单位：…) kept in the text of the unit it closes — after
  the last sub-item, the unit above the sub-items;
- an attached document (a title line followed by numbering that starts
  again at 一、) as an ``attachment`` clause whose children are keyed under it;
- with no numbering and no headings at all, one clause per paragraph, with a
  warning.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from . import lines as shape
from .markers import CHINESE, LEVEL_RANK, LOOKS_NUMBERED, Marker, Scheme
from .responsibility import is_duty_line, states_responsibility
from .types import Block, ClauseKind, ParsedClause

# How far into a document the header (title, 文号, addressee) may reach.
_HEADER_WINDOW = 12
_KEY_PREFIX = {"part": "p", "item": "i", "sub_item": "s"}


@dataclass
class Layout:
    header: list[str]
    clauses: list[ParsedClause]
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Open:
    clause: ParsedClause
    level: str


class _Builder:
    """Accumulates clauses while walking the body paragraphs."""

    def __init__(self, scheme: Scheme) -> None:
        self.scheme = scheme
        self.clauses: list[ParsedClause] = []
        # The keys of ``clauses``, kept as they are added: long documents have thousands.
        self.keys: set[str] = set()
        self.warnings: list[str] = []
        self.stack: list[_Open] = []
        self.current: _Open | None = None
        self.attachment: ParsedClause | None = None
        self.attachments = 0
        self.last_part_number = 0
        self.paragraph_counts: dict[str, int] = {}
        # Clauses given a duty line (牵头单位：…), and the clause the last paragraph went to if it was one.
        self.with_duty_lines: set[str] = set()
        self.duty_target: ParsedClause | None = None

    # -- keys -----------------------------------------------------------
    def _unique(self, key: str) -> str:
        existing = self.keys
        if key not in existing:
            return key
        suffix = 2
        while f"{key}-{suffix}" in existing:
            suffix += 1
        if not key.startswith(("preface", "closing", "signature", "addressee", "para")):
            self.warnings.append(f"条款 {key} 编号重复，后一条款存为 {key}-{suffix}")
        return f"{key}-{suffix}"

    def add(self, clause: ParsedClause) -> ParsedClause:
        clause.key = self._unique(clause.key)
        self.keys.add(clause.key)
        self.clauses.append(clause)
        self.paragraph_counts.setdefault(clause.key, 0)
        return clause

    # -- top-level paragraphs ---------------------------------------------
    def simple(self, kind: ClauseKind, text: str, heading: str = "") -> ParsedClause:
        parent = self.attachment.key if self.attachment else None
        prefix = f"{parent}." if parent else ""
        clause = self.add(ParsedClause(key=f"{prefix}{kind}", kind=kind, text=text,
                                       heading=heading, parent_key=parent))
        self.current = None
        return clause

    def start_attachment(self, title: str) -> None:
        self.attachments += 1
        self.stack.clear()
        self.attachment = None
        self.attachment = self.add(ParsedClause(
            key=f"a{self.attachments}", kind=ClauseKind.ATTACHMENT, heading=title,
            number=self.attachments))
        self.current = _Open(self.attachment, "attachment")
        self.last_part_number = 0

    # -- numbered units ---------------------------------------------------
    def numbered(self, marker: Marker) -> None:
        rank = LEVEL_RANK[marker.level]
        if marker.level == "part":
            if marker.number == 1 and self.last_part_number > 1:
                # Numbering starts again with no title line: a new attached text.
                self.start_attachment("")
            self.last_part_number = marker.number
        while self.stack and LEVEL_RANK[self.stack[-1].level] >= rank:
            self.stack.pop()
        parent = self.stack[-1].clause if self.stack else self.attachment
        if parent is not None:
            key = f"{parent.key}.{_KEY_PREFIX[marker.level]}{marker.number}"
        else:
            key = f"{_KEY_PREFIX[marker.level]}{marker.number}"
        heading = shape.first_sentence_heading(marker.rest, stop=self._stop())
        heading_only = heading and heading == marker.rest.rstrip("。.").strip() and marker.level == "part"
        clause = self.add(ParsedClause(
            key=key, kind=ClauseKind(marker.level.replace("_", "-")), label=marker.label,
            number=marker.number, heading=heading,
            text="" if heading_only else marker.rest,
            parent_key=parent.key if parent else None))
        opened = _Open(clause, marker.level)
        self.paragraph_counts[clause.key] = 0 if heading_only else 1
        self.stack.append(opened)
        self.current = opened

    def unnumbered_part(self, heading: str) -> None:
        self.last_part_number += 1
        number = self.last_part_number
        parent = self.attachment
        key = f"{parent.key}.p{number}" if parent else f"p{number}"
        clause = self.add(ParsedClause(key=key, kind=ClauseKind.PART, number=number, heading=heading,
                                       parent_key=parent.key if parent else None))
        self.stack = [_Open(clause, "part")]
        self.current = self.stack[-1]

    def paragraph(self, text: str) -> None:
        if self.current is None:
            self.simple(ClauseKind.PREFACE, text)
            return
        clause = self.current.clause
        looks_numbered = LOOKS_NUMBERED.match(text)
        if looks_numbered:
            self.warnings.append(f"“{looks_numbered.group(0)}”似为超出可识别范围（最大 9999）的编号；"
                                 f"段落“{text[:20]}”作为条款 {clause.key} 的正文保留")
        self._append(clause, text)

    def duty_line(self, text: str, *, next_level: str | None) -> None:
        """A 牵头单位：… line: kept in the text of the unit it closes.

        After the last of a unit's sub-items (the next numbering is not a
        sibling) it closes the unit above them, unless the sub-items say who
        is responsible for them (a duty line or a bracketed list): then it is
        the last one's. Several duty lines in a row go to one unit.
        """
        if self.current is None:
            self.paragraph(text)
            return
        target = self.current.clause
        if self.duty_target is not None:
            target = self.duty_target
        elif len(self.stack) >= 2 and self.stack[-1] is self.current and self.current.level != "part" \
                and next_level != self.current.level \
                and not any(key.startswith(f"{target.parent_key}.") for key in self.with_duty_lines) \
                and not any(states_responsibility(clause.text) for clause in self.clauses
                            if clause.parent_key == target.parent_key):
            target = self.stack[-2].clause
        self._append(target, text)
        self.with_duty_lines.add(target.key)
        self.duty_target = target

    def _append(self, clause: ParsedClause, text: str) -> None:
        clause.text = f"{clause.text}\n{text}" if clause.text else text
        self.paragraph_counts[clause.key] = self.paragraph_counts.get(clause.key, 0) + 1

    def _stop(self) -> str:
        return "。" if self.scheme is CHINESE else "."


def _find_header_end(blocks: list[Block], scheme: Scheme) -> int:
    """Index of the last header block (title, 文号, addressee), or -1."""
    window = blocks[:_HEADER_WINDOW]
    first_numbered = next((index for index, block in enumerate(window)
                           if scheme.match(block.text)), len(window))
    end = -1
    for index, block in enumerate(window[:first_numbered]):
        if shape.is_doc_number_line(block.text):
            end = max(end, index)
        if shape.is_addressee(block.text, first=index == 0):
            end = max(end, index)
            break
    if end == -1 and blocks and scheme is CHINESE and shape.is_heading_like(blocks[0].text) \
            and scheme.match(blocks[0].text) is None:
        return 0  # a news item: its first line is the headline
    return end


def _is_attachment_start(blocks: list[Block], index: int, scheme: Scheme) -> bool:
    """A title line followed, before any other numbering, by 一、 again."""
    text = blocks[index].text
    if text == "附件" or (text.startswith("附件") and len(text) <= 8):
        return True
    if not shape.is_heading_like(text, max_length=60) or shape.is_signature_line(text):
        return False
    for following in blocks[index + 1: index + 6]:
        marker = scheme.match(following.text)
        if marker is not None:
            return marker.level == "part" and marker.number == 1
    return False


def _take_signature(blocks: list[Block]) -> tuple[list[Block], list[str]]:
    """Trailing signature lines: issuing body, date, 此件公开发布."""
    signature: list[str] = []
    end = len(blocks)
    while end > 0 and shape.is_signature_line(blocks[end - 1].text) and len(signature) < 4:
        signature.insert(0, blocks[end - 1].text)
        end -= 1
    has_date = any(shape.is_date_line(line) or shape.split_org_and_date(line) for line in signature)
    if not has_date:
        return blocks, []
    return blocks[:end], signature


def _split_closing(builder: _Builder) -> None:
    """Paragraphs after the last unit beyond what its siblings usually have are closing.

    002's parts are one paragraph each, so the second paragraph after part 九
    (各地工业和信息化主管部门要…) is the closing, not more of part 九.
    """
    numbered = [clause for clause in builder.clauses
                if clause.kind in (ClauseKind.PART, ClauseKind.ITEM, ClauseKind.SUB_ITEM)]
    if not numbered:
        return
    last = numbered[-1]
    siblings = [builder.paragraph_counts[clause.key] for clause in numbered
                if clause.kind == last.kind and clause is not last]
    if not siblings:
        return
    usual = max(1, int(statistics.median(siblings)))
    paragraphs = last.text.split("\n") if last.text else []
    if len(paragraphs) <= usual:
        return
    last.text = "\n".join(paragraphs[:usual])
    builder.paragraph_counts[last.key] = usual
    for text in paragraphs[usual:]:
        builder.simple(ClauseKind.CLOSING, text)


def build_layout(blocks: list[Block], *, scheme: Scheme = CHINESE) -> Layout:
    header_end = _find_header_end(blocks, scheme)
    header_blocks = blocks[: header_end + 1]
    body, signature = _take_signature(blocks[header_end + 1:])
    builder = _Builder(scheme)

    header: list[str] = []
    pending_heading = ""
    for index, block in enumerate(header_blocks):
        is_last = index == len(header_blocks) - 1
        if is_last and shape.is_addressee(block.text, first=index == 0) and header_end >= 0 \
                and not shape.is_doc_number_line(block.text):
            builder.simple(ClauseKind.ADDRESSEE, block.text)
        elif shape.has_sentence_punctuation(block.text) and len(block.text) > 60:
            # A paragraph before the title: 002's 导读, kept as a preface.
            builder.simple(ClauseKind.PREFACE, block.text, heading=pending_heading)
            pending_heading = ""
        else:
            following = header_blocks[index + 1] if index + 1 < len(header_blocks) else None
            if following is not None and len(following.text) > 60 and len(block.text) <= 6:
                pending_heading = block.text.replace(" ", "")  # 导 读
            else:
                header.append(block.text)

    has_numbering = any(scheme.match(block.text) for block in body)
    has_headings = any(shape.is_heading_like(block.text) for block in body)
    if not has_numbering and not has_headings:
        builder.warnings.append("未识别出编号：每段作为一个条款")
        for number, block in enumerate(body, start=1):
            builder.add(ParsedClause(key=f"para{number}", kind=ClauseKind.ITEM, number=number,
                                     text=block.text))
    else:
        _walk_body(builder, body, scheme, has_numbering)
        _split_closing(builder)

    if signature:
        builder.attachment = None
        builder.simple(ClauseKind.SIGNATURE, "\n".join(signature))
    return Layout(header=header, clauses=builder.clauses, warnings=builder.warnings)


def _walk_body(builder: _Builder, body: list[Block], scheme: Scheme, has_numbering: bool) -> None:
    index = 0
    while index < len(body):
        text = body[index].text
        marker = scheme.match(text)
        following = body[index + 1].text if index + 1 < len(body) else ""
        duty = marker is None and is_duty_line(text)
        if not duty:
            builder.duty_target = None
        if marker is not None:
            builder.numbered(marker)
        elif duty:
            builder.duty_line(text, next_level=_next_level(body, index + 1, scheme))
        elif shape.is_org_line(text) and shape.is_date_line(following):
            # A signature in the middle: a covering notice before its attachments,
            # with its （此件公开发布） if printed under it.
            lines = [text, following]
            if index + 2 < len(body) and shape.is_publication_note(body[index + 2].text):
                lines.append(body[index + 2].text)
            builder.simple(ClauseKind.SIGNATURE, "\n".join(lines))
            index += len(lines) - 1
        elif shape.is_bare_date(text) and (not following or shape.is_publication_note(following)
                                           or _is_attachment_start(body, index + 1, scheme)):
            # A notice's date alone, before the plan it wraps (the issuer is in its title).
            lines = [text] + ([following] if shape.is_publication_note(following) else [])
            builder.simple(ClauseKind.SIGNATURE, "\n".join(lines))
            index += len(lines) - 1
        elif has_numbering and _is_attachment_start(body, index, scheme):
            builder.start_attachment(text)
        elif not has_numbering and shape.is_heading_like(text):
            builder.unnumbered_part(text)
        else:
            builder.paragraph(text)
        index += 1


def _next_level(body: list[Block], start: int, scheme: Scheme) -> str | None:
    """The level of the next numbered paragraph from ``start``, or None at the end."""
    for block in body[start:]:
        marker = scheme.match(block.text)
        if marker is not None:
            return marker.level
    return None
