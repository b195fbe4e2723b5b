"""Who is responsible for a clause: every bracket form of the corpus, and the rules stated once (下同)."""

from __future__ import annotations

import pytest

from clauses.parsing.responsibility import ResponsibilityContext, body_leads, find_responsibilities, is_duty_line

# Roles as they are stored.
LEAD, CO, IMPLEMENTING = "lead", "co", "implementing"


def roles(text: str, context: ResponsibilityContext | None = None) -> list[tuple[str, str]]:
    found = find_responsibilities(text, context if context is not None else ResponsibilityContext())
    return [(name, role) for name, role, _ in found]


# Seed 003, item (一): the list that states the rules for the whole document.
FIRST_LIST_003 = (
    "支持天然气主产地高质量引进发展绿色精细化工产业。〔责任单位:省经济合作局、省发展改革委、经济和信息化厅、"
    "生态环境厅、省能源局,各市(州)人民政府。列首位的为牵头部门,其余部门按职责分工负责,下同;"
    "各项工作均需各市(州)人民政府落实,以下不再列出〕"
)


def test_003_first_list_first_name_leads_others_share_and_the_city_tier_implements():
    assert roles(FIRST_LIST_003) == [
        ("省经济合作局", LEAD), ("省发展改革委", CO), ("经济和信息化厅", CO), ("生态环境厅", CO),
        ("省能源局", CO), ("各市(州)人民政府", IMPLEMENTING),
    ]


def test_003_note_makes_the_first_name_lead_in_later_lists_and_the_tier_implements_them_too():
    context = ResponsibilityContext()
    find_responsibilities(FIRST_LIST_003, context)
    later = "培育特色产品优势。（责任单位：农业农村厅、省发展改革委、经济和信息化厅）"
    assert roles(later, context) == [
        ("农业农村厅", LEAD), ("省发展改革委", CO), ("经济和信息化厅", CO), ("各市(州)人民政府", IMPLEMENTING),
    ]


@pytest.mark.parametrize(
    "bracketed",
    [
        "〔责任单位:省发展改革委、经济和信息化厅〕",
        "(责任单位:省发展改革委、经济和信息化厅)",
        "(责任单位：省发展改革委、经济和信息化厅)",
        "（责任单位：省发展改革委、经济和信息化厅）",
        "（责任单位:省发展改革委、经济和信息化厅）",
        "［责任单位：省发展改革委、经济和信息化厅］",
    ],
)
def test_every_bracket_and_colon_width_reads_the_same(bracketed):
    context = ResponsibilityContext(lead_first=True)
    assert roles(f"完善考评激励机制。{bracketed}", context) == [("省发展改革委", LEAD), ("经济和信息化厅", CO)]


def test_a_list_without_a_lead_note_makes_every_body_co_responsible():
    assert roles("加快发展。（责任单位：省经济和信息化厅、省财政厅）") == [("省经济和信息化厅", CO), ("省财政厅", CO)]


@pytest.mark.parametrize("tier", ["各市人民政府", "相关市人民政府"])
def test_a_single_body_with_a_city_tier_leads_and_the_cities_implement(tier):
    assert roles(f"加快发展。（责任单位：省经济和信息化厅，{tier}）") == [
        ("省经济和信息化厅", LEAD), (tier, IMPLEMENTING)]


@pytest.mark.parametrize(
    ("bracketed", "expected"),
    [
        ("（市场监管总局负责）", [("市场监管总局", LEAD)]),
        ("（农业农村部、工业和信息化部等负责）", [("农业农村部", CO), ("工业和信息化部", CO)]),
        ("（国家发展改革委会同有关部门负责）", [("国家发展改革委", LEAD)]),
        ("（教育部会同有关部门负责）", [("教育部", LEAD)]),
        ("（农业农村部、工业和信息化部牵头负责）", [("农业农村部", LEAD), ("工业和信息化部", LEAD)]),
        ("（省商务厅牵头，合肥海关配合）", [("省商务厅", LEAD), ("合肥海关", CO)]),
        ("（省商务厅牵头，省外办、省贸促会按职责分工配合）", [("省商务厅", LEAD), ("省外办", CO), ("省贸促会", CO)]),
        ("（省发展改革委牵头，省交通运输厅、省民航机场集团按职责分工负责）",
         [("省发展改革委", LEAD), ("省交通运输厅", CO), ("省民航机场集团", CO)]),
        ("（各省级人民政府负责）", [("各省级人民政府", IMPLEMENTING)]),
        # 商务部等有关部门: the others are not named, so only 商务部 is.
        ("（海关总署、商务部等有关部门负责）", [("海关总署", CO), ("商务部", CO)]),
        ("（商务部等有关部门负责）", [("商务部", LEAD)]),
    ],
)
def test_parenthesised_role_forms_without_a_note(bracketed, expected):
    assert roles(f"支持综合保税区内企业开展跨境电商进出口业务。{bracketed}") == expected


