"""Places printed by their full names, counted independently of the gazetteer."""

from __future__ import annotations

from clauses.gazetteer.printed_places import printed_places


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
