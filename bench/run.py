"""``make bench`` — how fast is search at a given size, against two baselines?

    python -m bench.run --clauses 100000 [--repeat 30] [--builds 3] [--out bench/results]

In a private data directory: ingest the seeds, add synthetic clauses up to
``--clauses``, build the index, then run a fixed query mix through the
selector (our cached facets and haystack's stock faceting, same index) and
through full HTTP requests to a gunicorn worker, plus a SQLite FTS5 baseline
over the same clauses. Reports medians and p95/p99, ratios to the baselines
measured in the same run, build throughput, index size, peak memory of the
serving process and how long an edit takes to become searchable. Build
throughput is the median of ``--builds`` full builds, one after another. Writes
``results/bench-<size>.json`` and ``results/latest.md``.
"""

from __future__ import annotations

import argparse
import http.client
import resource
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

from bench.process import ROOT, children, commit, machine, peak_rss_mb, private_django, say, write_results

QUERY_MIX = {
    "single word": {"q": "产业"},
    "two words": {"q": "锂电 川南"},
    "phrase": {"q": '"产业转移"'},
    "alias": {"q": "工信部"},
    "browse all + facets": {"q": ""},
    "3 facets + 2 filters": {"q": "转移", "region": "四川省", "kind": "implementing"},
    "deep page": {"q": "", "page": "50"},
}

# Requests an official's typo or a hostile client can send (issue 10): each
# must stay within the per-request budget of search/limits.py. Filled in by
# ``hostile_mix()`` once the corpus exists (it names real regions and pages).
HOSTILE_MIX: dict[str, list[tuple[str, str]]] = {}
# A query of many common words that all must match: no clause has them all,
# so it also pays for the "drop a word" suggestions.
MANY_WORDS = "产业 转移 发展 推动 建设 支持 企业 园区 合作 承接 制造业 加快 培育 提升 完善 政策 服务 创新 区域 优化"
# A single character is matched by every term that contains it (search/engine/containing.py):
# 产 by a hundred terms, nearly every clause. Twenty of them find nothing together, so each
# is evaluated again by the "drop a word" suggestions.
COMMON_CHARACTER = "产"
MANY_CHARACTERS = "的 是 在 了 和 与 及 等 产 业 发 展 推 进 加 强 支 持 建 设"
EXPORT_REPEAT = 5
# Pages of departments, regions and industries, the matrix, and the 任务分工表 downloads (issue 14):
# path and query string. Filled in by ``entry_pages()`` once the corpus exists (they name real entries).
ENTRY_PAGES: dict[str, str] = {}
ENTRY_DOWNLOADS: dict[str, str] = {}


