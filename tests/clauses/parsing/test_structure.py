"""Stage 5: paragraphs → header lines and the clause tree with stable keys."""

from __future__ import annotations

from clauses.parsing.structure import build_layout
from clauses.parsing.types import Block


def layout_of(*texts: str):
    return build_layout([Block(text) for text in texts])


def outline(layout) -> list[tuple]:
    """(key, kind, label, number, heading, parent) for every clause, in reading order."""
    return [(c.key, c.kind, c.label, c.number, c.heading, c.parent_key) for c in layout.clauses]


# Modelled on seed 003: issuer, title, 文号, addressee, preface, parts with items
# numbered straight through, a signature.
SICHUAN = layout_of(
    "四川省人民政府办公厅",
    "关于承接制造业有序转移的实施意见",
    "川办发〔2022〕67号",
    "各市(州)人民政府,省政府有关部门、有关直属机构,有关单位:",
    "为贯彻落实工业和信息化部等10部门《关于促进制造业有序转移的指导意见》精神,现提出如下实施意见。",
    "一、总体要求",
    "坚持以习近平新时代中国特色社会主义思想为指导,全面贯彻新发展理念。",
    "到2027年,承接产业转移环境明显改善、能力显著提升。",
    "二、有序承接产业梯度转移",
    "(一)大力承接绿色低碳产业。牢牢把握国家推动能耗“双控”向碳排放“双控”转变机遇。",
    "(二)推动成都都市圈高质量承接产业转移。支持成都都市圈建设。",
    "加快天府新区成都片区和眉山片区融合发展。",
    "三、鼓励特殊类型地区承接发展特色产业",
    "(三)脱贫地区。通过深化浙川东西部协作和对口支援,引导更多有实力的企业在川投资兴业。",
    "四川省人民政府办公厅",
    "2022年9月21日",
)


def test_header_lines_are_the_issuer_title_and_doc_number():
    assert SICHUAN.header == ["四川省人民政府办公厅", "关于承接制造业有序转移的实施意见", "川办发〔2022〕67号"]
    assert SICHUAN.warnings == []


def test_clause_tree_with_items_numbered_straight_through_the_parts():
    assert outline(SICHUAN) == [
        ("addressee", "addressee", "", None, "", None),
        ("preface", "preface", "", None, "", None),
        ("p1", "part", "一、", 1, "总体要求", None),
        ("p2", "part", "二、", 2, "有序承接产业梯度转移", None),
        ("p2.i1", "item", "(一)", 1, "大力承接绿色低碳产业", "p2"),
        ("p2.i2", "item", "(二)", 2, "推动成都都市圈高质量承接产业转移", "p2"),
        ("p3", "part", "三、", 3, "鼓励特殊类型地区承接发展特色产业", None),
        ("p3.i3", "item", "(三)", 3, "脱贫地区", "p3"),
        ("signature", "signature", "", None, "", None),
    ]


def test_clause_texts_collect_their_paragraphs():
    by_key = {c.key: c.text for c in SICHUAN.clauses}
    assert by_key["addressee"] == "各市(州)人民政府,省政府有关部门、有关直属机构,有关单位:"
    # A heading-only part takes the paragraphs below it as its text.
    assert by_key["p1"] == ("坚持以习近平新时代中国特色社会主义思想为指导,全面贯彻新发展理念。\n"
                            "到2027年,承接产业转移环境明显改善、能力显著提升。")
    assert by_key["p2"] == ""
    # An item's text starts with its label's rest, heading included.
    assert by_key["p2.i1"] == "大力承接绿色低碳产业。牢牢把握国家推动能耗“双控”向碳排放“双控”转变机遇。"
    assert by_key["p2.i2"] == "推动成都都市圈高质量承接产业转移。支持成都都市圈建设。\n加快天府新区成都片区和眉山片区融合发展。"
    assert by_key["signature"] == "四川省人民政府办公厅\n2022年9月21日"


def test_sub_items_nest_under_items_and_keep_their_straight_through_numbers():
    layout = layout_of(
        "国务院关于促进综合保税区高水平开放高质量发展的若干意见", "国发〔2019〕3号",
        "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
        "综合保税区是开放型经济的重要平台。现提出以下意见：",
        "二、主要任务",
        "（一）推进综合保税区发展成为全球加工制造中心。",
        "1.拓展两个市场。积极稳妥地推广增值税一般纳税人资格试点。（税务总局、财政部、海关总署负责）",
        "2.促进研发创新。免于提交许可证件。（海关总署负责）",
        "（二）推进综合保税区发展成为全球研发设计中心。",
        "3.促进检测维修。支持开展检测维修业务。（海关总署负责）",
    )
    assert [(c.key, c.kind, c.parent_key) for c in layout.clauses] == [
        ("addressee", "addressee", None),
        ("preface", "preface", None),
        ("p2", "part", None),
        ("p2.i1", "item", "p2"),
        ("p2.i1.s1", "sub-item", "p2.i1"),
        ("p2.i1.s2", "sub-item", "p2.i1"),
        ("p2.i2", "item", "p2"),
        ("p2.i2.s3", "sub-item", "p2.i2"),
    ]
    assert layout.clauses[4].heading == "拓展两个市场"


