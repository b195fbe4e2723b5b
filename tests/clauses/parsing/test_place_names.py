"""Places of all China in running text: short forms, former names, and the rules for ambiguous names.

The lexicon here is the real one (every division from the package, merged with
``regions.json``), so each test is a sentence as a document would print it.
"""

from __future__ import annotations

import pytest

from clauses.parsing.tagging import tag_clauses
from clauses.parsing.types import ParsedClause


def places(lexicon, text: str, jurisdiction: str | None = "全国") -> list[str]:
    clause = ParsedClause("p1", "paragraph", text=text)
    tag_clauses([clause], lexicon=lexicon, jurisdiction=jurisdiction, issuers=[])
    return [mention.name for mention in clause.regions]


# -- names, short forms and former names ---------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("支持赣州市建设承接产业转移示范区。", ["赣州市"]),
    ("支持赣州、吉安承接电子信息产业。", ["赣州市", "吉安市"]),
    ("恩施州加快发展富硒产业。", ["恩施土家族苗族自治州"]),
    ("支持恩施发展生态文化旅游。", ["恩施土家族苗族自治州"]),
    ("支持偃师区、孟津区、栾川县、嵩县发展新材料。", ["偃师区", "孟津区", "栾川县", "嵩县"]),
])
def test_divisions_are_found_by_full_name_and_by_short_form(lexicon, text, expected):
    assert places(lexicon, text) == expected


@pytest.mark.parametrize("former, today", [("宜宾县", "叙州区"), ("孟津县", "孟津区"), ("偃师市", "偃师区")])
def test_a_former_name_finds_todays_division(lexicon, former, today):
    assert places(lexicon, f"支持{former}建设工业园区。") == [today]


def test_a_division_hangs_in_the_tree_under_its_prefecture_and_province(lexicon):
    assert lexicon.region_ancestors("孟津区")[:3] == ["孟津区", "洛阳市", "河南省"]
    # A province-administered county-level city hangs from its province.
    assert lexicon.region_ancestors("仙桃市")[:2] == ["仙桃市", "湖北省"]


# -- a name several divisions share ------------------------------------------------------------

def test_a_name_of_a_city_and_its_county_means_the_city_unless_the_county_is_printed(lexicon):
    assert places(lexicon, "支持吉安发展电子信息产业。", "江西省") == ["吉安市"]
    assert places(lexicon, "支持吉安县发展电子信息产业。", "江西省") == ["吉安县"]


def test_a_name_of_a_province_and_a_city_means_the_province(lexicon):
    assert places(lexicon, "加强与吉林的产业合作。") == ["吉林省"]
    assert places(lexicon, "支持吉林市发展化工产业。") == ["吉林市"]


def test_a_county_name_borne_twice_is_resolved_within_the_documents_jurisdiction(lexicon):
    assert places(lexicon, "支持朝阳区发展数字经济。", "北京市") == ["北京市朝阳区"]
    assert places(lexicon, "支持朝阳区发展数字经济。", "吉林省") == ["长春市朝阳区"]


def test_a_county_name_borne_several_times_means_none_outside_their_jurisdictions(lexicon):
    assert places(lexicon, "支持鼓楼区发展数字经济。", "全国") == []
    assert places(lexicon, "支持鼓楼区发展数字经济。", "四川省") == []


def test_a_short_form_inside_a_longer_name_yields_to_it(lexicon):
    # 建安 is 建安区 (许昌市); here it is the end of 组建 and the start of 安徽省.
    assert places(lexicon, "组建安徽省工业互联网专家咨询委员会。", "安徽省") == ["安徽省"]


# -- a county's short form that is a common word -----------------------------------------------

@pytest.mark.parametrize("text", ["推动产业向南部地区有序转移。", "维护和平稳定的发展环境。", "加强区域合作。"])
def test_a_short_form_that_is_a_common_word_is_no_place_printed_alone(lexicon, text):
    # 南部县 and 合作市 are in Sichuan's and Gansu's own jurisdictions: still no place alone.
    for jurisdiction in ("全国", "四川省", "甘肃省", "天津市"):
        assert places(lexicon, text, jurisdiction) == [], jurisdiction


def test_a_short_form_that_is_a_common_word_is_a_place_with_its_suffix_or_in_a_list(lexicon):
    assert places(lexicon, "支持南部县建设丝纺服装产业园。", "四川省") == ["南部县"]
    assert places(lexicon, "支持阆中、南部、仪陇发展丝纺服装产业。", "四川省") == ["阆中市", "南部县", "仪陇县"]


