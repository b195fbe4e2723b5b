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
    ({"issuers": 5}, "field 'issuers' must be a non-empty list of names"),
    ({"issuers": "省发展改革委"}, "field 'issuers' must be a non-empty list of names"),
    ({"issuers": ["省发展改革委", 7]}, "field 'issuers' must be a string, not int 7"),
    ({"issuers": ["省发展改革委", " "]}, "field 'issuers' has an empty name"),
    ({"issuers": ["委" * 121]}, "field 'issuers' has 121 characters; at most 120 are stored"),
    ({"title": ["关于", "通知"]}, "field 'title' must be a string, not list"),
    ({"title": "关" * 800}, "field 'title' has 800 characters; at most 300 are stored"),
    ({"doc_number": 67}, "field 'doc_number' must be a string, not int 67"),
    ({"doc_number": "号" * 61}, "field 'doc_number' has 61 characters; at most 60 are stored"),
    ({"slug": "../../admin/x y<z>"}, "field 'slug' '../../admin/x y<z>' is not a permalink slug"),
    ({"slug": "a" * 500}, "field 'slug' has 500 characters; at most 80 are stored"),
    ({"slug": "Chuanbanfa_2022"}, "is not a permalink slug"),
    ({"slug": ""}, "field 'slug' '' is not a permalink slug"),
    ({"slug": None}, "field 'slug' must be a string, not NoneType null"),
    ({"source_url": "javascript:alert(10)"}, "field 'source_url' 'javascript:alert(10)' is not an http"),
    ({"source_url": "JavaScript://example.org/%0Aalert(1)"}, "is not an http:// or https:// address"),
    ({"source_url": "data:text/html,<script>"}, "is not an http:// or https:// address"),
    ({"source_url": "http://"}, "is not an http:// or https:// address"),
    ({"source_url": "https://example.org/a b"}, "is not an http:// or https:// address"),
    ({"source_url": "https://example.org/" + "a" * 500}, "field 'source_url' has 520 characters"),
    ({"issued_on": 20220921}, "field 'issued_on' must be a string, not int"),
    ({"issued_on": "20220921"}, "field 'issued_on' '20220921' is not a YYYY-MM-DD date"),
    ({"issued_on": "2022-02-30"}, "field 'issued_on' '2022-02-30' is not a YYYY-MM-DD date"),
    ({"level": ["provincial"]}, "field 'level' must be a string"),
    ({"kind": "notice"}, "field 'kind' must be one of policy, implementing, interpretation, news"),
    ({"jurisdiction": "省" * 101}, "field 'jurisdiction' has 101 characters; at most 100 are stored"),
    ({"language": "zh_CN"}, "field 'language' 'zh_CN' is not a language code"),
    ({"language": {"zh": True}}, "field 'language' must be a string, not dict"),
    ({"slug": "ok", "author": "新浪财经", "Titel": "x"}, "unknown field(s) 'Titel', 'author'; allowed: doc_number,"),
])
def test_a_bad_field_is_refused_naming_the_file_and_the_field(data, message):
    with pytest.raises(ParseError, match="^notice\\.meta\\.json: .*" + re.escape(message)):
        check(data)


def test_read_sidecar_refuses_what_is_not_a_small_json_object(tmp_path):
    source = tmp_path / "notice.txt"
    sidecar = tmp_path / "notice.meta.json"
    assert read_sidecar(source) is None
    sidecar.write_text(json.dumps(["slug"]), encoding="utf-8")
    with pytest.raises(ParseError, match=r"^notice\.meta\.json: sidecar must be a JSON object"):
        read_sidecar(source)
    sidecar.write_text(json.dumps({"title": "关" * 40_000}, ensure_ascii=False), encoding="utf-8")
    size = f"{sidecar.stat().st_size:,}"
    with pytest.raises(ParseError, match=rf"^notice\.meta\.json: a sidecar of {size} bytes is too large"):
        read_sidecar(source)
