"""Stage 5b: attach translated paragraphs to the clauses they translate.

Reads the Chinese clauses and the paragraphs of each other language. The
translation is structured with its own numbering scheme (Korean 1. / (1))
and each translated clause goes to the Chinese clause with the same key —
the same part and item number. Returns warnings for what found no partner.
"""

from __future__ import annotations

from .markers import KOREAN, Scheme
from .structure import build_layout
from .types import Block, ParsedClause

_SCHEMES: dict[str, Scheme] = {"ko": KOREAN}


def attach_translations(clauses: list[ParsedClause], translations: dict[str, list[Block]]) -> list[str]:
    warnings: list[str] = []
    by_key = {clause.key: clause for clause in clauses}
    for language, blocks in translations.items():
        scheme = _SCHEMES.get(language)
        if scheme is None:
            warnings.append(f"语言代码为 {language} 的 {len(blocks)} 段文字未收录：没有该语言的编号规则")
            continue
        layout = build_layout(blocks, scheme=scheme)
        for translated in layout.clauses:
            original = by_key.get(translated.key)
            if original is None:
                warnings.append(f"译文（{language}）条款 {translated.key} 没有对应的中文条款")
                continue
            text = translated.full_text
            original.translations[language] = f"{translated.label} {text}".strip()
    return warnings
