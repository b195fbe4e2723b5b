"""Full index builds: beside the live index, then swapped in.

A build records what it was made from (``build.json`` in the generation
directory): the index format, the gazetteer and the state of the clause
table. ``is_current()`` compares that record with the database, so
``make run`` rebuilds only when something changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from django import db
from django.conf import settings
from django.db.models import Count, Max
from haystack import connections

from clauses.gazetteer import snapshot
from clauses.gazetteer.lexicon import gazetteer_from_database
from clauses.models import TAG_KINDS, Clause

from . import indexing, outbox, rebuilds, records
from .engine import index_dirs
from .engine.backend import ClauseWhooshBackend

# Bump when the index schema or what ``prepare`` writes changes (6: the analyzer's class
# moved to search.engine, and Whoosh keeps its path in the index: rebuild once; 7: every
# dictionary word printed is a term, not only the 2–3 character parts of long words; 8: the
# document_key column of the tie-break; 9: the responsible departments a query reaches; 10: the
# title and 文号 in their own field, ``context``; 11: the co-responsible departments' facet, ``co``).
INDEX_FORMAT = 11
_RECORD = "build.json"
_BATCH = 500
_SEGMENT = 10_000  # clauses per segment a writer process writes (see ClauseWhooshBackend.build)


class CatchUpIncomplete(Exception):
    """The new generation is live, but the changes made during the build could not be applied yet."""


@dataclass
class BuildReport:
    clauses: int
    seconds: float
    caught_up: int


def _state() -> dict:
    """What the index content depends on, cheaply summarised."""
    gazetteer = gazetteer_from_database()
    digest = hashlib.sha256(json.dumps(
        [gazetteer.departments, gazetteer.regions, gazetteer.industries], sort_keys=True,
        ensure_ascii=False).encode()).hexdigest()[:16]
    clauses = Clause.objects.aggregate(count=Count("id"), changed=Max("updated_at"))
    links = [model.objects.aggregate(count=Count("id"), changed=Max("updated_at"))
             for model in (kind.link for kind in TAG_KINDS)]
    return {"format": INDEX_FORMAT, "gazetteer": digest,
            "clauses": [clauses["count"], str(clauses["changed"])],
            "links": [[link["count"], str(link["changed"])] for link in links]}


def _processes(clauses: int) -> int:
    """Writer processes: all cores for a large build; one for a small one (forking costs more)."""
    return max(1, min(os.cpu_count() or 1, 4)) if clauses >= 5_000 else 1


def _live_backend() -> ClauseWhooshBackend:
    return connections["default"].get_backend()


def is_current() -> bool:
    backend = _live_backend()
    backend.setup()
    record = Path(index_dirs.live_target(Path(backend.path))) / _RECORD
    if not record.exists():
        return False
    return json.loads(record.read_text()) == _state()


def rebuild(progress=None, started_by: str = "") -> BuildReport:
    """Build a new generation from the database, swap it in, then apply the outbox to it.

    The rebuild lock is held throughout (``search.rebuilds``): it is taken
    before anything is read, so every outbox row of a change this build may
    not have read is kept until the catch-up below has applied it to the new
    generation (``search.outbox``). Raises ``RebuildRunning`` if another
    rebuild holds it.
    """
    live_backend = _live_backend()
    live_backend.setup()
    live = Path(live_backend.path)
    with rebuilds.exclusive(started_by, root=live.parent) as status:
        report = _build_and_swap(live, progress, status)
        # Changes committed while the build read the database reached only the
        # old generation (or nothing yet): their rows are still in the outbox.
        try:
            _queue_entries_of_removed_clauses()
            report.caught_up = indexing.apply_pending(rebuild_owner=True)
        except Exception as error:  # busy, disk full: the rows stay queued for the next write
            raise CatchUpIncomplete(
                f"新索引已启用，但重建期间的修改尚未写入（{error}）；这些修改仍在队列中，"
                "下一次保存或 manage.py search_index --flush 会写入") from error
        status.status.message = f"{report.clauses} clauses in {report.seconds:.0f} s"
    return report


def _build_and_swap(live: Path, progress, status) -> BuildReport:
    generation = index_dirs.new_generation(live)
    started = time.monotonic()
    state = _state()

    backend = ClauseWhooshBackend("default", **{**connections["default"].options, "PATH": str(generation),
                                                "LIVE_LINK": False})
    index = connections["default"].get_unified_index().get_index(Clause)
    ids = list(index.index_queryset().order_by("pk").values_list("pk", flat=True))
    status.progress(0, len(ids))

    def documents():
        for start in range(0, len(ids), _BATCH):
            # A clause retired or changed after ``ids`` was listed has an outbox row: the catch-up puts it right.
            for record in records.read_records(ids[start:start + _BATCH]):
                yield index.prepare_record(record)
            done = min(start + _BATCH, len(ids))
            status.progress(done, len(ids))
            if progress:
                progress(f"  indexed {done} of {len(ids)}")

    processes = _processes(len(ids))
    if processes > 1:
        snapshot.current().cutter  # jieba and its cut, loaded once here and inherited by each forked writer
    try:
        backend.build(documents(), processes=processes, limitmb=settings.SEARCH_BUILD_POOL_MB,
                      segment_size=_SEGMENT, in_writer=_no_database_in_writer_processes)
    except BaseException:
        shutil.rmtree(generation, ignore_errors=True)  # the live index was never touched
        raise
    (generation / _RECORD).write_text(json.dumps(state))
    index_dirs.swap(live, generation)
    return BuildReport(clauses=len(ids), seconds=time.monotonic() - started, caught_up=0)


def _no_database_in_writer_processes() -> None:
    """Make any query in a forked writer process fail loudly.

    A writer's database connections are the build process's own, inherited by
    the fork: a query there would interleave on PostgreSQL's socket with the
    build's reads (or use SQLite's handle across a fork). Writers need none —
    the gazetteer they analyse with was read before the fork — and this keeps
    it so. (Closing the inherited connections would end the build's own.)
    """
    for connection in db.connections.all(initialized_only=True):
        connection.execute_wrappers.append(_refuse_query)


def _refuse_query(execute, sql, params, many, context):
    raise RuntimeError("an index writer process must not use the database (its connection is the build's)")


def _queue_entries_of_removed_clauses() -> None:
    """Queue any clause the new index has but the database no longer does (deleted behind the signals' back)."""
    in_index = {int(identifier.rsplit(".", 1)[1]) for identifier in _live_backend().document_ids()}
    removed = in_index - set(Clause.objects.current().values_list("pk", flat=True))
    outbox.enqueue(sorted(removed))


def flush() -> int:
    return indexing.apply_pending()
