"""Stage 6: what the document is — title, 文号, issuers, date, level, kind.

Reads the header lines, the clauses, the fields the cleaning stage found
(front matter, 北大法宝 header, provenance) and the optional sidecar. Returns
``Metadata``. A sidecar supplies only what the text lacks; nothing here is
invented: a value the text and sidecar do not give stays empty.
"""

from __future__ import annotations

import datetime
import email.utils
import re
from collections.abc import Mapping
from pathlib import Path

from . import lines as shape
from .lexicon import NATIONAL, Lexicon, fold
from .numerals import parse_chinese_date
from .sidecar import sidecar_path, validate_sidecar
from .slugs import slug_for
from .types import ClauseKind, DocumentKind, DocumentLevel, Metadata, ParsedClause

_TITLE_OF_DOC = re.compile(r"(关于|意见|通知|办法|规定|决定|方案|计划|规划|纲要|政策|细则)")
_PROVINCE_ABBREVIATIONS = {
    "京": "北京市", "津": "天津市", "冀": "河北省", "晋": "山西省", "蒙": "内蒙古自治区",
    "辽": "辽宁省", "吉": "吉林省", "黑": "黑龙江省", "沪": "上海市", "苏": "江苏省",
    "浙": "浙江省", "皖": "安徽省", "闽": "福建省", "赣": "江西省", "鲁": "山东省",
    "豫": "河南省", "鄂": "湖北省", "湘": "湖南省", "粤": "广东省", "桂": "广西壮族自治区",
    "琼": "海南省", "渝": "重庆市", "川": "四川省", "蜀": "四川省", "黔": "贵州省",
    "贵": "贵州省", "云": "云南省", "滇": "云南省", "藏": "西藏自治区", "陕": "陕西省",
    "甘": "甘肃省", "陇": "甘肃省", "青": "青海省", "宁": "宁夏回族自治区", "新": "新疆维吾尔自治区",
}
_NATIONAL_PREFIXES = ("国", "中", "工信部", "发改", "财", "商", "科", "人社", "环", "交",
                      "银", "署", "市监", "农", "教", "民", "自然资源", "水", "卫")
_JOINT_ISSUE = re.compile(r"(?P<names>[^。，,；《]{4,}?)(等)?\s*(?P<count>[0-9一二三四五六七八九十]+)\s*(个)?部门"
                          r"[^。《]{0,12}?(联合)?(印发|发布|出台)[^。《]{0,4}《(?P<title>[^》]+)》")


def find_doc_number(header: list[str]) -> str:
    for line in header:
        if shape.is_doc_number_line(line):
            match = shape.DOC_NUMBER.search(line)
            return shape.normalise_doc_number(match["prefix"], match["year"], match["serial"])
    return ""


def _same_title(first: str, second: str) -> bool:
    return fold_title(first) == fold_title(second)


def fold_title(title: str) -> str:
    """A title compared loosely: bracket widths, dashes, 〈〉 and spaces ignored."""
    return re.sub(r"[\s\-—–－]", "", fold(title).replace("〈", "《").replace("〉", "》"))


def _title_from_header(header: list[str], lexicon: Lexicon) -> tuple[str, str]:
    """(title, issuer printed above it) from the lines before the 文号."""
    end = next((index for index, line in enumerate(header) if shape.is_doc_number_line(line)),
               len(header))
    candidates: list[str] = []
    for line in header[:end]:
        # 北大法宝 prints the title twice, once with half-width brackets.
        if candidates and _same_title(candidates[-1], line):
            candidates[-1] = line
        else:
            candidates.append(line)
    issuer = ""
    if len(candidates) >= 2 and shape.is_org_line(candidates[0]) and not _TITLE_OF_DOC.search(candidates[0]):
        issuer = candidates.pop(0)
    # A web headline above the real title (002): keep the lines nearest the 文号.
    title_lines: list[str] = []
    for line in reversed(candidates):
        title_lines.insert(0, line)
        if line.startswith(("关于", "国务院关于")) or "《" in line:
            break
    if title_lines and "《" in title_lines[0] and len(title_lines) > 1:
        title_lines.pop(0)
    if len(title_lines) > 1 and not all(_TITLE_OF_DOC.search(part) or len(part) > 8 for part in title_lines):
        title_lines = title_lines[-1:]
    return "".join(title_lines), issuer


def _issuer_in_title(title: str) -> str:
    """The body a title names first: 国务院关于… / 工信部：《…》政策解读."""
    speaker = re.match(r"^([^：:《》]{2,20})[：:]", title)
    if speaker:
        return speaker.group(1)
    position = title.find("关于")
    return title[:position] if position > 0 else ""


def _signature_parts(clauses: list[ParsedClause]) -> tuple[list[str], datetime.date | None]:
    for clause in reversed(clauses):
        if clause.kind != ClauseKind.SIGNATURE:
            continue
        orgs: list[str] = []
        for line in clause.text.split("\n"):
            pair = shape.split_org_and_date(line)
            if pair and pair[0]:
                orgs.append(pair[0])
            elif shape.is_org_line(line):
                orgs.append(line)
        return orgs, parse_chinese_date(clause.text)
    return [], None


def _joint_issuers(clauses: list[ParsedClause], title: str) -> list[str]:
    """The issuing departments of a joint document, named in its preface."""
    for clause in clauses:
        if clause.kind != ClauseKind.PREFACE:
            continue
        match = _JOINT_ISSUE.search(clause.text)
        if match and title and match["title"] == title:
            return [name for name in re.split(r"[、，,]", match["names"]) if name]
    return []


def _front_matter_date(value: str) -> datetime.date | None:
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        return parse_chinese_date(value)


