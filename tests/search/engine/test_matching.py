"""search.engine.matching ranks exactly as Whoosh does, on a real index of the seeds."""

from __future__ import annotations

import numpy as np
import pytest
from haystack import connections
from whoosh.query import And, Not, Or, Phrase, Term
from whoosh.searching import Searcher

from clauses.models import Clause
from clauses.gazetteer import snapshot
from search import build, selectors
from search.engine import matching
from search.engine.containing import Containing, containing_terms
from search.engine.printed import AdjacentPhrase
from search.query import parse_query, to_whoosh
from search.engine.segment_cache import leaves, read_postings, segment_id

from .edits import edit_one_clause_and_delete_another

# What officials type, through the same parsing as the search box.
TYPED = ["转移", "产业", "锂电 川南", "工信部", "", "-转移 产业", "承接产业转移", "锂电 OR 白酒",
         "承接产业转移 -南充", "南充", "的", "没有这个词汇", "발전", "川办发 南充 OR 达州",
         # phrases: two and three words, across a sub-word position, absent, mixed with words
         '"产业转移"', '"转移产业"', '"承接产业转移"', '"国家发展改革委"', '"发展改革"', '"有序转移 示范区"',
         '"没有的短语"', '"产业转移" 南充', '"产业转移" OR "转移产业"', '-"产业转移" 产业', '"노동집약형 산업"',
         # words matched by every term containing them: single characters, strings outside the dictionary
         "锂", "碳", "锂 OR 碳", "-碳 产业", "川办", "2022", "产 业",
         # printed across two words of the cut (河长制: 对河 / 长制), a phrase whose first word is inside a
         # word and the next after that word (发展 in 省发展改革委, then 牵头), and one that is printed
         "河长制", "小微", "全链", "河长制 OR 小微", '"发展牵头"', '"发展改革委牵头"', '"省发展改革委牵头"']
FILTERS = ['(region_exact:"四川省")', '(kind_exact:"implementing")', '(lead_exact:"四川省经济和信息化厅")',
           '(region_exact:"四川省" OR region_exact:"宜宾市")']


def _query(backend, typed: str):
    return backend.parser.parse(to_whoosh(parse_query(typed), snapshot.current().synonyms))


def _filters(backend, filters: list[str]):
    return And([backend.parser.parse(f) for f in filters]) if filters else None


def _whoosh(searcher, query, within=None, **options):
    results = searcher.search(query, filter=within, limit=None, **options)
    # Sorted by the tie-break too (``ordering.ClauseSearcher``), Whoosh keeps each result's sort
    # key: (0 - score, then the tie-break's columns).
    return ([docnum for _, docnum in results.top_n],
            [-key[0] if isinstance(key, tuple) else key for key, _ in results.top_n])


def assert_same_ranking(searcher, query, within=None):
    ours = matching.rank(searcher, query, within=within)
    documents, scores = _whoosh(searcher, query, within)
    assert ours.documents.tolist() == documents, query
    np.testing.assert_allclose(ours.scores, scores, rtol=1e-12, err_msg=str(query))


@pytest.fixture
def searcher():
    return connections["default"].get_backend()._searcher()


