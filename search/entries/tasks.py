"""A department's tasks: the current clauses it is responsible for, by role, read from the database.

Listed as a 任务分工表 is read: documents newest first, and within each its
lead clauses before the others, then in reading order. The index cannot give
that order (it sorts on one field), nor tell two bodies of one name apart,
so this reads ``ClauseDepartment`` rows; ``facet_filters`` makes its filters
mean what the search's do, and the tests hold its counts to the facets'.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db.models import Case, Count, F, IntegerField, QuerySet, Value, When

from clauses.models import Clause, ClauseDepartment, Department, Document
from clauses.parsing.types import Role
from clauses.permalinks import clause_url

# The roles that make a clause a department's task, strongest first (``Role.is_responsible``).
TASK_ROLES = tuple(role for role in Role if role.is_responsible)
ROLE_LABELS = dict(ClauseDepartment.Role.choices)
ROLE_SHORT = ClauseDepartment.ROLE_SHORT_LABELS
_EXCERPT_LENGTH = 60


@dataclass
class TaskRow:
    """One clause on a department's (or a document's) list, as pages, JSON and exports show it."""

    document: dict  # slug, title, doc_number, issued_on (ISO or None), kind
    clause: dict  # key, label, number, heading, part_label
    role: str  # this department's role ("" on a document's own table)
    excerpt: str
    text: str
    departments: list[dict]  # every responsible department: name, slug, role — strongest role first
    permalink: str

    def named(self, role: Role) -> list[str]:
        return [item["name"] for item in self.departments if item["role"] == role]

    @property
    def others(self) -> list[dict]:
        return [item for item in self.departments if not item.get("self")]


def _strength():
    return Case(*(When(role=role, then=Value(role.strength)) for role in Role), output_field=IntegerField())


def department_links(department: Department, clause_q=None) -> QuerySet[ClauseDepartment]:
    """The department's task links to current clauses that the filters keep (``clause_q``, a ``Q`` on the
    link: ``PageFilters.clause_q()``), in the page's order."""
    links = (ClauseDepartment.objects.active()
             .filter(department=department, role__in=TASK_ROLES, clause__retired_at__isnull=True))
    if clause_q:
        links = links.filter(clause_q)
    return (links.select_related("clause", "clause__document", "clause__parent").annotate(strength=_strength())
            .order_by(F("clause__document__issued_on").desc(nulls_last=True), "clause__document_id", "strength",
                      "clause__order"))


@dataclass
class TaskSummary:
    """A department's clauses under the page's filters, counted: by role (mentions included), and its
    tasks (``TASK_ROLES``) per year of issue and per kind of document — the page's charts."""

    roles: dict[str, int]
    years: list[tuple[str, int]]
    kinds: list[tuple[str, int]]

    @property
    def tasks(self) -> int:
        return sum(self.roles[role] for role in TASK_ROLES)


def task_summary(department: Department, clause_q=None) -> TaskSummary:
    """One grouped query: the clauses per (role, date of issue, kind of document)."""
    links = ClauseDepartment.objects.active().filter(department=department, clause__retired_at__isnull=True)
    if clause_q:
        links = links.filter(clause_q)
    roles = {role.value: 0 for role in Role}
    years: dict[str, int] = {}
    kinds: dict[str, int] = {}
    kind_labels = dict(Document.Kind.choices)
    # By date, not by year: SQLite extracts a year through a Python function, once a row.
    grouped = (links.order_by().values_list("role", "clause__document__issued_on", "clause__document__kind")
               .annotate(count=Count("id")))
    for role, issued_on, kind, count in grouped:
        roles[role] = roles.get(role, 0) + count
        if Role(role) in TASK_ROLES:
            year = str(issued_on.year) if issued_on else "未注明"
            years[year] = years.get(year, 0) + count
            kinds[kind_labels.get(kind, kind)] = kinds.get(kind_labels.get(kind, kind), 0) + count
    return TaskSummary(roles=roles, years=sorted(years.items()),
                       kinds=sorted(kinds.items(), key=lambda pair: (-pair[1], pair[0])))


def task_rows(links: Iterable[ClauseDepartment], *, batch: int = 500, department: Department | None = None
              ) -> Iterator[TaskRow]:
    """Each link as a row, with every responsible department of its clause; ``batch`` links per query.

    ``links`` may be a whole export: it is read ``batch`` rows at a time and
    each batch's other departments in one more query, so memory stays that of a batch.
    """
    if isinstance(links, QuerySet):
        links = links.iterator(chunk_size=batch)
    for chunk in _batches(links, batch):
        yield from _clause_rows([link.clause for link in chunk], department,
                                {link.clause_id: link.role for link in chunk})


def clause_rows(clauses: Iterable[Clause], *, batch: int = 500) -> Iterator[TaskRow]:
    """Each clause as a row with its responsible departments (a document's own 任务分工表)."""
    for chunk in _batches(clauses, batch):
        yield from _clause_rows(chunk, None, {})


def _batches(items: Iterable, size: int) -> Iterator[list]:
    """``items`` in lists of ``size`` (the last shorter), read as they are needed."""
    items = iter(items)
    while chunk := list(itertools.islice(items, size)):
        yield chunk


def _clause_rows(clauses: list[Clause], department: Department | None, roles: dict[int, str]) -> Iterator[TaskRow]:
    responsible: dict[int, list[dict]] = {}
    others = (ClauseDepartment.objects.active()
              .filter(clause_id__in=[clause.pk for clause in clauses], role__in=TASK_ROLES)
              .annotate(strength=_strength()).order_by("clause_id", "strength", "id")
              .values_list("clause_id", "department_id", "department__name", "department__slug", "role"))
    for clause_id, department_id, name, slug, role in others:
        responsible.setdefault(clause_id, []).append(
            {"name": name, "slug": slug, "role": role,
             "self": department is not None and department_id == department.pk})
    for clause in clauses:
        document = clause.document
        part_label = clause.parent.label if clause.parent_id and clause.parent.kind == Clause.Kind.PART else ""
        yield TaskRow(
            document={"slug": document.slug, "title": document.title, "doc_number": document.doc_number,
                      "issued_on": document.issued_on.isoformat() if document.issued_on else None,
                      "kind": document.kind},
            clause={"key": clause.key, "label": clause.label, "number": clause.number, "heading": clause.heading,
                    "part_label": part_label},
            role=roles.get(clause.pk, ""),
            excerpt=_excerpt(clause.heading, clause.text),
            text=clause.full_text,
            departments=responsible.get(clause.pk, []),
            permalink=clause_url(document.slug, clause.key),
        )


def _excerpt(heading: str, text: str) -> str:
    """The start of the clause's text after its heading, on one line."""
    if heading and text.startswith(heading):
        text = text[len(heading):]
    line = " ".join(text.split()).lstrip("。，；：:;,. ")
    return line if len(line) <= _EXCERPT_LENGTH else line[:_EXCERPT_LENGTH] + "…"
