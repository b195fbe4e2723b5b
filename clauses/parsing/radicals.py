"""Radical code points in place of ideographs (⼯业和信息化部 → 工业和信息化部).

A PDF's text comes from its fonts' ToUnicode maps. CJK fonts draw a radical
(⼯ U+2F2F, ⺠ U+2EA0) and the ideograph it looks like (工, 民) with one glyph,
and a writer that maps each glyph back to the lowest code point using it —
WPS, Word and Chromium exports all do — prints the radical. The reader sees
工业和信息化部; the text says ⼯业和信息化部, which no search, department
name or 文号 matches.

The Kangxi Radicals block (U+2F00–U+2FD5) is mapped by its NFKC
decomposition, applied to those characters only (NFKC over the whole text
would turn full-width punctuation half-width), except ⼾, whose NFKC form is
the traditional 戶 but which simplified-Chinese fonts draw as 户. The CJK
Radicals Supplement (U+2E80–U+2EF3) has no decomposition for most of its
characters; ``_SUPPLEMENT`` lists each radical Noto CJK SC (Source Han)
draws with the glyph of a unified ideograph, read from the font's cmap —
the same glyph sharing that puts the radical into a PDF.
"""

from __future__ import annotations

import re
import unicodedata

# Radical, ideograph drawn with the same glyph (Noto Serif/Sans CJK SC cmaps).
_SUPPLEMENT = (
    "⺂乛⺃乚⺅亻⺉刂⺋㔾⺎兀⺏尣⺐尢⺒巳⺓幺⺔彑⺕彐⺖忄⺘扌⺙攵⺛旡⺞歺⺟母⺠民⺡氵⺣灬⺤爫⺦丬⺨犭⺫罒⺭礻"
    "⺯糹⺰纟⺱罓⺲罒⺳㓁⺹耂⺺肀⺾艹⻁虎⻂衤⻃覀⻅见⻆角⻈讠⻉贝⻋车⻌辶⻐钅⻑長⻒镸⻓长⻔门⻖阝⻘青⻙韦⻚页"
    "⻛风⻜飞⻝食⻟飠⻠饣⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻮齿⻯竜⻰龙⻱龜⻲亀⻳龟"
)
_IDEOGRAPHS = {_SUPPLEMENT[index]: _SUPPLEMENT[index + 1] for index in range(0, len(_SUPPLEMENT), 2)}
_IDEOGRAPHS |= {chr(code): unicodedata.normalize("NFKC", chr(code)) for code in range(0x2F00, 0x2FD6)}
_IDEOGRAPHS["⼾"] = "户"
_RADICAL = re.compile("[" + "".join(sorted(_IDEOGRAPHS)) + "]")


def unify_radicals(text: str) -> str:
    """``text`` with each radical a font draws as an ideograph replaced by that ideograph."""
    return _RADICAL.sub(lambda match: _IDEOGRAPHS[match[0]], text)