@pytest.mark.usefixtures("seeded_index")
class TestSameAsWhoosh:
    @pytest.mark.parametrize("typed", TYPED)
    def test_query_ranks_as_whoosh_does(self, searcher, typed):
        query = _query(connections["default"].get_backend(), typed)
        assert_same_ranking(searcher, query)

    @pytest.mark.parametrize("typed", ["发改委 飞地", "经信厅", "商务厅 开放 OR 合作", "-发改委 飞地", "工信部 南充"])
    def test_a_department_query_ranks_as_whoosh_does(self, searcher, typed, db, gazetteer_tables):
        # As the search box writes it: the lead and co clauses of every body the word can mean, constant-scored.
        if not gazetteer_tables.present():  # a transactional test before this one emptied every table
            gazetteer_tables.restore()
        query = connections["default"].get_backend()._parse(selectors._whoosh_query(parse_query(typed)))
        assert "ConstantScore" in repr(query) or typed.startswith("-")
        assert_same_ranking(searcher, query)

    @pytest.mark.parametrize("filters", [FILTERS[:1], FILTERS[:2], FILTERS[1:3], FILTERS[3:]])
    @pytest.mark.parametrize("typed", ["转移", "", "锂电 川南", "-转移 产业"])
    def test_filtered_query_ranks_as_whoosh_does(self, searcher, typed, filters):
        backend = connections["default"].get_backend()
        assert_same_ranking(searcher, _query(backend, typed), _filters(backend, filters))

    @pytest.mark.parametrize("query", [
        Or([Term("text", "南充")], boost=3.0),  # Whoosh ignores the boost of a one-query compound
        And([Term("text", "产业"), Term("text", "转移")], boost=2.0),
        And([Term("text", "产业"), Not(Term("text", "南充"), boost=5.0)]),  # a NOT scores 1 whatever its boost
        Or([Term("text", "南充", boost=2.5), Term("text", "达州")]),
    ], ids=str)
    def test_boosts_count_as_in_whoosh(self, searcher, query):
        assert_same_ranking(searcher, query)

    @pytest.mark.parametrize(("field", "reverse"), [("issued", True), ("issued", False), ("position", False)])
    def test_sorted_order_is_whoosh_order(self, searcher, field, reverse):
        query = _query(connections["default"].get_backend(), "产业")
        ours = matching.rank(searcher, query, sort_field=field, reverse=reverse)
        documents, _ = _whoosh(searcher, query, sortedby=field, reverse=reverse)
        assert ours.documents.tolist() == documents
        assert ours.scores is None

    def test_single_characters_are_matched_by_the_terms_containing_them(self, searcher):
        backend = connections["default"].get_backend()
        query = _query(backend, "锂")
        # In the clause's text, and in its document's title and 文号 (weighted less).
        assert [(type(sub), sub.fieldname) for sub in query.subqueries] == [(Containing, "text"),
                                                                             (Containing, "context")]
        terms = [term.decode() for term in query.subqueries[0]._btexts(searcher.reader())]
        assert terms and all("锂" in term for term in terms) and "锂" not in terms  # 锂 alone is no term
        assert matching.rank(searcher, query).documents.size > 0

    @pytest.mark.parametrize("boost", [1.0, 2.5])
    def test_a_common_character_ranks_as_whoosh_ranks_the_or_of_its_terms(self, searcher, boost):
        # Evaluated in one pass over every term's postings, not term by term as Whoosh does.
        query = Containing("text", "业", boost=boost)
        assert len(containing_terms(searcher.reader(), "text", "业")) >= 30
        assert_same_ranking(searcher, query)
        assert_same_ranking(searcher, query)  # the second time, the sums come from the cache

    def test_a_word_contained_in_one_term_keeps_its_boost(self, searcher):
        # The longest term of the lexicon is contained in itself alone.
        longest = max((term.decode() for term in searcher.reader().lexicon("text")), key=len)
        assert containing_terms(searcher.reader(), "text", longest) == [longest.encode()]
        plain = _whoosh(searcher, Term("text", longest))
        boosted = _whoosh(searcher, Containing("text", longest, boost=2.5))
        assert boosted[0] == plain[0] and plain[0]
        np.testing.assert_allclose(boosted[1], np.multiply(plain[1], 2.5), rtol=1e-12)
        assert_same_ranking(searcher, Containing("text", longest, boost=2.5))

    def test_a_word_no_term_contains_matches_nothing(self, searcher):
        assert matching.rank(searcher, Containing("text", "没有这个词汇")).documents.size == 0
        assert matching.rank(searcher, Containing("no_such_field", "业")).documents.size == 0

    def test_the_search_box_queries_are_not_trivial(self, searcher):
        # The comparisons above mean something only if the queries find and rank documents.
        backend = connections["default"].get_backend()
        ranked = matching.rank(searcher, _query(backend, "产业 发展"))
        assert ranked.documents.size >= 3 and len(set(np.round(ranked.scores, 6))) >= 3

    def test_phrases_with_slop_are_left_to_whoosh(self, searcher):
        with pytest.raises(matching.Unsupported):
            matching.rank(searcher, AdjacentPhrase("text", ["产业", "转移"], slop=3))
        with pytest.raises(matching.Unsupported):  # Whoosh's own, which wants consecutive positions
            matching.rank(searcher, Phrase("text", ["产业", "转移"]))

    def test_a_phrase_finds_fewer_clauses_than_its_words(self, searcher):
        backend = connections["default"].get_backend()
        phrase = matching.rank(searcher, _query(backend, '"产业转移"')).documents.size
        words = matching.rank(searcher, _query(backend, "产业 转移")).documents.size
        assert 0 < phrase < words

    def test_block_reader_reads_what_whoosh_iterates(self, searcher):
        for leaf, _ in leaves(searcher):
            for term in ("转移", "产业", "南充"):
                docs, frequencies = read_postings(leaf, "text", term.encode())
                postings = leaf.postings("text", term)
                expected = list(postings.items_as("weight"))
                assert docs.tolist() == [docnum for docnum, _ in expected]
                assert frequencies.tolist() == [weight for _, weight in expected]
                assert docs.size > 0
                assert read_postings(leaf, "text", term.encode(), frequencies=False)[0].tolist() == docs.tolist()


