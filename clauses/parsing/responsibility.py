"""Who is responsible for a clause, as its responsibility brackets and duty lines say.

Reads a clause's text; returns ``(raw name, role)`` pairs. The forms in the
corpus:

- ``〔责任单位:A、B,各市(州)人民政府。列首位的为牵头部门…下同〕`` — any
  bracket width, half- or full-width colon;
- ``（A负责）``, ``（A、B等负责）``, ``（A会同有关部门负责）``, ``（A牵头负责）``;
- ``（A会同B、C负责）``: A leads, B and C are co-responsible;
- ``（A牵头，B、C按职责分工配合）``, ``（A牵头，B、C参与）`` and ``…按职责分工负责``;
- ``（A、B按职责分工负责）`` / ``（A、B分别负责）``: all responsible, none leads;
- ``（各县（市、区）人民政府负责）`` / ``（各市（州）人民政府落实）``: the implementing tier;
- ``（税务总局、财政部、海关总署负责，排在第一位的部门为牵头部门，下同）``;
- labelled lists: ``（牵头单位：A；责任单位：B、C）``, ``（牵头单位：A；配合单位：B）``,
  ``牵头部门：A 参与部门：B、C`` — 牵头 leads, 配合/参与/协办 are co-responsible,
  and 责任单位 beside a 牵头单位 are co-responsible too;
- the same lists as paragraphs of their own after an item (duty lines), one
  line or one line per label.

A note such as 列首位的为牵头部门 or 排在第一位的部门为牵头部门 makes the
first name of this list and of every later list the lead; without it a
single responsible body leads and several share the responsibility.
``各市(州)人民政府`` and the like are the implementing tier. A note that
every item needs 各市(州)人民政府 (各项工作均需…落实) makes that tier
implementing for every later clause too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .types import Role

_OPENERS = "（(〔［[【"
_CLOSERS = "）)〕］]】"
_LEAD_FIRST_NOTE = re.compile(r"(列首位|列第一位|排在第一位|排在首位|排第一位|排名第一)(的|者)?(部门|单位)?为牵头")
# Parts of a list that state rules rather than name bodies.
_NOTE = re.compile(r"为牵头|下同|以下不再列出|其余部门|各项工作均需")
_ALL_ITEMS_TIER = re.compile(r"各项工作均需(?P<tier>.+?)落实")
_TIER = re.compile(r"^(各|相关|有关)?(省级|设区市|市|县|市（州）|市\(州\)|市、县|地|州)(（[^）]*）|[^、])*?(人民政府|政府)$")
_NON_NAMES = re.compile(r"^(有关部门|有关单位|相关部门|相关单位|其余部门|其他部门)$")
# 商务部等有关部门 → 商务部: the others are not named, so not tagged.
_ET_CETERA = re.compile(r"等(有关|相关)?(部门|单位)?$")
# The labels of a labelled list: （牵头单位：A；配合单位：B、C）, 牵头部门：A 参与部门：B.
_LEAD_LABELS = ("牵头", "主办")
_CO_LABELS = ("配合", "参与", "协办", "协助", "协同", "参加")
_DUTY_LABEL = rf"(?P<label>{'|'.join(_LEAD_LABELS + _CO_LABELS)}|责任)(单位|部门)"
_LABEL = re.compile(_DUTY_LABEL + r"\s*[:：]\s*")
# The same labels as a task table's column headers (tasktables.py): 牵头单位 | 配合部门.
DUTY_HEADER = re.compile(f"^{_DUTY_LABEL}$")
_VERB_TAIL = re.compile(r"(按职责分工|按照职责分工|按职责|分别)?(牵头负责|牵头|配合|参与|负责|落实)$")


@dataclass
class ResponsibilityContext:
    """Rules a document states once and applies to every later list (下同)."""

    lead_first: bool = False
    standing_tier: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Bracket:
    start: int
    end: int
    content: str


def _brackets(text: str) -> list[Bracket]:
    """Top-level bracketed groups, nesting respected: 〔…各市(州)人民政府…〕."""
    groups: list[Bracket] = []
    depth, start = 0, -1
    for index, char in enumerate(text):
        if char in _OPENERS:
            if depth == 0:
                start = index
            depth += 1
        elif char in _CLOSERS and depth:
            depth -= 1
            if depth == 0:
                groups.append(Bracket(start, index + 1, text[start + 1:index]))
    return groups


def _is_responsibility(content: str) -> bool:
    if _LABEL.match(content):
        return True
    # Some part must end in a role word; a note may follow it:
    # （A、B等负责。列第一位者为牵头单位，下同）
    parts = re.split(r"[，,。；;]", content)
    # 落实 only after the implementing tier: （各市（州）人民政府落实）.
    if len(content) > 200 or not any(re.search(r"(负责|牵头|配合)$", part.strip()) or _LEAD_MARK.search(part.strip())
                                     or (part.strip().endswith("落实") and _is_tier(part.strip()[:-2]))
                                     for part in parts):
        return False
    return "以下简称" not in content


# 省发展改革委（牵头）: the lead marked after its name, in a list of others.
_LEAD_MARK = re.compile(r"[（(]牵头[）)]$")


def _names(segment: str) -> list[str]:
    segment = _ET_CETERA.sub("", segment.strip())
    names = []
    # 、 inside a parenthesis is part of a name: 各县（市、区）人民政府.
    for name in re.split(r"、(?![^（(]*[）)])", segment):
        name = _ET_CETERA.sub("", name.strip(" \u3000，,。;；"))
        if name and not _NON_NAMES.match(name):
            names.append(name)
    return names


def _is_tier(name: str) -> bool:
    return bool(_TIER.match(name.replace("(", "（").replace(")", "）")))


def _labelled(content: str) -> list[tuple[str | None, str]]:
    """``牵头单位：A；配合单位：B、C`` → [(牵头, "A；"), (配合, "B、C")].

    Text before the first label comes with ``None``; 责任单位 gives 责任,
    whose names take their roles from the rules like an unlabelled list.
    """
    pieces: list[tuple[str | None, str]] = []
    position, label = 0, None
    for match in _LABEL.finditer(content):
        if match.start() > position or label is not None:
            pieces.append((label, content[position:match.start()]))
        position, label = match.end(), match["label"]
    pieces.append((label, content[position:]))
    return [(label, text) for label, text in pieces if label is not None or text.strip()]


def parse_list(content: str, context: ResponsibilityContext) -> list[tuple[str, str]]:
    """Names and roles in one bracket's content (without the brackets)."""
    labelled: list[tuple[str, str]] = []
    unlabelled: list[str] = []
    for label, text in _labelled(content.strip()):
        if label in _LEAD_LABELS or label in _CO_LABELS:
            # A note may follow the names: 配合单位：B、C。列第一位的为牵头单位.
            text, _, note = text.partition("。")
            unlabelled.append(note)
            for name in _names(text.replace("，", "、").replace(",", "、")):
                if _is_tier(name):
                    labelled.append((name, Role.IMPLEMENTING))
                else:
                    labelled.append((name, Role.LEAD if label in _LEAD_LABELS else Role.CO_RESPONSIBLE))
        else:
            unlabelled.append(text)
    return labelled + _parse_unlabelled("；".join(part.strip(" \u3000；;") for part in unlabelled), context,
                                        has_lead=any(role == Role.LEAD for _, role in labelled))