def test_the_parts_of_a_city_are_no_places_printed_alone(lexicon):
    # 城区, 郊区, 东区 are divisions of some cities and words of every text.
    assert places(lexicon, "推动城区老工业企业搬迁改造。", "山西省") == []
    assert places(lexicon, "支持东区、西区发展钒钛产业。", "四川省") == ["东区", "西区"]


def test_a_county_short_form_alone_counts_in_a_document_of_its_own_city_only(lexicon):
    assert places(lexicon, "支持孟津建设先进制造业开发区。", "洛阳市") == ["孟津区"]
    assert places(lexicon, "支持孟津建设先进制造业开发区。", "孟津区") == ["孟津区"]
    assert places(lexicon, "支持孟津建设先进制造业开发区。", "河南省") == []
    assert places(lexicon, "支持孟津建设先进制造业开发区。", "四川省") == []
    # 长安 is two cities' districts, and a train: in a Shaanxi plan it is no place.
    assert places(lexicon, "提升中欧班列长安号开行质量。", "陕西省") == []
    # 潜江 is administered by the province directly: the province is its city.
    assert places(lexicon, "支持潜江发展化工产业。", "湖北省") == ["潜江市"]
    assert places(lexicon, "支持潜江发展化工产业。", "河南省") == []


def test_a_suffix_is_never_taken_for_a_place_elsewhere(lexicon):
    # 新区 is no division's name; 滨海新区 (Tianjin) is printed in full or as 滨海.
    assert places(lexicon, "支持天府新区、宜宾三江新区建设承接产业转移平台。", "四川省") == ["天府新区", "宜宾市"]


# -- a place inside another name ---------------------------------------------------------------

def test_a_place_inside_a_name_is_the_one_division_it_names(lexicon):
    assert lexicon.division_named("湖北", None) == "湖北省"
    assert lexicon.division_named("洛阳市", None) == "洛阳市"
    assert lexicon.division_named("朝阳区", "北京市") == "北京市朝阳区"
    assert lexicon.division_named("朝阳区", None) is None  # two counties bear it
    # Inside a body's name even a county's short form is its place: 满洲里海关, 南部县人民政府.
    assert lexicon.division_named("满洲里", None) == "满洲里市"
    assert lexicon.division_named("南部", "四川省") == "南部县"


def test_a_vertical_office_is_placed_by_the_division_its_name_begins_with(lexicon):
    clause = ParsedClause("p1", "item", text="加强税收服务。（责任单位：朝阳区税务局、鼓楼区税务局）")
    unknown = tag_clauses([clause], lexicon=lexicon, jurisdiction="北京市", issuers=[])
    places = {mention.name: mention.jurisdiction for mention in clause.departments}
    assert places["朝阳区税务局"] == "北京市朝阳区"
    assert unknown == ["鼓楼区税务局"]  # four 鼓楼区, none in Beijing: not guessed


# -- what the language says: words that contain a place's name, and lists that are none ----------

@pytest.mark.parametrize("text, jurisdiction, expected", [
    ("加强粤港澳合作，广州要发挥核心引擎作用。", "广东省", ["广州市"]),  # 合作 (合作市) after a comma: no list
    ("支持深圳与合作伙伴共建产业园。", "广东省", ["深圳市"]),
    ("深化区域合作、振兴实体经济。", "四川省", []),  # two common words make no list of places
    ("实现长治久安，打造大理石加工基地。", "四川省", []),  # 长治 and 大理 inside longer words
    ("支持阿里巴巴在川设立区域总部。", "四川省", []),
    ("推进城乡和县域经济协调发展。", "安徽省", []),  # 和县 cut across: 城乡/和/县域
    ("支持嵩县发展钼产业，支持歙县发展徽墨产业。", "全国", ["嵩县", "歙县"]),  # printed with the suffix
])
def test_a_place_name_is_a_place_only_where_the_text_makes_it_a_word(lexicon, text, jurisdiction, expected):
    assert places(lexicon, text, jurisdiction) == expected


def test_the_place_inside_a_local_body_s_name_is_not_a_tag_of_the_clause(lexicon):
    clause = ParsedClause("p1", "item", text="扩大开放合作。（湖北省商务厅牵头，广西壮族自治区商务厅配合）")
    unknown = tag_clauses([clause], lexicon=lexicon, jurisdiction="广东省", issuers=[])
    found = {mention.name: (mention.role, mention.jurisdiction) for mention in clause.departments}
    assert found == {"湖北省商务厅": ("lead", "湖北省"), "广西壮族自治区商务厅": ("co", "广西壮族自治区")}
    assert unknown == [] and clause.regions == []
