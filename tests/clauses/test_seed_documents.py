"""The seed corpus as a new user meets it, after `manage.py ingest fixtures/documents`."""

from __future__ import annotations

import re

import pytest

from clauses.models import Clause, ClauseDepartment, Document

SICHUAN = "chuanbanfa-2022-67"


def current(slug: str):
    return Clause.objects.current().filter(document__slug=slug)


def active_departments(slug: str, key: str, *roles: str) -> list[str]:
    links = ClauseDepartment.objects.active().filter(clause__document__slug=slug, clause__key=key)
    if roles:
        links = links.filter(role__in=roles)
    return list(links.order_by("id").values_list("department__name", flat=True))


def test_sichuan_has_eight_parts_and_items_one_to_twenty(seeds):
    parts = current(SICHUAN).filter(kind="part").order_by("order")
    items = current(SICHUAN).filter(kind="item").order_by("order")
    assert [part.label for part in parts] == ["一、", "二、", "三、", "四、", "五、", "六、", "七、", "八、"]
    assert [item.number for item in items] == list(range(1, 21))
    numerals = "一 二 三 四 五 六 七 八 九 十 十一 十二 十三 十四 十五 十六 十七 十八 十九 二十".split()
    assert [re.sub(r"[()（）]", "", item.label) for item in items] == numerals


def test_sichuan_item_twelve_is_led_by_the_economy_and_information_department(seeds):
    assert active_departments(SICHUAN, "p5.i12", "lead") == ["四川省经济和信息化厅"]


def test_sichuan_item_thirteen_lists_nine_departments_including_chengdu_customs(seeds):
    listed = active_departments(SICHUAN, "p5.i13", "lead", "co")
    assert len(listed) == 9
    assert "成都海关" in listed
    assert listed[0] == "四川省商务厅"


def test_sichuan_item_one_reads_nanchong_unbroken(seeds):
    text = Clause.objects.get(document__slug=SICHUAN, key="p2.i1").text
    assert "川东(达州、南充)" in text
    assert "\n" not in text


def test_national_guidance_has_ten_issuing_departments_by_canonical_name(seeds):
    document = Document.objects.get(doc_number="工信部联政法〔2021〕215号")
    issuers = [link.department.name for link in document.issuer_links.all()]
    assert issuers == ["工业和信息化部", "国家发展和改革委员会", "科学技术部", "人力资源和社会保障部",
                       "生态环境部", "交通运输部", "商务部", "中国人民银行", "海关总署", "国家市场监督管理总局"]


def test_2010_guidance_has_thirty_items_each_with_korean_and_its_date(seeds):
    document = Document.objects.get(doc_number="国发〔2010〕28号")
    assert document.issued_on.isoformat() == "2010-08-31"
    items = current(document.slug).filter(kind="item").prefetch_related("translations")
    assert items.count() == 30
    for item in items:
        korean = [translation.text for translation in item.translations.all() if translation.language == "ko"]
        assert len(korean) == 1 and korean[0].startswith(f"({item.number})"), item.label


def test_no_clause_of_the_interpretation_contains_html_css_or_script(seeds):
    texts = current("gxb-jiedu-zhizaoye-youxu-zhuanyi").values_list("text", "heading")
    assert len(texts) == 21
    for text, heading in texts:
        for fragment in ("<", ">", "{", "}", "&#", "font", "cms-style", "appendQr", "责任编辑", "新浪财经APP"):
            assert fragment not in text + heading
