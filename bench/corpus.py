"""A synthetic corpus at any size, made from the seeds.

Sentences of the ingested seed clauses are recombined into new clauses of
similar length; each synthetic clause copies the tags (departments with
roles, regions, industries) of a real clause, so tag distributions follow
the real ones. Rows are written with bulk inserts: this measures search, not
ingestion.
"""

from __future__ import annotations

import random
import re

from django.db import transaction

from clauses.models import (Clause, ClauseDepartment, ClauseIndustry, ClauseRegion, Document, TagLink)

CLAUSES_PER_DOCUMENT = 40
SOURCE = "bench"  # the source_file of synthetic documents
_SENTENCE = re.compile(r"[^。；]+[。；]")


def _templates() -> list[tuple[Clause, list, list, list]]:
    """The seeds' clauses (not earlier synthetic ones) with their tags."""
    clauses = list(Clause.objects.current().filter(kind__in=("part", "item", "sub-item"))
                   .exclude(document__source_file=SOURCE)
                   .prefetch_related("clausedepartment_links", "clauseregion_links", "clauseindustry_links"))
    return [(clause, [(link.department_id, link.role) for link in clause.clausedepartment_links.all()],
             [link.region_id for link in clause.clauseregion_links.all()],
             [link.industry_id for link in clause.clauseindustry_links.all()]) for clause in clauses]


@transaction.atomic
def generate(total: int, *, seed: int = 20261121) -> int:
    """Add ``total`` synthetic clauses in documents of 40; returns how many were made."""
    if total <= 0:
        return 0
    rng = random.Random(seed)
    templates = _templates()
    sentences = [sentence for clause, *_ in templates for sentence in _SENTENCE.findall(clause.text)]
    real_documents = list(Document.objects.exclude(source_file=SOURCE))
    made = 0
    number = Document.objects.filter(source_file=SOURCE).count()  # a larger run in the same dir adds on
    while made < total:
        number += 1
        model = rng.choice(real_documents)
        document = Document.objects.create(
            slug=f"bench-{number:06d}", title=f"基准测试文件{number}号 {model.title}",
            doc_number=f"基测〔{2010 + number % 15}〕{number}号", issued_on=model.issued_on, level=model.level,
            kind=model.kind, jurisdiction=model.jurisdiction, source_file=SOURCE, source_sha256="0" * 64)
        size = min(CLAUSES_PER_DOCUMENT, total - made)
        rows, tags = [], []
        for order in range(size):
            template = rng.choice(templates)
            text = "".join(rng.choice(sentences) for _ in range(rng.randint(2, 4)))
            part, item = divmod(order, 5)
            rows.append(Clause(document=document, key=f"p{part + 1}.i{order + 1}", order=order,
                               label=f"（{order + 1}）", number=order + 1, heading=text[:12].rstrip("。；，"),
                               text=text, kind="item"))
            tags.append(template)
        Clause.objects.bulk_create(rows)
        links_d, links_r, links_i = [], [], []
        for clause, (_, departments, regions, industries) in zip(rows, tags):
            links_d += [ClauseDepartment(clause=clause, department_id=department, role=role,
                                         origin=TagLink.Origin.EXTRACTED) for department, role in departments]
            links_r += [ClauseRegion(clause=clause, region_id=region) for region in regions]
            links_i += [ClauseIndustry(clause=clause, industry_id=industry) for industry in industries]
        ClauseDepartment.objects.bulk_create(links_d)
        ClauseRegion.objects.bulk_create(links_r)
        ClauseIndustry.objects.bulk_create(links_i)
        made += size
    return made
