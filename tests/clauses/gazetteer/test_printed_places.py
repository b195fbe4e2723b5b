"""Places printed by their full names, counted independently of the gazetteer."""

from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path

from clauses.gazetteer.divisions import divisions
from clauses.gazetteer.printed_places import printed_places

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "documents"


def test_counties_cities_and_provinces_printed_in_full_are_found():
    text = "支持偃师区、孟津区、栾川县、嵩县承接装备制造产业转移，对接河南省和洛阳市的规划。"
    assert printed_places(text) == {"偃师区", "孟津区", "栾川县", "嵩县", "河南省", "洛阳市"}


def test_a_name_several_divisions_bear_and_short_forms_are_not_counted():
    assert printed_places("朝阳区、城区和郊区的企业，宜宾、赣州的园区") == set()


def test_a_two_character_name_counts_only_standing_alone():
    assert printed_places("栾川县、嵩县等地") == {"栾川县", "嵩县"}
    assert printed_places("推动城乡和县域经济发展") == set()


def test_a_place_inside_a_department_s_name_is_passed_over():
    text = "国家税务总局四川省税务局负责，在宜宾市试点。"
    department = (0, text.index("负责"))
    assert printed_places(text) == {"四川省", "宜宾市"}
    assert printed_places(text, outside=[department]) == {"宜宾市"}


def test_the_longest_name_wins_where_names_overlap():
    # 恩施土家族苗族自治州 contains no other division's full name as a separate place.
    assert printed_places("恩施土家族苗族自治州") == {"恩施土家族苗族自治州"}


def _by_regular_expression(text: str) -> set[str]:
    """The same reading written as one regular expression (how it was first written): the longest
    unique full name at each position, a two-character one only after a non-Han character."""
    counts = Counter(division.name for division in divisions())
    unique = sorted((name for name, count in counts.items() if count == 1 and len(name) >= 2),
                    key=lambda name: (-len(name), name))
    longer = "|".join(re.escape(name) for name in unique if len(name) > 2)
    short = "|".join(re.escape(name) for name in unique if len(name) == 2)
    pattern = re.compile(f"{longer}|(?<![\u4e00-\u9fff])(?:{short})")
    return {match.group() for match in pattern.finditer(text)}


def test_any_text_reads_as_the_regular_expression_reads_it():
    # The fixtures' documents, and texts strung together from division names (whole, cut, run together
    # or after a Han character), so that names overlap and stand alone in every way.
    texts = [path.read_text(encoding="utf-8") for path in sorted(FIXTURES.glob("*.txt"))]
    names = sorted({division.name for division in divisions()})
    chooser = random.Random(20261202)
    pieces = ["、", "和", "推动", "，", "城乡", "县域", "新区", " "]
    for _ in range(300):
        parts = []
        for _ in range(12):
            name = chooser.choice(names)
            cut = chooser.choice([name, name[1:], name[:-1], name + name[:2]])
            parts += [cut, chooser.choice(pieces + [""])]
        texts.append("".join(parts))
    places = 0
    for text in texts:
        expected = _by_regular_expression(text)
        assert printed_places(text) == expected, text
        places += len(expected)
    assert places > 1000  # the texts do print places