@pytest.mark.usefixtures("indexed_seeds")
def test_updated_and_deleted_clauses_rank_as_whoosh_does(django_capture_on_commit_callbacks):
    backend = connections["default"].get_backend()
    backend._searcher()  # cache arrays of the first segment before it gets deletions
    assert_same_ranking(backend._searcher(), _query(backend, "南充"))
    assert_same_ranking(backend._searcher(), Containing("text", "业"))  # its sums cached for these segments
    searcher = edit_one_clause_and_delete_another(django_capture_on_commit_callbacks)
    for typed in ("南充", "", "产业 -南充", "南", "业 -南充"):
        assert_same_ranking(searcher, _query(backend, typed))
    assert_same_ranking(searcher, Containing("text", "业", boost=2.0))


@pytest.mark.usefixtures("indexed_seeds")
def test_a_term_whose_every_posting_in_a_segment_is_deleted_matches_nothing_there(
        django_capture_on_commit_callbacks):
    # A department only one clause has: updating the clause deletes the term's one
    # posting in the first segment and writes it again in a new one. Nothing reads
    # the term before the update, so its postings are first read with the deletion.
    from django.db.models import Count

    from clauses.models import ClauseDepartment

    backend = connections["default"].get_backend()
    name = (ClauseDepartment.objects.values("department__name").annotate(n=Count("clause", distinct=True))
            .filter(n=1).order_by("department__name").values_list("department__name", flat=True)[0])
    clause = Clause.objects.get(clausedepartment_links__department__name=name)
    within = _filters(backend, [f'(department_exact:"{name}")'])
    with django_capture_on_commit_callbacks(execute=True):
        clause.text += "。"
        clause.save()
    searcher = backend._searcher()
    assert matching.rank(searcher, _query(backend, ""), within=within).documents.size == 1
    assert_same_ranking(searcher, _query(backend, ""), within)


@pytest.mark.usefixtures("indexed_seeds")
def test_a_search_on_the_older_generation_is_not_misled_by_arrays_cached_from_the_newer(
        django_capture_on_commit_callbacks):
    # Arrays are cached per segment and shared by every thread: one thread may fill
    # them after an update while another still searches the generation before it.
    # The updated clause is the index's first document, so it is the first posting
    # of its document's terms: the one Whoosh's deletion filter skips before reading.
    backend = connections["default"].get_backend()
    older = backend.index.searcher()
    first = older.stored_fields(0)
    clause = Clause.objects.get(pk=first["django_id"])
    with django_capture_on_commit_callbacks(execute=True):
        clause.text += "。"
        clause.save()
    newer = backend._searcher()
    query = Term("document_exact", clause.document.slug)
    matching.rank(newer, query)  # fills the cache, with the update's deletion in place
    assert_same_ranking(older, query)
    assert 0 in matching.rank(older, query).documents
    older.close()


@pytest.mark.usefixtures("indexed_seeds")
def test_whoosh_top_n_skips_no_match_in_a_build_without_length_statistics():
    """A full build writes no per-block length statistics; Whoosh's block skipping for a
    top-N search must still find the same best documents as ranking every match."""
    build.rebuild()
    backend = connections["default"].get_backend()
    searcher = backend._searcher()
    terms = [leaf.term_info("text", "产业".encode()) for leaf, _ in leaves(searcher)]
    assert terms and all(term.min_length() == 0 for term in terms), "the build recorded length statistics"
    # Whoosh's own scored top N (our searchers sort every match by the tie-break instead).
    plain = Searcher(searcher.reader())
    for typed in ("产业", "转移", "产业 发展", "锂电 OR 白酒", "承接产业转移", "南充"):
        query = _query(backend, typed)
        everything, scores = _whoosh(plain, query)
        assert len(everything) > 1, typed
        for limit in (1, 3, 10):
            top = plain.search(query, limit=limit)
            assert [hit.docnum for hit in top] == everything[:limit], typed
            assert [hit.score for hit in top] == scores[:limit], typed
        assert_same_ranking(searcher, query)


@pytest.mark.usefixtures("seeds_indexed_anew")  # segments of its own: nothing of them is cached yet
def test_a_segment_whose_length_file_is_gone_is_not_read_as_lengths_of_zero():
    # A merge deletes a segment's files under a search of an older commit; Whoosh then answers
    # length 0 for every document, which, cached under the segment's id, would inflate its scores.
    backend = connections["default"].get_backend()
    leaf, _ = leaves(backend._searcher())[0]
    assert leaf.field_length("context") > 0
    assert leaf._perdoc.has_column("_context_len")
    assert (segment_id(leaf), "lengths", "context") not in matching.cache._entries
    storage = backend.index.storage
    column_file = [name for name in storage.list() if name.startswith(leaf.segment().segment_id())
                   and "_context_len" in name]
    assert len(column_file) == 1
    storage.delete_file(column_file[0])
    with pytest.raises(FileNotFoundError):
        matching._lengths(leaf, "context")
    assert (segment_id(leaf), "lengths", "context") not in matching.cache._entries
