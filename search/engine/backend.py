"""The Whoosh backend, adjusted where the project needs it — not a copy.

- The index directory is a ``current`` link to a generation (see
  ``index_dirs``); the backend follows the link when a rebuild swaps it.
- Writes take the Whoosh lock with a timeout instead of haystack's
  ``AsyncWriter`` (which waits forever) or a bare writer (whose ``LockError``
  haystack may swallow): a write that cannot get the lock raises
  ``IndexBusy`` and ``search.indexing`` queues it, so nothing is lost silently.
- Searches reuse one open searcher until the index changes (see ``_searcher``),
  and segments are written as plain files, not compound ones: opening a
  compound segment copies each of its files into memory (Whoosh wraps the
  mmap in a ``BytesIO``), 40 ms per search at 30,000 clauses and growing.

Options of the connection (``HAYSTACK_CONNECTIONS``), beside haystack's own:
``FACET_CACHE_MB`` and ``POSTINGS_CACHE_MB`` bound the process's segment
caches (``facets.cache``, ``matching.cache``), ``LOCK_TIMEOUT`` is how long a
write waits for the lock (seconds), ``ORDERING`` weighs documents and breaks
ties (an ``ordering.Ordering`` or the dotted path of a function giving one), ``LIVE_LINK`` False opens a plain
directory (a generation a rebuild is writing) and ``FAST_FACETS`` False gives
haystack's stock faceting (the benchmark's baseline).
"""

from __future__ import annotations

import time
from collections import OrderedDict
from pathlib import Path

import numpy as np
from django.utils.encoding import force_str
from django.utils.module_loading import import_string
from haystack import connections
from haystack.backends.whoosh_backend import WhooshEngine, WhooshSearchBackend
from haystack.constants import ID
from haystack.exceptions import SkipDocument
from haystack.utils import get_identifier
from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3Codec
from whoosh.index import EmptyIndexError, LockError
from whoosh.query import And
from whoosh.reading import SegmentReader
from whoosh.searching import ResultsPage

from . import facets as facets_module
from . import full_build, index_dirs, matching, similar
from . import schema as schema_module
from .ordering import Ordering, OrderedIndex
from .query_parser import ClauseQueryParser
from .segment_cache import leaves


class IndexBusy(Exception):
    """Another process holds the index's write lock for longer than we wait."""


class IndexMissing(Exception):
    """There is no index where the connection's PATH points."""


OPEN_ATTEMPTS = 10
OPEN_RETRY_DELAY = 0.05  # seconds; Whoosh's own reader() retries the same way

SEARCH_ATTEMPTS = 3  # a commit takes longer than a search: two in a row within one is already rare

PARSED_QUERIES_KEPT = 1_000  # per backend, i.e. per thread

SMALL_SEGMENT = 1_000  # documents: what edits leave behind, never a build's rounds
SMALL_SEGMENTS_BEFORE_MERGE = 8


def merge_edit_segments(writer, segments):
    """The merge policy of every commit after a build: merge the small segments edits leave, only those.

    Whoosh's default (``MERGE_SMALL``) merges all segments under a Fibonacci
    bound of their total: with the thirty 10,000-clause segments a full build
    writes at 300,000 clauses, one editor's save merged most of the index in
    pure Python — many minutes holding the write lock, the edit unsearchable.
    Here each edit adds a small segment, and once there are eight they are
    merged into one; a build's segments stay as they are until the next build.
    """
    small = [segment for segment in segments if segment.doc_count_all() < SMALL_SEGMENT]
    if len(small) < SMALL_SEGMENTS_BEFORE_MERGE:
        return segments
    for segment in small:
        reader = SegmentReader(writer.storage, writer.schema, segment)
        writer.add_reader(reader)
        reader.close()
    return [segment for segment in segments if segment.doc_count_all() >= SMALL_SEGMENT]


def _codec_without_length_stats():
    """Whoosh's codec, told not to record each posting block's shortest and longest document.

    With the statistics on, a commit looks up the field length of every
    posting it writes, through the length column it has just written: a
    seventh of a build's time. Whoosh uses them only to bound a block's best
    possible score when it skips blocks for a top-N search; without them the
    bound is taken at length 0, never below a real score, so it skips fewer
    blocks but never a match (tested). ``search.engine.matching`` reads lengths from
    the length columns, which are still written. Edits write with the default
    codec; the flag is an instance attribute, so segments pickle as plain
    Whoosh.
    """
    codec = W3Codec()
    codec.length_stats = False
    return codec


