"""The admin-list benchmark itself, at a small size, so it cannot rot.

It runs ``python -m bench.admin_lists`` in its own process and data directory,
as ``make bench-admin`` does, and checks every figure the report promises is
there. Speed goals live in the benchmark's report, not here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from django.conf import settings

from bench.admin_lists import BASELINE


def test_admin_list_benchmark_runs_end_to_end_at_a_small_size(tmp_path):
    out = tmp_path / "results"
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "POLICYKB_DATA_DIR")}
    completed = subprocess.run(
        [sys.executable, "-m", "bench.admin_lists", "--clauses", "400", "--repeat", "2", "--levels", "province",
         "--out", str(out), "--data-dir", str(tmp_path / "data")],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=600)
    assert completed.returncode == 0, completed.stderr[-3000:]
    result = json.loads((out / "admin-400.json").read_text())

    counts = result["counts"]
    assert counts["clauses"] >= 400
    # About 25 bodies for each provincial government (31 at least; the division list counts up to 34).
    assert 25 * 31 <= result["generated_departments"] <= counts["departments"]
    # Every synthetic clause got one to three of them: the generated departments do have clauses.
    assert counts["departments_with_clauses"] > 100
    requests = result["requests"]
    assert BASELINE in requests and len(requests) >= 10
    for name, row in requests.items():
        assert row["median_ms"] > 0 and row["p95_ms"] >= row["median_ms"] and row["bytes"] > 0, name
    assert requests[BASELINE]["ratio_to_baseline"] == 1.0
    # The filtered lists are filtered: a document's page is smaller than the whole list's.
    assert requests["document"]["bytes"] < requests[BASELINE]["bytes"]
    latest = (out / "admin-latest.md").read_text()
    assert "Admin clause list with a national gazetteer" in latest and "× unfiltered list" in latest
