"""The State Council's bodies as of the 2023 reform, each found by the short form its documents print.

The table below is typed from the State Council's own lists (国发〔2023〕5号 on
its bodies, 国发〔2023〕6号 on the 部委管理的国家局) and the short forms its
任务分工 lists print; it is the oracle, the gazetteer file is what is checked.
"""

from __future__ import annotations

import pytest

from clauses.parsing.lexicon import NATIONAL
from clauses.parsing.tagging import tag_clauses
from clauses.parsing.types import ParsedClause

# Printed short form → the body's full name.
SHORT_FORMS = {
    # 国务院组成部门
    "外交部": "外交部", "国防部": "国防部", "国家发展改革委": "国家发展和改革委员会", "教育部": "教育部",
    "科技部": "科学技术部", "工业和信息化部": "工业和信息化部", "工信部": "工业和信息化部",
    "国家民委": "国家民族事务委员会", "公安部": "公安部", "国家安全部": "国家安全部", "民政部": "民政部",
    "司法部": "司法部", "财政部": "财政部", "人力资源社会保障部": "人力资源和社会保障部",
    "人社部": "人力资源和社会保障部", "自然资源部": "自然资源部", "生态环境部": "生态环境部",
    "住房城乡建设部": "住房和城乡建设部", "住建部": "住房和城乡建设部", "交通运输部": "交通运输部",
    "水利部": "水利部", "农业农村部": "农业农村部", "商务部": "商务部", "文化和旅游部": "文化和旅游部",
    "国家卫生健康委": "国家卫生健康委员会", "退役军人部": "退役军人事务部", "应急部": "应急管理部",
    "人民银行": "中国人民银行", "审计署": "审计署",
    # 直属特设机构, 直属机构, 办事机构
    "国务院国资委": "国务院国有资产监督管理委员会", "海关总署": "海关总署", "税务总局": "国家税务总局",
    "市场监管总局": "国家市场监督管理总局", "金融监管总局": "国家金融监督管理总局",
    "中国证监会": "中国证券监督管理委员会", "广电总局": "国家广播电视总局", "体育总局": "国家体育总局",
    "国家信访局": "国家信访局", "统计局": "国家统计局", "国家知识产权局": "国家知识产权局",
    "国际发展合作署": "国家国际发展合作署", "国家医保局": "国家医疗保障局", "医保局": "国家医疗保障局",
    "国务院参事室": "国务院参事室", "国管局": "国家机关事务管理局", "国务院研究室": "国务院研究室",
    # 直属事业单位
    "新华社": "新华通讯社", "中科院": "中国科学院", "中国社科院": "中国社会科学院", "中国工程院": "中国工程院",
    "国务院发展研究中心": "国务院发展研究中心", "中央广播电视总台": "中央广播电视总台",
    "中国气象局": "中国气象局",
    # 部委管理的国家局
    "国家粮食和储备局": "国家粮食和物资储备局", "国家能源局": "国家能源局", "国家数据局": "国家数据局",
    "国家国防科工局": "国家国防科技工业局", "国家烟草局": "国家烟草专卖局", "国家林草局": "国家林业和草原局",
    "国家铁路局": "国家铁路局", "民航局": "中国民用航空局", "国家邮政局": "国家邮政局", "国家文物局": "国家文物局",
    "国家中医药局": "国家中医药管理局", "国家疾控局": "国家疾病预防控制局", "国家矿山安监局": "国家矿山安全监察局",
    "国家消防救援局": "国家消防救援局", "国家外汇局": "国家外汇管理局", "国家药监局": "国家药品监督管理局",
    "国家移民局": "国家移民管理局",
}


@pytest.mark.parametrize(("short", "full"), SHORT_FORMS.items())
def test_each_short_form_resolves_to_its_national_body(lexicon, short, full):
    entry = lexicon.resolve_department(short, NATIONAL)
    assert entry is not None, f"{short} is not in the gazetteer"
    assert (entry.name, entry.jurisdiction) == (full, NATIONAL)


@pytest.mark.parametrize(("short", "full"), SHORT_FORMS.items())
def test_a_state_council_duty_list_names_the_body_it_prints(lexicon, short, full):
    clause = ParsedClause("p1.i1", "item", text=f"加强统筹协调。（{short}、财政部按职责分工负责）")
    unknown = tag_clauses([clause], lexicon=lexicon, jurisdiction=NATIONAL, issuers=["国务院"])
    assert unknown == []
    assert (short, full, True) in {(mention.raw, mention.name, mention.known) for mention in clause.departments}


def test_no_name_or_alias_means_two_national_bodies(lexicon):
    shared = {term: [entry.name for entry in entries] for term, entries in lexicon.terms.items()
              if sum(entry.kind == "department" and entry.jurisdiction == NATIONAL for entry in entries) > 1}
    assert shared == {}


def test_old_documents_still_resolve_the_bodies_the_2023_reform_replaced(lexicon):
    # 银保监会 was replaced by 国家金融监督管理总局 in 2023; a document of its time means the body of its time.
    assert lexicon.resolve_department("银保监会", NATIONAL).name == "中国银行保险监督管理委员会"
    assert lexicon.resolve_department("金融监管总局", NATIONAL).name == "国家金融监督管理总局"
