"""The ingestion benchmark itself, at a small size, so it cannot rot.

It runs ``python -m bench.ingest`` in its own process and data directory, as
``make bench-ingest`` does, and checks every figure the report promises is
there. Speed goals live in the benchmark's report, not here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from django.conf import settings


def test_ingestion_benchmark_runs_end_to_end_at_a_small_size(tmp_path):
    out = tmp_path / "results"
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "POLICYKB_DATA_DIR")}
    completed = subprocess.run(
        [sys.executable, "-m", "bench.ingest", "--documents", "12", "--clauses-per-document", "10",
         "--additions", "1", "--jobs", "2", "--out", str(out), "--data-dir", str(tmp_path / "data")],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=600)
    assert completed.returncode == 0, completed.stderr[-3000:]
    result = json.loads((out / "ingest-12.json").read_text())

    full = result["collection"]
    # Every document made as many clauses as asked: the synthetic files parse as intended.
    assert full["statuses"]["created"] == {"documents": 12, "clauses": 120}
    assert full["statuses"]["failed"]["documents"] == 0 and full["processes"] == 2
    assert result["clauses"] == 120 and result["documents_per_second"] > 0 and result["clauses_per_second"] > 0
    assert set(full["stages"]) == {"reading", "parsing", "waiting", "storing", "indexing", "indexing beside",
                                   "suggesting"}
    assert full["stages"]["parsing"] > 0 and full["stages"]["storing"] > 0
    # Twelve documents are fewer than one batch of the index (--index-every): written after storing.
    assert full["stages"]["indexing"] > 0 and full["stages"]["indexing beside"] == 0
    assert abs(sum(result["shares"].values()) - 1) < 0.01
    assert full["peak_rss_mb"]["command"] > 0 and full["peak_rss_mb"]["largest_worker"] > 0
    assert result["rerun"]["statuses"]["unchanged"] == {"documents": 12, "clauses": 120}
    assert result["rerun"]["stages"]["parsing"] == 0
    (added,) = result["one_more_document"]["runs"]
    assert added["statuses"]["created"] == {"documents": 1, "clauses": 10}
    assert result["one_more_document"]["median_seconds"] == added["seconds"] > 0
    (uploaded,) = result["one_more_upload"]["runs"]
    assert result["one_more_upload"]["median_confirm_seconds"] == round(uploaded["confirm"], 2) > 0
    assert uploaded["upload"] > 0 and uploaded["preview"] > 0
    assert result["load_before"] >= 0 and result["load_after"] >= 0
    latest = (out / "ingest-latest.md").read_text()
    assert "12 documents × 10 clauses" in latest and "one more 10-clause document" in latest
    assert "every file unchanged" in latest and "peak memory" in latest
    assert "uploaded in the admin, in a warm serving worker" in latest
