"""Searching clauses: the Django side of search, over the engine in ``engine/``.

``engine/`` is the Whoosh index read with numpy; it knows nothing of
PolicyKB's models (see its docstring). Everything here speaks Django:

Asking
- ``urls`` and ``views``: the search page, its JSON twin and its CSV and Excel exports — one selector.
- ``forms``: a request's parameters, validated; ``limits``: what one request may cost.
- ``facet_table``: the facets, once: parameter and index field, label, the names a
  query may type, what a value may be and how it is labelled.
- ``query``: reading what an official types (words, phrases, exclusions, filters).
- ``selectors``: the one place a search is built: query, filters, facets, sort, page.
- ``ranking``: the weights search ranks with (``SEARCH_RANKING``): departments matched
  through responsibility, document kinds; and the tie-break the engine applies.
- ``presentation``: a search outcome as page context, JSON and export rows; ``export``
  writes them as CSV or Excel through ``spreadsheet`` (any table as a download, one
  at a time per process); ``highlight``: snippets, escaped first, then marked.
- ``matrix``: the responsibility matrix of a search (departments × documents, led / co-led).
- ``entries/``: the pages of departments, regions and industries, and their 任务分工表.
- ``facet_filters``: each facet's meaning in the database, for pages that read it there.

What the index holds
- ``search_indexes``: the clause index's fields; ``records``: a clause's index
  record, read in bulk; ``words``: the words of a text (jieba with the
  gazetteer). The gazetteer's other names and hierarchies (synonyms, roll-ups)
  come from its snapshot, ``clauses.gazetteer.snapshot``.

Keeping it in step with the database
- ``signals`` queue changed clauses in the outbox (``outbox``, ``models``) with the
  change; ``indexing`` applies the outbox after commit and retries what fails;
  ``background_indexing``: a bulk ingest's index written by a process beside it.
- ``build``: full builds beside the live index, then swapped; ``rebuilds``: one
  at a time, with progress; ``warmup``: the facet tables read before the first search.
"""
