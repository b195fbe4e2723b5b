"""Whether a division's name, found in a text, is printed there as a place.

The lexicon finds every name the gazetteer holds, and ``choose_regions``
picks which division a name means. These rules then say whether the text
uses it as a place at all: a short or two-character form only where the
language's cut makes it a word of its own (not 长治 in 长治久安), and a
county's short form (*weak*: 南部, 孟津) only in a list of places, or alone
in a document of its own city when it is no common word.
"""

from __future__ import annotations

from .lexicon import Entry, Lexicon, Match, fold


# What separates the places of a list: 偃师、孟津和栾川. A short form that is a common word
# (南部, 合作) needs the list's own mark: 深圳和合作伙伴 is no list of places.
_LIST_SEPARATORS = frozenset("、和及")
_LIST_MARK = "、"


def weak_form_counts(term: Entry, match: Match, places: list[tuple[Match, list[Entry]]], full: str,
                      lexicon: Lexicon, jurisdiction: str | None) -> bool:
    """Does a county's short form (南部, 孟津) name the county here?

    In a list of places, beside another division (偃师、孟津), it does. Printed
    alone it does only in a document of the county's own city — or province,
    for a county the province administers directly (仙桃) — since that is
    where a county goes by its short name, and only if it is no common word
    (南部 is 'the south' in any document). A Shaanxi plan's 长安号 is a train,
    not 西安's 长安区.
    """
    common = lexicon.is_common_word(fold(match.text))
    separators = _LIST_MARK if common else _LIST_SEPARATORS
    for other, regions in places:
        if other is match or not any(region.level is not None for region in regions):
            continue  # beside no division
        if common and all(region.weak for region in regions) and lexicon.is_common_word(fold(other.text)):
            continue  # two common words make no list of places (合作、振兴)
        between = full[other.end:match.start] if other.end <= match.start else full[match.end:other.start]
        if len(between) == 1 and between in separators:
            return True
    if not jurisdiction or common:
        return False
    city = lexicon.region_parent.get(term.name)
    return city is not None and lexicon.is_within(jurisdiction, city)


def printed_as_a_place(region: Entry, match: Match, full: str, lexicon: Lexicon) -> bool:
    """Is a division's name here a word of the text, not part of a longer one?

    A full name of three characters or more stands for itself (宜宾市, 偃师区).
    A shorter or other form is a place only where the language's cut makes it
    a word: not 长治 in 长治久安, 大理 in 大理石, 和县 in 城乡和县域.
    """
    if region.level is None or (len(match.text) > 2 and fold(match.text) == fold(region.name)):
        return True
    return lexicon.is_a_word_of(full, match.start, match.end)
