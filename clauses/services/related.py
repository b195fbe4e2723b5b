"""Suggest related clauses across documents by text similarity.

Each numbered clause is compared with the numbered clauses of every other
document (TF-IDF over jieba words, cosine similarity). For each other
document the best few above a threshold become suggestions with their score.
Editors' decisions stay: a confirmed or rejected pair is never rewritten,
and only the machine's suggestions are replaced when texts change.

All pairs are compared, which is fine for thousands of clauses; a larger
collection should use the search engine's more-like-this instead.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict

from django.db import transaction

from clauses.gazetteer import snapshot
from clauses.models import Clause, RelatedClause

COMPARED_KINDS = (Clause.Kind.PART, Clause.Kind.ITEM, Clause.Kind.SUB_ITEM)
PER_DOCUMENT = 3
THRESHOLD = 0.2


def _words(text: str) -> Counter:
    jieba = snapshot.current().segmenter
    return Counter(word for word in jieba.cut(text) if len(word) >= 2 and not word.isdigit())


def _vectors(clauses: list[Clause]) -> dict[int, dict[str, float]]:
    counts = {clause.pk: _words(clause.full_text) for clause in clauses}
    document_frequency = Counter(word for words in counts.values() for word in words)
    total = len(counts)
    vectors = {}
    for pk, words in counts.items():
        vector = {word: count * math.log((1 + total) / (1 + document_frequency[word])) for word, count in words.items()}
        norm = math.sqrt(sum(value * value for value in vector.values())) or 1.0
        vectors[pk] = {word: value / norm for word, value in vector.items()}
    return vectors


def _cosine(first: dict[str, float], second: dict[str, float]) -> float:
    if len(first) > len(second):
        first, second = second, first
    return sum(value * second.get(word, 0.0) for word, value in first.items())


def suggest_related() -> int:
    """Recompute every machine suggestion; returns how many there are.

    Comparing reads and computes outside any transaction; only replacing the
    suggestions is one. On SQLite a transaction takes the database's write
    lock when it begins (IMMEDIATE), and comparing every pair took 13 minutes
    at 6,000 clauses: every editor's save waited for it, then answered 503.
    Editors' decisions are read again inside the transaction, so a pair
    confirmed or rejected meanwhile is kept as decided.
    """
    clauses = list(Clause.objects.current().filter(kind__in=COMPARED_KINDS).select_related("document"))
    pairs = _best_pairs(clauses, _vectors(clauses))
    with transaction.atomic():
        decided = set(RelatedClause.objects.exclude(status=RelatedClause.Status.SUGGESTED)
                      .values_list("source_id", "target_id"))
        # A clause deleted while we compared (an admin may delete a document) takes its pairs with it.
        remaining = set(Clause.objects.filter(pk__in=[clause.pk for clause in clauses]).values_list("pk", flat=True))
        suggestions = [RelatedClause(source_id=source, target_id=target, score=score)
                       for source, target, score in pairs
                       if (source, target) not in decided and source in remaining and target in remaining]
        RelatedClause.objects.filter(status=RelatedClause.Status.SUGGESTED).delete()
        RelatedClause.objects.bulk_create(suggestions, batch_size=500)
    return len(suggestions)


def _best_pairs(clauses: list[Clause], vectors: dict[int, dict[str, float]]) -> list[tuple[int, int, float]]:
    """(clause, other clause, score): for each clause, the best few of every other document above the threshold."""
    pairs = []
    for clause in clauses:
        best: dict[int, list[tuple[float, int]]] = defaultdict(list)
        for other in clauses:
            if other.document_id == clause.document_id:
                continue
            score = _cosine(vectors[clause.pk], vectors[other.pk])
            if score >= THRESHOLD:
                best[other.document_id].append((score, other.pk))
        for candidates in best.values():
            pairs += [(clause.pk, other_pk, round(score, 4))
                      for score, other_pk in sorted(candidates, reverse=True)[:PER_DOCUMENT]]
    return pairs
