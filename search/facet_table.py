"""The facets of a clause search, defined once: one row per facet.

A facet's name is at once the request parameter (``?region=宜宾``), the
clause index's field (``search_indexes.ClauseIndex.region``), the key of its
counts on the page and in the JSON, and what a query types before the colon
(``region:宜宾``). The row adds what else a query may type there (its
aliases), the heading a page shows, and what its values are: how a typed
value becomes the indexed value(s), what to say when none is, and how an
indexed value is labelled. The query reader (``query``), the form
(``forms``), the selector (``selectors``) and the page (``presentation``) all
read this table; a new facet is a row here and a field in ``ClauseIndex``
(tests/search/test_facet_table.py checks the two agree).

Facets hold stable identifiers (canonical names, slugs, choice keys); labels
come from the database or the models' choices.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import models

from clauses.gazetteer import snapshot
from clauses.models import Document
from clauses.models.tag_kinds import tag_kind

from .words import to_simplified


@dataclass(frozen=True)
class GazetteerNames:
    """Canonical names of a tag kind's gazetteer entries; a typed alias or traditional form finds them.

    One typed name may mean several entries (经济和信息化厅 in two
    provinces): a filter matches any of them.
    """

    kind: str  # the tag kind's key (``clauses.models.tag_kinds``)
    noun: str = ""  # what an entry is called when none has the name; the tag kind's label if empty

    def canonical(self, value: str) -> list[str]:
        gazetteer = snapshot.current()
        return gazetteer.canonical_names(self.kind, value) or gazetteer.canonical_names(self.kind, to_simplified(value))

    def refusal(self, value: str) -> str:
        return f"没有名为“{value}”的{self.noun or tag_kind(self.kind).label}"

    def labels(self) -> dict[str, str]:
        return {}  # the canonical name is the label


@dataclass(frozen=True)
class DocumentSlugs:
    """A document's slug, shown as its title."""

    def canonical(self, value: str) -> list[str]:
        return [value] if Document.objects.filter(slug=value).exists() else []

    def refusal(self, value: str) -> str:
        return f"没有标识为“{value}”的文件"

    def labels(self) -> dict[str, str]:
        return dict(Document.objects.values_list("slug", "title"))


@dataclass(frozen=True)
class ChoiceKeys:
    """A model field's choice, typed as its key or its label, held and filtered as its key."""

    choices: type[models.TextChoices]
    noun: str  # what a choice is called when none matches: 文件层级

    def canonical(self, value: str) -> list[str]:
        return [key for key, label in self.choices.choices if value in (key, label)]

    def refusal(self, value: str) -> str:
        return f"没有“{value}”这一{self.noun}"

    def labels(self) -> dict[str, str]:
        return dict(self.choices.choices)


@dataclass(frozen=True)
class Years:
    """A year of issue, four ASCII digits."""

    def canonical(self, value: str) -> list[str]:
        # Not \d: it also takes ٢٠٢٢ and other scripts' digits.
        return [value] if re.fullmatch(r"[0-9]{4}", value) else []

    def refusal(self, value: str) -> str:
        return f"“{value}”不是年份"

    def labels(self) -> dict[str, str]:
        return {}


Values = GazetteerNames | DocumentSlugs | ChoiceKeys | Years


@dataclass(frozen=True)
class Facet:
    name: str  # the parameter, the index field, the counts' key, the filter's name in a query
    label: str  # its heading on the page and its chips: 责任部门
    aliases: tuple[str, ...]  # what else a query may type before the colon (matched lowercased): 部门:…
    values: Values  # what a value is: resolved, refused and labelled
    # Values roll up a hierarchy (the gazetteer snapshot's roll-ups): a clause tagged 宜宾 is counted, and
    # found, under 四川 too. Only the index applies it; this says which facets do.
    rolls_up: bool = False
    # Shown as a tree, each value under the nearest region above it with hits (regions only).
    tree: bool = False


FACET_TABLE = (
    Facet("department", tag_kind("department").tag_label, ("dept", "部门", "责任单位"),
          GazetteerNames("department")),
    Facet("lead", "牵头部门", ("牵头", "牵头部门", "牵头单位"), GazetteerNames("department", noun="牵头部门")),
    Facet("co", "配合部门", ("配合", "配合部门", "配合单位"), GazetteerNames("department", noun="配合部门")),
    Facet("region", tag_kind("region").tag_label, ("地区", "区域"), GazetteerNames("region"),
          rolls_up=True, tree=True),
    Facet("industry", tag_kind("industry").tag_label, ("产业", "行业"), GazetteerNames("industry"),
          rolls_up=True),
    Facet("document", "文件", ("doc", "文件"), DocumentSlugs()),
    Facet("level", "层级", ("层级", "级别"), ChoiceKeys(Document.Level, "文件层级")),
    Facet("kind", "类型", ("类型",), ChoiceKeys(Document.Kind, "文件类型")),
    Facet("year", "年份", ("年份", "年度"), Years()),
)
# The facets' names, in the order pages and the JSON list them.
FACETS = tuple(facet.name for facet in FACET_TABLE)
FACET_BY_NAME = {facet.name: facet for facet in FACET_TABLE}
# What a query may type before the colon (lowercased), and the facet it names.
FIELD_ALIASES = {alias.lower(): facet.name for facet in FACET_TABLE for alias in (facet.name, *facet.aliases)}
