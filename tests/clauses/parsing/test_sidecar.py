"""Sidecars: every field is checked, and a refusal names the file and the field."""

from __future__ import annotations

import datetime
import json
import re

import pytest

from clauses.parsing.sidecar import read_sidecar, validate_sidecar
from clauses.parsing.types import ParseError

# The column lengths as the ingest service passes them (Document, Region, Department).
LENGTHS = {"slug": 80, "title": 300, "doc_number": 60, "source_url": 500, "source_name": 120,
           "language": 10, "jurisdiction": 100, "issuers": 120}


def check(data: dict) -> dict:
    return validate_sidecar(data, name="notice.meta.json", field_lengths=LENGTHS)


def test_a_complete_sidecar_comes_back_typed_and_cleaned():
    data = {"slug": "chuanbanfa-2022-67", "title": " 关于承接\x07制造业有序转移的实施意见 ",
            "doc_number": "川办发〔2022〕67号", "issued_on": "2022-09-21", "level": "provincial",
            "kind": "implementing", "source_url": "https://www.sc.gov.cn/10462/c103046/2022/9/29/x.shtml",
            "jurisdiction": "四川省", "issuers": ["四川省人民政府办公厅"], "language": "zh"}
    checked = check(data)
    assert checked == {**data, "title": "关于承接制造业有序转移的实施意见",
                       "issued_on": datetime.date(2022, 9, 21)}


@pytest.mark.parametrize(("data", "message"), [
    ({"issuers": 5}, "发文单位（issuers）应为非空的名称列表"),
    ({"issuers": "省发展改革委"}, "发文单位（issuers）应为非空的名称列表"),
    ({"issuers": ["省发展改革委", 7]}, "发文单位（issuers）应为字符串，实为 7"),
    ({"issuers": ["省发展改革委", " "]}, "发文单位（issuers）含有空名称"),
    ({"issuers": ["委" * 121]}, "发文单位（issuers）共 121 字符，最多可保存 120 字符"),
    ({"title": ["关于", "通知"]}, '标题（title）应为字符串，实为 ["关于", "通知"]'),
    ({"title": "关" * 800}, "标题（title）共 800 字符，最多可保存 300 字符"),
    ({"doc_number": 67}, "文号（doc_number）应为字符串，实为 67"),
    ({"doc_number": "号" * 61}, "文号（doc_number）共 61 字符，最多可保存 60 字符"),
    ({"slug": "../../admin/x y<z>"}, "标识（slug）“../../admin/x y<z>”不是有效的标识"),
    ({"slug": "a" * 500}, "标识（slug）共 500 字符，最多可保存 80 字符"),
    ({"slug": "Chuanbanfa_2022"}, "不是有效的标识"),
    ({"slug": ""}, "标识（slug）“”不是有效的标识"),
    ({"slug": None}, "标识（slug）应为字符串，实为 null"),
    ({"source_url": "javascript:alert(10)"}, "来源网址（source_url）“javascript:alert(10)”不是以 http"),
    ({"source_url": "JavaScript://example.org/%0Aalert(1)"}, "不是以 http:// 或 https:// 开头的网址"),
    ({"source_url": "data:text/html,<script>"}, "不是以 http:// 或 https:// 开头的网址"),
    ({"source_url": "http://"}, "不是以 http:// 或 https:// 开头的网址"),
    ({"source_url": "https://example.org/a b"}, "不是以 http:// 或 https:// 开头的网址"),
    ({"source_url": "https://example.org/" + "a" * 500}, "来源网址（source_url）共 520 字符"),
    ({"issued_on": 20220921}, "成文日期（issued_on）应为字符串，实为 20220921"),
    ({"issued_on": "20220921"}, "成文日期（issued_on）“20220921”不是 YYYY-MM-DD 格式的日期"),
    ({"issued_on": "2022-02-30"}, "成文日期（issued_on）“2022-02-30”不是 YYYY-MM-DD 格式的日期"),
    ({"level": ["provincial"]}, "层级（level）应为字符串"),
    ({"kind": "notice"}, "类型（kind）应为以下之一：policy、implementing、interpretation、news"),
    ({"jurisdiction": "省" * 101}, "地区（jurisdiction）共 101 字符，最多可保存 100 字符"),
    ({"language": "zh_CN"}, "语言（language）“zh_CN”不是语言代码"),
    ({"language": {"zh": True}}, '语言（language）应为字符串，实为 {"zh": true}'),
    ({"slug": "ok", "author": "新浪财经", "Titel": "x"}, "未知字段“Titel”、“author”；可用的字段：doc_number、"),
])
def test_a_bad_field_is_refused_naming_the_file_and_the_field(data, message):
    with pytest.raises(ParseError, match="^notice\\.meta\\.json：.*" + re.escape(message)):
        check(data)


def test_read_sidecar_refuses_what_is_not_a_small_json_object(tmp_path):
    source = tmp_path / "notice.txt"
    sidecar = tmp_path / "notice.meta.json"
    assert read_sidecar(source) is None
    sidecar.write_text(json.dumps(["slug"]), encoding="utf-8")
    with pytest.raises(ParseError, match=r"^notice\.meta\.json：元数据文件（\.meta\.json）应为 JSON 对象$"):
        read_sidecar(source)
    sidecar.write_text(json.dumps({"title": "关" * 40_000}, ensure_ascii=False), encoding="utf-8")
    size = f"{sidecar.stat().st_size:,}"
    with pytest.raises(ParseError, match=rf"^notice\.meta\.json：元数据文件（\.meta\.json）共 {size} 字节，过大"):
        read_sidecar(source)