def _jurisdiction(doc_number: str, issuers: list[str], lexicon: Lexicon) -> str:
    for issuer in issuers:
        entry = lexicon.resolve_department(issuer, None)
        if entry and entry.jurisdiction:
            return entry.jurisdiction
    for issuer in issuers:
        if place := lexicon.division_named_first(issuer, None):
            return place
    if doc_number:
        first = doc_number[0]
        if doc_number.startswith(_NATIONAL_PREFIXES):
            return NATIONAL
        if first in _PROVINCE_ABBREVIATIONS:
            return _PROVINCE_ABBREVIATIONS[first]
    return ""


# Divisions' levels (``lexicon.DIVISION_LEVELS``) as the levels of the governments that issue documents.
_DOCUMENT_LEVELS = (DocumentLevel.PROVINCIAL, DocumentLevel.MUNICIPAL, DocumentLevel.COUNTY)


def _level(jurisdiction: str, lexicon: Lexicon) -> str:
    if not jurisdiction:
        return ""
    if jurisdiction == NATIONAL:
        return DocumentLevel.NATIONAL
    level = lexicon.region_level.get(jurisdiction)
    return _DOCUMENT_LEVELS[level] if level is not None else DocumentLevel.OTHER


def _kind(title: str, doc_number: str, clauses: list[ParsedClause], fields: dict[str, str]) -> str:
    if "解读" in title or "答记者问" in title:
        return DocumentKind.INTERPRETATION
    if re.search(r"实施意见|实施方案|实施细则|贯彻落实", title):
        return DocumentKind.IMPLEMENTING
    has_addressee = any(clause.kind == ClauseKind.ADDRESSEE for clause in clauses)
    if not doc_number and not has_addressee:
        return DocumentKind.NEWS
    # The preface, or a wrapped plan's own preface (the attachment's text before its parts).
    preface = " ".join(clause.text for clause in clauses if clause.kind in (ClauseKind.PREFACE, ClauseKind.ATTACHMENT))
    if re.search(shape.IMPLEMENTING_PURPOSE.pattern + r".{0,80}《[^》]+》", preface):
        return DocumentKind.IMPLEMENTING
    return DocumentKind.POLICY


def _apply_sidecar(metadata: Metadata, sidecar: dict) -> None:
    """Fill what the text left empty from checked sidecar values (``sidecar.validate_sidecar``)."""
    for name, value in sidecar.items():
        if name == "slug":
            metadata.slug = value  # the sidecar names the permalink; it wins
        elif not getattr(metadata, name):
            setattr(metadata, name, value)


def extract_metadata(*, header: list[str], clauses: list[ParsedClause], fields: dict[str, str],
                     sidecar: dict | None, lexicon: Lexicon, fallback_name: str,
                     field_lengths: Mapping[str, int] | None = None) -> Metadata:
    """``field_lengths`` bound the sidecar's values and the generated slug (see ``limits.Limits``)."""
    field_lengths = field_lengths or {}
    if sidecar:
        sidecar = validate_sidecar(sidecar, name=sidecar_path(Path(fallback_name)).name,
                                   field_lengths=field_lengths)
    metadata = Metadata()
    metadata.doc_number = find_doc_number(header)
    title, header_issuer = _title_from_header(header, lexicon)
    front_title = fields.get("front_matter.title", "")
    metadata.title = title or front_title
    signature_orgs, signed_on = _signature_parts(clauses)
    issuers = _joint_issuers(clauses, metadata.title) or signature_orgs
    if not issuers and header_issuer:
        issuers = [header_issuer]
    if not issuers:
        in_title = _issuer_in_title(metadata.title)
        # A body the gazetteer knows, or one named as a signature names it, after its place
        # (洛阳市人民政府办公室关于…: no gazetteer lists every city's general office).
        if in_title and (lexicon.resolve_department(in_title, None)
                         or (shape.is_org_line(in_title) and lexicon.division_named_first(in_title, None))):
            issuers = [in_title]
    metadata.issued_on = signed_on
    # Else the date a portal or a front matter gives: the date of signing (成文) before that of publishing.
    for key in ("portal.成文日期", "front_matter.date", "portal.发布日期"):
        if metadata.issued_on is None and key in fields:
            metadata.issued_on = _front_matter_date(fields[key])
    metadata.source_url = fields.get("source_url", "")
    metadata.source_name = fields.get("source_name", "") or fields.get("front_matter.author", "")
    metadata.extra = {key: value for key, value in fields.items()
                      if key in ("provenance", "pkulaw_code", "format")}
    if sidecar:
        # Issuers and title from the sidecar count only where the text had none.
        metadata.issuers = issuers
        _apply_sidecar(metadata, sidecar)
        issuers = metadata.issuers
    metadata.jurisdiction = metadata.jurisdiction or _jurisdiction(metadata.doc_number, issuers, lexicon)
    resolved, unknown = [], []
    for issuer in issuers:
        entry = lexicon.resolve_department(issuer, metadata.jurisdiction or None)
        if entry:
            if entry.name not in resolved:
                resolved.append(entry.name)
        elif issuer not in unknown:
            unknown.append(issuer)
    metadata.issuers = resolved + unknown
    metadata.unknown_issuers = unknown
    metadata.level = metadata.level or _level(metadata.jurisdiction, lexicon)
    metadata.kind = metadata.kind or _kind(metadata.title, metadata.doc_number, clauses, fields)
    if not metadata.title:
        metadata.title = header[0] if header else fallback_name
    metadata.slug = metadata.slug or slug_for(metadata.doc_number, metadata.title, fallback_name,
                                              max_length=field_lengths.get("slug"))
    return metadata
