"""The gazetteer as a lookup table: longest match, and names resolved by who is speaking."""

from __future__ import annotations

import pytest

from clauses.parsing.lexicon import Entry, GazetteerData, Lexicon, fold


def found(lexicon, text: str) -> list[tuple[str, set[tuple[str, str]]]]:
    """(matched text, {(kind, canonical name)}) for each match, in order."""
    return [(m.text, {(e.kind, e.name) for e in m.entries}) for m in lexicon.find(text)]


def test_longest_match_wins_chengdu_customs_is_a_department_not_the_region_chengdu(lexicon):
    assert found(lexicon, "成都海关、人行成都分行") == [
        ("成都海关", {("department", "成都海关")}),
        ("人行成都分行", {("department", "中国人民银行成都分行")}),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("鼓励成都平原等地区", [("成都平原", {("region", "成都平原经济区")})]),
        ("促进成都东部新区发展", [("成都东部新区", {("region", "成都东部新区")})]),
        ("承接发展高端芯片设计产业", [("高端芯片设计", {("industry", "集成电路")})]),
        ("以宜宾—泸州组团为支点", [("宜宾—泸州组团", {("region", "宜宾—泸州组团")})]),
    ],
)
def test_a_longer_term_beats_the_shorter_ones_inside_it(lexicon, text, expected):
    assert found(lexicon, text) == expected


def test_zhong_xi_bu_gives_both_the_central_and_the_western_region(lexicon):
    assert found(lexicon, "引导产业向中西部地区转移") == [
        ("中西部地区", {("region", "中部"), ("region", "西部")}),
    ]


def test_matches_carry_offsets_into_the_text_and_never_overlap(lexicon):
    matches = lexicon.find("川东(达州、南充)")
    assert [(m.start, m.end, m.text) for m in matches] == [(0, 2, "川东"), (3, 5, "达州"), (6, 8, "南充")]


def test_half_and_full_width_brackets_are_the_same_to_the_lookup(lexicon):
    assert found(lexicon, "各市(州)人民政府") == [("各市(州)人民政府", {("department", "各市（州）人民政府")})]
    assert found(lexicon, "各市（州）人民政府") == [("各市（州）人民政府", {("department", "各市（州）人民政府")})]


def test_the_nation_in_running_text_is_not_a_place_tag(lexicon):
    assert found(lexicon, "建设全国重要的先进材料基地") == [("先进材料", {("industry", "新材料")})]


@pytest.mark.parametrize(
    ("raw", "jurisdiction", "expected"),
    [
        ("省发展改革委", "四川省", "四川省发展和改革委员会"),
        ("省发展改革委", "成都市", "四川省发展和改革委员会"),  # a city's text still speaks within Sichuan
        ("省发展改革委", "安徽省", "安徽省发展和改革委员会"),
        ("经济和信息化厅", "四川省", "四川省经济和信息化厅"),
        ("经济和信息化厅", "安徽省", "安徽省经济和信息化厅"),
        ("省政府办公厅", "安徽省", "安徽省人民政府办公厅"),
        ("国家发展改革委", "全国", "国家发展和改革委员会"),
        ("国家发展改革委", "四川省", "国家发展和改革委员会"),
        ("发改委", "全国", "国家发展和改革委员会"),
        ("发展改革委", "全国", "国家发展和改革委员会"),
        ("工信部", "全国", "工业和信息化部"),
        ("税务总局", "全国", "国家税务总局"),
        # A name that spells out its place is not scoped: it resolves anywhere.
        ("四川省税务局", "全国", "国家税务总局四川省税务局"),
        ("成都海关", "安徽省", "成都海关"),
        ("各市(州)人民政府", "四川省", "各市（州）人民政府"),
    ],
)
def test_department_names_resolve_for_the_documents_jurisdiction(lexicon, raw, jurisdiction, expected):
    entry = lexicon.resolve_department(raw, jurisdiction)
    assert (entry.name if entry else None) == expected


@pytest.mark.parametrize(("raw", "jurisdiction"), [("省发展改革委", "全国"), ("省发展改革委", None),
                                                   ("经济和信息化厅", "全国"), ("省经济合作局", "安徽省")])
def test_a_scoped_alias_resolves_to_nothing_outside_its_province(lexicon, raw, jurisdiction):
    assert lexicon.resolve_department(raw, jurisdiction) is None


def test_the_provinces_own_body_is_preferred_to_a_national_one_with_the_same_alias(lexicon):
    """财政厅 is Sichuan's in a Sichuan text and Anhui's in an Anhui text, never mixed up."""
    entries = lexicon.find("财政厅")[0].entries
    assert lexicon.choose_department(entries, "四川省") == Entry("department", "四川省财政厅", "四川省", True)
    assert lexicon.choose_department(entries, "安徽省") == Entry("department", "安徽省财政厅", "安徽省", True)


def test_region_ancestors_run_from_the_region_up_to_the_nation(lexicon):
    assert lexicon.region_ancestors("成都市") == ["成都市", "四川省", "西部", "全国"]
    assert lexicon.region_ancestors("全国") == ["全国"]
    assert lexicon.region_ancestors(None) == []


def test_resolve_by_kind_uses_aliases(lexicon):
    assert lexicon.resolve("region", "阿坝州") == Entry("region", "阿坝藏族羌族自治州", level=1)
    assert lexicon.resolve("industry", "锂电材料") == Entry("industry", "锂电")
    assert lexicon.resolve("industry", "成都") is None


def test_fold_makes_brackets_and_colons_one_width_and_drops_spaces():
    assert fold("各市(州)人民政府") == "各市（州）人民政府"
    assert fold("川办发[2022] 67号") == "川办发〔2022〕67号"
    assert fold("导\u3000读:") == "导读："


def test_a_small_gazetteer_and_its_fingerprint_is_stable_and_content_dependent():
    data = GazetteerData(
        departments=[{"name": "四川省商务厅", "jurisdiction": "四川省", "aliases": ["商务厅", "省商务厅"]}],
        regions=[{"name": "全国", "kind": "nation"}, {"name": "四川省", "parent": "全国", "aliases": ["四川"]}],
        industries=[{"name": "白酒", "aliases": ["优质白酒"]}],
    )
    first, second = Lexicon(data), Lexicon(data)
    assert first.fingerprint == second.fingerprint
    assert len(first.fingerprint) == 16
    data.industries.append({"name": "锂电", "aliases": []})
    assert Lexicon(data).fingerprint != first.fingerprint
    assert found(first, "四川商务厅支持优质白酒") == [
        ("四川", {("region", "四川省")}),
        ("商务厅", {("department", "四川省商务厅")}),
        ("优质白酒", {("industry", "白酒")}),
    ]
