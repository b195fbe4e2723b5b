"""Stage 7: departments with their roles, regions and industries, each with its evidence span."""

from __future__ import annotations

from clauses.parsing.tagging import tag_clauses
from clauses.parsing.types import ParsedClause, Span, TermMention

# Roles as they are stored.
LEAD, CO, IMPLEMENTING, ISSUING, NAMED = "lead", "co", "implementing", "issuing", "named"

SICHUAN_ISSUER = ["四川省人民政府办公厅"]


def tag(lexicon, *clauses: ParsedClause, jurisdiction="四川省", issuers=SICHUAN_ISSUER) -> list[str]:
    return tag_clauses(list(clauses), lexicon=lexicon, jurisdiction=jurisdiction, issuers=issuers)


def roles(clause: ParsedClause) -> dict[str, str]:
    return {mention.name: mention.role for mention in clause.departments}


FIRST_ITEM = ParsedClause(
    "p2.i1", "item", heading="大力承接绿色低碳产业",
    text="大力承接绿色低碳产业。承接发展晶硅光伏产业。〔责任单位:省经济合作局、省发展改革委、经济和信息化厅,"
         "各市(州)人民政府。列首位的为牵头部门,其余部门按职责分工负责,下同;各项工作均需各市(州)人民政府落实,以下不再列出〕")


def fresh(clause: ParsedClause) -> ParsedClause:
    return ParsedClause(clause.key, clause.kind, heading=clause.heading, text=clause.text)


def test_responsibility_list_names_resolve_to_the_provinces_bodies_in_their_roles(lexicon):
    item = fresh(FIRST_ITEM)
    assert tag(lexicon, item) == []
    assert roles(item) == {"四川省经济合作局": LEAD, "四川省发展和改革委员会": CO, "四川省经济和信息化厅": CO,
                           "各市（州）人民政府": IMPLEMENTING}
    mention = next(m for m in item.departments if m.name == "四川省发展和改革委员会")
    assert (mention.raw, mention.jurisdiction, mention.known) == ("省发展改革委", "四川省", True)
    assert mention.span == Span(35, 41, "省发展改革委")
    assert item.full_text[35:41] == "省发展改革委"


def test_industries_are_tagged_with_the_span_that_names_them(lexicon):
    item = fresh(FIRST_ITEM)
    tag(lexicon, item)
    assert item.industries == [TermMention("绿色低碳产业", Span(4, 10, "绿色低碳产业")),
                               TermMention("晶硅光伏", Span(15, 19, "晶硅光伏"))]


def test_the_lead_note_and_standing_tier_of_one_clause_apply_to_later_clauses(lexicon):
    later = ParsedClause("p2.i3", "item", text="有序承接劳动密集型产业。（责任单位：农业农村厅、省发展改革委）")
    tag(lexicon, fresh(FIRST_ITEM), later)
    assert roles(later) == {"四川省农业农村厅": LEAD, "四川省发展和改革委员会": CO, "各市（州）人民政府": IMPLEMENTING}


def test_regions_with_spans_in_the_full_text_heading_included(lexicon):
    part = ParsedClause("p1", "part", heading="总体要求",
                        text="持续打造以成都为中心,川东(达州、南充)协同发展,引导产业向中西部地区转移。")
    tag(lexicon, part)
    assert part.full_text.startswith("总体要求\n持续")
    assert part.regions == [
        TermMention("成都市", Span(10, 12, "成都")),
        TermMention("川东", Span(16, 18, "川东")),
        TermMention("达州市", Span(19, 21, "达州")),
        TermMention("南充市", Span(22, 24, "南充")),
        TermMention("中部", Span(35, 40, "中西部地区")),
        TermMention("西部", Span(35, 40, "中西部地区")),
    ]


def test_chengdu_customs_is_a_department_and_not_the_region_chengdu(lexicon):
    item = ParsedClause("p5.i13", "item", text="积极承接国际产业转移。(责任单位:商务厅、成都海关)")
    tag(lexicon, item)
    assert roles(item) == {"四川省商务厅": CO, "成都海关": CO}
    assert item.regions == []


def test_a_department_the_gazetteer_lacks_is_named_for_the_province_and_returned(lexicon):
    """省机关事务管理局 in a Sichuan document is 四川省机关事务管理局: reported, as printed in ``raw``."""
    item = ParsedClause("p2.i2", "item", text="积极承接国际产业转移。（责任单位：省机关事务管理局、省财政厅）")
    assert tag(lexicon, item) == ["四川省机关事务管理局"]
    unknown = next(m for m in item.departments if not m.known)
    assert (unknown.name, unknown.raw, unknown.role, unknown.jurisdiction) == (
        "四川省机关事务管理局", "省机关事务管理局", CO, "四川省")
    assert roles(item) == {"四川省机关事务管理局": CO, "四川省财政厅": CO}


def test_an_unknown_department_without_a_level_is_kept_as_printed_and_returned(lexicon):
    item = ParsedClause("p2.i2", "item", text="积极承接国际产业转移。（责任单位：机关事务管理局、省财政厅）")
    assert tag(lexicon, item) == ["机关事务管理局"]
    assert roles(item) == {"机关事务管理局": CO, "四川省财政厅": CO}


