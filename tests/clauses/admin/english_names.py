"""The oracle of the admin-language test: what of a page an editor reads, and our models' English names in it.

The forbidden names are derived from the models' and fields' *Python* names —
what Django would show had no verbose_name been given ("ClauseDepartment" →
"clause department", "clause departments"; ``matched_text`` → "matched text")
— never from the verbose names the code sets, so the oracle does not reuse
the code under test.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from django.apps import apps
from django.utils import translation

# Tokens editors use as they are (hashes, database ids, the permalink's 标识 "slug"): not translated.
TECHNICAL_TOKENS = {"sha256", "id", "slug"}
OUR_APPS = ("clauses", "search")
OBJECT_LABEL = re.compile(r"\b[A-Z]\w* object \(\d+\)")

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Data, not labels: what the user typed or the texts say (a document's JSON metadata keys, a select's options).
_DATA = {"textarea", "option", "code", "pre"}
_UNREAD = {"script", "style", "template"}


def _words(python_name: str) -> str:
    return " ".join(re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+", python_name)).lower()


def forbidden_names() -> set[str]:
    """Every English name Django would make of our models and their fields, as editors would read it."""
    names: set[str] = set()
    for label in OUR_APPS:
        for model in apps.get_app_config(label).get_models():
            singular = _words(model.__name__)
            names |= {singular, singular + "s"}
            for field in model._meta.get_fields(include_hidden=False):
                if field.concrete or field.many_to_many and not field.auto_created:
                    names.add(field.name.replace("_", " "))
    return {name for name in names if name not in TECHNICAL_TOKENS} | _third_party_english()


def _third_party_english() -> set[str]:
    """What django-axes calls its app, models and fields in English: its own source strings, read with
    translation off, and the names Django makes of its methods' columns."""
    names = {"axes", "status", "expiration"}
    with translation.override(None):
        for model in apps.get_app_config("axes").get_models():
            names |= {str(model._meta.verbose_name).lower(), str(model._meta.verbose_name_plural).lower()}
            names |= {str(field.verbose_name).lower() for field in model._meta.get_fields() if field.concrete}
    # The header's own name, which the Chinese label keeps (HTTP Accept 请求头).
    return names - {"id", "http accept"}


class _PageText(HTMLParser):
    """The page's visible text, split into labels (chrome, headings, messages) and data (typed or stored values)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.labels: list[str] = []
        self.everything: list[str] = []
        self._stack: list[tuple[str, bool]] = []  # (tag, whether its text is data or unread)

    def _inside(self, kinds) -> bool:
        return any(tag in kinds for tag, _ in self._stack)

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            return
        classes = (dict(attrs).get("class") or "").split()
        if "visually-hidden" in classes:
            # Screen-reader text: Django's index headers, checked apart (test_what_a_screen_reader_reads…).
            self._stack.append((tag, True))
            return
        self._stack.append((tag, tag in _DATA or "readonly" in classes))

    def handle_endtag(self, tag):
        for depth in range(len(self._stack) - 1, -1, -1):
            if self._stack[depth][0] == tag:
                del self._stack[depth:]
                return

    def handle_data(self, data):
        if not data.strip() or self._inside(_UNREAD):
            return
        self.everything.append(data)
        if not any(is_data for _, is_data in self._stack):
            self.labels.append(data)


def english_on_page(html: str, names: set[str]) -> list[str]:
    """Our English model or field names in the page's labels, and any "Model object (N)" anywhere."""
    page = _PageText()
    page.feed(html)
    labels, everything = " ".join(page.labels), " ".join(page.everything)
    found = [f"object label {match!r}" for match in OBJECT_LABEL.findall(everything)]
    for name in sorted(names):
        pattern = r"(?<![A-Za-z0-9_])" + r"\s+".join(map(re.escape, name.split())) + r"(?![A-Za-z0-9_])"
        for match in re.finditer(pattern, labels, flags=re.IGNORECASE):
            start = max(match.start() - 30, 0)
            found.append(f"{name!r} in …{labels[start:match.end() + 30]!r}…")
    return found
