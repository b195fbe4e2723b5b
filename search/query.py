"""Reading what an official types into the search box.

Syntax: words (all must match), "a phrase", OR between words, -exclusion,
and field filters (``region:宜宾``, ``牵头:省经济合作局``). Traditional
characters are folded to simplified first. Anything that cannot be read —
an unbalanced quote, parentheses, a lone AND — is searched as plain words,
with a note saying so. Never raises.

The result is a ``ParsedQuery``; ``to_whoosh()`` writes it as a Whoosh query
string in which every user word is quoted, so no input can inject syntax.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# The field filters (``region:宜宾``) are the facets (``facet_table``).
from .facet_table import FIELD_ALIASES
from .words import to_simplified
from .limits import MAX_QUERY_LENGTH, MAX_WORDS

# A quoted phrase, a filter with a quoted value (``region:"川南 经济区"``), or any other run.
_TOKEN = re.compile(r'-?"[^"]*"|-?[^\s"]+[:：]"[^"]*"|\S+')
_FIELD = re.compile(r"^(?P<field>[^:：\s\"]+)[:：](?P<value>.+)$")
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "&&", "||", "|"}
# Characters Whoosh's parser gives meaning to; inside a quoted term they are dropped.
_SYNTAX = re.compile(r"[\"'()\[\]{}^~*?:\\+]")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "「": '"', "」": '"', "＂": '"'})


@dataclass
class Clause:
    """One conjunct of the query: alternatives (OR) of words or phrases."""

    alternatives: list[tuple[str, str]]  # ("word" | "phrase", text)
    negated: bool = False

    def reaches_departments(self, kind: str) -> bool:
        """Does an alternative of this kind also find the clauses of the departments it names? A word
        does (发改委 → the NDRC's clauses); a phrase is exact text, and an exclusion excludes by text only."""
        return kind == "word" and not self.negated


@dataclass
class ParsedQuery:
    raw: str = ""
    clauses: list[Clause] = field(default_factory=list)
    filters: list[tuple[str, str]] = field(default_factory=list)
    # ``-region:宜宾``: clauses with this value are left out.
    excluded: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not any(not clause.negated for clause in self.clauses)

    def department_words(self) -> list[str]:
        """The words that may also reach the departments they name (``Clause.reaches_departments``)."""
        return [text for clause in self.clauses for kind, text in clause.alternatives
                if clause.reaches_departments(kind)]

    def positive_texts(self) -> list[str]:
        return [text for clause in self.clauses if not clause.negated for _, text in clause.alternatives]


def _clean(text: str) -> str:
    """Drop control characters and fold widths; keep everything a reader can see."""
    text = "".join(char if unicodedata.category(char)[0] != "C" else " " for char in text)
    return unicodedata.normalize("NFKC", text).translate(_QUOTES)


def _bare(text: str) -> str:
    return _SYNTAX.sub(" ", text).strip()


def parse_query(raw: str) -> ParsedQuery:
    query = ParsedQuery(raw=raw)
    text = _clean(raw or "")
    if len(text) > MAX_QUERY_LENGTH:
        text = text[:MAX_QUERY_LENGTH]
        query.notes.append(f"检索词过长，只使用了前 {MAX_QUERY_LENGTH} 个字符。")
    text = to_simplified(text).strip()
    if text in ("", "*"):
        return query

    plain = False
    if text.count('"') % 2:
        query.notes.append("引号不成对，已按普通词语检索。")
        text, plain = text.replace('"', " "), True
    if re.search(r"[()（）]", text):
        query.notes.append("不支持括号分组，已按普通词语检索。")
        text, plain = re.sub(r"[()（）]", " ", text), True

    pending_or = False
    for token in _TOKEN.findall(text):
        negated = token.startswith("-") and len(token) > 1 and not plain
        body = token[1:] if negated else token
        if body.upper() in _OPERATORS:
            if body.upper() in ("OR", "||", "|") and query.clauses and not plain:
                pending_or = True
            else:
                query.notes.append(f"“{body}”作为运算符只支持 OR 和 -排除，已忽略。")
            continue
        if body.startswith('"') and body.endswith('"') and len(body) >= 2:
            part = ("phrase", _bare(body[1:-1]))
        else:
            found = _field_filter(body)
            if found:
                (query.excluded if negated else query.filters).append(found)
                continue
            part = ("word", _bare(body))
        if not part[1]:
            continue
        if pending_or and query.clauses and not negated and not query.clauses[-1].negated:
            query.clauses[-1].alternatives.append(part)
        else:
            query.clauses.append(Clause([part], negated=negated))
        pending_or = False
    if pending_or:
        query.notes.append("OR 后面缺少词语，已忽略。")
    if len(query.clauses) > MAX_WORDS:
        del query.clauses[MAX_WORDS:]
        query.notes.append(f"词语过多，只使用了前 {MAX_WORDS} 个。")
    return query


def _field_filter(body: str) -> tuple[str, str] | None:
    """``region:宜宾``, ``地区:"宜宾"`` → ("region", "宜宾"); None if ``body`` is not a filter."""
    match = _FIELD.match(body)
    name = FIELD_ALIASES.get(match["field"].lower()) if match else None
    value = match["value"].strip().strip('"').strip() if name else ""
    return (name, value) if value else None


def without_exclusion(text: str, excluded: tuple[str, str]) -> str:
    """The search box's text with the exclusion ``excluded`` (as ``ParsedQuery.excluded`` has it) taken out."""
    tokens = _TOKEN.findall(to_simplified(_clean(text or "")))
    return " ".join(token for token in tokens if not (token.startswith("-") and _field_filter(token[1:]) == excluded))


def _whoosh_term(kind: str, text: str) -> str:
    quote = '"' if kind == "phrase" else "'"
    return f"{quote}{text}{quote}"


def to_whoosh(query: ParsedQuery, expand, responsible=None, weights=None, fields=None) -> str:
    """The query as a Whoosh query string. ``expand(word)`` gives its synonyms.

    ``responsible(word)``, if given, names the departments a word can mean: a
    word that is not negated then also matches the clauses they are
    responsible for, in the fields of ``fields`` ({"lead": …, "co": …}) with
    the boosts of ``weights`` (the same keys).
    """
    parts = []
    for clause in query.clauses:
        alternatives: list[str] = []
        for kind, text in clause.alternatives:
            forms = [text, *expand(text)] if kind == "word" else [text]
            for form in forms:
                term = _whoosh_term(kind, _bare(form))
                if term not in alternatives:
                    alternatives.append(term)
            if responsible and clause.reaches_departments(kind):
                for name in responsible(text):
                    name = name.replace('"', "")
                    alternatives += [f'{fields[role]}:"{name}"^{weights[role]}' for role in ("lead", "co")]
        group = alternatives[0] if len(alternatives) == 1 else "(" + " OR ".join(alternatives) + ")"
        parts.append(f"NOT {group}" if clause.negated else group)
    if query.is_empty:
        parts.insert(0, "*")
    return " ".join(parts)
