"""A clause that says a word itself comes before one found only through where it stands (issue 13).

A document's title and 文号 and the heading of the part a clause is in are
searched too (the index field ``context``), weighted less: every clause of a
document whose title says 承接产业转移 is found by it, after the clauses
whose own text says it. Checked for every word of every title in the seeds
and the corpus, with the database's texts as the oracle.
"""

from __future__ import annotations

import re

import jieba
import pytest

from clauses.gazetteer import snapshot
from clauses.models import Clause, Document
from search.selectors import SearchRequest, search

pytestmark = pytest.mark.xdist_group("seeds-and-corpus")  # one worker builds the index once


def every_hit(q: str) -> list:
    hits, page = [], 1
    while True:
        outcome = search(SearchRequest(q=q, page=page, page_size=100))
        hits += outcome.hits
        if page >= outcome.num_pages:
            return hits
        page += 1


def own_words(clause: Clause) -> str:
    """What the clause itself prints: its label, heading, text and translations (not its document's title)."""
    return "\n".join([clause.label, clause.heading, clause.text, *clause.translations.values_list("text", flat=True)])


def title_words() -> list[str]:
    """Han words of two characters or more in the documents' titles (jieba's search cut, not the index's)."""
    words = {word for title in Document.objects.values_list("title", flat=True) for word in jieba.cut_for_search(title)}
    return sorted(word for word in words if len(word) >= 2 and re.fullmatch(r"[\u4e00-\u9fff]+", word))


@pytest.mark.usefixtures("seeds_and_corpus_index", "db")
class TestOwnTextFirst:
    def test_every_clause_is_found_by_its_title_and_after_those_that_say_the_word(self):
        clauses = {(clause.document.slug, clause.key): clause
                   for clause in Clause.objects.current().select_related("document").prefetch_related("translations")}
        checked, both = 0, 0
        for word in title_words():
            forms = [word, *snapshot.current().synonyms(word)]  # the forms the query looks for
            hits = every_hit(word)
            titled = {key for key, clause in clauses.items() if word in clause.document.title}
            assert titled <= {(hit.document["slug"], hit.clause["key"]) for hit in hits}, word
            says = [bool(hit.matched_through) or any(form in own_words(clauses[hit.document["slug"], hit.clause["key"]])
                                                     for form in forms) for hit in hits]
            checked += 1
            if any(says) and not all(says):
                both += 1
                first_through_title = says.index(False)
                assert not any(says[first_through_title:]), (word, first_through_title, says.count(True))
        assert checked >= 50 and both >= 30  # the words found both ways: what the assertion is about
