"""What a single paragraph looks like: a date, a signature line, a heading…

Small predicates shared by the structure and metadata stages.
"""

from __future__ import annotations

import re

from .numerals import DATE_PATTERN

_SENTENCE_PUNCTUATION = set("。；：！？，,;:!?")
_ORG_SUFFIXES = ("办公厅", "人民政府", "国务院", "委员会", "办公室", "部", "厅", "局", "署",
                 "委", "办", "院", "行", "会", "小组", "中心", "政府")
_ADDRESSEE_WORDS = ("各", "单位", "部门", "政府", "机构", "委员会")

DOC_NUMBER = re.compile(
    r"(?P<prefix>[\u4e00-\u9fff]{1,16}?)\s*[〔\[［(（【]\s*(?P<year>\d{4})\s*[〕\]］)）】]\s*"
    r"(?P<serial>\d{1,4})\s*号"
)
# A purpose that makes a document implement another: 为贯彻落实 / 为深入落实 / 为认真贯彻落实《…》.
IMPLEMENTING_PURPOSE = re.compile(r"为(深入|认真|全面|进一步)*(贯彻)?落实")
_DOC_NUMBER_LINE = re.compile(rf"^[（(]?\s*{DOC_NUMBER.pattern}\s*[）)]?$")
_PUBLICATION_NOTE = re.compile(r"^[（(]此件[^）)]*[）)]$")


# Words that can stand before a 文号 in running text but are never part of its
# issuer code: 按照国办发〔2018〕117号 is 国办发〔2018〕117号.
_BEFORE_DOC_NUMBER = re.compile(r"按照|根据|依据|参照|印发|转发|关于|执行|落实|的|和|与|及|即|为|是|在|对|见")


def normalise_doc_number(prefix: str, year: str, serial: str) -> str:
    """Print a 文号 the official way: 川办发〔2022〕67号."""
    prefix = _BEFORE_DOC_NUMBER.split(prefix)[-1]
    return f"{prefix}〔{int(year)}〕{int(serial)}号"


def is_doc_number_line(text: str) -> bool:
    return bool(_DOC_NUMBER_LINE.match(text))


def is_date_line(text: str) -> bool:
    match = DATE_PATTERN.search(text)
    return bool(match) and len(text) <= 20 and match.start() <= 2


def is_bare_date(text: str) -> bool:
    """A line that is a date and nothing else: 2023年3月2日 (a notice's date, printed without its issuer)."""
    return bool(DATE_PATTERN.fullmatch(text.strip()))


def is_publication_note(text: str) -> bool:
    return bool(_PUBLICATION_NOTE.match(text))


def has_sentence_punctuation(text: str) -> bool:
    return any(char in _SENTENCE_PUNCTUATION for char in text)


def is_org_line(text: str) -> bool:
    """A short line naming a body, as in a signature: 四川省人民政府办公厅."""
    return (2 <= len(text) <= 40 and not has_sentence_punctuation(text)
            and text.endswith(_ORG_SUFFIXES) and " " not in text)


def split_org_and_date(text: str) -> tuple[str, str] | None:
    """``"国务院 二○一○年八月三十一日"`` → (org, date): a one-line signature."""
    match = DATE_PATTERN.search(text)
    if not match or match.end() < len(text.rstrip()) - 1:
        return None
    org = text[: match.start()].strip()
    if org and not is_org_line(org):
        return None
    return org, match.group(0)


def is_signature_line(text: str) -> bool:
    return (is_date_line(text) or is_publication_note(text) or is_org_line(text)
            or split_org_and_date(text) is not None)


def is_heading_like(text: str, *, max_length: int = 30) -> bool:
    """A short unnumbered line with no sentence punctuation (000's sections)."""
    bare = text.strip()
    return 0 < len(bare) <= max_length and not has_sentence_punctuation(bare.rstrip("。"))\
        and not bare.endswith("。")


def is_addressee(text: str, *, first: bool = False) -> bool:
    if not text.endswith(("：", ":")) or len(text) > 300:
        return False
    return first or any(word in text for word in _ADDRESSEE_WORDS)


def first_sentence_heading(rest: str, *, stop: str = "。", max_length: int = 30) -> str:
    """The heading an item opens with: 大力承接绿色低碳产业。… → 大力承接绿色低碳产业.

    Only a short first sentence counts; a clause that starts straight into a
    long sentence has no heading.
    """
    rest = rest.strip()
    if not rest:
        return ""
    if stop not in rest and len(rest) <= 40 and "；" not in rest:
        return rest  # a heading line on its own: 一、总体要求 / 一、文件出台的背景是什么？
    end = rest.find(stop)
    if end <= 0:
        return ""
    sentence = rest[:end]
    whole_line_is_one_sentence = end == len(rest) - 1 and len(sentence) <= 40
    if whole_line_is_one_sentence:
        return sentence
    if len(sentence) <= max_length and "，" not in sentence and "," not in sentence:
        return sentence
    return ""