def test_a_text_that_starts_straight_with_part_one_has_no_headline():
    """A line opening with 一、 is a part even as the first line (an excerpt, a page whose header was stripped)."""
    layout = layout_of("一、总体要求", "坚持稳中求进工作总基调。", "二、主要任务", "推进产业有序转移。")
    assert layout.header == []
    assert [(c.key, c.heading, c.text) for c in layout.clauses] == [
        ("p1", "总体要求", "坚持稳中求进工作总基调。"),
        ("p2", "主要任务", "推进产业有序转移。"),
    ]


def test_question_headings_of_an_interpretation_are_parts():
    layout = layout_of("一、文件出台的背景是什么？", "党中央、国务院高度重视产业转移工作。",
                       "二、如何准确把握总体要求？", "（一）坚持市场主导、政府引导。尊重企业主体地位。")
    assert [(c.key, c.heading, c.text) for c in layout.clauses] == [
        ("p1", "文件出台的背景是什么？", "党中央、国务院高度重视产业转移工作。"),
        ("p2", "如何准确把握总体要求？", ""),
        ("p2.i1", "坚持市场主导、政府引导", "坚持市场主导、政府引导。尊重企业主体地位。"),
    ]


def test_an_item_opening_with_a_long_sentence_has_no_heading():
    layout = layout_of("为加快推进农业机械化，现提出以下意见。", "一、总体要求",
                       "（一）以习近平新时代中国特色社会主义思想为指导，全面贯彻党的十九大和十九届二中、三中全会精神，"
                       "牢固树立新发展理念，以农机农艺融合、机械化信息化融合为路径，推动农机装备产业向高质量发展转型。")
    assert layout.clauses[-1].key == "p1.i1"
    assert layout.clauses[-1].heading == ""


def test_the_guide_before_the_title_is_a_preface_headed_daodu_and_paragraphs_after_the_last_part_are_closing():
    """Seed 002: 导读 before the title; parts of one paragraph each; a closing paragraph."""
    layout = layout_of(
        "工信部等十部门联合发布《关于促进制造业有序转移的指导意见》",
        "导 读",
        "工业和信息化部、国家发展和改革委员会等十部门近日联合发布《关于促进制造业有序转移的指导意见》，"
        "明确坚持市场导向、政府引导、自愿合作，创新体制机制，完善政策体系。",
        "关于促进制造业有序转移的指导意见",
        "工信部联政法〔2021〕215号",
        "各省、自治区、直辖市工业和信息化主管部门，各有关单位：",
        "推动制造业有序转移，是优化生产力空间布局的重要途径。为贯彻落实党中央、国务院决策部署，提出以下意见。",
        "一、总体要求", "坚持以习近平新时代中国特色社会主义思想为指导。",
        "二、推进产业国内梯度转移", "引导劳动密集型产业重点向中西部转移。",
        "三、加强组织实施", "各地区要加强组织领导。",
        "各地工业和信息化主管部门要会同有关部门制定具体措施。",
    )
    assert layout.header == ["工信部等十部门联合发布《关于促进制造业有序转移的指导意见》",
                             "关于促进制造业有序转移的指导意见", "工信部联政法〔2021〕215号"]
    assert [(c.key, c.kind, c.heading) for c in layout.clauses] == [
        ("preface", "preface", "导读"), ("addressee", "addressee", ""), ("preface-2", "preface", ""),
        ("p1", "part", "总体要求"), ("p2", "part", "推进产业国内梯度转移"), ("p3", "part", "加强组织实施"),
        ("closing", "closing", ""),
    ]
    assert layout.clauses[-2].text == "各地区要加强组织领导。"
    assert layout.clauses[-1].text == "各地工业和信息化主管部门要会同有关部门制定具体措施。"