class ClauseWhooshBackend(WhooshSearchBackend):
    def __init__(self, connection_alias, **connection_options):
        super().__init__(connection_alias, **connection_options)
        # One backend per thread (haystack's connections are thread-local); the caches
        # are the process's, so every thread's backend sets the same bounds.
        facets_module.cache.resize(connection_options.get("FACET_CACHE_MB", facets_module.DEFAULT_CACHE_MB) * 2**20)
        matching.cache.resize(connection_options.get("POSTINGS_CACHE_MB", matching.DEFAULT_CACHE_MB) * 2**20)
        self.lock_timeout = connection_options.get("LOCK_TIMEOUT", 10.0)
        # False for a generation being built by a rebuild: a plain directory.
        self.live_link = connection_options.get("LIVE_LINK", True)
        # False gives haystack's stock faceting (the benchmark compares the two).
        self.fast_facets = connection_options.get("FAST_FACETS", True)
        self.ordering = _ordering(connection_options.get("ORDERING"))
        self._target = None
        self._open_searcher = None
        self._parsed: OrderedDict[str, object] = OrderedDict()
        self._parsed_with = None  # the dictionary ``_parsed`` was parsed with (``ClauseQueryParser.dictionary``)

    def build_schema(self, fields):
        content_field, schema = schema_module.build(fields)
        self._written = schema_module.written_fields(schema)
        return content_field, schema

    def _fields(self, document: dict) -> dict:
        """A prepared document as the writer takes it: schema fields only, in Whoosh's types."""
        return {key: self._from_python(value) for key, value in document.items() if key in self._written}

    def setup(self):
        self._parsed.clear()  # parsed against the schema being replaced
        if self.use_file_storage and self.live_link:
            index_dirs.ensure_live_link(Path(self.path))
            self._target = index_dirs.live_target(Path(self.path))
        for attempt in range(1, OPEN_ATTEMPTS + 1):
            try:
                super().setup()
                # Opened again as an index whose searchers weigh and break ties (``ordering``):
                # haystack's own search path uses it too. Within the retry: the same race.
                self.index = self.storage.open_index(schema=self.schema, indexclass=OrderedIndex)
                break
            except FileNotFoundError:
                # Opening lists the directory for the newest table of contents,
                # then reads it; a writer committing in between deletes that
                # file. Whoosh retries this race in ``reader()`` but not when
                # an index is opened, which every new thread's first search or
                # write does. The next listing finds the writer's new one.
                if attempt == OPEN_ATTEMPTS:
                    raise
                time.sleep(OPEN_RETRY_DELAY)
        self.index.ordering = self.ordering
        self.parser = ClauseQueryParser(self.content_field_name, schema=self.schema,
                                        also_searched=self.ordering.also_searched,
                                        constant_scored=self.ordering.constant_scored)

    def check_opens(self) -> None:
        """Read the live index's table of contents, as a health check asks; raise if there is none or it won't open.

        Never creates an index (``setup`` would make an empty one where none is).
        It reads with the schema built from the fields, as searches do, not the
        copy Whoosh pickled into the index: that copy names the classes of the
        code that wrote it, and an index written before a module moved must
        still open until the rebuild that ``make run`` starts replaces it.
        """
        live = Path(self.path)
        if not live.is_dir():
            raise IndexMissing("no search index (run manage.py search_index)")
        _, schema = self.build_schema(connections[self.connection_alias].get_unified_index().all_searchfields())
        for attempt in range(1, OPEN_ATTEMPTS + 1):
            try:
                whoosh_index.open_dir(str(live), schema=schema).close()
                return
            except EmptyIndexError:
                raise IndexMissing("no search index (run manage.py search_index)") from None
            except FileNotFoundError:
                # A commit replaced the table of contents between listing and reading it
                # (``setup`` retries the same race): not a failing index.
                if attempt == OPEN_ATTEMPTS:
                    raise
                time.sleep(OPEN_RETRY_DELAY)

    def _parse(self, query_string: str):
        """``query_string`` as a Whoosh query, remembered: filters repeat from search to search.

        Whoosh's parser takes about 0.7 ms a string in Python, more than a
        filter costs to evaluate: a zero-result search with 20 filters and its
        suggestion counts parsed 140 of them. Parsed queries are never changed
        in place (``accept`` copies), so one may serve every search.
        """
        dictionary = self.parser.dictionary()
        if dictionary is not self._parsed_with:  # a gazetteer edit: a word may now be rewritten otherwise
            self._parsed.clear()
            self._parsed_with = dictionary
        if query_string in self._parsed:
            self._parsed.move_to_end(query_string)
            return self._parsed[query_string]
        parsed = self.parser.parse(query_string)
        self._parsed[query_string] = parsed
        if len(self._parsed) > PARSED_QUERIES_KEPT:
            self._parsed.popitem(last=False)
        return parsed

    @property
    def generation(self) -> str:
        """The name of the generation this backend reads and writes ("" outside a live link)."""
        return Path(self._target).name if self._target else ""

    def _follow_swap(self) -> None:
        """Reopen the index if a rebuild has pointed ``current`` elsewhere."""
        if not self.setup_complete:
            self.setup()
        elif self.live_link and self.use_file_storage and index_dirs.live_target(Path(self.path)) != self._target:
            self.setup_complete = False
            self.setup()

    def _searcher(self, latest: int | None = None):
        """A searcher on the newest commit (``latest`` if the caller just read it), kept open between searches.

        haystack opens a searcher per query, which reads every segment's
        tables again. A backend belongs to one thread (haystack keeps
        connections per thread), so its searcher is never shared; it is
        replaced when a commit or a rebuild's swap makes it stale. Whoosh's
        own ``Searcher.refresh()`` is not used: it reuses readers by segment
        id, so it would keep a segment's old deletions after an update.
        A thread that stops searching keeps its searcher, and so the files of
        segments merged away since, open until its next search.
        """
        if latest is None:
            self._follow_swap()
            latest = self.index.latest_generation()
        current = self._open_searcher
        if current is not None and current._ix is self.index and current.reader().generation() == latest:
            return current
        self._open_searcher = self.index.searcher()
        if current is not None:
            current.close()
        return self._open_searcher

    def _writer(self):
        try:
            return self.index.writer(timeout=self.lock_timeout, compound=False)
        except LockError as error:
            raise IndexBusy(f"search index is locked by another writer ({error})") from error

    def update(self, index, iterable, commit=True):
        self.write(index, lambda: iterable, [])

    def write(self, index, fetch, remove_identifiers: list[str]) -> None:
        """Under the write lock: remove ``remove_identifiers``, then read (``fetch()``) and write.

        Reading after the lock is taken means the last writer also wrote the
        newest data: two processes cannot leave an older snapshot on top.
        """
        self._follow_swap()
        writer = self._writer()
        removed = set(remove_identifiers)
        try:
            for identifier in removed:
                writer.delete_by_term("id", identifier)
            for obj in fetch():
                try:
                    document = index.full_prepare(obj)
                except SkipDocument:
                    continue
                fields = self._fields(document)
                # A document just removed is added: looking for its old copy again (update_document)
                # costs a term lookup in every segment for each document.
                if fields.get("id") in removed:
                    writer.add_document(**fields)
                else:
                    writer.update_document(**fields)
        except BaseException:
            writer.cancel()
            raise
        writer.commit(mergetype=merge_edit_segments)

    def remove(self, obj_or_string, commit=True):
        self.remove_identifiers([get_identifier(obj_or_string)])

    def clear(self, models=None, commit=True):
        """haystack's ``clear`` (and so ``rebuild_index``) would delete the live directory:
        swap in an empty generation instead. ``manage.py search_index --rebuild`` keeps
        search up during a rebuild; ``rebuild_index`` empties it first."""
        if models is not None or not (self.use_file_storage and self.live_link):
            return super().clear(models=models, commit=commit)
        index_dirs.ensure_live_link(Path(self.path))
        index_dirs.swap(Path(self.path), index_dirs.new_generation(Path(self.path)))
        self.setup_complete = False
        self.setup()

    def build(self, documents, *, processes: int = 1, limitmb: int = 512, segment_size: int = 10_000,
              in_writer=None) -> int:
        """Fill an empty index with prepared ``documents``, in ``processes`` writer processes (``full_build``).

        Each process writes a segment per ``segment_size`` documents: a writer
        sorts its postings in memory up to ``limitmb`` and past that spills
        sorted runs that its commit merges in Python, so segments of 10,000
        clauses keep each sort in memory and a process's memory bounded at
        any index size. The segments are never merged: the per-segment
        caches make many segments nearly as cheap to search as one.
        """
        self._follow_swap()
        options = {"limitmb": limitmb, "compound": False, "codec": _codec_without_length_stats()}
        return full_build.write(self.index, (self._fields(document) for document in documents),
                                processes=processes, segment_size=segment_size, options=options, in_writer=in_writer)

    def remove_identifiers(self, identifiers: list[str]) -> None:
        self.write(None, lambda: [], identifiers)

    def search(self, query_string, sort_by=None, start_offset=0, end_offset=None, facets=None,
               narrow_queries=None, result_class=None, **kwargs):
        return self._on_one_commit(lambda latest: self._search_once(
            query_string, sort_by, start_offset, end_offset, facets, narrow_queries, result_class, latest,
            **kwargs))

    def _on_one_commit(self, read):
        """``read(latest)``, done again if a commit landed while it read the index.

        A commit that merges segments deletes their files, and Whoosh opens a
        segment's column files (stored fields, lengths, sort keys) only when
        first read: a read that checked for a newer commit just before would
        then fail, or worse, read a deleted column as an absent one and return
        wrong fields silently. Whatever such a read produced, result or error,
        is discarded and the read is done on the new commit. ``latest`` is the
        commit checked, for ``_searcher``.
        """
        for attempt in range(1, SEARCH_ATTEMPTS + 1):
            last = attempt == SEARCH_ATTEMPTS
            before = self._index_state()
            try:
                result = read(before[1])
            except Exception:
                if last or self._index_state() == before:
                    raise
                self._drop_searcher()
                continue
            if last or self._index_state() == before:
                return result
            self._drop_searcher()

    def _index_state(self) -> tuple[str | None, int]:
        """What a search reads: the live generation directory, and its newest commit."""
        self._follow_swap()
        return self._target, self.index.latest_generation()

    def _drop_searcher(self) -> None:
        if self._open_searcher is not None:
            self._open_searcher.close()
            self._open_searcher = None

    def _search_once(self, query_string, sort_by, start_offset, end_offset, facets, narrow_queries,
                     result_class, latest, **kwargs):
        # Counts without facets (``SearchQuerySet.count()``) take the fast path too: on
        # haystack's, a zero-result search's "drop a filter" counts took 20 s at 100,000 clauses.
        if not self.fast_facets or kwargs.get("date_facets") or kwargs.get("query_facets"):
            return super().search(query_string, sort_by=sort_by, start_offset=start_offset, end_offset=end_offset,
                                  facets=facets, narrow_queries=narrow_queries, result_class=result_class, **kwargs)
        return self._fast_search(query_string, sort_by, start_offset, end_offset, facets or (),
                                               narrow_queries, result_class, latest)

    def _fast_search(self, query_string, sort_by, start_offset, end_offset, facets,
                                   narrow_queries, result_class, latest):
        """Every match ranked once (``matching``; Whoosh for what it leaves); facets counted from the cache."""
        empty = {"results": [], "hits": 0, "facets": {}, "spelling_suggestion": None}
        searcher = self._searcher(latest)
        if not searcher.doc_count():
            return empty
        query, within = self._parsed_search(query_string, narrow_queries)
        if query is None:
            return empty
        sort_fields, reverse = self._sort_fields(sort_by)
        page_num, page_length = self.calculate_page(start_offset, end_offset)
        try:
            if sort_fields and len(sort_fields) > 1:
                raise matching.Unsupported("several sort fields")
            ranked = matching.rank(searcher, query, within=within,
                                   sort_field=sort_fields[0] if sort_fields else None, reverse=reverse)
            documents = ranked.documents
            start = (page_num - 1) * page_length
            raw_page = _Page(searcher, ranked, start, page_length) if start < documents.size else None
        except matching.Unsupported:
            documents, raw_page = self._whoosh_ranking(searcher, query, within, sort_fields, reverse,
                                                       page_num, page_length)
        if documents.size == 0:
            return empty
        counts = facets_module.facet_counts(searcher, documents, list(facets)) if facets else {}
        if raw_page is None:
            results = {"results": [], "spelling_suggestion": None}
        else:
            results = self._process_results(raw_page, query_string=query_string, result_class=result_class,
                                            facet_types={})
        results["hits"] = len(documents)
        results["facets"] = {"fields": counts, "dates": {}, "queries": {}}
        return results

    def _parsed_search(self, query_string, narrow_queries):
        """(the query, the narrowings as one filter or None), parsed as ``search`` parses them."""
        query = self._parse(force_str(query_string))
        # A narrowing may exclude (``* NOT region_exact:…``): its ``*`` lists documents, as the query's does.
        narrow = [self._parse(force_str(narrowing)) for narrowing in (narrow_queries or ())]
        return query, (And(narrow) if narrow else None)  # filters restrict; the ranking is the query's alone

    def cross_counts(self, query_string, narrow_queries, row_field: str,
                     column_field: str) -> tuple[int, dict[tuple[str, str], int]]:
        """(the number of matches, matches per (row value, column value)) of a search, as ``search`` matches.

        ``query_string`` and ``narrow_queries`` are what haystack passes to
        ``search`` (``SearchQuery.build_query()``, ``.narrow_queries``);
        ``row_field`` and ``column_field`` are index fields, the facets'
        ``_exact`` twins. Counted from the cached facet tables
        (``facets.cross_counts``) whether or not ``FAST_FACETS`` is on.
        """
        return self._on_one_commit(lambda latest: self._cross_counts_once(
            query_string, narrow_queries, row_field, column_field, latest))

    def _cross_counts_once(self, query_string, narrow_queries, row_field, column_field, latest):
        searcher = self._searcher(latest)
        if not searcher.doc_count():
            return 0, {}
        query, within = self._parsed_search(query_string, narrow_queries)
        if query is None:
            return 0, {}
        try:
            documents = matching.rank(searcher, query, within=within).documents
        except matching.Unsupported:
            documents, _ = self._whoosh_ranking(searcher, query, within, None, False, 1, 1)
        if documents.size == 0:
            return 0, {}
        return int(documents.size), facets_module.cross_counts(searcher, documents, row_field, column_field)

    @staticmethod
    def _whoosh_ranking(searcher, query, within, sort_fields, reverse, page_num, page_length):
        """(every matching document, the requested page) by Whoosh, for queries ``matching`` leaves to it."""
        everything = searcher.search(query, filter=within, limit=None, sortedby=sort_fields, reverse=reverse)
        documents = np.fromiter((docnum for _, docnum in everything.top_n), dtype=np.int64)
        if not documents.size:
            return documents, None
        raw_page = ResultsPage(everything, page_num, page_length)
        return documents, (raw_page if raw_page.pagenum == page_num else None)

    @staticmethod
    def _sort_fields(sort_by):
        if not sort_by:
            return None, False
        reverse = sort_by[0].startswith("-")
        return [field.lstrip("-") for field in sort_by], reverse

    def similar_reader(self, **fields) -> similar.SimilarReader:
        """A ``similar.SimilarReader`` of the live index's newest commit (``fields`` name what it reads);
        the caller closes it. Raises ``IndexMissing`` where there is no index, rather than creating one."""
        self.check_opens()
        self._follow_swap()
        return similar.SimilarReader(self.index.searcher(), **fields)

    def document_ids(self) -> set[str]:
        """Every identifier in the index (for reconciling after a rebuild).

        Read from the id terms, not the stored documents (a fifth of the time);
        a term may outlive its deleted document until a merge, so identifiers
        of deleted documents count only if a live document still has them.
        """
        return self._on_one_commit(self._document_ids)

    def _document_ids(self, latest: int) -> set[str]:
        searcher = self._searcher(latest)
        identifiers = {term.decode("utf-8") for term in searcher.reader().lexicon(ID)}
        for leaf, _ in leaves(searcher):
            if not leaf.has_deletions():  # an empty index's reader has no deletion set at all
                continue
            for docnum in leaf.deleted_docs_set:
                identifier = leaf.stored_fields(docnum)[ID]
                if searcher.document_number(**{ID: identifier}) is None:
                    identifiers.discard(identifier)
        return identifiers


class _Page:
    """One page of a ``matching.Ranked``, shaped as haystack's ``_process_results`` reads a Whoosh page."""

    def __init__(self, searcher, ranked, start: int, length: int):
        self._searcher = searcher
        self._documents = ranked.documents[start:start + length]
        self._scores = None if ranked.scores is None else ranked.scores[start:start + length]

    def __len__(self) -> int:
        return len(self._documents)

    def __iter__(self):
        return (self._searcher.stored_fields(int(docnum)) for docnum in self._documents)

    def score(self, offset: int) -> float | None:
        return None if self._scores is None else float(self._scores[offset])


def _ordering(option) -> Ordering:
    """The ``ORDERING`` option: an ``Ordering``, a function returning one, or its dotted path."""
    if option is None:
        return Ordering()
    if isinstance(option, str):
        option = import_string(option)
    return option if isinstance(option, Ordering) else option()


class ClauseWhooshEngine(WhooshEngine):
    backend = ClauseWhooshBackend
