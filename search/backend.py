"""The Whoosh backend, adjusted where the project needs it — not a copy.

- The index directory is a ``current`` link to a generation (see
  ``index_dirs``); the backend follows the link when a rebuild swaps it.
- Writes take the Whoosh lock with a timeout instead of haystack's
  ``AsyncWriter`` (which waits forever) or a bare writer (whose ``LockError``
  haystack may swallow): a write that cannot get the lock raises
  ``IndexBusy`` and ``search.indexing`` queues it, so nothing is lost silently.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from haystack.backends.whoosh_backend import WhooshEngine, WhooshSearchBackend
from haystack.exceptions import SkipDocument
from haystack.utils import get_identifier
from whoosh.index import LockError
from whoosh.query import Term

from . import index_dirs


class IndexBusy(Exception):
    """Another process holds the index's write lock for longer than we wait."""


class ClauseWhooshBackend(WhooshSearchBackend):
    def __init__(self, connection_alias, **connection_options):
        super().__init__(connection_alias, **connection_options)
        self.lock_timeout = getattr(settings, "SEARCH_LOCK_TIMEOUT", 10.0)
        # False for a generation being built by a rebuild: a plain directory.
        self.live_link = connection_options.get("LIVE_LINK", True)
        self._target = None

    def setup(self):
        if self.use_file_storage and self.live_link:
            index_dirs.ensure_live_link(Path(self.path))
            self._target = index_dirs.live_target(Path(self.path))
        super().setup()

    def _follow_swap(self) -> None:
        """Reopen the index if a rebuild has pointed ``current`` elsewhere."""
        if not self.setup_complete:
            self.setup()
        elif self.live_link and self.use_file_storage and index_dirs.live_target(Path(self.path)) != self._target:
            self.setup_complete = False
            self.setup()
        self.index = self.index.refresh()

    def _writer(self):
        try:
            return self.index.writer(timeout=self.lock_timeout)
        except LockError as error:
            raise IndexBusy(f"search index is locked by another writer ({error})") from error

    def update(self, index, iterable, commit=True):
        self._follow_swap()
        documents = []
        for obj in iterable:
            try:
                document = index.full_prepare(obj)
            except SkipDocument:
                continue
            document = {key: self._from_python(value) for key, value in document.items() if key != "boost"}
            documents.append(document)
        if not documents:
            return
        writer = self._writer()
        try:
            for document in documents:
                writer.update_document(**document)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()

    def remove(self, obj_or_string, commit=True):
        self.remove_identifiers([get_identifier(obj_or_string)])

    def remove_identifiers(self, identifiers: list[str]) -> None:
        self._follow_swap()
        writer = self._writer()
        try:
            for identifier in identifiers:
                writer.delete_by_term("id", identifier)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()

    def search(self, query_string, **kwargs):
        self._follow_swap()
        return super().search(query_string, **kwargs)

    def document_ids(self) -> set[str]:
        """Every identifier in the index (for reconciling after a rebuild)."""
        self._follow_swap()
        with self.index.searcher() as searcher:
            return {fields["id"] for fields in searcher.all_stored_fields()}

    def has_identifier(self, identifier: str) -> bool:
        self._follow_swap()
        with self.index.searcher() as searcher:
            return searcher.search(Term("id", identifier), limit=1).scored_length() > 0


class ClauseWhooshEngine(WhooshEngine):
    backend = ClauseWhooshBackend
