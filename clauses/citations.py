"""Ready-made citations of a clause, in the forms Chinese official writing uses.

- 公文 form: 《关于承接制造业有序转移的实施意见》（川办发〔2022〕67号）第二部分第（五）项
- GB/T 7714-2015: 四川省人民政府办公厅. 关于承接制造业有序转移的实施意见:
  川办发〔2022〕67号[A/OL]. (2022-09-21)[2026-11-21]. <permalink>.

Only what is known is printed: a document with no 文号 or no date is cited
without it — never with an invented one.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from clauses.models import Clause, Document
from clauses.parsing.numerals import int_to_chinese

# Named, not numbered: cited by their kind's label (序言, 落款 …).
_UNNUMBERED = (Clause.Kind.PREFACE, Clause.Kind.ADDRESSEE, Clause.Kind.CLOSING, Clause.Kind.SIGNATURE)
# GB/T 7714 type codes: normative documents [A], other online material [EB].
_TYPE_CODE = {Document.Kind.NEWS: "EB/OL", Document.Kind.INTERPRETATION: "EB/OL"}
MAX_AUTHORS = 3


@dataclass(frozen=True)
class Citations:
    gongwen: str
    gbt7714: str
    permalink: str


def _title(document: Document) -> str:
    # A title inside 《》 writes its own book-title marks as 〈〉.
    return document.title.replace("《", "〈").replace("》", "〉")


def position(clause: Clause) -> str:
    """第二部分第（五）项, 第三部分, 附件1第一部分, 序言 …"""
    chain = []
    node = clause
    while node is not None:
        chain.insert(0, node)
        node = node.parent
    parts = []
    for node in chain:
        if node.kind == Clause.Kind.ATTACHMENT:
            parts.append(f"附件{node.number}")
        elif node.kind == Clause.Kind.PART and node.number:
            parts.append(f"第{int_to_chinese(node.number)}部分")
        elif node.kind == Clause.Kind.ITEM and node.number:
            parts.append(f"第（{int_to_chinese(node.number)}）项")
        elif node.kind == Clause.Kind.SUB_ITEM and node.number:
            parts.append(f"第{node.number}目")
        elif node.kind in _UNNUMBERED:
            parts.append(Clause.Kind(node.kind).label)
    return "".join(parts)


def gongwen(clause: Clause) -> str:
    document = clause.document
    number = f"（{document.doc_number}）" if document.doc_number else ""
    return f"《{_title(document)}》{number}{position(clause)}"


def gbt7714(clause: Clause, *, permalink: str, accessed: datetime.date) -> str:
    document = clause.document
    authors = [link.department.name for link in document.issuer_links.all()]
    if len(authors) > MAX_AUTHORS:
        authors = authors[:MAX_AUTHORS] + ["等"]
    title = document.title + (f": {document.doc_number}" if document.doc_number else "")
    kind = _TYPE_CODE.get(document.kind, "A/OL")
    published = f"({document.issued_on.isoformat()})" if document.issued_on else ""
    parts = [", ".join(authors) + "." if authors else "", f"{title}[{kind}].",
             f"{published}[{accessed.isoformat()}].", f"{permalink}."]
    return " ".join(part for part in parts if part)


def citations(clause: Clause, *, permalink: str, accessed: datetime.date) -> Citations:
    return Citations(gongwen=gongwen(clause), gbt7714=gbt7714(clause, permalink=permalink, accessed=accessed),
                     permalink=permalink)
