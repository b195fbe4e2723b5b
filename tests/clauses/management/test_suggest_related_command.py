"""``manage.py suggest_related`` makes every suggestion again, as the ingest that stored the documents did."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db.models import Q

from clauses.management.commands import suggest_related as command
from clauses.models import Document, RelatedClause


def suggestions() -> set[tuple[int, int, float]]:
    return set(RelatedClause.objects.filter(status=RelatedClause.Status.SUGGESTED)
               .values_list("source_id", "target_id", "score"))


@pytest.mark.django_db
def test_suggestions_lost_after_storing_are_made_again_and_decisions_kept(indexed_seeds):
    made = suggestions()
    assert made
    decided = RelatedClause.objects.filter(status=RelatedClause.Status.SUGGESTED).order_by("pk").first()
    decided.status = RelatedClause.Status.REJECTED
    decided.save()
    # As if the ingest had been killed after storing: the machine's suggestions are gone.
    RelatedClause.objects.filter(status=RelatedClause.Status.SUGGESTED).delete()
    out = io.StringIO()
    call_command("suggest_related", "--jobs", "1", stdout=out)
    assert suggestions() == made - {(decided.source_id, decided.target_id, decided.score)}
    assert RelatedClause.objects.get(pk=decided.pk).status == RelatedClause.Status.REJECTED
    assert "related-clause suggestions in" in out.getvalue()


@pytest.mark.django_db
def test_pending_compares_only_the_documents_whose_suggestions_did_not_follow_their_store(indexed_seeds,
                                                                                          monkeypatch):
    call_command("suggest_related", "--jobs", "1", stdout=io.StringIO())  # everything suggested, nothing pending
    assert not Document.objects.filter(related_pending=True).exists()
    made = suggestions()
    lost = Document.objects.order_by("pk").first()
    # As if its store had committed and the suggestions after it had failed.
    RelatedClause.objects.filter(Q(source__document=lost) | Q(target__document=lost)).delete()
    Document.objects.filter(pk=lost.pk).update(related_pending=True)
    compared = []
    real = command.suggest_for_documents
    monkeypatch.setattr(command, "suggest_for_documents",
                        lambda documents, **options: compared.append(list(documents)) or real(documents, **options))
    out = io.StringIO()

    call_command("suggest_related", "--pending", "--jobs", "1", stdout=out)

    assert compared == [[lost.pk]] and "1 document(s) pending" in out.getvalue()
    assert not Document.objects.filter(related_pending=True).exists()
    touching_lost = set(RelatedClause.objects.filter(Q(source__document=lost) | Q(target__document=lost))
                        .values_list("source_id", "target_id", "score"))
    assert touching_lost and touching_lost <= made  # found again, as the full run had found them
    assert suggestions() <= made  # and nothing the full run would not have suggested
