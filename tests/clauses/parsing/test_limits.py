"""Bounds of one document: refused beyond them, fitted to the columns that store it."""

from __future__ import annotations

import pytest

from clauses.parsing.limits import LimitExceeded, Limits, check_clauses, check_size, fit_metadata
from clauses.parsing.pipeline import parse_document
from clauses.parsing.types import Metadata, ParsedClause

HEADER = "关于推进产业转移的实施意见\n川办发〔2023〕12号\n\n各市(州)人民政府：\n\n"


def items(count: int, text: str = "做好承接工作。") -> str:
    """A document of ``count`` numbered sub-items, as long lists of tasks print them."""
    return HEADER + "一、重点任务\n\n" + "\n\n".join(f"{number}.开展第{number}项试点。{text}"
                                                   for number in range(1, count + 1)) + "\n"


def test_a_file_larger_than_the_limit_is_refused_with_its_size_and_the_limit():
    with pytest.raises(LimitExceeded, match=r"^big\.txt：文件大小为 12\.0 MB，超过单个文件的上限 10 MB。$") as caught:
        check_size(12 * 2**20, Limits(max_bytes=10 * 2**20), name="big.txt")
    assert caught.value.limit == "max_bytes"
    check_size(10 * 2**20, Limits(max_bytes=10 * 2**20), name="big.txt")
    check_size(10**12, Limits(), name="unbounded.txt")


def test_a_document_with_more_clauses_than_the_limit_is_refused_before_tagging(lexicon):
    raw = items(30).encode()
    clauses = 30 + 2  # the sub-items, their part and the addressee
    with pytest.raises(LimitExceeded, match=rf"^long\.txt：共 {clauses} 个条款，超过单个文件的上限 25 个。$"):
        parse_document(raw, name="long.txt", lexicon=lexicon, limits=Limits(max_clauses=25))
    parsed = parse_document(raw, name="long.txt", lexicon=lexicon, limits=Limits(max_clauses=clauses))
    assert len(parsed.clauses) == clauses


def test_a_clause_longer_than_the_limit_is_refused_naming_it(lexicon):
    raw = items(3, text="推进" * 600).encode()
    length = len("开展第1项试点") + len("开展第1项试点。" + "推进" * 600)  # heading and text, as stored
    with pytest.raises(LimitExceeded, match=rf"^long\.txt：条款 1\. 共 {length:,} 字符，超过单个条款的上限 1,000 字符。$"):
        parse_document(raw, name="long.txt", lexicon=lexicon, limits=Limits(max_clause_chars=1000))


def test_check_clauses_counts_heading_and_text():
    clause = ParsedClause(key="p1", kind="part", label="一、", heading="总" * 6, text="要" * 5)
    with pytest.raises(LimitExceeded) as caught:
        check_clauses([clause], Limits(max_clause_chars=10), name="x.txt")
    assert caught.value.limit == "max_clause_chars"
    check_clauses([clause], Limits(max_clause_chars=11), name="x.txt")


def test_a_title_from_the_text_too_long_to_store_is_cut_with_a_warning(lexicon):
    title = "关于" + "推进产业转移" * 60 + "的通知"
    raw = f"{title}\n川办发〔2023〕12号\n\n一、总体要求。做好承接工作。\n\n二、保障措施。落实责任。\n".encode()
    parsed = parse_document(raw, name="t.txt", lexicon=lexicon, limits=Limits(field_lengths={"title": 300}))
    assert parsed.metadata.title == title[:300]
    assert f"标题共 {len(title)} 字符，超出可保存的 300 字符，已截取前 300 字符" in parsed.warnings


def test_other_values_from_the_text_too_long_to_store_are_left_out_with_a_warning():
    metadata = Metadata(title="通知", source_url="https://example.org/" + "a" * 600, source_name="来源",
                        issuers=["省发展改革委", "委" * 130], unknown_issuers=["委" * 130])
    warnings = fit_metadata(metadata, Limits(field_lengths={"source_url": 500, "source_name": 120,
                                                            "issuers": 120, "title": 300}))
    assert (metadata.source_url, metadata.source_name, metadata.title) == ("", "来源", "通知")
    assert (metadata.issuers, metadata.unknown_issuers) == (["省发展改革委"], [])
    assert warnings == [f"文本中识别出的来源网址共 {len('https://example.org/') + 600} 字符，超出可保存的 500 字符，未保存",
                        "1 个发文单位名称超出可保存的 120 字符，未保存"]
