"""Local bodies by level and short form: 省商务厅 in a Hubei document is 湖北省商务厅."""

from __future__ import annotations

import pytest

from clauses.parsing.bodies import local_bodies_in, local_body, standard_bodies, standard_local_body

LUOYANG = ["洛阳市", "河南省", "中部", "全国"]


@pytest.mark.parametrize(("raw", "jurisdictions", "expected"), [
    ("省商务厅", ["湖北省"], ("湖北省商务厅", "湖北省")),
    ("省发展改革委", ["湖北省"], ("湖北省发展和改革委员会", "湖北省")),
    ("省经信厅", ["湖北省"], ("湖北省经济和信息化厅", "湖北省")),
    ("省人社厅", ["江西省"], ("江西省人力资源和社会保障厅", "江西省")),
    ("省住建厅", ["江西省"], ("江西省住房和城乡建设厅", "江西省")),
    ("市发展改革委", LUOYANG, ("洛阳市发展和改革委员会", "洛阳市")),
    ("市市场监管局", LUOYANG, ("洛阳市市场监督管理局", "洛阳市")),
    ("省工业和信息化厅", LUOYANG, ("河南省工业和信息化厅", "河南省")),  # the province above the city
    ("自治区商务厅", ["广西壮族自治区"], ("广西壮族自治区商务厅", "广西壮族自治区")),
    ("县人民政府", ["嵩县", "洛阳市", "河南省"], ("嵩县人民政府", "嵩县")),
    # Inner Mongolia's levels: a league (盟) for a prefecture, a banner (旗) for a county.
    ("盟发展改革委", ["锡林郭勒盟", "内蒙古自治区"], ("锡林郭勒盟发展和改革委员会", "锡林郭勒盟")),
    ("旗人民政府", ["正蓝旗", "锡林郭勒盟", "内蒙古自治区"], ("正蓝旗人民政府", "正蓝旗")),
])
def test_a_level_and_a_short_form_name_the_body_of_the_document_s_place(raw, jurisdictions, expected):
    assert local_body(raw, jurisdictions) == expected


@pytest.mark.parametrize(("raw", "jurisdictions"), [
    ("市发展改革委", ["湖北省"]),  # no city in a provincial document: left as printed
    ("省商务厅", []),  # no jurisdiction at all
    ("商务厅", ["湖北省"]),  # no level printed
    ("市场化改革", ["洛阳市"]),  # 市 starts a word, not a level: no body
    ("省里", ["湖北省"]),
    ("市场监管局", ["洛阳市"]),  # 市 is the body's own first character, not a level
])
def test_nothing_is_guessed_where_the_level_has_no_place_or_the_name_no_body(raw, jurisdictions):
    assert local_body(raw, jurisdictions) is None


GAZETTEER_BODIES = [
    {"name": "四川省商务厅", "jurisdiction": "四川省", "kind": "ministry"},
    {"name": "安徽省公安厅", "jurisdiction": "安徽省", "kind": "ministry"},
    {"name": "安徽省人民政府外事办公室", "jurisdiction": "安徽省", "kind": "ministry"},
    {"name": "安徽省十大新兴产业推进组工作专班", "jurisdiction": "安徽省", "kind": "office"},
    {"name": "安徽省通信管理局", "jurisdiction": "安徽省", "kind": "branch"},
    {"name": "中国人民银行成都分行", "jurisdiction": "四川省", "kind": "branch"},
    {"name": "商务部", "jurisdiction": "全国", "kind": "ministry"},
]


@pytest.mark.parametrize("body", [
    "商务厅", "公安厅", "人民政府外事办公室",  # a province's body in the gazetteer, its place taken off
    "商务局", "公安局",  # a province's 厅 is a city's 局
    "发展和改革委员会", "市场监督管理局", "人民政府",  # the full names of the short-form table
])
def test_the_standard_bodies_are_those_every_place_has(body):
    assert body in standard_bodies(GAZETTEER_BODIES)


@pytest.mark.parametrize("body", [
    "十大新兴产业推进组工作专班",  # one province's working party
    "通信管理局",  # a vertical body's office, recognised by its own pattern
    "部", "商务部",
])
def test_a_place_s_own_bodies_and_vertical_offices_are_not_standard(body):
    assert body not in standard_bodies(GAZETTEER_BODIES)


def test_a_built_name_is_standard_only_when_its_body_part_is():
    standard = standard_bodies(GAZETTEER_BODIES)
    assert standard_local_body("湖北省商务厅", "湖北省", standard)
    assert standard_local_body("洛阳市商务局", "洛阳市", standard)
    assert not standard_local_body("湖北省某某专班", "湖北省", standard)


STANDARD = standard_bodies([{"name": "四川省商务厅", "jurisdiction": "四川省", "kind": "ministry"}])
GUANGDONG = ["广东省", "东部", "全国"]
LUOYANG_DISTRICT = ["洛龙区", "洛阳市", "河南省", "中部", "全国"]
NANNING = ["南宁市", "广西壮族自治区", "西部", "全国"]
WORDS = {"城市", "超市", "园区", "我市", "全市", "各市"}.__contains__  # what a dictionary says, for these tests


def bodies_in(text: str, jurisdictions: list[str], places=()) -> list[tuple[int, int, str, str]]:
    return local_bodies_in(text, jurisdictions, STANDARD, list(places), WORDS)


def test_running_text_names_local_bodies_by_level_or_by_place():
    text = "每半年向省工业和信息化厅报送进展，并抄送湖北省商务厅。"
    hubei = (text.index("湖北省"), text.index("湖北省") + 3, "湖北省")  # where the lexicon found a place
    assert bodies_in(text, GUANGDONG, [hubei]) == [
        (4, 12, "广东省工业和信息化厅", "广东省"), (hubei[0], hubei[1] + 3, "湖北省商务厅", "湖北省")]


@pytest.mark.parametrize("text", [
    "加强城市管理局面。",  # 市管理局 is no body every place has
    "推动市场监管局开展检查。",  # 市场监管局 without a level, and 市 is no level here
    "向市发展改革委报送。",  # a city's body in a provincial document: no city to name it for
    "成立省工作专班。",  # a body one place sets up
])
def test_running_text_names_no_local_body_where_none_can_be_built(text):
    assert bodies_in(text, GUANGDONG) == []


def test_a_level_inside_a_word_is_none_but_a_determiner_names_the_own_place():
    assert bodies_in("推动城市政府职能转变，加快超市政府补贴发放。", LUOYANG) == []
    assert bodies_in("各市政府要落实。", LUOYANG) == []  # every city: a tier, not one body
    assert [name for _, _, name, _ in bodies_in("我市商务局、全市发展改革委", LUOYANG)] == [
        "洛阳市商务局", "洛阳市发展和改革委员会"]


def test_a_district_level_is_a_county_level_district_never_an_autonomous_region():
    assert bodies_in("落实区商务局的要求。", NANNING) == []
    assert local_body("区商务局", NANNING) is None
    assert local_body("区商务局", LUOYANG_DISTRICT) == ("洛龙区商务局", "洛龙区")
