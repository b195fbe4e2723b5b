"""Stage 4: split a bilingual file into the Chinese document and translations.

Reads paragraphs. Seed 004 carries a Korean translation before the Chinese
original; the Chinese is the document and the Korean becomes translations
of its clauses. A paragraph is Korean when Hangul makes up a fair share of
its letters. Returns the Chinese paragraphs and a dict language → paragraphs.
"""

from __future__ import annotations

import re

from .types import Block

_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def language_of(text: str) -> str:
    hangul = len(_HANGUL.findall(text))
    han = len(_HAN.findall(text))
    if hangul and hangul >= han:
        return "ko"
    return "zh"


def split_languages(blocks: list[Block]) -> tuple[list[Block], dict[str, list[Block]]]:
    chinese: list[Block] = []
    others: dict[str, list[Block]] = {}
    for block in blocks:
        language = language_of(block.text)
        if language == "zh":
            chinese.append(block)
        else:
            others.setdefault(language, []).append(block)
    return chinese, others