def test_another_province_s_bodies_are_named_for_that_province(lexicon):
    """A Hubei plan: 省商务厅 is 湖北省商务厅, not Sichuan's, and 省经信厅 its 经济和信息化厅; both real bodies."""
    item = ParsedClause("p3.i1", "item", text="推进开放合作。（责任单位：省商务厅、省经信厅）")
    assert tag(lexicon, item, jurisdiction="湖北省", issuers=[]) == []
    assert roles(item) == {"湖北省商务厅": CO, "湖北省经济和信息化厅": CO}
    assert {mention.jurisdiction for mention in item.departments} == {"湖北省"}


def test_departments_led_in_the_body_text_are_leads_and_others_named(lexicon):
    item = ParsedClause(
        "p8.i20", "item", heading="强化协调推进",
        text="强化协调推进。省级有关部门要加强协作配合,经济和信息化厅、省经济合作局牵头统筹协调推进招商引资工作,商务厅做好服务。")
    tag(lexicon, item)
    assert roles(item) == {"四川省经济和信息化厅": LEAD, "四川省经济合作局": LEAD, "四川省商务厅": NAMED}


def test_a_department_named_twice_is_listed_once_in_its_strongest_role(lexicon):
    item = ParsedClause("p3.i7", "item", text="商务厅要加强对接。（责任单位：商务厅）")
    tag(lexicon, item)
    assert [(m.name, m.role) for m in item.departments] == [("四川省商务厅", LEAD)]


def test_a_doc_number_is_masked_so_guobanfa_does_not_name_the_general_office(lexicon):
    part = ParsedClause("p9", "part", text="按照国办发〔2018〕117号要求,商务部加强指导。")
    tag(lexicon, part, jurisdiction="全国", issuers=["国务院"])
    assert roles(part) == {"商务部": NAMED}


def test_issuers_are_issuing_in_the_preface_and_the_signature(lexicon):
    preface = ParsedClause("preface", "preface",
                           text="工业和信息化部、国家发展和改革委员会等十部门近日联合发布《关于促进制造业有序转移的指导意见》。")
    item = ParsedClause("p9", "part", text="工业和信息化部加强统筹协调。")
    signature = ParsedClause("signature", "signature", text="四川省人民政府办公厅\n2022年9月21日")
    tag(lexicon, preface, item, jurisdiction="全国", issuers=["工业和信息化部", "国家发展和改革委员会"])
    assert roles(preface) == {"工业和信息化部": ISSUING, "国家发展和改革委员会": ISSUING}
    assert roles(item) == {"工业和信息化部": NAMED}
    tag(lexicon, signature)
    assert roles(signature) == {"四川省人民政府办公厅": ISSUING}


def test_national_names_resolve_nationally_in_a_national_document(lexicon):
    item = ParsedClause("p1", "part", text="对真抓实干成效明显的地方给予奖励。（国家发展改革委会同有关部门负责）")
    tag(lexicon, item, jurisdiction="全国", issuers=["国务院办公厅"])
    assert roles(item) == {"国家发展和改革委员会": LEAD}


def test_gf_2019_3_first_position_note_in_the_same_sentence_gives_lead_and_co(lexicon):
    item = ParsedClause("p2.i1.s1", "sub-item",
                        text="拓展两个市场。（税务总局、财政部、海关总署负责，排在第一位的部门为牵头部门，下同）")
    tag(lexicon, item, jurisdiction="全国", issuers=["国务院"])
    assert roles(item) == {"国家税务总局": LEAD, "财政部": CO, "海关总署": CO}


def test_a_local_body_named_by_a_national_short_form_is_never_the_national_body(lexicon):
    """洛阳: （市发展改革委牵头，…） made the national NDRC a lead; 河南省发展改革委 in running text named it.

    The province's body printed with its place is named as the province's; 各县发展改革委, in a
    document of no known place, is no body that can be built, and not the nation's either.
    """
    item = ParsedClause("p2.i1", "item", text="支持偃师区承接装备制造产业转移。（市发展改革委牵头，市工业和信息化局、市商务局配合）")
    running = ParsedClause("p2.i2", "item", text="由河南省发展改革委、各县发展改革委会同有关部门组织实施。")
    tag(lexicon, item, running, jurisdiction=None, issuers=[])
    assert roles(item) == {"市发展改革委": LEAD, "市工业和信息化局": CO, "市商务局": CO}
    assert roles(running) == {"河南省发展和改革委员会": NAMED}


def test_the_national_body_is_still_found_by_its_full_name_and_its_own_short_form(lexicon):
    item = ParsedClause("p1.i1", "item", text="国家发展改革委牵头，会同工业和信息化部推进。发展改革委要加强统筹。")
    tag(lexicon, item, jurisdiction=None, issuers=[])
    assert roles(item)["国家发展和改革委员会"] == LEAD
    assert roles(item)["工业和信息化部"] == NAMED