def _parse_unlabelled(body: str, context: ResponsibilityContext, *, has_lead: bool) -> list[tuple[str, str]]:
    """Names and roles of a list whose roles are said by verbs (牵头, 配合) or by the rules."""
    if _LEAD_FIRST_NOTE.search(body):
        context.lead_first = True
    standing = _ALL_ITEMS_TIER.search(body)
    if standing:
        context.standing_tier = [name for name in _names(standing["tier"]) if _is_tier(name)]

    result: list[tuple[str, str]] = []
    plain: list[str] = []  # names with no role word: roles decided by the rules
    sentences = re.split(r"[。；;]", body)
    for sentence in sentences:
        for segment in re.split(r"[，,]", sentence):
            segment = segment.strip()
            if not segment or _NOTE.search(segment):
                continue
            led_with_others = re.match(r"^(?P<names>.+?)会同(?P<others>.*?)(共同)?负责$", segment)
            verb = _VERB_TAIL.search(segment)
            if led_with_others:
                result += [(name, Role.LEAD) for name in _names(led_with_others["names"])]
                others = re.sub(r"(按职责分工|按照职责分工|按职责|分别)$", "", led_with_others["others"])
                result += [(name, Role.CO_RESPONSIBLE) for name in _names(others)
                           if not name.startswith(("有关", "相关", "其他"))]
                continue
            if verb:
                names = _names(segment[: verb.start()])
                word = verb.group(2)
                if word in ("牵头", "牵头负责"):
                    result += [(name, Role.LEAD) for name in names]
                elif word in ("配合", "参与") or verb.group(1):
                    result += [(name, Role.CO_RESPONSIBLE) for name in names]
                else:
                    plain += names
                continue
            plain += _names(segment)

    marked = [name for name in plain if _LEAD_MARK.search(name)]
    result += [(_LEAD_MARK.sub("", name), Role.LEAD) for name in marked]
    plain = [name for name in plain if name not in marked]
    bodies = [name for name in plain if not _is_tier(name)]
    tiers = [name for name in plain if _is_tier(name)]
    has_lead = has_lead or any(role == Role.LEAD for _, role in result)
    for position, name in enumerate(bodies):
        if has_lead:
            role = Role.CO_RESPONSIBLE
        elif context.lead_first or len(bodies) == 1:
            role = Role.LEAD if position == 0 else Role.CO_RESPONSIBLE
        else:
            role = Role.CO_RESPONSIBLE
        result.append((name, role))
    result += [(name, Role.IMPLEMENTING) for name in tiers]
    return result


