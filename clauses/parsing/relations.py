"""Stage 8: which other documents this one names, and what naming them means.

Reads the clauses and the metadata. A document is referred to by its 文号
(工信部联政法〔2021〕215号, any bracket form) or by its 《title》. What the
reference means follows from this document's kind: an implementing text
implements what its preface names, an interpretation interprets what its
title names, a news item reports on what its title or lead names; anything
else is a plain citation. Returns
``Reference``s; they are matched to stored documents when persisted.
"""

from __future__ import annotations

import re

from . import lines as shape
from .metadata import fold_title
from .types import ClauseKind, DocumentKind, Metadata, ParsedClause, Reference, RelationKind

_QUOTED_TITLE = re.compile(r"《(?P<title>[^《》]{4,80})》")
# 《意见》 and the like are abbreviations of a title already given.
_DOCUMENT_TITLE = re.compile(r"(关于|意见|通知|办法|规定|决定|方案|计划|规划|纲要|条例|目录|建议)")
_RELATION_FOR_KIND = {DocumentKind.IMPLEMENTING: RelationKind.IMPLEMENTS,
                      DocumentKind.INTERPRETATION: RelationKind.INTERPRETS,
                      DocumentKind.NEWS: RelationKind.REPORTS_ON}


# The verb a mention stands under, within its phrase (back to the last 。；，):
# 为深入贯彻落实《A》（文号） implements A; 根据《B》 only cites B, whatever the document is.
_CITING_VERB = re.compile(r"根据|依据|依照|按照")
_PHRASE_END = "。；;，,"


def governing_verb(text: str, position: int) -> str | None:
    """``RelationKind.IMPLEMENTS`` or ``CITES`` if the phrase before ``position`` says which, else None."""
    start = max(text.rfind(mark, 0, position) for mark in _PHRASE_END) + 1
    phrase = text[start:position]
    if shape.IMPLEMENTING_PURPOSE.search(phrase):
        return RelationKind.IMPLEMENTS
    if _CITING_VERB.search(phrase):
        return RelationKind.CITES
    return None


def _relation(metadata: Metadata, clause: ParsedClause | None, verb: str | None = None) -> str:
    """What naming another document means; ``clause`` None for the title, ``verb`` what the phrase says."""
    # A plan wrapped in a notice opens with its own preface: the attachment's text before its parts.
    in_preface = clause is not None and clause.kind in (ClauseKind.PREFACE, ClauseKind.ATTACHMENT)
    if verb == RelationKind.CITES:
        return RelationKind.CITES
    if verb == RelationKind.IMPLEMENTS and in_preface:
        return RelationKind.IMPLEMENTS
    relation = _RELATION_FOR_KIND.get(metadata.kind, RelationKind.CITES)
    in_title = clause is None
    if relation == RelationKind.IMPLEMENTS and in_preface:
        return relation
    if relation == RelationKind.INTERPRETS and in_title:
        return relation
    if relation == RelationKind.REPORTS_ON and (in_title or in_preface):
        return relation
    return RelationKind.CITES


def find_references(metadata: Metadata, clauses: list[ParsedClause]) -> list[Reference]:
    references: list[Reference] = []
    seen: set[tuple[str, str]] = set()
    # A covering notice names the texts it attaches: those are this document.
    own_titles = {fold_title(metadata.title)} | {
        fold_title(clause.heading) for clause in clauses if clause.kind == ClauseKind.ATTACHMENT}

    def add(reference: Reference) -> None:
        identity = (reference.doc_number, reference.title)
        if reference.title and fold_title(reference.title) in own_titles:
            return
        if identity not in seen:
            seen.add(identity)
            references.append(reference)

    for match in _QUOTED_TITLE.finditer(metadata.title):
        if _DOCUMENT_TITLE.search(match["title"]):
            add(Reference(relation=_relation(metadata, None), title=match["title"]))
    for clause in clauses:
        text = clause.full_text
        for match in shape.DOC_NUMBER.finditer(text):
            number = shape.normalise_doc_number(match["prefix"], match["year"], match["serial"])
            if number != metadata.doc_number:
                verb = governing_verb(text, match.start())
                add(Reference(relation=_relation(metadata, clause, verb), doc_number=number,
                              clause_key=clause.key))
        for match in _QUOTED_TITLE.finditer(text):
            title = match["title"]
            if _DOCUMENT_TITLE.search(title):
                verb = governing_verb(text, match.start())
                add(Reference(relation=_relation(metadata, clause, verb), title=title,
                              clause_key=clause.key))
    return references
