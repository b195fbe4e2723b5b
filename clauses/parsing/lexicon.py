"""The gazetteer as a lookup table: longest-match search and name resolution.

Built from plain data (the gazetteer fixtures, or the database through
``clauses.gazetteer.lexicon_from_database``), so parsing stays free of Django.

Department names depend on who is speaking: in a Sichuan text 省发展改革委 is
四川省发展和改革委员会, never the national 国家发展改革委. An alias that does
not itself name a place is *scoped*: it resolves only inside its body's
jurisdiction (the document's jurisdiction must be that region or below it).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from .bodies import standard_bodies

# Half-width and full-width brackets are the same character to a reader.
_FOLD = str.maketrans({"(": "（", ")": "）", "[": "〔", "]": "〕", "［": "〔", "］": "〕",
                       ":": "：", ",": "，", " ": "", "\u3000": ""})
NATIONAL = "全国"


def fold(text: str) -> str:
    """Fold bracket and colon widths; spaces go. Only for lookup keys."""
    return text.translate(_FOLD)


def _fold_same_length(text: str) -> str:
    """Like ``fold`` but keeps every character, so offsets stay valid."""
    return text.translate(str.maketrans({"(": "（", ")": "）", "[": "〔", "]": "〕",
                                         "［": "〔", "］": "〕", ":": "：", ",": "，"}))


@dataclass(frozen=True)
class Entry:
    kind: str  # "department" | "region" | "industry"
    name: str
    jurisdiction: str | None = None
    scoped: bool = False


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    text: str
    entries: tuple[Entry, ...]


@dataclass
class GazetteerData:
    """Plain gazetteer content, the input of ``Lexicon``."""

    departments: list[dict] = field(default_factory=list)
    regions: list[dict] = field(default_factory=list)
    industries: list[dict] = field(default_factory=list)


class Lexicon:
    def __init__(self, data: GazetteerData) -> None:
        self.region_parent: dict[str, str | None] = {
            region["name"]: region.get("parent") for region in data.regions}
        self._place_names: dict[str, list[str]] = {
            region["name"]: [region["name"], *region.get("aliases", [])] for region in data.regions}
        self.terms: dict[str, list[Entry]] = {}
        for region in data.regions:
            if region.get("kind") == "nation":
                continue  # 全国 in running text (全国重要的…) is not a place tag
            entry = Entry("region", region["name"])
            for term in [region["name"], *region.get("aliases", [])]:
                self._add(term, entry)
        for industry in data.industries:
            entry = Entry("industry", industry["name"])
            for term in [industry["name"], *industry.get("aliases", [])]:
                self._add(term, entry)
        for department in data.departments:
            jurisdiction = department.get("jurisdiction") or NATIONAL
            for term in [department["name"], *department.get("aliases", [])]:
                scoped = (jurisdiction != NATIONAL and term != department["name"]
                          and not self._names_place(term, jurisdiction))
                self._add(term, Entry("department", department["name"], jurisdiction, scoped))
        # What a province's or city's body built from a level may be named (bodies.py).
        self.standard_bodies = standard_bodies(data.departments)
        self.max_length = max((len(term) for term in self.terms), default=0)
        digest = hashlib.sha256()
        for term in sorted(self.terms):
            digest.update(term.encode())
            for entry in self.terms[term]:
                digest.update(repr(entry).encode())
        self.fingerprint = digest.hexdigest()[:16]

    def _add(self, term: str, entry: Entry) -> None:
        key = fold(term)
        if len(key) < 2:
            return
        entries = self.terms.setdefault(key, [])
        if entry not in entries:
            entries.append(entry)

    def _names_place(self, term: str, region: str) -> bool:
        """Does ``term`` spell out ``region`` (四川省税务局 names 四川)?"""
        return any(name in term for name in self._place_names.get(region, [region]))

    # -- regions ---------------------------------------------------------
    def region_ancestors(self, region: str | None) -> list[str]:
        """``region`` and the regions above it, nearest first."""
        chain: list[str] = []
        while region and region not in chain:
            chain.append(region)
            region = self.region_parent.get(region)
        return chain

    # -- departments -----------------------------------------------------
    def choose_department(self, entries: Iterable[Entry], jurisdiction: str | None) -> Entry | None:
        """The department a name means in a document of ``jurisdiction``."""
        within = self.region_ancestors(jurisdiction) if jurisdiction else []
        best: tuple[int, Entry] | None = None
        for entry in entries:
            if entry.kind != "department":
                continue
            if entry.jurisdiction in within:
                # Nearest jurisdiction wins: the province's own body before the nation's.
                rank = within.index(entry.jurisdiction)
            elif entry.jurisdiction == NATIONAL:
                rank = 100
            elif not entry.scoped:
                rank = 200  # a body below or beside the document, named in full
            else:
                continue
            if best is None or rank < best[0]:
                best = (rank, entry)
        return best[1] if best else None

    def resolve_department(self, raw: str, jurisdiction: str | None) -> Entry | None:
        return self.choose_department(self.terms.get(fold(raw), ()), jurisdiction)

    def resolve(self, kind: str, raw: str) -> Entry | None:
        for entry in self.terms.get(fold(raw), ()):
            if entry.kind == kind:
                return entry
        return None

    # -- search ------------------------------------------------------------
    def find(self, text: str) -> list[Match]:
        """Every gazetteer term in ``text``, longest first, never overlapping.

        Departments, regions and industries compete for the same characters,
        so 成都海关 is a department and not the region 成都 followed by 海关.
        """
        folded = _fold_same_length(text)
        matches: list[Match] = []
        index = 0
        while index < len(folded):
            found = None
            for length in range(min(self.max_length, len(folded) - index), 1, -1):
                entries = self.terms.get(folded[index:index + length])
                if entries:
                    found = Match(index, index + length, text[index:index + length], tuple(entries))
                    break
            if found:
                matches.append(found)
                index = found.end
            else:
                index += 1
        return matches
