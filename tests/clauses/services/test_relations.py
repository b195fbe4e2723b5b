"""Relations recomputed after each stored document only where that document can change them."""

from __future__ import annotations

import json

import pytest

from clauses.models import Document, DocumentRelation
from clauses.services.relations import sync_relations


def relations() -> set[tuple[str, str, str, str]]:
    return {(relation.source.slug, relation.kind, relation.target.slug, relation.evidence)
            for relation in DocumentRelation.objects.select_related("source", "target")}


@pytest.mark.parametrize("order", ["file order", "reversed"])
def test_storing_documents_one_by_one_leaves_the_relations_a_full_recomputation_finds(seed_dir, ingest, order):
    """Reversed, the documents that name the national opinion are stored before it: they gain their
    relation when it arrives."""
    paths = sorted(seed_dir.glob("*.txt"))
    for path in reversed(paths) if order == "reversed" else paths:
        assert ingest(path).status == "created"
    incremental = relations()

    assert sync_relations() == 0, "a full recomputation changed something"
    assert relations() == incremental
    assert any(kind == "implements" for _, kind, _, _ in incremental)


def test_after_a_document_changes_its_number_the_relations_are_what_a_full_recomputation_finds(ingested_seeds, ingest):
    national = "gongxinbulianzhengfa-2021-215"
    assert ("chuanbanfa-2022-67", "implements", national) in {relation[:3] for relation in relations()}

    path = ingested_seeds / "002_69f918161c6c5907.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("工信部联政法〔2021〕215号", "工信部联政法〔2021〕299号"),
                    encoding="utf-8")
    # The same document (its slug kept by a sidecar), with another 文号.
    path.with_suffix(".meta.json").write_text(json.dumps({"slug": national}), encoding="utf-8")
    assert ingest(path).status == "updated"

    after = relations()
    assert sync_relations() == 0 and relations() == after
    # Sichuan's plan names it by its title as well as by 215号: it still implements it.
    assert ("chuanbanfa-2022-67", "implements", national) in {relation[:3] for relation in after}
