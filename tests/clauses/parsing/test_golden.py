"""Golden files: every seed, every unseen corpus document and every duty-format document, parsed whole.

``data/golden/<name>.json`` holds what the pipeline produced when a person
last read it and accepted it. A change in parsing shows here as a diff.
To accept a deliberate change, regenerate and read the diff before committing:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/clauses/parsing/test_golden.py
    git diff tests/clauses/parsing/data/golden
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from django.conf import settings

from clauses.parsing.pipeline import parse_document
from clauses.parsing.sidecar import read_sidecar
from clauses.parsing.types import DepartmentMention, ParsedDocument

DATA = Path(__file__).parent / "data"
SOURCES = sorted((settings.BASE_DIR / "fixtures" / "documents").glob("*.txt")) + sorted(
    (DATA / "corpus").glob("*.txt")) + sorted(
    path for path in (DATA / "duties").iterdir() if path.suffix in (".txt", ".html"))


def as_json(parsed: ParsedDocument) -> dict:
    metadata = parsed.metadata
    return {
        "metadata": {
            "slug": metadata.slug, "title": metadata.title, "doc_number": metadata.doc_number,
            "issuers": metadata.issuers, "unknown_issuers": metadata.unknown_issuers,
            "issued_on": metadata.issued_on.isoformat() if metadata.issued_on else None,
            "level": metadata.level, "kind": metadata.kind, "jurisdiction": metadata.jurisdiction,
            "source_url": metadata.source_url, "source_name": metadata.source_name,
        },
        "warnings": parsed.warnings,
        "references": [{"relation": ref.relation, "doc_number": ref.doc_number, "title": ref.title,
                        "clause": ref.clause_key} for ref in parsed.references],
        "clauses": [
            {
                "key": clause.key, "kind": clause.kind, "label": clause.label, "number": clause.number,
                "parent": clause.parent_key, "heading": clause.heading, "text": clause.text,
                "translations": clause.translations,
                "departments": [[mention.name, mention.role] + _resolution(mention) for mention in clause.departments],
                "regions": [mention.name for mention in clause.regions],
                "industries": [mention.name for mention in clause.industries],
            }
            for clause in parsed.clauses
        ],
    }


def _resolution(mention: DepartmentMention) -> list[str]:
    """Nothing for a body the gazetteer knows; how another was recognised, or "unknown"."""
    if mention.known:
        return []
    return [mention.pattern or "unknown"]


@pytest.mark.parametrize("source", SOURCES, ids=[source.stem for source in SOURCES])
def test_document_parses_as_its_golden_file(source: Path, lexicon):
    parsed = parse_document(source.read_bytes(), name=source.name, lexicon=lexicon,
                            sidecar=read_sidecar(source))
    actual = as_json(parsed)
    golden = DATA / "golden" / f"{source.stem}.json"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert golden.exists(), f"no golden file for {source.name}: run with UPDATE_GOLDEN=1 and review it"
    assert actual == json.loads(golden.read_text(encoding="utf-8"))


def test_every_source_has_a_golden_file_and_no_golden_file_is_orphaned():
    stems = {source.stem for source in SOURCES}
    goldens = {path.stem for path in (DATA / "golden").glob("*.json")}
    assert len(stems) == len(SOURCES) >= 15  # no two sources share a golden file's name
    assert goldens == stems