def hostile_mix(total: int) -> dict[str, list[tuple[str, str]]]:
    from clauses.models import Region

    regions = list(Region.objects.order_by("name").values_list("name", flat=True)[:19])
    return {
        "zero results, 1 filter": [("year", "1999")],
        "zero results, 3 filters": [("q", "zzzz"), ("region", "宜宾市"), ("industry", "集成电路"), ("year", "2010")],
        "zero results, 20 filters": [("year", "1999"), *(("region", name) for name in regions)],
        "20 common words": [("q", MANY_WORDS)],
        "common-word phrase": [("q", '"加快 产业 发展"')],
        # In this order: the characters' first run reads all but 产 from disk.
        "a common character": [("q", COMMON_CHARACTER)],
        "20 common characters": [("q", MANY_CHARACTERS)],
        "last page": [("q", ""), ("page", str(max(1, total // 20)))],
    }


def entry_pages() -> tuple[dict[str, str], dict[str, str]]:
    """The entry pages to time: the department nearest 5,000 clauses (the issue's figure), the largest, the
    widest regions and a sector; the matrix; and the downloads of the largest department's tasks."""
    from django.db.models import Count

    from clauses.models import ClauseDepartment, Industry, Region
    from search.entries.tasks import TASK_ROLES
    from clauses.models import Clause
    from search.limits import ENTRY_PAGE_SIZE
    from search.facet_filters import clause_filter

    tasks = list(ClauseDepartment.objects.active().filter(role__in=TASK_ROLES, clause__retired_at__isnull=True)
                 .values_list("department__slug").annotate(count=Count("id")))
    near_5000 = min(tasks, key=lambda pair: abs(pair[1] - 5000))
    largest = max(tasks, key=lambda pair: pair[1])
    region = dict(Region.objects.filter(name__in=["全国", "四川省", "宜宾市"]).values_list("name", "slug"))
    sector = Industry.objects.filter(parent__isnull=True, children__isnull=False).order_by("name").first()
    deep = max(1, min(50, -(-near_5000[1] // ENTRY_PAGE_SIZE)))  # page 50, or the last if there are fewer
    in_sichuan = Clause.objects.current().filter(clause_filter([("region", ["四川省"])])).count()
    sichuan_page = max(1, min(20, -(-in_sichuan // ENTRY_PAGE_SIZE)))
    pages = {
        "departments list": "/departments/",
        f"department, {near_5000[1]:,} clauses": f"/departments/{near_5000[0]}/",
        f"department, {near_5000[1]:,} clauses, page {deep}": f"/departments/{near_5000[0]}/?page={deep}",
        f"department, {near_5000[1]:,} clauses, JSON": f"/api/departments/{near_5000[0]}/",
        f"department, {largest[1]:,} clauses": f"/departments/{largest[0]}/",
        f"department, {largest[1]:,} clauses, region 宜宾市":
            f"/departments/{largest[0]}/?{urlencode({'region': '宜宾市'})}",
        "region 全国": f"/regions/{region['全国']}/",
        f"region 四川省, page {sichuan_page}": f"/regions/{region['四川省']}/?page={sichuan_page}",
        "region 宜宾市": f"/regions/{region['宜宾市']}/",
        f"industry {sector.name if sector else ''}": f"/industries/{sector.slug}/" if sector else "/industries/",
        "matrix, everything": "/matrix/",
        "matrix JSON, region 四川省": f"/api/matrix/?{urlencode({'region': '四川省'})}",
    }
    downloads = {
        f"任务分工表 of {largest[1]:,} clauses, .xlsx": f"/departments/{largest[0]}/tasks.xlsx",
        f"任务分工表 of {largest[1]:,} clauses, .csv": f"/departments/{largest[0]}/tasks.csv",
        "matrix, .xlsx": "/api/matrix/export.xlsx",
    }
    return pages, downloads


def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)

    def at(fraction):
        return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]

    return {"p50_ms": round(statistics.median(ordered) * 1000, 2), "p95_ms": round(at(0.95) * 1000, 2),
            "p99_ms": round(at(0.99) * 1000, 2), "runs": len(ordered)}


def _pairs(params) -> list[tuple[str, str]]:
    return list(params.items()) if isinstance(params, dict) else list(params)


def _request(params):
    from search.selectors import SearchRequest

    pairs = _pairs(params)
    given = dict(pairs)
    filters = [(key, value) for key, value in pairs if key not in ("q", "page")]
    return SearchRequest(q=given.get("q", ""), filters=filters, page=int(given.get("page", 1)))



def _time(function, repeat: int) -> list[float]:
    function()  # warm: the first run loads caches
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return samples


def _first_and_after(function, repeat: int) -> dict:
    """``_time``'s percentiles and, apart, how long the very first run took.

    The runs after the first find the words' postings cached; a hostile
    client can instead always send words no search has read yet, whose
    postings are read from disk.
    """
    started = time.perf_counter()
    function()
    first = time.perf_counter() - started
    return {**_percentiles(_time(function, repeat)), "first_ms": round(first * 1000, 2)}


def _selector_latencies(repeat: int, *, fast: bool, mix: dict = QUERY_MIX, first: bool = False) -> dict:
    from haystack import connections

    from search.selectors import search

    backend = connections["default"].get_backend()
    backend.fast_facets = fast
    try:
        if first:
            return {name: _first_and_after(lambda params=params: search(_request(params)), repeat)
                    for name, params in mix.items()}
        return {name: _percentiles(_time(lambda params=params: search(_request(params)), repeat))
                for name, params in mix.items()}
    finally:
        backend.fast_facets = True


def _fts5_latencies(repeat: int, directory: Path) -> tuple[dict, float]:
    from bench import fts5

    connection, seconds = fts5.build(str(directory / "fts5.sqlite3"))
    results = {}
    for name, params in QUERY_MIX.items():
        words = [word for word in params.get("q", "").replace('"', "").split() if word]
        filters = [(key, value) for key, value in params.items() if key in ("region", "department", "lead")]
        page = int(params.get("page", 1))
        results[name] = _percentiles(_time(lambda: fts5.search(connection, words, filters, page), repeat))
    return results, seconds


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]




def _http_latencies(repeat: int, env: dict, after_rebuild_wait: float, export_repeat: int) -> dict:
    """Everything measured over HTTP against one gunicorn worker started as ``make run`` starts it."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "policykb.wsgi", "--config", "python:policykb.serving",
         "--bind", f"127.0.0.1:{port}", "--workers", "1", "--threads", "2", "--log-level", "warning"],
        cwd=ROOT, env={**env, "PORT": str(port)})
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.2)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

        def get(params, path="/api/search/"):
            connection.request("GET", path + "?" + urlencode(_pairs(params)))
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                raise RuntimeError(f"HTTP {response.status} for {params}")

        def first_search() -> float:
            connection.close()  # a new official's browser: a new connection (an idle one may have timed out)
            started = time.perf_counter()
            get(QUERY_MIX["3 facets + 2 filters"])
            return round((time.perf_counter() - started) * 1000, 1)

        # The first search of a new process reads every facet table and the words'
        # postings from the index: what the first official after a restart waits
        # (sent as soon as the worker listens, while its warm-up has just begun).
        measured = {"first_search_ms": first_search()}
        # The query mix measures a worker at work, not one still warming up: the warm-up thread
        # (search/warmup.py, several seconds at 100,000 clauses) would share the CPU with its first runs.
        time.sleep(after_rebuild_wait)
        connection.close()  # the worker has closed the idle keep-alive connection meanwhile: open a new one
        measured["results"] = {name: _percentiles(_time(lambda params=params: get(params), repeat))
                               for name, params in QUERY_MIX.items()}
        measured["hostile"] = {name: _first_and_after(lambda params=params: get(params), repeat)
                               for name, params in HOSTILE_MIX.items()}
        measured["export"] = _export_latencies(port, export_repeat)

        def get_path(path):
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                raise RuntimeError(f"HTTP {response.status} for {path}")

        connection.close()
        measured["entries"] = {name: _percentiles(_time(lambda path=path: get_path(path), repeat))
                               for name, path in ENTRY_PAGES.items()}
        workers = children(server.pid)
        before = max((peak_rss_mb(worker) for worker in workers), default=0.0)
        measured["downloads"] = {name: _download_latencies(port, path, export_repeat)
                                 for name, path in ENTRY_DOWNLOADS.items()}
        measured["downloads_rss_mb"] = {"before": before,
                                        "after": max((peak_rss_mb(worker) for worker in workers), default=0.0)}
        measured["after_rebuild"] = _first_search_after_rebuild(first_search, after_rebuild_wait)
        measured["peak_rss_mb"] = max((peak_rss_mb(worker) for worker in children(server.pid)), default=0.0)
        return measured
    finally:
        server.terminate()
        server.wait(timeout=30)


def _first_search_after_rebuild(first_search, wait: float) -> dict:
    """The first search once a full rebuild has swapped in a new generation: at once, and after the warm-up.

    A worker's warm-up thread notices the swap within a second and reads the
    new generation's facet tables (search/warmup.py); a search sent at once
    pays for what it has not read yet.
    """
    from search import build

    build.rebuild()
    immediately = first_search()
    build.rebuild()
    time.sleep(wait)
    return {"immediately_ms": immediately, "after_wait_ms": first_search(), "wait_seconds": wait}


def _export_latencies(port: int, repeat: int) -> dict:
    """The whole collection as CSV: time to the first row, to the last, and the size."""
    first_row, whole, size = [], [], 0
    for _ in range(repeat + 1):  # the first, untimed, warms the caches
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        started = time.perf_counter()
        connection.request("GET", "/api/search/export.csv")
        response = connection.getresponse()
        if response.status != 200:
            raise RuntimeError(f"HTTP {response.status} for the export")
        response.readline(), response.readline()  # the header row, then the first result
        reached = time.perf_counter() - started
        size = len(response.read())
        done = time.perf_counter() - started
        connection.close()
        first_row.append(reached)
        whole.append(done)
    return {"first_row": _percentiles(first_row[1:]), "whole": _percentiles(whole[1:]),
            "megabytes": round(size / 2**20, 1)}


def _download_latencies(port: int, path: str, repeat: int) -> dict:
    """A file download: time until the whole file has arrived, and its size."""
    whole, size = [], 0
    for _ in range(repeat + 1):  # the first, untimed, warms the caches
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        started = time.perf_counter()
        connection.request("GET", path)
        response = connection.getresponse()
        size = len(response.read())
        if response.status != 200:
            raise RuntimeError(f"HTTP {response.status} for {path}")
        whole.append(time.perf_counter() - started)
        connection.close()
    return {"whole": _percentiles(whole[1:]), "megabytes": round(size / 2**20, 2)}


def _edit_to_searchable() -> float:
    from django.db import transaction

    from clauses.models import Clause
    from search.selectors import SearchRequest, search

    clause = Clause.objects.current().order_by("-pk").first()
    started = time.perf_counter()
    with transaction.atomic():
        clause.text += " 基准测试编辑标记词"
        clause.save()
    while not search(SearchRequest(q="基准测试编辑标记词")).count:
        if time.perf_counter() - started > 30:
            return float("inf")
        time.sleep(0.01)
    return time.perf_counter() - started


def _directory_size_mb(path: Path) -> float:
    return round(sum(file.stat().st_size for file in path.rglob("*") if file.is_file()) / 2**20, 1)


def _ratios(ours: dict, other: dict) -> dict:
    return {name: round(other[name]["p50_ms"] / max(ours[name]["p50_ms"], 1e-6), 2) for name in ours}



def _or_dash(value, unit: str) -> str:
    """A figure with its unit, or a dash for a baseline the run skipped."""
    return "—" if value is None else f"{value}{unit}"


def _build_runs(build: dict) -> str:
    runs = build.get("runs") or [build]
    if len(runs) == 1:
        return "one build"
    return f"median of {len(runs)} builds: " + ", ".join(f"{run['clauses_per_second']:.0f}" for run in runs) + "/s"


def _builder_memory(peaks: dict) -> str:
    if not peaks["writer_process_mb"]:
        return f"{peaks['main_mb']} MB (one process)"
    return f"{peaks['main_mb']} MB (main process), {peaks['writer_process_mb']} MB (largest writer process)"


def markdown(result: dict) -> str:
    lines = [f"# Search benchmark — {result['clauses']:,} clauses",
             "", f"{result['machine']} · {result['date']} · commit {result.get('commit') or '?'} · "
                 f"medians of {result['repeat']} runs per query",
             "", f"- index build: {result['build']['clauses_per_second']:.0f} clauses/s "
                 f"({result['build']['seconds']:.1f} s; {_build_runs(result['build'])}), "
                 f"index {result['build']['index_mb']} MB; peak memory "
                 f"{_builder_memory(result['build']['builder_peak_rss'])}",
             f"- serving process peak memory: {result['http_peak_rss_mb']} MB",
             f"- first search of a new serving process (3 facets + 2 filters, sent as soon as it listens): "
             f"{result['http_first_search_ms']} ms",
             f"- first search after a full rebuild swapped in a new generation: "
             f"{result['http_after_rebuild']['immediately_ms']} ms at once, "
             f"{result['http_after_rebuild']['after_wait_ms']} ms {result['http_after_rebuild']['wait_seconds']} s "
             "later (the worker's warm-up has read it)",
             f"- an edit searchable after {result['edit_to_searchable_ms']:.0f} ms",
             "", "| query | ours p50 / p95 (HTTP) | ours p50 / p95 (selector) | stock faceting p50 | FTS5 p50 |"
                 " stock ÷ ours | FTS5 ÷ ours |",
             "|---|---|---|---|---|---|---|"]
    for name in QUERY_MIX:
        http_, ours = result["http"][name], result["selector"][name]
        stock, fts5 = result["stock_faceting"].get(name), result["fts5"].get(name)
        stock_ratio = result["ratios"]["stock_over_ours"].get(name)
        fts5_ratio = result["ratios"]["fts5_over_ours"].get(name)
        lines.append(f"| {name} | {http_['p50_ms']} / {http_['p95_ms']} ms | {ours['p50_ms']} / {ours['p95_ms']} ms"
                     f" | {_or_dash(stock and stock['p50_ms'], ' ms')} | {_or_dash(fts5 and fts5['p50_ms'], ' ms')}"
                     f" | {_or_dash(stock_ratio, '×')} | {_or_dash(fts5_ratio, '×')} |")
    if result.get("hostile_http"):
        lines += ["", "Hostile requests (the per-request budget of search/limits.py):", "",
                  "| request | p50 / p95 (HTTP) | p50 / p95 (selector) | first run: HTTP / selector |",
                  "|---|---|---|---|"]
        for name, http_ in result["hostile_http"].items():
            ours = result["hostile_selector"][name]
            lines.append(f"| {name} | {http_['p50_ms']} / {http_['p95_ms']} ms | "
                         f"{ours['p50_ms']} / {ours['p95_ms']} ms | "
                         f"{_or_dash(http_.get('first_ms'), ' ms')} / {_or_dash(ours.get('first_ms'), ' ms')} |")
        export = result["export"]
        lines.append(f"| whole-collection CSV export ({export['megabytes']} MB, streamed): first row | "
                     f"{export['first_row']['p50_ms']} / {export['first_row']['p95_ms']} ms | — | — |")
        lines.append(f"| whole-collection CSV export: last row | "
                     f"{export['whole']['p50_ms']} / {export['whole']['p95_ms']} ms | — | — |")
    if result.get("entries_http"):
        browse = result["http"]["browse all + facets"]["p50_ms"]
        lines += ["", "Department, region and industry pages, the matrix, and the 任务分工表 downloads (issue 14); "
                      "the ratio is to browse all + facets in the same run:", "",
                  "| page | p50 / p95 (HTTP) | p50 ÷ browse p50 |", "|---|---|---|"]
        for name, timing in result["entries_http"].items():
            lines.append(f"| {name} | {timing['p50_ms']} / {timing['p95_ms']} ms | "
                         f"{round(timing['p50_ms'] / browse, 2) if browse else '—'}× |")
        for name, timing in result["downloads_http"].items():
            lines.append(f"| {name} ({timing['megabytes']} MB), whole file | "
                         f"{timing['whole']['p50_ms']} / {timing['whole']['p95_ms']} ms | — |")
        rss = result["downloads_rss_mb"]
        lines.append(f"\nThe serving worker's peak memory was {rss['before']} MB before the downloads and "
                     f"{rss['after']} MB after them.")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clauses", type=int, default=100_000, help="Corpus size (seed clauses included).")
    parser.add_argument("--repeat", type=int, default=30, help="Timed runs per query (after one warm-up).")
    parser.add_argument("--builds", type=int, default=3,
                        help="Full index builds, timed one after another; the median is reported.")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results"), help="Where results are written.")
    parser.add_argument("--data-dir", help="Working directory (default: a new temporary one).")
    parser.add_argument("--no-baselines", dest="baselines", action="store_false",
                        help="Skip haystack's stock faceting and FTS5 (at 300,000 clauses they take half an hour).")
    parser.add_argument("--after-rebuild-wait", type=float, default=10.0,
                        help="Seconds a worker is given to warm up: after it starts, before the query mix, "
                             "and after a rebuild's swap, before the search that finds the new generation warm.")
    parser.add_argument("--export-repeat", type=int, default=EXPORT_REPEAT,
                        help="Timed runs of each export and download (after one warm-up); they take seconds each.")
    options = parser.parse_args(argv)

    work, env = private_django(options.data_dir, prefix="policykb-bench-",
                               POLICYKB_ALLOWED_HOSTS="127.0.0.1,localhost")
    from django.core.management import call_command

    from bench.corpus import generate
    from clauses.models import Clause
    from search import build
    from search.engine import index_dirs

    say(f"preparing {options.clauses:,} clauses in {work}")
    call_command("migrate", verbosity=0)
    call_command("load_gazetteers", verbosity=0)
    call_command("ingest", str(ROOT / "fixtures" / "documents"), verbosity=0)
    generate(max(0, options.clauses - Clause.objects.current().count()))
    total = Clause.objects.current().count()
    # The deepest page of browse-all up to page 50 (20 per page).
    QUERY_MIX["deep page"]["page"] = str(max(1, min(50, total // 20)))
    HOSTILE_MIX.update(hostile_mix(total))
    pages, downloads = entry_pages()
    ENTRY_PAGES.update(pages)
    ENTRY_DOWNLOADS.update(downloads)

    builds, build_count = [], max(1, options.builds)
    for number in range(1, build_count + 1):
        say(f"building the index of {total:,} clauses ({number} of {build_count})")
        report = build.rebuild()
        builds.append({"seconds": round(report.seconds, 2), "clauses_per_second": round(total / report.seconds, 1)})
    median_build = sorted(builds, key=lambda run: run["clauses_per_second"])[len(builds) // 2]
    index_mb = _directory_size_mb(Path(index_dirs.live_target(work / "index" / "current")))
    builder_rss = {"main_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                   "writer_process_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)}
    say("query mix through the selector")
    selector = _selector_latencies(options.repeat, fast=True)
    hostile_selector = _selector_latencies(options.repeat, fast=True, mix=HOSTILE_MIX, first=True)
    stock, fts5, fts5_build = {}, {}, 0.0
    if options.baselines:
        say("the same with haystack's stock faceting")
        stock = _selector_latencies(max(3, options.repeat // 3), fast=False)
        say("the SQLite FTS5 baseline")
        fts5, fts5_build = _fts5_latencies(options.repeat, work)
    say("an edit until it is searchable")
    edit_seconds = _edit_to_searchable()
    say("query mix through HTTP")
    served = _http_latencies(options.repeat, env, options.after_rebuild_wait, max(1, options.export_repeat))

    result = {
        "clauses": total, "commit": commit(), "repeat": options.repeat, "date": time.strftime("%Y-%m-%d %H:%M"),
        "machine": machine(),
        "build": {**median_build, "runs": builds, "index_mb": index_mb, "builder_peak_rss": builder_rss},
        "selector": selector, "stock_faceting": stock, "fts5": fts5, "fts5_build_seconds": round(fts5_build, 2),
        "http": served["results"], "http_peak_rss_mb": served["peak_rss_mb"],
        "http_first_search_ms": served["first_search_ms"], "http_after_rebuild": served["after_rebuild"],
        "edit_to_searchable_ms": round(edit_seconds * 1000, 1),
        "hostile_selector": hostile_selector, "hostile_http": served["hostile"], "export": served["export"],
        "entries_http": served["entries"], "downloads_http": served["downloads"],
        "downloads_rss_mb": served["downloads_rss_mb"],
        "ratios": {"stock_over_ours": _ratios(selector, stock) if stock else {},
                   "fts5_over_ours": _ratios(selector, fts5) if fts5 else {}},
    }
    write_results(options.out, f"bench-{options.clauses}.json", "latest.md", result, markdown(result))
    return result


if __name__ == "__main__":
    main()