def states_responsibility(text: str) -> bool:
    """Does ``text`` say who is responsible for it: a bracketed list, or a duty line of its own?"""
    return (any(_is_responsibility(bracket.content) for bracket in _brackets(text))
            or any(is_duty_line(line) for line in text.split("\n")[1:]))


def is_duty_line(line: str) -> bool:
    """A paragraph that only says who is responsible: ``牵头单位：A；配合单位：B``, ``（责任单位：A）``.

    The structure stage gives such a line to the item it closes, not to a sub-item.
    """
    line = line.strip()
    if _LABEL.match(line):
        return True
    groups = _brackets(line)
    return len(groups) == 1 and groups[0].start == 0 and groups[0].end == len(line) \
        and _is_responsibility(groups[0].content)


def _duty_lines(text: str) -> list[Bracket]:
    """Runs of unbracketed duty lines (牵头单位：A / 配合单位：B on two lines read as one list)."""
    runs: list[Bracket] = []
    offset = 0
    for line in text.split("\n"):
        start, end = offset, offset + len(line)
        offset = end + 1
        if not _LABEL.match(line.strip()):
            continue
        if runs and runs[-1].end + 1 == start:
            runs[-1] = Bracket(runs[-1].start, end, f"{runs[-1].content}；{line.strip()}")
        else:
            runs.append(Bracket(start, end, line.strip()))
    return runs


def find_responsibilities(text: str, context: ResponsibilityContext) -> list[tuple[str, str, Bracket]]:
    """Every responsibility bracket and duty line in ``text``, parsed; the context is updated."""
    if _LEAD_FIRST_NOTE.search(text):
        # The rule may be stated outside any list: 各项任务列第一位的为牵头单位，其他为配合单位。
        context.lead_first = True
    found = []
    lines = _duty_lines(text)
    brackets = [bracket for bracket in _brackets(text)
                if not any(line.start <= bracket.start < line.end for line in lines)]
    for bracket in sorted(brackets + lines, key=lambda group: group.start):
        if not _is_responsibility(bracket.content):
            continue
        for name, role in parse_list(bracket.content, context):
            found.append((name, role, bracket))
    if found:
        listed = {name for name, _, _ in found}
        for tier in context.standing_tier:
            if tier not in listed:
                found.append((tier, Role.IMPLEMENTING, found[0][2]))
    return found


_LIST_JOINERS = re.compile(r"^[、和及与]$")


def body_leads(text: str, department_spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Department spans the body text makes lead: 经济和信息化厅、省经济合作局牵头….

    ``department_spans`` are the (start, end) of department names found in
    ``text``; a run of them joined by 、/和 and followed by 牵头 leads.
    """
    leads: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []
    for span in sorted(department_spans):
        if run and _LIST_JOINERS.match(text[run[-1][1]:span[0]] or "x"):
            run.append(span)
        else:
            run = [span]
        after = text[span[1]: span[1] + 2]
        if after.startswith("牵头"):
            leads += run
            run = []
    return leads
