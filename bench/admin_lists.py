"""``make bench-admin`` — the clause list an editor opens, with a national gazetteer loaded.

    python -m bench.admin_lists --clauses 100000 [--repeat 15] [--out bench/results]

In a private data directory: the gazetteers, the seeds, a national gazetteer
of departments (``bench.national_departments``: about 25 bodies for each
province, prefecture and county), synthetic clauses up to ``--clauses``
(``bench.corpus``), each also tagged with one to three of those departments
so that tens of thousands of them have clauses, as the old flat filter would
have listed. Then, through HTTP to a gunicorn worker, signed in as an editor:
the clause list unfiltered (the baseline, measured in the same run), filtered
by a department, a department and role, a province (with everything within
it), a sector and a document, and the autocomplete's answers the filters
ask. The requests are interleaved, each ``--repeat`` times after one warm-up;
medians, p95 and ratios to the baseline. Writes ``results/admin-<clauses>.json``
and ``results/admin-latest.md``.
"""

from __future__ import annotations

import argparse
import os
import random
import secrets
import statistics
import time
from urllib.parse import urlencode

from bench.process import ROOT, commit, machine, private_django, say, write_results

LIST = "/admin/clauses/clause/"
BASELINE = "list, unfiltered"


def _tag_with_national_departments(kinds: tuple[str, ...], seed: int) -> None:
    """Give every synthetic clause one to three of the departments of the governments of ``kinds``
    (the first leads)."""
    from bench.corpus import SOURCE
    from clauses.models import Clause, ClauseDepartment, Department, TagLink

    rng = random.Random(seed)
    departments = list(Department.objects.filter(jurisdiction__kind__in=kinds).values_list("pk", flat=True))
    links = []
    for clause in Clause.objects.filter(document__source_file=SOURCE).values_list("pk", flat=True).iterator():
        for order, department in enumerate(rng.sample(departments, rng.randint(1, 3))):
            links.append(ClauseDepartment(clause_id=clause, department_id=department, origin=TagLink.Origin.EXTRACTED,
                                          role="lead" if order == 0 else "co"))
    ClauseDepartment.objects.bulk_create(links, batch_size=5000, ignore_conflicts=True)


def _requests() -> dict[str, str]:
    """What an editor opens: name → path and query."""
    from django.db.models import Count

    from clauses.models import Clause, ClauseDepartment, Department, Industry, Region

    busiest = (ClauseDepartment.objects.values("department").annotate(clauses=Count("clause"))
               .order_by("-clauses").first()["department"])
    a_city_bureau = Department.objects.filter(name="宜宾市财政局").values_list("pk", flat=True).first() or busiest
    sichuan = Region.objects.get(name="四川省").pk
    sector = (Industry.objects.filter(parent=None).annotate(members=Count("children"))
              .order_by("-members").values_list("pk", flat=True).first())
    document = Clause.objects.values_list("document", flat=True).order_by("-document").first()
    autocomplete = {"app_label": "clauses", "model_name": "clausedepartment", "field_name": "department"}
    regions = {"app_label": "clauses", "model_name": "clauseregion", "field_name": "region"}
    documents = {"app_label": "clauses", "model_name": "clause", "field_name": "document"}
    return {
        BASELINE: LIST,
        "department (the busiest)": f"{LIST}?{urlencode({'department': busiest})}",
        "department (a city bureau)": f"{LIST}?{urlencode({'department': a_city_bureau})}",
        "department + role lead": f"{LIST}?{urlencode({'department': busiest, 'role': 'lead'})}",
        "region 四川省 (and within)": f"{LIST}?{urlencode({'region': sichuan})}",
        "industry sector": f"{LIST}?{urlencode({'industry': sector})}",
        "document": f"{LIST}?{urlencode({'document': document})}",
        "autocomplete 财政 (departments)": f"/admin/autocomplete/?{urlencode({'term': '财政', **autocomplete})}",
        "autocomplete 宜宾市经 (departments)":
            f"/admin/autocomplete/?{urlencode({'term': '宜宾市经', **autocomplete})}",
        "autocomplete 朝阳 (regions)": f"/admin/autocomplete/?{urlencode({'term': '朝阳', **regions})}",
        "autocomplete 川办发 (documents)": f"/admin/autocomplete/?{urlencode({'term': '川办发', **documents})}",
    }


