"""``make bench-ingest`` — how fast is ingestion, end to end through ``manage.py ingest``?

    python -m bench.ingest --documents 2000 --clauses-per-document 50 [--jobs N] [--additions 3]

In a private data directory: load the gazetteers, write a synthetic
collection of document files (``bench.documents``), then run ``manage.py
ingest DIR`` as an operator would — parse (in worker processes), tag, store,
index, related suggestions — and report the total, documents/s and clauses/s,
each stage's share (from the command's own summary) and the peak memory of
the command and of its largest worker. Then the same command again (every
file skipped as unchanged), and one more document of the same size added to
the collection, ``--additions`` times (each a fresh document; the median is
reported): by ``manage.py ingest``, and uploaded in the admin over HTTP to a
warm serving worker (``bench.upload``), which is what an editor waits for.
Writes ``results/ingest-<documents>.json`` and
``results/ingest-latest.md``.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.process import ROOT, children, commit, machine, peak_rss_mb, private_django, say, write_results

# The command's summary (clauses/management/commands/ingest.py): a row per status, then the time of each stage.
_ROW = re.compile(r"^(created|updated|unchanged|failed) +(\d+) +(\d+)$", re.MULTILINE)
_TIME = re.compile(r"^Time ([\d.]+) s: reading and skipping ([\d.]+) s, parsing ([\d.]+) s"
                   r"(?: in (\d+) processes \(storing waited ([\d.]+) s for them\))?, storing ([\d.]+) s, "
                   r"indexing ([\d.]+) s(?: \(and ([\d.]+) s in a process beside storing\))?, "
                   r"suggesting related clauses ([\d.]+) s$", re.MULTILINE)
STAGES = ("reading", "parsing", "waiting", "storing", "indexing", "indexing beside", "suggesting")


def _ingest(env: dict, *arguments: str) -> dict:
    """Run ``manage.py ingest`` in its own process; its wall time, summary and peak memory (sampled)."""
    started = time.perf_counter()
    command = subprocess.Popen([sys.executable, "manage.py", "ingest", *arguments, "--progress", "30"],
                               cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peaks: dict[int, float] = {}
    while command.poll() is None:
        for pid in [command.pid, *children(command.pid)]:
            try:
                peaks[pid] = max(peaks.get(pid, 0.0), peak_rss_mb(pid))
            except OSError:  # ended meanwhile
                pass
        time.sleep(0.5)
    out, err = command.communicate()
    seconds = time.perf_counter() - started
    if command.returncode != 0:
        raise RuntimeError(f"manage.py ingest {' '.join(arguments)} failed:\n{out[-2000:]}\n{err[-3000:]}")
    return {"seconds": round(seconds, 2), **_summary(out),
            "peak_rss_mb": {"command": peaks.get(command.pid, 0.0),
                            "largest_worker": max((peak for pid, peak in peaks.items() if pid != command.pid),
                                                  default=0.0)}}


def _summary(out: str) -> dict:
    rows = {status: {"documents": int(documents), "clauses": int(clauses)}
            for status, documents, clauses in _ROW.findall(out)}
    found = _TIME.search(out)
    if not found or len(rows) != 4:
        raise RuntimeError(f"no summary in the command's output:\n{out[-2000:]}")
    total, reading, parsing, processes, waiting, storing, indexing, beside, suggesting = found.groups()
    stages = {"reading": reading, "parsing": parsing, "waiting": waiting or 0, "storing": storing,
              "indexing": indexing, "indexing beside": beside or 0, "suggesting": suggesting}
    return {"statuses": rows, "command_seconds": float(total), "processes": int(processes or 1),
            "stages": {name: float(value) for name, value in stages.items()}}


def _shares(run: dict) -> dict:
    """Each stage's share of the wall time; parsing in workers overlaps storing, so its share is of
    the work, and what storing waited for it is its share of the wall time."""
    wall = run["seconds"]
    stages = run["stages"]
    serial = ("reading", "storing", "indexing", "suggesting")
    shares = {name: round(stages[name] / wall, 3) for name in serial}
    shares["parsing"] = round((stages["waiting"] if run["processes"] > 1 else stages["parsing"]) / wall, 3)
    shares["startup and other"] = round(max(0.0, 1 - sum(shares.values())), 3)
    return shares


def _upload_documents(work: Path, env: dict, names, options) -> list[dict]:
    """Upload ``--additions`` more documents through the admin (``bench.upload``), after one to warm the worker;
    the seconds of each step of each."""
    from django.contrib.auth import get_user_model

    from bench.documents import write_collection
    from bench.upload import AdminClient, serving

    password = secrets.token_urlsafe(16)
    editor, _ = get_user_model().objects.get_or_create(username="bench-editor",
                                                       defaults={"is_staff": True, "is_superuser": True})
    editor.set_password(password)  # a new one each run: the data directory may be a reused one
    editor.save()
    first = options.documents + options.additions
    paths = [write_collection(work / f"upload-{number}", 1, options.clauses_per_document, names=names,
                              seed=options.seed, first=first + number)[0]
             for number in range(1 + max(1, options.additions))]
    with serving(env) as base:
        client = AdminClient(base)
        client.sign_in("bench-editor", password)
        client.upload(paths[0])  # the worker's first upload loads what the next ones find loaded
        return [client.upload(path) for path in paths[1:]]


def markdown(result: dict) -> str:
    full = result["collection"]
    stages = full["stages"]
    addition = result["one_more_document"]
    upload = result["one_more_upload"]
    lines = [
        f"# Ingestion benchmark — {result['documents']:,} documents × {result['clauses_per_document']} clauses",
        "", f"{result['machine']} · {result['date']} · commit {result.get('commit') or '?'} · "
            f"load average {result['load_before']} before, {result['load_after']} after · "
            f"`manage.py ingest --jobs {result['jobs']}`",
        "", f"- the collection, end to end: {full['seconds']:.1f} s for {result['clauses']:,} clauses — "
            f"{result['documents_per_second']} documents/s, {result['clauses_per_second']} clauses/s",
        f"- stages: parsing {stages['parsing']:.1f} s of work in {full['processes']} process(es) (storing waited "
        f"{stages['waiting']:.1f} s for it), storing {stages['storing']:.1f} s, indexing {stages['indexing']:.1f} s "
        f"(and {stages['indexing beside']:.1f} s in a process beside storing), "
        f"related suggestions {stages['suggesting']:.1f} s, reading and skipping {stages['reading']:.1f} s",
        "- share of the wall time: " + ", ".join(f"{name} {share:.0%}" for name, share in result["shares"].items()),
        f"- peak memory: {full['peak_rss_mb']['command']} MB (the command), "
        f"{full['peak_rss_mb']['largest_worker']} MB (its largest child: a parsing worker, the indexer or a "
        "suggesting worker, pages shared with the command included)",
        f"- the same command again, every file unchanged: {result['rerun']['seconds']:.1f} s",
        f"- one more {result['clauses_per_document']}-clause document added to the collection, suggestions "
        f"included, by `manage.py ingest` (a new process): {addition['median_seconds']:.2f} s (median of "
        f"{len(addition['runs'])}: " + ", ".join(f"{run['seconds']:.2f}" for run in addition["runs"]) + " s)",
        f"- one more {result['clauses_per_document']}-clause document uploaded in the admin, in a warm serving "
        f"worker: confirming it (parse, store, index, related suggestions) took {upload['median_confirm_seconds']:.2f} s "
        f"(median of {len(upload['runs'])}: " + ", ".join(f"{run['confirm']:.2f}" for run in upload["runs"])
        + " s); the upload itself " + ", ".join(f"{run['upload']:.2f}" for run in upload["runs"])
        + " s, the preview " + ", ".join(f"{run['preview']:.2f}" for run in upload["runs"]) + " s",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=2000, help="Documents in the collection.")
    parser.add_argument("--clauses-per-document", type=int, default=50, help="Clauses in each document.")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="manage.py ingest --jobs.")
    parser.add_argument("--additions", type=int, default=3,
                        help="Documents added one at a time after the collection (the median is reported).")
    parser.add_argument("--seed", type=int, default=20261202, help="The synthetic collection's seed.")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results"), help="Where results are written.")
    parser.add_argument("--data-dir", help="Working directory (default: a new temporary one).")
    options = parser.parse_args(argv)

    work, env = private_django(options.data_dir, prefix="policykb-bench-ingest-")
    from django.core.management import call_command

    from bench.documents import names_from_database, write_collection

    say(f"preparing the database in {work}")
    call_command("migrate", verbosity=0)
    call_command("load_gazetteers", verbosity=0)
    names = names_from_database()
    collection = work / "documents"
    say(f"writing {options.documents:,} documents of {options.clauses_per_document} clauses to {collection}")
    write_collection(collection, options.documents, options.clauses_per_document, names=names, seed=options.seed)
    load_before = round(os.getloadavg()[0], 2)
    jobs = ["--jobs", str(options.jobs)]
    say(f"manage.py ingest {collection} --jobs {options.jobs}")
    full = _ingest(env, str(collection), *jobs)
    say("the same again: every file unchanged")
    rerun = _ingest(env, str(collection), *jobs)
    additions = []
    for number in range(max(1, options.additions)):
        say(f"one more document ({number + 1} of {options.additions})")
        (path,) = write_collection(work / f"addition-{number}", 1, options.clauses_per_document, names=names,
                                   seed=options.seed, first=options.documents + number)
        additions.append(_ingest(env, str(path), *jobs))
    say("one more document uploaded through the admin, in a warm serving worker")
    uploaded = _upload_documents(work, env, names, options)
    load_after = round(os.getloadavg()[0], 2)

    clauses = full["statuses"]["created"]["clauses"]
    result = {
        "documents": options.documents, "clauses_per_document": options.clauses_per_document, "clauses": clauses,
        "jobs": options.jobs, "commit": commit(), "date": time.strftime("%Y-%m-%d %H:%M"),
        "machine": machine(),
        "load_before": load_before, "load_after": load_after,
        "collection": full, "documents_per_second": round(options.documents / full["seconds"], 2),
        "clauses_per_second": round(clauses / full["seconds"], 1), "shares": _shares(full),
        "rerun": rerun,
        "one_more_document": {"median_seconds": round(statistics.median(run["seconds"] for run in additions), 2),
                              "runs": additions},
        "one_more_upload": {"median_confirm_seconds": round(statistics.median(run["confirm"] for run in uploaded), 2),
                            "runs": uploaded},
    }
    write_results(options.out, f"ingest-{options.documents}.json", "ingest-latest.md", result, markdown(result))
    return result


if __name__ == "__main__":
    main()