def test_gb_2019_3_note_after_the_names_makes_the_first_lead_here_and_below():
    context = ResponsibilityContext()
    first = "推广增值税一般纳税人资格试点。（税务总局、财政部、海关总署负责，排在第一位的部门为牵头部门，下同）"
    assert roles(first, context) == [("税务总局", LEAD), ("财政部", CO), ("海关总署", CO)]
    assert roles("促进跨境电商发展。（商务部、海关总署等有关部门负责）", context) == [
        ("商务部", LEAD), ("海关总署", CO)]
    assert roles("推广创新制度。（海关总署负责）", context) == [("海关总署", LEAD)]


def test_gf_2018_42_note_lie_di_yi_wei_zhe_makes_the_first_lead_here_and_below():
    """Corpus 03 words the note 列第一位者为牵头单位，下同."""
    context = ResponsibilityContext()
    first = ("推动农机装备产业高质量发展。（工业和信息化部、发展改革委、科技部、农业农村部等负责。"
             "列第一位者为牵头单位，下同）")
    assert roles(first, context) == [
        ("工业和信息化部", LEAD), ("发展改革委", CO), ("科技部", CO), ("农业农村部", CO)]
    assert roles("加强农机装备创新。（农业农村部、工业和信息化部等负责）", context) == [
        ("农业农村部", LEAD), ("工业和信息化部", CO)]


@pytest.mark.parametrize(
    "text",
    [
        "持续打造以成都为中心,川东(达州、南充)、川南(宜宾、泸州)协同发展的大数据产业集群。",
        "出台《关于促进制造业有序转移的指导意见》（以下简称《意见》），是重要举措。",
        "落实“食品经营备案”(仅销售预包装食品)。",
        "国务院决定，将督查激励措施调整增加为30项。",
    ],
)
def test_brackets_that_name_no_responsibility_are_ignored(text):
    assert roles(text) == []


def test_a_text_with_no_list_leaves_the_standing_tier_out():
    context = ResponsibilityContext()
    find_responsibilities(FIRST_LIST_003, context)
    assert roles("推进国家技术转移西南中心建设。", context) == []


def test_the_bracket_of_each_name_is_reported_with_its_offsets():
    text = "加快发展。（市场监管总局负责）"
    [(name, role, bracket)] = find_responsibilities(text, ResponsibilityContext())
    assert (bracket.start, bracket.end, bracket.content) == (5, 15, "市场监管总局负责")
    assert text[bracket.start:bracket.end] == "（市场监管总局负责）"


def spans(text: str, *names: str) -> list[tuple[int, int]]:
    return [(text.index(name), text.index(name) + len(name)) for name in names]


def test_body_leads_a_run_of_departments_followed_by_qiantou_leads():
    text = ("省级有关部门要按照职能分工加强协作配合,经济和信息化厅、省经济合作局牵头统筹协调推进承接制造业有序转移和"
            "招商引资工作,其余部门按照职能职责做好行业招商、提供要素保障服务等工作。")
    departments = spans(text, "经济和信息化厅", "省经济合作局")
    assert body_leads(text, departments) == departments


def test_body_leads_only_the_run_that_touches_qiantou():
    text = "商务厅做好服务保障,经济和信息化厅牵头统筹协调推进。"
    assert body_leads(text, spans(text, "商务厅", "经济和信息化厅")) == spans(text, "经济和信息化厅")