def _timed(client, requests: dict[str, str], repeat: int) -> dict[str, dict]:
    """Each request once to warm up, then all of them in turn ``repeat`` times: milliseconds of each."""
    runs: dict[str, list[float]] = {name: [] for name in requests}
    sizes = {}
    for name, path in requests.items():
        status, body, _ = client.request(path)
        if status != 200:
            raise RuntimeError(f"{name}: HTTP {status} for {path}")
        sizes[name] = len(body.encode())
    for _ in range(repeat):
        for name, path in requests.items():
            started = time.perf_counter()
            status, _body, _ = client.request(path)
            runs[name].append((time.perf_counter() - started) * 1000)
            if status != 200:
                raise RuntimeError(f"{name}: HTTP {status} for {path}")
    results = {}
    for name, times in runs.items():
        ordered = sorted(times)
        results[name] = {"median_ms": round(statistics.median(times), 1),
                         "p95_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))], 1),
                         "bytes": sizes[name], "path": requests[name]}
    baseline = results[BASELINE]["median_ms"]
    for result in results.values():
        result["ratio_to_baseline"] = round(result["median_ms"] / baseline, 2)
    return results


def _counts() -> dict[str, int]:
    from clauses.models import Clause, ClauseDepartment, Department, Region

    return {"clauses": Clause.objects.count(), "departments": Department.objects.count(),
            "regions": Region.objects.count(), "department_links": ClauseDepartment.objects.count(),
            "departments_with_clauses": ClauseDepartment.objects.values("department").distinct().count()}


def markdown(result: dict) -> str:
    counts = result["counts"]
    lines = [
        f"# Admin clause list with a national gazetteer: {counts['clauses']:,} clauses",
        "",
        f"Commit {result['commit']}, {result['date']}, {result['machine']}; load average {result['load_before']} "
        f"before, {result['load_after']} after. Through HTTP to one gunicorn worker, signed in as an editor; "
        f"each request {result['repeat']} times, interleaved, after one warm-up.",
        "",
        f"Gazetteer: {counts['departments']:,} departments ({result['generated_departments']:,} of them generated for "
        f"the provinces, prefectures and counties), {counts['regions']:,} regions; {counts['department_links']:,} "
        f"department tags, on {counts['departments_with_clauses']:,} departments (what a listed department "
        f"filter would print on every list page).",
        "",
        "| Request | median ms | p95 ms | × unfiltered list | bytes |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, row in result["requests"].items():
        lines.append(f"| {name} | {row['median_ms']} | {row['p95_ms']} | {row['ratio_to_baseline']} | "
                     f"{row['bytes']:,} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clauses", type=int, default=100_000, help="Clauses in the collection.")
    parser.add_argument("--repeat", type=int, default=15, help="Timed requests of each kind (after one warm-up).")
    parser.add_argument("--levels", default="province,prefecture,county",
                        help="Which governments get generated departments (a smaller run: province).")
    parser.add_argument("--seed", type=int, default=20261203)
    parser.add_argument("--out", default=str(ROOT / "bench" / "results"), help="Where results are written.")
    parser.add_argument("--data-dir", help="Working directory (default: a new temporary one).")
    options = parser.parse_args(argv)

    work, env = private_django(options.data_dir, prefix="policykb-bench-admin-")
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    from bench import national_departments
    from bench.corpus import generate
    from bench.upload import AdminClient, serving
    from clauses.models import Clause

    say(f"preparing {options.clauses:,} clauses in {work}")
    call_command("migrate", verbosity=0)
    call_command("load_gazetteers", verbosity=0)
    call_command("create_roles", verbosity=0)
    call_command("ingest", str(ROOT / "fixtures" / "documents"), verbosity=0)
    say("the national gazetteer of departments")
    kinds = tuple(options.levels.split(","))
    generated = national_departments.add(kinds)
    say(f"{generated:,} national departments in the gazetteer; synthetic clauses")
    if generate(max(0, options.clauses - Clause.objects.count())):
        _tag_with_national_departments(kinds, options.seed)
    requests = _requests()

    password = secrets.token_urlsafe(16)
    editor, _ = get_user_model().objects.get_or_create(username="bench-editor", defaults={"is_staff": True})
    editor.set_password(password)  # a new one each run: the data directory may be a reused one
    editor.save()
    editor.groups.add(Group.objects.get(name="editor"))
    load_before = round(os.getloadavg()[0], 2)
    say("timing the list pages and the autocomplete through HTTP")
    with serving(env) as base:
        client = AdminClient(base)
        client.sign_in("bench-editor", password)
        timed = _timed(client, requests, max(1, options.repeat))
    result = {
        "commit": commit(), "date": time.strftime("%Y-%m-%d %H:%M"), "repeat": options.repeat,
        "machine": machine(),
        "load_before": load_before, "load_after": round(os.getloadavg()[0], 2),
        "generated_departments": generated,
        "counts": _counts(), "requests": timed,
    }
    write_results(options.out, f"admin-{options.clauses}.json", "admin-latest.md", result, markdown(result))
    return result


if __name__ == "__main__":
    main()
