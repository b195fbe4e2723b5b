"""What changed between two versions of a clause: runs of text marked equal, removed or added.

A character diff (difflib) costs up to the product of the two lengths: 5 s for
a rewritten 30,000-character clause, on every request for its pinned link. So
the texts are compared sentence by sentence first, which is quick however long
they are; a changed stretch is then compared character by character only if it
is short, and only until a budget of such characters is spent. Anything beyond
is shown as removed and added whole — still a correct diff, only coarser: the
equal, removed and added runs always rebuild both texts exactly.
"""

from __future__ import annotations

import difflib
import re

# A sentence ends after 。；！？ (or their ASCII forms) or a line break; the
# pieces joined give back the text exactly.
_SENTENCE = re.compile(r"[^。；！？;!?\n]*[。；！？;!?\n]|[^。；！？;!?\n]+")
# Each side of a changed stretch compared character by character, at most.
CHARACTER_DIFF_LIMIT = 200
# Characters compared character by character in one diff, at most.
CHARACTER_DIFF_BUDGET = 5_000
# Texts longer than this are shown as rewritten without comparing at all.
TEXT_LIMIT = 200_000


def sentences(text: str) -> list[str]:
    return _SENTENCE.findall(text)


def text_diff(old: str, new: str) -> list[dict]:
    """``[{"op": "equal" | "removed" | "added", "text": ...}, ...]`` from ``old`` to ``new``."""
    runs: list[dict] = []
    if len(old) > TEXT_LIMIT or len(new) > TEXT_LIMIT:
        _add(runs, "removed", old)
        _add(runs, "added", new)
        return runs
    budget = CHARACTER_DIFF_BUDGET
    old_parts, new_parts = sentences(old), sentences(new)
    matcher = difflib.SequenceMatcher(a=old_parts, b=new_parts, autojunk=False)
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        removed, added = "".join(old_parts[old_start:old_end]), "".join(new_parts[new_start:new_end])
        if operation == "equal":
            _add(runs, "equal", removed)
        elif (removed and added and max(len(removed), len(added)) <= CHARACTER_DIFF_LIMIT
              and len(removed) + len(added) <= budget):
            budget -= len(removed) + len(added)
            _character_diff(runs, removed, added)
        else:
            _add(runs, "removed", removed)
            _add(runs, "added", added)
    return runs


def _character_diff(runs: list[dict], old: str, new: str) -> None:
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if operation == "equal":
            _add(runs, "equal", old[old_start:old_end])
        else:
            _add(runs, "removed", old[old_start:old_end])
            _add(runs, "added", new[new_start:new_end])


def _add(runs: list[dict], operation: str, text: str) -> None:
    """Append a run, joined to the last one if it is of the same kind; empty runs are dropped."""
    if not text:
        return
    if runs and runs[-1]["op"] == operation:
        runs[-1]["text"] += text
    else:
        runs.append({"op": operation, "text": text})
