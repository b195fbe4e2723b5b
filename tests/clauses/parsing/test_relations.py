"""Stage 8: the documents a text names, and what naming them means for its kind."""

from __future__ import annotations

from clauses.parsing.relations import find_references
from clauses.parsing.types import Metadata, ParsedClause, Reference

GUIDANCE = "关于促进制造业有序转移的指导意见"

# Seed 003's preface: it implements seed 002, named by title and by 文号.
PREFACE_003 = ParsedClause(
    "preface", "preface",
    text=f"为贯彻落实工业和信息化部、国家发展改革委、科技部等10部门《{GUIDANCE}》(工信部联政法〔2021〕215号)精神,"
         "推动我省积极有序承接制造业转移,经省政府同意,现提出如下实施意见。")
SICHUAN = Metadata(title="关于承接制造业有序转移的实施意见", doc_number="川办发〔2022〕67号", kind="implementing")


def test_an_implementing_text_implements_what_its_preface_names():
    assert find_references(SICHUAN, [PREFACE_003]) == [
        Reference("implements", doc_number="工信部联政法〔2021〕215号", clause_key="preface"),
        Reference("implements", title=GUIDANCE, clause_key="preface"),
    ]


def test_what_an_implementing_text_names_outside_its_preface_is_only_cited():
    item = ParsedClause("p8.i18", "item", text="更新修订《四川省区域产业布局引导目录》,拓展承接产业转移新空间。")
    assert find_references(SICHUAN, [item]) == [
        Reference("cites", title="四川省区域产业布局引导目录", clause_key="p8.i18")]


def test_an_interpretation_interprets_the_document_its_title_names():
    metadata = Metadata(title=f"工信部：《{GUIDANCE}》政策解读", kind="interpretation")
    answer = ParsedClause(
        "p1", "part", heading="文件出台的背景是什么？",
        text="《中共中央关于制定国民经济和社会发展第十四个五年规划和二Ο三五年远景目标的建议》提出，促进产业在国内有序转移。"
             f"出台《{GUIDANCE}》（以下简称《意见》），是重要举措。《意见》就推进制造业有序转移主要有5方面考虑。")
    assert find_references(metadata, [answer]) == [
        Reference("interprets", title=GUIDANCE),
        Reference("cites", title="中共中央关于制定国民经济和社会发展第十四个五年规划和二Ο三五年远景目标的建议",
                  clause_key="p1"),
    ]


def test_a_news_item_reports_on_what_its_lead_names_and_cites_the_rest():
    metadata = Metadata(title="十部门联合发文 促进制造业有序转移", kind="news")
    lead = ParsedClause("preface", "preface",
                        text=f"近日,工业和信息化部、国家发展和改革委员会等十部门联合发布《{GUIDANCE}》,明确到2025年产业转移政策环境更加完善。")
    section = ParsedClause("p1", "part", heading="推进产业国内梯度转移", text="严格实施产能置换办法,落实《产业结构调整指导目录》。")
    assert find_references(metadata, [lead, section]) == [
        Reference("reports_on", title=GUIDANCE, clause_key="preface"),
        Reference("cites", title="产业结构调整指导目录", clause_key="p1"),
    ]


def test_a_policy_only_cites_even_in_its_preface():
    metadata = Metadata(title="国务院办公厅关于对真抓实干成效明显地方进一步加大激励支持力度的通知",
                        doc_number="国办发〔2018〕117号", kind="policy")
    preface = ParsedClause("preface", "preface", text="根据《国务院办公厅关于对真抓实干成效明显地方加大激励支持力度的通知》"
                                                      "（国办发〔2016〕82号）要求，现将调整后的督查激励措施通知如下：")
    assert find_references(metadata, [preface]) == [
        Reference("cites", doc_number="国办发〔2016〕82号", clause_key="preface"),
        Reference("cites", title="国务院办公厅关于对真抓实干成效明显地方加大激励支持力度的通知", clause_key="preface"),
    ]


def test_doc_numbers_in_any_bracket_form_are_normalised():
    metadata = Metadata(title="某某通知", kind="policy")
    item = ParsedClause("p1", "part", text="根据有关文件(工信部联政法[2021]215号)、（国发（2010）28号）要求。")
    assert find_references(metadata, [item]) == [
        Reference("cites", doc_number="工信部联政法〔2021〕215号", clause_key="p1"),
        Reference("cites", doc_number="国发〔2010〕28号", clause_key="p1"),
    ]


def test_a_doc_number_in_running_text_does_not_take_the_words_before_it():
    """按照国办发〔2018〕117号要求: the 文号 is 国办发〔2018〕117号, not 按照国办发…."""
    metadata = Metadata(title="某某通知", kind="policy")
    item = ParsedClause("p1", "part", text="按照国办发〔2018〕117号要求,落实督查激励措施。")
    assert find_references(metadata, [item]) == [
        Reference("cites", doc_number="国办发〔2018〕117号", clause_key="p1")]


def test_a_document_never_refers_to_itself_or_to_its_own_attachments():
    metadata = Metadata(title="安徽省人民政府办公厅关于印发支持工业互联网发展若干政策的通知",
                        doc_number="皖政办秘〔2021〕82号", kind="policy")
    clauses = [
        ParsedClause("preface", "preface", text="《支持工业互联网发展若干政策》已经省政府同意，现印发给你们。"),
        ParsedClause("a1", "attachment", heading="支持工业互联网发展若干政策"),
        ParsedClause("a1.p1", "part", text="本政策自印发之日起施行（皖政办秘〔2021〕82号）。"),
    ]
    assert find_references(metadata, clauses) == []


def test_the_same_document_named_twice_is_one_reference_and_abbreviations_and_non_documents_are_none():
    metadata = Metadata(title="关于承接制造业有序转移的实施意见", kind="implementing")
    clauses = [
        PREFACE_003,
        ParsedClause("p1", "part", text=f"落实《{GUIDANCE}》和《意见》要求,用好《人民日报》等媒体。"),
    ]
    assert find_references(metadata, clauses) == [
        Reference("implements", doc_number="工信部联政法〔2021〕215号", clause_key="preface"),
        Reference("implements", title=GUIDANCE, clause_key="preface"),
    ]
