"""The region entries of the gazetteer: every division of China, then the regions that are none.

Divisions come from the package (``divisions.py``), never from the file:
their names, codes, levels, parents and short forms. ``regions.json`` holds
what no package maintains — the macro regions each province belongs to
(四川省 → 西部), national strategies, provincial sub-regions, special-area
types and groupings with their members — and may add aliases or members to a
division by giving its code (or, where the package has no code, its name).

Names must be unique, since filters and facets name regions. The few county
names several counties bear (朝阳区 in Beijing and Changchun, 城区 in three
cities) are qualified by their parent, as documents above them write them
(北京市朝阳区); the bare name becomes an alias of each, and the lexicon picks
the one within the document's jurisdiction (``clauses.parsing.lexicon``).

Pure: no Django, so parsing tests and the loader see the same entries.
"""

from __future__ import annotations

from collections import Counter

from .divisions import Division, Level, divisions


def national_regions(file_regions: list[dict]) -> list[dict]:
    """Every division as a region entry, merged with the file's entries, then the file's other entries.

    Entry shape as in ``regions.json``: name, kind, code, parent, members, aliases.
    """
    all_divisions = divisions()
    names = _unique_names(all_divisions)
    by_code = {division.code: division for division in all_divisions if division.code}
    division_names = {division.name for division in all_divisions}
    file_by_code = {entry["code"]: entry for entry in file_regions if entry.get("code")}
    file_by_name = {entry["name"]: entry for entry in file_regions}
    nation = next((entry["name"] for entry in file_regions if entry.get("kind") == "nation"), None)

    merged: list[dict] = []
    used: set[int] = set()  # ids of the file's entries that described a division
    for division in all_divisions:
        own = (file_by_code.get(division.code) if division.code else None) or file_by_name.get(division.name)
        if own is not None:
            used.add(id(own))
        name = names[division]
        if division.level is Level.PROVINCE:
            parent = own.get("parent") if own else nation
        else:
            parent = names[by_code[division.parent_code]]
        aliases = [*division.short_names, *division.former_names]
        if name != division.name:
            aliases.append(division.name)  # 朝阳区 for 北京市朝阳区
        if own is not None:
            aliases += [alias for alias in own.get("aliases", []) if alias != name]
            if own["name"] != name:
                aliases.append(own["name"])
        merged.append({"name": name, "kind": division.level.value, "code": division.code or "",
                       "parent": parent, "members": list(own.get("members", [])) if own else [],
                       "aliases": list(dict.fromkeys(aliases))})
    merged += [entry for entry in file_regions
               if id(entry) not in used and entry["name"] not in division_names]
    return merged


def _unique_names(all_divisions: tuple[Division, ...]) -> dict[Division, str]:
    """Each division's region name: its own, or its parent's name before it where the name repeats."""
    counts = Counter(division.name for division in all_divisions)
    by_code = {division.code: division for division in all_divisions if division.code}
    names = {}
    for division in all_divisions:
        name = division.name
        if counts[name] > 1 and division.parent_code:
            name = by_code[division.parent_code].name + name
        names[division] = name
    if len(set(names.values())) != len(names):
        raise ValueError("division names repeat even with their parents' names before them")
    return names
