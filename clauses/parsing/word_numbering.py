"""Word's automatic numbering, rendered as printed: the label Word draws before a paragraph.

A paragraph numbered from ``numbering.xml`` has no label in its text; Word
computes it. This module does the same from the numbering and styles parts
(ECMA-376 Part 1, 17.9), so a plan numbered 一、/（一）/1. by Word reads as one
typed by hand:

- a paragraph's ``numPr`` (or its style's, through ``basedOn``) names a
  ``w:num`` and a level; ``numId`` 0 switches numbering off;
- a ``w:num`` points at a ``w:abstractNum`` (through ``numStyleLink`` when it
  is a list style) and may override a level's start (``startOverride``) or
  the whole level (``lvl``);
- the running count belongs to the abstract definition, not to the ``w:num``:
  several ``w:num`` sharing one definition continue one list, as Word does,
  and a ``startOverride`` restarts it where its ``w:num`` is first used;
- using a level restarts the deeper ones (``lvlRestart`` can say otherwise;
  0 means never);
- ``lvlText`` such as ``%1、`` / ``（%2）`` / ``%1.%2`` takes each level's
  current number in that level's ``numFmt`` (decimal with ``isLgl``).

Formats beyond a format's range (⑳ is the last circled number, 癸 the last
heavenly stem) fall back to decimal, as no Chinese document numbers that far.
"""

from __future__ import annotations

from dataclasses import dataclass

from .numerals import int_to_chinese

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "".join(chr(code) for code in range(0x2460, 0x2474))  # ① … ⑳
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def _roman(number: int) -> str:
    text = ""
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        text += letters * count
    return text


def _letter(number: int) -> str:
    """1 → A, 26 → Z, 27 → AA, 28 → BB: Word repeats the letter past Z."""
    return chr(ord("A") + (number - 1) % 26) * ((number - 1) // 26 + 1)


def format_number(number: int, number_format: str) -> str:
    """``number`` in an OOXML ``numFmt``; an unknown format or one out of its range is decimal."""
    if number_format in ("bullet", "none"):
        return ""
    if number < 1:
        return str(number)
    if number_format in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting",
                         "taiwaneseCountingThousand") and number < 10000:
        return int_to_chinese(number)
    if number_format in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(ord(digit) - ord("0") + ord("０")) for digit in str(number))
    if number_format in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and number <= len(_CIRCLED):
        return _CIRCLED[number - 1]
    if number_format == "ideographTraditional" and number <= len(_HEAVENLY_STEMS):
        return _HEAVENLY_STEMS[number - 1]
    if number_format == "ideographZodiac" and number <= len(_EARTHLY_BRANCHES):
        return _EARTHLY_BRANCHES[number - 1]
    if number_format in ("upperLetter", "lowerLetter"):
        letters = _letter(number)
        return letters if number_format == "upperLetter" else letters.lower()
    if number_format in ("upperRoman", "lowerRoman"):
        roman = _roman(number)
        return roman if number_format == "upperRoman" else roman.lower()
    if number_format == "decimalZero" and number < 10:
        return f"0{number}"
    return str(number)


@dataclass(frozen=True)
class Level:
    start: int = 1
    number_format: str = "decimal"
    text: str = ""
    restart: int | None = None  # lvlRestart: one-based level whose use restarts this one; 0 never
    legal: bool = False  # isLgl: every level's number in decimal
    suffix: str = "tab"  # what Word puts after the label: tab, space or nothing
    style: str | None = None  # the paragraph style bound to this level (pStyle)


def _value(element, path: str) -> str | None:
    found = element.find(path)
    return None if found is None else found.get(f"{W}val")


