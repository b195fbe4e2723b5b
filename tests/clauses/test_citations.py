"""Citations of clauses, in the forms Chinese official writing uses (公文 form, GB/T 7714-2015)."""

from __future__ import annotations

import datetime

import pytest

from clauses.citations import citations, gongwen, position
from clauses.models import Clause, Document
from clauses.parsing.numerals import int_to_chinese

ACCESSED = datetime.date(2026, 11, 21)


def clause(slug, key) -> Clause:
    return Clause.objects.select_related("document", "parent").get(document__slug=slug, key=key)


@pytest.mark.parametrize("number, text", [(1, "一"), (10, "十"), (12, "十二"), (20, "二十"), (21, "二十一"),
                                          (30, "三十"), (100, "一百"), (105, "一百零五"), (110, "一百一十"),
                                          (1000, "一千"), (1001, "一千零一"), (1010, "一千零一十"),
                                          (1100, "一千一百"), (2305, "二千三百零五")])
def test_int_to_chinese(number, text):
    assert int_to_chinese(number) == text


def test_sichuan_item_five_in_official_form(seeds):
    assert gongwen(clause("chuanbanfa-2022-67", "p2.i5")) == \
        "《关于承接制造业有序转移的实施意见》（川办发〔2022〕67号）第二部分第（五）项"


def test_national_part_three_in_official_form(seeds):
    assert gongwen(clause("gongxinbulianzhengfa-2021-215", "p3")) == \
        "《关于促进制造业有序转移的指导意见》（工信部联政法〔2021〕215号）第三部分"


def test_item_twenty_one_and_unnumbered_clauses(seeds):
    assert position(clause("guofa-2010-28", "p6.i21")) == "第六部分第（二十一）项"
    assert position(clause("chuanbanfa-2022-67", "preface")) == "序言"
    assert position(clause("guofa-2010-28", "closing")) == "结语"


def test_gbt7714_form_with_access_date_and_permalink(seeds):
    cited = citations(clause("chuanbanfa-2022-67", "p2.i5"), permalink="https://kb.example/d/chuanbanfa-2022-67/p2/i5/",
                      accessed=ACCESSED)
    assert cited.gbt7714 == ("四川省人民政府办公厅. 关于承接制造业有序转移的实施意见: 川办发〔2022〕67号[A/OL]. "
                             "(2022-09-21)[2026-11-21]. https://kb.example/d/chuanbanfa-2022-67/p2/i5/.")


def test_gbt7714_lists_three_issuers_then_et_al_and_leaves_out_an_unknown_date(seeds):
    cited = citations(clause("gongxinbulianzhengfa-2021-215", "p8"), permalink="https://kb.example/x/",
                      accessed=ACCESSED)
    assert cited.gbt7714 == ("工业和信息化部, 国家发展和改革委员会, 科学技术部, 等. 关于促进制造业有序转移的指导意见: "
                             "工信部联政法〔2021〕215号[A/OL]. [2026-11-21]. https://kb.example/x/.")


def test_interpretation_title_nests_book_marks_and_has_no_number(seeds):
    interpretation = clause("gxb-jiedu-zhizaoye-youxu-zhuanyi", "p3.i1")
    assert gongwen(interpretation) == "《工信部：〈关于促进制造业有序转移的指导意见〉政策解读》第三部分第（一）项"
    cited = citations(interpretation, permalink="https://kb.example/y/", accessed=ACCESSED)
    assert cited.gbt7714.startswith("工业和信息化部. 工信部：《关于促进制造业有序转移的指导意见》政策解读[EB/OL]. (2022-01-14)")


def test_news_without_number_date_or_issuer_invents_none(seeds):
    news = clause("news-shibumen-lianhe-fawen", "p2")
    assert Document.objects.get(slug="news-shibumen-lianhe-fawen").issued_on is None
    assert gongwen(news) == "《十部门联合发文 促进制造业有序转移》第二部分"
    cited = citations(news, permalink="https://kb.example/z/", accessed=ACCESSED)
    assert cited.gbt7714 == "十部门联合发文 促进制造业有序转移[EB/OL]. [2026-11-21]. https://kb.example/z/."
