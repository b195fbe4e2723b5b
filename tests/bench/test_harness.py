"""The benchmark harness itself, at a small size, so it cannot rot.

It runs ``python -m bench.run`` in its own process and data directory, as
``make bench`` does, and checks every figure the report promises is there.
Speed goals live in the benchmark's report, not here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from django.conf import settings


# Seconds the serving worker is given to warm up, twice a run: what is checked is that the searches
# before and after it are timed, not how warm the worker gets (a run at full size waits 10 s).
AFTER_REBUILD_WAIT = "0.2"


def _bench(tmp_path, repeat: int, builds: int = 1, *options: str) -> dict:
    out = tmp_path / "results"
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "POLICYKB_DATA_DIR")}
    completed = subprocess.run(
        [sys.executable, "-m", "bench.run", "--clauses", "600", "--repeat", str(repeat), "--builds", str(builds),
         "--out", str(out), "--after-rebuild-wait", AFTER_REBUILD_WAIT, "--export-repeat", "1",
         "--data-dir", str(tmp_path / "data"), *options],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=600)
    assert completed.returncode == 0, completed.stderr[-3000:]
    return json.loads((out / "bench-600.json").read_text())


def test_benchmark_runs_end_to_end_at_a_small_size(tmp_path):
    out = tmp_path / "results"
    result = _bench(tmp_path, repeat=3, builds=3)
    assert result["clauses"] == 600
    for section in ("selector", "stock_faceting", "fts5", "http"):
        assert set(result[section]) == set(result["ratios"]["stock_over_ours"])
        for figures in result[section].values():
            assert 0 < figures["p50_ms"] <= figures["p95_ms"] <= figures["p99_ms"]
    assert result["build"]["clauses_per_second"] > 0 and result["build"]["index_mb"] > 0
    rates = sorted(run["clauses_per_second"] for run in result["build"]["runs"])
    assert len(rates) == 3 and result["build"]["clauses_per_second"] == rates[1]
    assert "median of 3 builds" in (out / "latest.md").read_text()
    assert 0 < result["http_peak_rss_mb"] < 2000
    assert result["http_first_search_ms"] > 0
    after_rebuild = result["http_after_rebuild"]
    assert after_rebuild["immediately_ms"] > 0 and after_rebuild["after_wait_ms"] > 0
    assert "after a full rebuild" in (out / "latest.md").read_text()
    assert 0 < result["edit_to_searchable_ms"] < 30_000
    assert result["build"]["builder_peak_rss"]["main_mb"] > 0
    assert "| 3 facets + 2 filters |" in (out / "latest.md").read_text()
    # The hostile mix: every request answered (the harness raises on any other status), through both paths.
    assert set(result["hostile_http"]) == set(result["hostile_selector"])
    assert {"zero results, 1 filter", "zero results, 20 filters", "20 common words", "a common character",
            "20 common characters"} <= set(result["hostile_http"])
    for figures in [*result["hostile_http"].values(), *result["hostile_selector"].values()]:
        assert 0 < figures["p50_ms"] <= figures["p95_ms"] and figures["first_ms"] > 0
    export = result["export"]
    assert 0 < export["first_row"]["p50_ms"] <= export["whole"]["p50_ms"] and export["megabytes"] > 0
    assert "| zero results, 20 filters |" in (out / "latest.md").read_text()
    assert "| 20 common characters |" in (out / "latest.md").read_text()
    # Issue 14's pages and downloads: every one answered 200 (the harness raises otherwise) and reported.
    assert {"departments list", "region 全国", "matrix, everything"} <= set(result["entries_http"])
    assert any(name.startswith("department, ") for name in result["entries_http"])
    for figures in result["entries_http"].values():
        assert 0 < figures["p50_ms"] <= figures["p95_ms"]
    assert len(result["downloads_http"]) == 3
    for figures in result["downloads_http"].values():
        assert figures["whole"]["p50_ms"] > 0 and figures["megabytes"] > 0
    assert 0 < result["downloads_rss_mb"]["before"] <= result["downloads_rss_mb"]["after"]
    assert "| matrix, everything |" in (out / "latest.md").read_text()
    # A second run in the same data directory reuses the corpus and rebuilds the rest; --no-baselines
    # (for the largest sizes) skips stock faceting and FTS5.
    again = _bench(tmp_path, 1, 1, "--no-baselines")
    assert again["clauses"] == 600 and again["selector"]["single word"]["p50_ms"] > 0
    assert again["stock_faceting"] == {} and again["fts5"] == {}
    # Their columns are dashes.
    latest = (tmp_path / "results" / "latest.md").read_text()
    assert "| 3 facets + 2 filters |" in latest and "| — | — | — | — |" in latest
