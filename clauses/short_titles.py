"""A document's short title, as the admin names it in lists: the subject, without the wrapper of a notice.

An editor scanning a list of clauses recognises a document by what it is
about, followed by its 文号: 《关于承接制造业有序转移的实施意见》（川办发〔2022〕67号）.
So a title loses the issuing body printed before 关于 (湖北省人民政府办公厅关于…),
and a notice that issues or forwards another document (关于印发《X》的通知)
is named by that document (X). A title of another shape (a news report, an
interpretation) is kept whole. Long results are cut, since the 文号 identifies.
Pure: titles in, titles out; citations keep the full title (``citations``).
"""

from __future__ import annotations

import re

MAX_CHARACTERS = 30

# 关于印发《X》的通知, 关于转发省发展改革委X的通知 (with or without the book-title marks).
_ISSUER = re.compile(r"[\u4e00-\u9fff、]+")
_ISSUING_NOTICE = re.compile(r"^关于(?:印发|转发|发布|下发)《?(?P<issued>.+?)》?的(?:通知|通告|公告)$")


def short_title(title: str) -> str:
    """The title as the admin's lists name the document (see the module's docstring)."""
    title = title.strip()
    about = title.find("关于")
    # Only a name (Han characters, 、 between joint issuers) is an issuer: 工信部：《关于…》解读 is kept whole.
    issuer = about > 0 and _ISSUER.fullmatch(title[:about])
    subject = title[about:] if issuer else title
    issuing = _ISSUING_NOTICE.match(subject)
    if issuing:
        subject = issuing["issued"]
    return subject if len(subject) <= MAX_CHARACTERS else subject[:MAX_CHARACTERS - 1] + "…"
