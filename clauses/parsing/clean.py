"""Stage 2: decoded text → paragraphs plus what the file says about itself.

Reads the decoded text. Removes control characters (text copied from a PDF
or a word processor may carry form feeds, escapes or C1 codes that no reader
sees and that break a citation's exact match) and maps radicals printed in
place of ideographs (``radicals.py``: ⼯业 → 工业), then what is not the
document — a provenance comment line, YAML front matter, 北大法宝 header lines, HTML page chrome,
a 责任编辑 line — and turns each into metadata. Returns ``CleanText``: the
lines (blank lines kept, they matter for page-break repair) and a dict of
metadata fields.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .html import html_to_text, looks_like_html
from .radicals import unify_radicals

# A URL in prose ends before trailing punctuation: "…content_5347465.htm, crawled".
_URL = re.compile(r"https?://[^\s)）>\"'，,；;]+(?<![.。])")
_FRONT_MATTER_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$")
# Lines some publishers add that are not part of the document.
_CHROME_LINES = [
    re.compile(r"^责任编辑[:：]"),
    re.compile(r"^(海量资讯|扫一扫|分享到|点击进入)"),
]
_INDENT = re.compile(r"^[\u3000\t ]+")
_SPACES = re.compile(r"[ \u00a0\u3000\u2002\u2003\u2009\u200b\t]+")
# C0 and C1 control characters and DEL; tab and newline carry layout and stay.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def strip_controls(text: str) -> str:
    """``text`` without control characters other than tab and newline."""
    return _CONTROLS.sub("", text)


@dataclass
class Line:
    """A cleaned source line; ``indented`` if the source indented it."""

    text: str
    indented: bool = False


@dataclass
class CleanText:
    lines: list[Line]
    fields: dict[str, str] = field(default_factory=dict)


def _split_front_matter(text: str, fields: dict[str, str]) -> str:
    stripped = text.lstrip("\n \t")
    if not stripped.startswith("---\n"):
        return text
    end = stripped.find("\n---", 4)
    if end == -1:
        return text
    for line in stripped[4:end].split("\n"):
        match = _FRONT_MATTER_KEY.match(line)
        if match and match[2].strip():
            fields[f"front_matter.{match[1]}"] = match[2].strip().strip("'\"")
    return stripped[end + 4:].split("\n", 1)[1] if "\n" in stripped[end + 4:] else ""


# A government portal's information table above the text, one or several fields a line:
# 索引号：…  主题分类：… / 成文日期：2023年03月02日 / 发布日期：… / 发文字号：…
PORTAL_KEYS = ("索引号", "发文机关", "发布机构", "成文日期", "发布日期", "主题分类", "发文字号", "文号", "标题",
               "主题词", "信息来源", "公开方式", "有效性")
_PORTAL_FIELD = re.compile(rf"({'|'.join(PORTAL_KEYS)})\s*[:：]\s*")


def _portal_fields(line: str) -> dict[str, str] | None:
    """The fields of a portal's information line, or None if the line is not one."""
    starts = list(_PORTAL_FIELD.finditer(line))
    if not starts or starts[0].start() != 0:
        return None
    values = {}
    for match, following in zip(starts, [*starts[1:], None]):
        value = line[match.end():following.start() if following else len(line)].strip()
        if value:
            values[match[1]] = value
    return values


def _take_header_lines(lines: list[str], fields: dict[str, str]) -> list[str]:
    """Provenance, 北大法宝 and government-portal header lines, wherever they sit near the top."""
    kept = []
    for index, line in enumerate(lines):
        bare = line.strip()
        portal = _portal_fields(bare) if index < 12 else None
        if portal is not None:
            fields.update({f"portal.{key}": value for key, value in portal.items()})
            continue
        if index == 0 and bare.startswith("# source:"):
            fields["provenance"] = bare[len("# source:"):].strip()
            url = _URL.search(bare)
            if url:
                fields.setdefault("source_url", url.group(0))
            continue
        if index < 12 and bare.startswith("【法宝引证码】"):
            fields["pkulaw_code"] = bare[len("【法宝引证码】"):].strip()
            continue
        if index < 12 and re.match(r"^原文链接[:：]", bare):
            url = _URL.search(bare)
            if url:
                fields["source_url"] = url.group(0)
            continue
        if index < 12 and re.match(r"^来源[:：]", bare):
            fields["source_name"] = re.sub(r"^来源[:：]\s*", "", bare)
            continue
        kept.append(line)
    return kept


def _normalise_line(raw: str) -> Line:
    indented = bool(_INDENT.match(raw))
    text = _SPACES.sub(" ", raw).strip()
    return Line(text=text, indented=indented)


def clean_text(text: str) -> CleanText:
    fields: dict[str, str] = {}
    # Radicals in place of ideographs come with text copied from a PDF as well as with a PDF itself.
    text = unify_radicals(strip_controls(text))
    text = _split_front_matter(text, fields)
    raw_lines = text.split("\n")
    raw_lines = _take_header_lines(raw_lines, fields)
    body = "\n".join(raw_lines)
    if looks_like_html(body):
        fields["format"] = "html"
        # The full-width indent inside <p> survives conversion, so the
        # paragraphs keep their ``indented`` flag.
        body = html_to_text(body)
    lines = []
    for raw in body.split("\n"):
        line = _normalise_line(raw)
        if any(pattern.match(line.text) for pattern in _CHROME_LINES):
            continue
        lines.append(line)
    while lines and not lines[0].text:
        lines.pop(0)
    while lines and not lines[-1].text:
        lines.pop()
    return CleanText(lines=lines, fields=fields)
