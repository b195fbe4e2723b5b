"""The ingestion pipeline: raw bytes of one file → ``ParsedDocument``.

read the file (text, HTML, Word or PDF) → clean → repair page breaks → split
languages → task tables flattened into text → structure → translations → metadata → tag → relations. Each stage is a module of its
own; this function only runs them in order. Raises ``ParseError`` with a
message for the user when the file cannot be a document, ``LimitExceeded``
when it is larger than ``limits`` allow (checked before tagging, the
costly stage).
"""

from __future__ import annotations

from .clean import clean_text
from .languages import split_languages
from .lexicon import Lexicon
from .limits import Limits, check_clauses, fit_metadata
from .metadata import extract_metadata
from .pagebreaks import repair_page_breaks
from .relations import find_references
from .sources import source_text
from .structure import build_layout
from .tasktables import expand_flattened_tables
from .tagging import tag_clauses
from .translations import attach_translations
from .types import FIELD_LABELS, ParsedDocument, ParseError

# Bump when parsing changes what it produces, so unchanged files are re-read.
PARSER_VERSION = 9


def parse_document(raw: bytes, *, name: str, lexicon: Lexicon,
                   sidecar: dict | None = None, limits: Limits = Limits()) -> ParsedDocument:
    warnings: list[str] = []
    text = source_text(raw, name=name, limits=limits, warnings=warnings)
    cleaned = clean_text(text)
    blocks = repair_page_breaks(cleaned.lines)
    chinese, translations = split_languages(blocks)
    if not chinese:
        raise ParseError(f"{name}：未找到中文文本。")
    layout = build_layout(expand_flattened_tables(chinese))
    warnings += layout.warnings
    if not any(clause.text or clause.heading for clause in layout.clauses):
        raise ParseError(f"{name}：只有文头，未找到条款。")
    check_clauses(layout.clauses, limits, name=name)
    warnings += attach_translations(layout.clauses, translations)
    metadata = extract_metadata(header=layout.header, clauses=layout.clauses, fields=cleaned.fields,
                                sidecar=sidecar, lexicon=lexicon, fallback_name=name,
                                field_lengths=limits.field_lengths)
    warnings += fit_metadata(metadata, limits)
    if translations:
        metadata.extra["translations"] = ",".join(sorted(translations))
    unknown = tag_clauses(layout.clauses, lexicon=lexicon, jurisdiction=metadata.jurisdiction or None,
                          issuers=metadata.issuers)
    if unknown:
        warnings.append("名录中没有的部门：" + "、".join(unknown))
    for field_name in ("title", "doc_number", "issued_on"):
        if not getattr(metadata, field_name):
            warnings.append(f"文本和元数据中均未找到{FIELD_LABELS[field_name]}")
    references = find_references(metadata, layout.clauses)
    return ParsedDocument(metadata=metadata, clauses=layout.clauses, references=references,
                          warnings=warnings)