def _int(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


def _level(lvl) -> Level:
    legal = lvl.find(f"{W}isLgl")
    # An omitted start is 0 (ECMA-376 17.9.25); Word and WPS always write one.
    return Level(start=_int(_value(lvl, f"{W}start")) or 0,
                 number_format=_value(lvl, f"{W}numFmt") or "decimal",
                 text=_value(lvl, f"{W}lvlText") or "",
                 restart=_int(_value(lvl, f"{W}lvlRestart")),
                 legal=legal is not None and legal.get(f"{W}val") not in ("0", "false", "off"),
                 suffix=_value(lvl, f"{W}suff") or "tab",
                 style=_value(lvl, f"{W}pStyle"))


def _levels(parent) -> dict[int, Level]:
    return {_int(lvl.get(f"{W}ilvl")) or 0: _level(lvl) for lvl in parent.findall(f"{W}lvl")}


@dataclass(frozen=True)
class _Num:
    abstract: str
    starts: dict[int, int]  # level → startOverride
    levels: dict[int, Level]  # level → a whole level redefined for this num


@dataclass(frozen=True)
class _Style:
    based_on: str | None
    num_id: str | None
    level: int | None


class NumberingLabels:
    """The labels of a document's numbered paragraphs, computed in reading order.

    ``label`` must see every body paragraph once, in order: the counters
    advance as Word's do.
    """

    def __init__(self, numbering, styles) -> None:
        """``numbering`` and ``styles``: the root elements of those parts, or None when absent."""
        self._styles: dict[str, _Style] = {}
        self._default_style: str | None = None
        if styles is not None:
            for style in styles.findall(f"{W}style"):
                if style.get(f"{W}type") != "paragraph":
                    continue
                style_id = style.get(f"{W}styleId") or ""
                if style.get(f"{W}default") in ("1", "true", "on"):
                    self._default_style = style_id
                self._styles[style_id] = _Style(based_on=_value(style, f"{W}basedOn"),
                                                num_id=_value(style, f"{W}pPr/{W}numPr/{W}numId"),
                                                level=_int(_value(style, f"{W}pPr/{W}numPr/{W}ilvl")))
        self._abstracts: dict[str, dict[int, Level]] = {}
        self._links: dict[str, str] = {}  # abstract id → the list style it takes its levels from
        self._nums: dict[str, _Num] = {}
        if numbering is not None:
            for abstract in numbering.findall(f"{W}abstractNum"):
                abstract_id = abstract.get(f"{W}abstractNumId") or ""
                self._abstracts[abstract_id] = _levels(abstract)
                link = _value(abstract, f"{W}numStyleLink")
                if link:
                    self._links[abstract_id] = link
            for num in numbering.findall(f"{W}num"):
                overrides = num.findall(f"{W}lvlOverride")
                self._nums[num.get(f"{W}numId") or ""] = _Num(
                    abstract=_value(num, f"{W}abstractNumId") or "",
                    starts={_int(override.get(f"{W}ilvl")) or 0: start for override in overrides
                            if (start := _int(_value(override, f"{W}startOverride"))) is not None},
                    levels={level: definition for override in overrides
                            for level, definition in _levels(override).items()})
        self._counters: dict[str, dict[int, int]] = {}
        self._overridden: set[tuple[str, int]] = set()

    def _style_chain(self, style_id: str | None):
        seen = set()
        while style_id and style_id in self._styles and style_id not in seen:
            seen.add(style_id)
            yield style_id, self._styles[style_id]
            style_id = self._styles[style_id].based_on

    def _abstract(self, num: _Num) -> str:
        """The abstract definition holding the levels: through a list style's link if it has one."""
        abstract, seen = num.abstract, set()
        while abstract in self._links and abstract not in seen:
            seen.add(abstract)
            style_num = next((style.num_id for _, style in self._style_chain(self._links[abstract])
                              if style.num_id), None)
            if style_num not in self._nums:
                break
            abstract = self._nums[style_num].abstract
        return abstract

    def _numbering_of(self, paragraph) -> tuple[str, int] | None:
        """The paragraph's num id and level, from its own properties or its style's."""
        num_id = _value(paragraph, f"{W}pPr/{W}numPr/{W}numId")
        level = _int(_value(paragraph, f"{W}pPr/{W}numPr/{W}ilvl"))
        style_id = _value(paragraph, f"{W}pPr/{W}pStyle") or self._default_style
        for _, style in self._style_chain(style_id):
            if num_id is None and style.num_id is not None:
                num_id = style.num_id
                if level is None:
                    level = style.level
        if num_id is None or num_id == "0" or num_id not in self._nums:
            return None
        if level is None:
            levels = self._abstracts.get(self._abstract(self._nums[num_id]), {})
            level = next((index for index, definition in levels.items()
                          if definition.style and definition.style == style_id), 0)
        return num_id, level

    def _definition(self, num: _Num, level: int) -> Level:
        if level in num.levels:
            return num.levels[level]
        return self._abstracts.get(self._abstract(num), {}).get(level, Level())

    def label(self, paragraph) -> tuple[str, str]:
        """The label Word prints before ``paragraph`` (a ``w:p``) and what follows it, or ("", "")."""
        numbering = self._numbering_of(paragraph)
        if numbering is None:
            return "", ""
        num_id, level = numbering
        num = self._nums[num_id]
        counters = self._counters.setdefault(self._abstract(num), {})
        if level in num.starts and (num_id, level) not in self._overridden:
            self._overridden.add((num_id, level))
            counters[level] = num.starts[level] - 1
        definition = self._definition(num, level)
        counters[level] = counters[level] + 1 if level in counters else definition.start
        for deeper in [index for index in counters if index > level]:
            restart = self._definition(num, deeper).restart
            if restart is None or (restart != 0 and level < restart):
                del counters[deeper]
        if definition.number_format == "bullet":
            return "", ""
        text = definition.text
        for index in range(8, -1, -1):  # levels 0–8 print as %1–%9
            placeholder = f"%{index + 1}"
            if placeholder not in text:
                continue
            shown = self._definition(num, index)
            value = counters.get(index, shown.start)
            text = text.replace(placeholder, format_number(
                value, "decimal" if definition.legal and shown.number_format != "none" else shown.number_format))
        # A tab or space after 一、, （一） or ① is layout, not text: typed text has none there.
        # After an ASCII label (1. / a)) it keeps 1.2025年 from reading as a decimal.
        spaced = definition.suffix != "nothing" and text and text[-1].isascii()
        return text, " " if spaced else ""