def test_body_leads_nothing_when_no_department_is_followed_by_qiantou():
    text = "会同重庆共同争取国家层面政策支持,经济和信息化厅、商务厅做好服务。"
    assert body_leads(text, spans(text, "经济和信息化厅", "商务厅")) == []


@pytest.mark.parametrize(
    ("bracketed", "expected"),
    [
        # Hubei: the 责任单位 beside a 牵头单位 are co-responsible, and no label leaks into a name.
        ("（牵头单位：省发展改革委；责任单位：省经信厅、省科技厅）",
         [("省发展改革委", LEAD), ("省经信厅", CO), ("省科技厅", CO)]),
        ("（牵头单位：省商务厅；配合单位：南昌海关）", [("省商务厅", LEAD), ("南昌海关", CO)]),
        ("(牵头单位:省工业和信息化厅;配合单位:省发展改革委、省财政厅)",
         [("省工业和信息化厅", LEAD), ("省发展改革委", CO), ("省财政厅", CO)]),
        ("（牵头部门：市发展改革委　参与部门：市工业和信息化局、市商务局）",
         [("市发展改革委", LEAD), ("市工业和信息化局", CO), ("市商务局", CO)]),
        ("（牵头单位：省科技厅；协办单位：省教育厅）", [("省科技厅", LEAD), ("省教育厅", CO)]),
        ("（牵头单位：省经信厅；配合单位：省财政厅，各市（州）人民政府）",
         [("省经信厅", LEAD), ("省财政厅", CO), ("各市（州）人民政府", IMPLEMENTING)]),
        ("（牵头单位：省发展改革委、省经信厅；责任单位：省科技厅）",
         [("省发展改革委", LEAD), ("省经信厅", LEAD), ("省科技厅", CO)]),
        ("（责任部门：省商务厅）", [("省商务厅", LEAD)]),
        ("（配合单位：省商务厅、省财政厅）", [("省商务厅", CO), ("省财政厅", CO)]),
    ],
)
def test_labelled_lists_give_lead_to_qiantou_and_co_to_the_others(bracketed, expected):
    assert roles(f"推动开发区扩区调区，提升承接产业转移能力。{bracketed}") == expected


def test_a_labelled_list_keeps_the_documents_lead_first_rule_for_its_zeren_part_alone():
    """With 列第一位的为牵头单位 stated, a bare 责任单位 list still leads with its first name."""
    context = ResponsibilityContext(lead_first=True)
    assert roles("加快发展。（责任单位：省商务厅、省财政厅）", context) == [("省商务厅", LEAD), ("省财政厅", CO)]
    assert roles("加快发展。（牵头单位：省商务厅；责任单位：省财政厅、省科技厅）", context) == [
        ("省商务厅", LEAD), ("省财政厅", CO), ("省科技厅", CO)]


def test_a_note_after_a_labelled_list_is_a_rule_not_a_name():
    context = ResponsibilityContext()
    assert roles("加快发展。（牵头单位：省商务厅；配合单位：省财政厅。列第一位的为牵头单位，下同）", context) == [
        ("省商务厅", LEAD), ("省财政厅", CO)]
    assert context.lead_first


@pytest.mark.parametrize(
    ("bracketed", "expected"),
    [
        ("（省发展改革委会同省商务厅、省财政厅负责）", [("省发展改革委", LEAD), ("省商务厅", CO), ("省财政厅", CO)]),
        ("（省发展改革委会同省商务厅等有关部门负责）", [("省发展改革委", LEAD), ("省商务厅", CO)]),
        ("（省发展改革委会同有关部门按职责分工负责）", [("省发展改革委", LEAD)]),
        ("（省商务厅牵头，省财政厅、省税务局参与）", [("省商务厅", LEAD), ("省财政厅", CO), ("省税务局", CO)]),
        # All responsible, none leads.
        ("（省发展改革委、省商务厅按职责分工负责）", [("省发展改革委", CO), ("省商务厅", CO)]),
        ("（省发展改革委、省商务厅分别负责）", [("省发展改革委", CO), ("省商务厅", CO)]),
        # The implementing tier, its own 、 inside the parenthesis kept.
        ("（各县（市、区）人民政府负责）", [("各县（市、区）人民政府", IMPLEMENTING)]),
        ("（各市（州）人民政府落实）", [("各市（州）人民政府", IMPLEMENTING)]),
        ("（各设区市人民政府负责）", [("各设区市人民政府", IMPLEMENTING)]),
        ("（责任单位：市商务局、各县（市、区）人民政府）", [("市商务局", LEAD), ("各县（市、区）人民政府", IMPLEMENTING)]),
    ],
)
def test_henan_and_hubei_phrasings(bracketed, expected):
    assert roles(f"支持县域承接产业转移。{bracketed}") == expected


