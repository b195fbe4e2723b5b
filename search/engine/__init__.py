"""The search engine: Whoosh's index, read and counted with numpy.

Everything here is about one Whoosh index and knows nothing of PolicyKB's
models or the gazetteer (it imports nothing from ``clauses`` or from the rest
of ``search``); haystack reaches it through ``backend.ClauseWhooshEngine``, the
``ENGINE`` of ``HAYSTACK_CONNECTIONS``. Moving to another engine (see
docs/scaling.md) replaces this folder; outside it, what speaks Whoosh's
terms is small and named there: the query string ``search.query.to_whoosh``
writes, the full build's rounds and generation swap (``search.build``), and
the busy-lock retry (``search.indexing``).

- ``backend``: haystack's Whoosh backend, adjusted: follows the ``current``
  link, writes with a lock timeout, reuses one searcher, answers searches and
  facet counts through ``matching`` and ``facets``, full builds in rounds.
- ``matching``: a query evaluated with numpy over each segment's postings.
- ``query_parser``: Whoosh's parser with the rewrites every query gets.
- ``containing``: a query word matched by every term that contains it.
- ``printed``: where a text is printed, from positions: phrases of adjacent
  words, and a query word printed across the boundary of two terms.
- ``facets``: facet counts as a ``bincount`` over per-segment tables.
- ``similar``: candidates for a text similar to another (a weighted OR of
  words over whole-index postings) and the index's document frequencies.
- ``segment_cache``: the arrays read from a segment, kept while memory allows.
- ``schema``: the Whoosh schema made from haystack's fields (lean: no stored
  text, no vectors).
- ``index_dirs``: generation directories and the ``current`` link a rebuild
  swaps.
- ``analysis``: Whoosh's tokenizer and analyzer around a function giving a
  text's words (handed in: which words a text has is ``search.words``'
  knowledge, and another engine is sent the same words).
"""
