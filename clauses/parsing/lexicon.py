"""The gazetteer as a lookup table: longest-match search and name resolution.

Built from plain data (the gazetteer fixtures, or the database through
``clauses.gazetteer.lexicon_from_database``), so parsing stays free of Django.

Place names are resolved by rules a reader applies (``choose_regions``): a
name several divisions bear means the one within the document's
jurisdiction, else the highest (吉林 is the province, 吉安 the city unless
吉安县 is printed), else none. A county's shortened name (南部, 和平, 孟津),
or a two-character one that is a common word (城区), is *weak*: the tagger
counts it only in a list of places, or alone in a document of its own city
when it is no common word. And a place's other names yield to the language:
长治 in 长治久安 or 大理 in 大理石 is no place (``is_a_word_of``, by jieba's
dictionary and cut, which the gazetteer code passes in: ``word_tag``, ``cut``).

Department names depend on who is speaking: in a Sichuan text 省发展改革委 is
四川省发展和改革委员会, never the national 国家发展改革委. An alias that does
not itself name a place is *scoped*: it resolves only inside its body's
jurisdiction (the document's jurisdiction must be that region or below it).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
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


# Division levels as regions' kinds say them, highest first: a name two levels share means the higher.
DIVISION_LEVELS = ("province", "prefecture", "county")
# jieba's parts of speech for names: a place (ns) and a person (nr, and its transliterated nrt and nrfg).
_NAME_TAGS = frozenset({"ns", "nr", "nrt", "nrfg"})


@dataclass(frozen=True)
class Entry:
    kind: str  # "department" | "region" | "industry"
    name: str
    jurisdiction: str | None = None
    scoped: bool = False
    level: int | None = None  # a division's place in DIVISION_LEVELS; None for other regions
    weak: bool = False  # a county's short form, counted only where the tagger's rules allow


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
    # A word's part of speech in the language's dictionary ("ns" for a place name), None for no
    # word: which place names are common words (南部, 和平) or inside longer ones (长治久安).
    # ``clauses.gazetteer.dictionary`` gives jieba's; without one, no name is a word.
    word_tag: Callable[[str], str | None] | None = None
    # How the language cuts a text into words, without the gazetteer's names forced whole.
    cut: Callable[[str], Iterable[str]] | None = None
    dictionary_version: str = ""


class Lexicon:
    def __init__(self, data: GazetteerData) -> None:
        self.region_parent: dict[str, str | None] = {
            region["name"]: region.get("parent") for region in data.regions}
        self.region_level: dict[str, int | None] = {
            region["name"]: _division_level(region.get("kind")) for region in data.regions}
        self.word_tag = data.word_tag or (lambda word: None)
        self.cut = data.cut
        self._cut_of: tuple[str | None, set[int]] = (None, set())  # the last text cut, and where its words end
        self._place_names: dict[str, list[str]] = {
            region["name"]: [region["name"], *region.get("aliases", [])] for region in data.regions}
        self.terms: dict[str, list[Entry]] = {}
        for region in data.regions:
            if region.get("kind") == "nation":
                continue  # 全国 in running text (全国重要的…) is not a place tag
            level = self.region_level[region["name"]]
            for term in [region["name"], *region.get("aliases", [])]:
                weak = is_county_short_form(term, region["name"], region.get("kind")) and (
                    len(term) < len(region["name"]) or self.is_common_word(term))  # 孟津; 城区, not 沛县
                self._add(term, Entry("region", region["name"], level=level, weak=weak))
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
        digest.update(data.dictionary_version.encode())
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

    def is_within(self, region: str, area: str) -> bool:
        """Is ``region`` ``area`` or below it in the administrative tree?"""
        return area in self.region_ancestors(region)

    def choose_regions(self, entries: Iterable[Entry], jurisdiction: str | None) -> list[Entry]:
        """The regions a matched name means in a document of ``jurisdiction``.

        Regions that are no divisions and share an alias on purpose (中西部 is
        中部 and 西部) are all meant. Among divisions bearing the name: those
        within the document's jurisdiction or above it if any (朝阳区 in a
        Beijing text is Beijing's), then the highest level (吉林 is the
        province, 吉安 the city); if that leaves several, the name is
        ambiguous and means none (鼓楼区 in a national text).
        """
        regions = [entry for entry in entries if entry.kind == "region"]
        others = [entry for entry in regions if entry.level is None]
        divisions = [entry for entry in regions if entry.level is not None]
        if jurisdiction and len(divisions) > 1:
            near = [entry for entry in divisions if self.is_within(entry.name, jurisdiction)
                    or self.is_within(jurisdiction, entry.name)]
            divisions = near or divisions
        if divisions:
            highest = min(entry.level for entry in divisions)
            divisions = [entry for entry in divisions if entry.level == highest]
        return others + (divisions if len(divisions) == 1 else [])

    def division_named(self, text: str, jurisdiction: str | None) -> str | None:
        """The one division ``text`` names, in full or by a short form (湖北, 洛阳市, 满洲里), else None.

        For a place printed inside another name (洛阳市人民政府, 满洲里海关), where even a county's
        short form is a place: the name around it says so.
        """
        divisions = [entry for entry in self.choose_regions(self.terms.get(fold(text), ()), jurisdiction)
                     if entry.level is not None]
        return divisions[0].name if len(divisions) == 1 else None

    def division_named_first(self, name: str, jurisdiction: str | None) -> str | None:
        """The division a body's name begins with: 洛阳市 of 洛阳市人民政府办公室, 湖北省 of 湖北省商务厅.

        A government or body is named for its place, so a name the gazetteer
        does not list still says where it acts.
        """
        matches = self.find(name)
        if not matches or matches[0].start != 0:
            return None
        return self.division_named(matches[0].text, jurisdiction)

    # -- the language -----------------------------------------------------
    def is_word(self, text: str) -> bool:
        """Is ``text`` a word of the language (城市, 超市, 宜宾)?"""
        return self.word_tag(text) is not None

    def is_common_word(self, text: str) -> bool:
        """Is ``text`` a word of the language that is no name of a place or person (南部, 合作)?

        A person's name is a name, not a word (仪陇, 向阳 are tagged as such).
        """
        tag = self.word_tag(text)
        return tag is not None and tag not in _NAME_TAGS

    def is_a_word_of(self, text: str, start: int, end: int) -> bool:
        """Does the language's cut of ``text`` begin a word at ``start`` and end one at ``end``?

        长治 in 长治久安 or 大理 in 大理石 is part of a longer word; 和县 in 城乡和县域
        is cut across (城乡/和/县域). Without a cut, every span is a word.
        """
        if self.cut is None:
            return True
        if self._cut_of[0] != text:
            boundaries, position = {0}, 0
            for word in self.cut(text):
                position += len(word)
                boundaries.add(position)
            self._cut_of = (text, boundaries)
        return start in self._cut_of[1] and end in self._cut_of[1]

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
        A county's short form yields to a name that overlaps its end: 组建安徽省
        is 安徽省, not 建安 (建安区) followed by 徽省.
        """
        folded = _fold_same_length(text)
        matches: list[Match] = []
        index = 0
        while index < len(folded):
            found = self._longest_at(folded, index)
            if found and all(entry.weak for entry in found[1]) and self._overlapped(folded, index, found[0]):
                found = None
            if found:
                end, entries = found
                matches.append(Match(index, end, text[index:end], entries))
                index = end
            else:
                index += 1
        return matches

    def _longest_at(self, folded: str, index: int) -> tuple[int, tuple[Entry, ...]] | None:
        for length in range(min(self.max_length, len(folded) - index), 1, -1):
            entries = self.terms.get(folded[index:index + length])
            if entries:
                return index + length, tuple(entries)
        return None

    def _overlapped(self, folded: str, start: int, end: int) -> bool:
        """Does a name that is no weak form start inside ``start:end`` and run past ``end``?"""
        for inner in range(start + 1, end):
            found = self._longest_at(folded, inner)
            if found and found[0] > end and not all(entry.weak for entry in found[1]):
                return True
        return False


def _division_level(kind: str | None) -> int | None:
    return DIVISION_LEVELS.index(kind) if kind in DIVISION_LEVELS else None


def is_county_short_form(term: str, name: str, kind: str | None) -> bool:
    """Is ``term``, a form of the region ``name`` of ``kind``, a county's name shortened (孟津 for
    孟津区) or two characters in all (城区, 沛县)?

    Such forms are ordinary words as often as places (南部, 和平, 城区). A former
    name (宜宾县) or the bare name of a qualified one (朝阳区) keeps its suffix.
    """
    if kind != "county":
        return False
    return len(term) <= 2 or (name.startswith(term) and len(term) < len(name))