def test_a_bracket_that_only_ends_in_luoshi_names_no_one():
    assert roles("完善奖补政策。（具体办法由省财政厅另行制定并落实）") == []


JIANGXI_ITEM = ("（一）精准承接电子信息产业。重点承接智能终端、新型显示等产业链关键环节。\n"
                "牵头单位：省工业和信息化厅；配合单位：省商务厅、省发展改革委")


def test_a_duty_line_after_the_item_text_names_lead_and_co():
    assert roles(JIANGXI_ITEM) == [("省工业和信息化厅", LEAD), ("省商务厅", CO), ("省发展改革委", CO)]


def test_duty_lines_one_per_label_read_as_one_list():
    text = "有序承接纺织服装产业。\n牵头单位：省工业和信息化厅\n配合单位：省生态环境厅、省商务厅"
    assert roles(text) == [("省工业和信息化厅", LEAD), ("省生态环境厅", CO), ("省商务厅", CO)]


def test_a_zeren_bumen_line_alone_follows_the_rules_of_an_unlabelled_list():
    assert roles("加强督促落实。\n责任部门：省商务厅") == [("省商务厅", LEAD)]
    assert roles("加强督促落实。\n责任单位：省商务厅、省财政厅") == [("省商务厅", CO), ("省财政厅", CO)]


def test_the_duty_line_is_reported_with_its_offsets():
    [(name, _, line), *_] = find_responsibilities(JIANGXI_ITEM, ResponsibilityContext())
    assert JIANGXI_ITEM[line.start:line.end] == "牵头单位：省工业和信息化厅；配合单位：省商务厅、省发展改革委"


def test_a_label_inside_running_text_is_not_a_duty_line():
    """Only a paragraph that starts with the label is one; 支持省发展改革委 in the text stays a mention."""
    assert roles("支持省发展改革委统筹安排能耗指标，明确牵头单位：由省商务厅负责协调。") == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("牵头单位：省工业和信息化厅；配合单位：省商务厅", True),
        ("牵头部门：市发展改革委 参与部门：市商务局", True),
        ("责任部门：各设区市人民政府", True),
        ("（责任单位：省经济合作局、商务厅）", True),
        ("(省商务厅牵头，省财政厅配合)", True),
        ("（一）精准承接电子信息产业。（牵头单位：省工业和信息化厅）", False),
        ("各设区市要结合实际制定具体措施。", False),
    ],
)
def test_is_duty_line(line, expected):
    assert is_duty_line(line) is expected


def test_the_lead_first_rule_stated_in_running_text_applies_to_later_lists():
    context = ResponsibilityContext()
    assert roles("各地各部门要抓好落实，任务分工中列第一位的为牵头单位，其他为配合单位。", context) == []
    assert roles("加快发展。\n责任单位：省商务厅、省财政厅", context) == [("省商务厅", LEAD), ("省财政厅", CO)]


@pytest.mark.parametrize("text", [
    "推进开放合作。（责任单位：省发展改革委（牵头）、省商务厅、省财政厅）",
    "推进开放合作。（省发展改革委（牵头），省商务厅、省财政厅）",
    "推进开放合作。\n责任单位：省发展改革委（牵头）、省商务厅、省财政厅",
])
def test_a_lead_marked_after_its_name_leads_and_the_others_are_co(text):
    assert roles(text) == [("省发展改革委", "lead"), ("省商务厅", "co"), ("省财政厅", "co")]


def test_without_a_marked_lead_a_list_still_shares_the_responsibility():
    assert roles("推进开放合作。（责任单位：省商务厅、省财政厅）") == [("省商务厅", "co"), ("省财政厅", "co")]
