"""``full_build.write``: every document written once, in bounded segments, and failures that stop cleanly.

These run on a small Whoosh index of their own (no Django): the reference is
Whoosh's own single writer, given the same documents.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections import Counter

import pytest
from django.conf import settings
from whoosh import index as whoosh_index
from whoosh.fields import ID, TEXT, Schema

from search.engine import full_build

SCHEMA = Schema(id=ID(stored=True, unique=True), text=TEXT(phrase=True))
OPTIONS = {"limitmb": 64, "compound": False}


def documents(count: int):
    words = ["transfer", "industry", "park", "lithium", "customs", "talent", "land", "energy"]
    for number in range(count):
        chosen = [words[(number * step) % len(words)] for step in (1, 3, 5)]
        yield {"id": f"c{number}", "text": " ".join([*chosen, f"n{number % 17}", chosen[0]])}


def postings(directory) -> dict:
    """Every term's documents and counts, by stored id, and each document's stored fields."""
    index = whoosh_index.open_dir(str(directory))
    with index.searcher() as searcher:
        reader = searcher.reader()
        stored = {docnum: fields["id"] for docnum, fields in reader.iter_docs()}
        terms = {term: Counter({stored[docnum]: weight for docnum, weight in reader.postings("text", term).items_as("weight")})
                 for term in reader.lexicon("text")}
        return {"ids": sorted(stored.values()), "terms": terms}


def reference(directory, count: int) -> dict:
    directory.mkdir()
    index = whoosh_index.create_in(str(directory), SCHEMA)
    writer = index.writer()
    for document in documents(count):
        writer.add_document(**document)
    writer.commit()
    return postings(directory)


@pytest.mark.parametrize("processes", [1, 2])
def test_every_document_is_written_once_in_segments_of_the_given_size(tmp_path, processes):
    expected = reference(tmp_path / "reference", 1_234)
    (tmp_path / "built").mkdir()
    index = whoosh_index.create_in(str(tmp_path / "built"), SCHEMA)
    written = full_build.write(index, documents(1_234), processes=processes, segment_size=300, options=OPTIONS)
    assert written == 1_234
    sizes = sorted(segment.doc_count_all() for segment in whoosh_index.open_dir(str(tmp_path / "built"))._segments())
    assert sum(sizes) == 1_234 and max(sizes) <= 300
    assert len(sizes) >= 5  # at least ceil(1234 / 300)
    assert postings(tmp_path / "built") == expected


def test_a_build_of_nothing_leaves_an_empty_index(tmp_path):
    index = whoosh_index.create_in(str(tmp_path), SCHEMA)
    assert full_build.write(index, iter(()), processes=2, segment_size=300, options=OPTIONS) == 0
    assert whoosh_index.open_dir(str(tmp_path)).doc_count_all() == 0


def test_a_writer_process_killed_midway_fails_the_build_and_nothing_is_written(tmp_path):
    import multiprocessing

    index = whoosh_index.create_in(str(tmp_path), SCHEMA)

    def killing_one_writer():
        for number, document in enumerate(documents(5_000)):
            if number == 2_000:
                os.kill(multiprocessing.active_children()[0].pid, signal.SIGKILL)  # as the OOM killer would
            yield document

    with pytest.raises(full_build.BuildIncomplete, match=r"stopped \(exit code -9\)"):
        full_build.write(index, killing_one_writer(), processes=2, segment_size=300, options=OPTIONS)
    assert multiprocessing.active_children() == []
    # The jobs no writer will read are discarded: no thread is left trying to send them.
    assert not [thread for thread in threading.enumerate() if thread.name == "QueueFeederThread"]
    reopened = whoosh_index.open_dir(str(tmp_path))
    assert reopened.doc_count_all() == 0 and reopened.latest_generation() == 0


def test_a_document_a_writer_process_cannot_index_fails_the_build_and_the_caller_can_still_exit(tmp_path):
    """The failure is reported while many jobs are still queued for the writers: a process that
    then exits must not wait for them to be sent (it did, forever). Run in a process of its own."""
    script = textwrap.dedent(f"""
        import sys
        from whoosh import index as whoosh_index
        from whoosh.fields import ID, TEXT, Schema
        from search.engine import full_build

        index = whoosh_index.create_in({str(tmp_path)!r}, Schema(id=ID(stored=True), text=TEXT()))
        def documents():
            for number in range(5_000):
                # Jobs of 100 documents of 20 KB: the queue to the writers is full when one fails
                yield {{"id": str(number), "text": 12345 if number == 800 else "word " * 4_000}}
        try:
            full_build.write(index, documents(), processes=2, segment_size=1_000, options={{"limitmb": 64}})
        except full_build.BuildIncomplete as error:
            print("build failed:", error)
        print("documents:", whoosh_index.open_dir({str(tmp_path)!r}).doc_count_all())
    """)
    finished = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                              cwd=settings.BASE_DIR)
    assert finished.returncode == 0, finished.stderr
    assert "build failed: a writer process failed (" in finished.stdout
    assert "documents: 0" in finished.stdout


def test_the_writer_processes_stop_when_the_build_process_is_killed(tmp_path):
    """A writer inherits the build's locks: one left waiting for jobs would keep every later rebuild out."""
    script = textwrap.dedent(f"""
        import multiprocessing, sys, time
        from whoosh import index as whoosh_index
        from whoosh.fields import ID, TEXT, Schema
        from search.engine import full_build

        index = whoosh_index.create_in({str(tmp_path)!r}, Schema(id=ID(stored=True), text=TEXT()))
        def documents():
            for number in range(1_000_000):
                if number == 500:
                    print(" ".join(str(child.pid) for child in multiprocessing.active_children()), flush=True)
                if number >= 500:
                    time.sleep(0.01)  # a slow database: the writers wait for jobs
                yield {{"id": str(number), "text": "word"}}
        full_build.write(index, documents(), processes=2, segment_size=1_000, options={{"limitmb": 64}})
    """)
    build = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, cwd=settings.BASE_DIR)
    writers = [int(pid) for pid in build.stdout.readline().split()]
    assert len(writers) == 2
    build.kill()
    build.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_running(pid) for pid in writers):
        time.sleep(0.1)
    assert not [pid for pid in writers if _running(pid)]


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split()[2] != "Z"  # a zombie has exited
    except FileNotFoundError:
        return False
