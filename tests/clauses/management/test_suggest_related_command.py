"""``manage.py suggest_related`` makes every suggestion again, as the ingest that stored the documents did."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from clauses.models import RelatedClause


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