def test_unnumbered_heading_lines_become_parts_in_a_news_summary():
    """Seed 000: headline, lead paragraph, then short section headings without numbers."""
    layout = layout_of(
        "十部门联合发文 促进制造业有序转移",
        "近日,工业和信息化部等十部门联合发布《关于促进制造业有序转移的指导意见》,明确到2025年产业转移政策环境更加完善。",
        "推进产业国内梯度转移", "引导劳动密集型产业重点向中西部转移。",
        "引导各地发挥比较优势承接产业转移", "西部地区有序承接东部地区产业转移。",
    )
    assert layout.header == ["十部门联合发文 促进制造业有序转移"]
    assert [(c.key, c.kind, c.number, c.heading, c.text) for c in layout.clauses[1:]] == [
        ("p1", "part", 1, "推进产业国内梯度转移", "引导劳动密集型产业重点向中西部转移。"),
        ("p2", "part", 2, "引导各地发挥比较优势承接产业转移", "西部地区有序承接东部地区产业转移。"),
    ]
    assert layout.clauses[0].key == "preface"


def test_no_numbering_and_no_headings_gives_one_clause_per_paragraph_with_a_warning():
    layout = layout_of("近日，某地召开会议，部署产业转移工作。", "会议要求，各地要抓好落实。", "会议强调，要加强协调配合。")
    assert [(c.key, c.kind, c.number, c.text) for c in layout.clauses] == [
        ("para1", "item", 1, "近日，某地召开会议，部署产业转移工作。"),
        ("para2", "item", 2, "会议要求，各地要抓好落实。"),
        ("para3", "item", 3, "会议强调，要加强协调配合。"),
    ]
    assert layout.warnings == ["未识别出编号：每段作为一个条款"]


def test_a_covering_notice_with_its_signature_then_two_attached_texts():
    """Corpus 04: notice, signature, then each attachment's title and numbering from 一、 again."""
    layout = layout_of(
        "安徽省人民政府办公厅关于印发支持工业互联网发展若干政策的通知", "（皖政办秘〔2021〕82号）",
        "各市人民政府，省政府各部门，各直属机构：",
        "《支持工业互联网发展若干政策》已经省政府同意，现印发给你们，请认真抓好落实。",
        "安徽省人民政府办公厅", "2021年9月2日",
        "支持工业互联网发展若干政策",
        "为加快我省工业互联网发展，制定和实施以下政策。",
        "一、支持工业互联网平台建设", "培育各类工业互联网平台。",
        "二、加强工业互联网基础设施建设", "支持企业开展内网改造。",
        "安徽省工业互联网创新发展行动计划",
        "一、总体要求", "以习近平新时代中国特色社会主义思想为指导。",
    )
    assert [(c.key, c.kind, c.heading, c.parent_key) for c in layout.clauses] == [
        ("addressee", "addressee", "", None), ("preface", "preface", "", None),
        ("signature", "signature", "", None),
        ("a1", "attachment", "支持工业互联网发展若干政策", None),
        ("a1.p1", "part", "支持工业互联网平台建设", "a1"),
        ("a1.p2", "part", "加强工业互联网基础设施建设", "a1"),
        ("a2", "attachment", "安徽省工业互联网创新发展行动计划", None),
        ("a2.p1", "part", "总体要求", "a2"),
    ]
    assert layout.clauses[2].text == "安徽省人民政府办公厅\n2021年9月2日"
    assert layout.clauses[3].text == "为加快我省工业互联网发展，制定和实施以下政策。"


def test_a_unit_numbered_twice_keeps_both_with_a_suffix_and_a_warning():
    layout = layout_of("为加快发展，现提出以下意见。", "一、总体要求", "坚持稳中求进。", "二、主要任务", "推进转移。",
                       "二、保障措施", "加强组织领导。")
    assert [c.key for c in layout.clauses] == ["preface", "p1", "p2", "p2-2"]
    assert layout.warnings == ["条款 p2 编号重复，后一条款存为 p2-2"]


def test_sub_items_numbered_past_a_thousand_stay_numbered():
    """A task list of 1,005 entries (1. … 1005.) under one part: none becomes a closing paragraph."""
    tasks = [f"{number}.开展第{number}项试点。" for number in range(1, 1006)]
    layout = layout_of("关于开展试点的通知", "川办发〔2023〕8号", "各市(州)人民政府：", "一、试点任务", *tasks)
    sub_items = [clause for clause in layout.clauses if clause.kind == "sub-item"]
    assert [clause.number for clause in sub_items] == list(range(1, 1006))
    assert (sub_items[-1].key, sub_items[-1].label, sub_items[-1].parent_key) == ("p1.s1005", "1005.", "p1")
    assert not [clause for clause in layout.clauses if clause.kind == "closing"]
    assert layout.warnings == []


def test_items_numbered_in_hundreds_and_thousands_of_chinese_numerals_stay_numbered():
    layout = layout_of("关于开展试点的通知", "川办发〔2023〕8号", "各市(州)人民政府：", "一、试点任务",
                       "（九十九）开展试点。做好工作。", "（一百）加强保障。做好保障。", "（一千零一）强化考核。做好考核。")
    assert [(c.key, c.number) for c in layout.clauses if c.kind == "item"] == [
        ("p1.i99", 99), ("p1.i100", 100), ("p1.i1001", 1001)]


def test_numbering_beyond_what_can_be_read_is_kept_as_text_with_a_warning():
    layout = layout_of("关于开展试点的通知", "川办发〔2023〕8号", "各市(州)人民政府：", "一、试点任务",
                       "9999.开展试点。做好工作。", "10000.加强保障。做好保障。", "（一万）强化考核。做好考核。")
    assert [clause.key for clause in layout.clauses if clause.kind == "sub-item"] == ["p1.s9999"]
    assert layout.warnings == [
        "“10000.”似为超出可识别范围（最大 9999）的编号；段落“10000.加强保障。做好保障。”作为条款 p1.s9999 的正文保留",
        "“（一万）”似为超出可识别范围（最大 9999）的编号；段落“（一万）强化考核。做好考核。”作为条款 p1.s9999 的正文保留"]


def texts(layout) -> dict[str, str]:
    return {clause.key: clause.text for clause in layout.clauses}


# Modelled on a Jiangxi 实施方案: each item followed by a line saying who leads it.
JIANGXI_ITEMS = (
    "一、重点任务",
    "（一）精准承接电子信息产业。重点承接智能终端、新型显示等产业链关键环节。",
    "牵头单位：省工业和信息化厅；配合单位：省商务厅、省发展改革委",
    "（二）提升开发区承载能力。",
    "1．推进开发区扩区调区。支持符合条件的开发区扩区调区。",
    "2．完善园区基础设施。加快标准厂房、污水处理等设施建设。",
    "牵头单位：省商务厅",
    "配合单位：省自然资源厅、省生态环境厅",
    "（三）强化要素保障。落实产业转移项目用地、用能保障。",
    "责任单位：省发展改革委、省自然资源厅",
)


def test_a_duty_line_stays_in_the_text_of_the_item_it_follows_and_is_no_clause():
    layout = layout_of(*JIANGXI_ITEMS)
    assert [clause.key for clause in layout.clauses] == ["p1", "p1.i1", "p1.i2", "p1.i2.s1", "p1.i2.s2", "p1.i3"]
    assert texts(layout)["p1.i1"] == ("精准承接电子信息产业。重点承接智能终端、新型显示等产业链关键环节。\n"
                                      "牵头单位：省工业和信息化厅；配合单位：省商务厅、省发展改革委")
    assert texts(layout)["p1.i3"].endswith("\n责任单位：省发展改革委、省自然资源厅")


def test_duty_lines_after_the_last_sub_item_belong_to_the_item_above_the_sub_items():
    layout = layout_of(*JIANGXI_ITEMS)
    assert texts(layout)["p1.i2"] == "提升开发区承载能力。\n牵头单位：省商务厅\n配合单位：省自然资源厅、省生态环境厅"
    assert texts(layout)["p1.i2.s2"] == "完善园区基础设施。加快标准厂房、污水处理等设施建设。"


def test_sub_items_with_duty_lines_of_their_own_keep_them():
    layout = layout_of(
        "一、重点任务",
        "（一）提升开发区承载能力。",
        "1．推进开发区扩区调区。支持符合条件的开发区扩区调区。",
        "牵头单位：省商务厅",
        "2．完善园区基础设施。加快标准厂房建设。",
        "牵头单位：省住房城乡建设厅",
        "（二）强化要素保障。落实用地保障。",
    )
    assert texts(layout)["p1.i1"] == "提升开发区承载能力。"
    assert texts(layout)["p1.i1.s1"].endswith("\n牵头单位：省商务厅")
    assert texts(layout)["p1.i1.s2"].endswith("\n牵头单位：省住房城乡建设厅")


def test_a_bracketed_list_on_its_own_line_after_sub_items_belongs_to_the_item_too():
    layout = layout_of(
        "一、重点任务",
        "（一）提升开发区承载能力。",
        "1．推进开发区扩区调区。",
        "2．完善园区基础设施。",
        "（牵头单位：省商务厅；责任单位：省自然资源厅）",
        "二、保障措施",
    )
    assert texts(layout)["p1.i1"] == "提升开发区承载能力。\n（牵头单位：省商务厅；责任单位：省自然资源厅）"
