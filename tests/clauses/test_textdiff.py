"""The diff of two clause versions: always exact, fine where the change is small, bounded work where it is not."""

from __future__ import annotations

import difflib
import random

import pytest

from clauses import textdiff
from clauses.textdiff import text_diff

WORDS = ["产业", "转移", "承接", "制造业", "有序", "园区", "企业", "政策", "推动", "宜宾", "İ", "a", " ", "\n"]
ENDS = ["。", "；", "！", "？", "，", ""]


def random_text(rng: random.Random, sentences: int) -> str:
    return "".join("".join(rng.choice(WORDS) for _ in range(rng.randint(0, 12))) + rng.choice(ENDS)
                   for _ in range(sentences))


def mutate(rng: random.Random, text: str) -> str:
    """Some characters replaced, deleted or inserted at random places."""
    chars = list(text)
    for _ in range(rng.randint(0, 8)):
        place = rng.randint(0, len(chars))
        action = rng.choice(["insert", "delete", "replace"])
        if action == "insert" or not chars:
            chars[place:place] = rng.choice(WORDS)
        elif action == "delete":
            del chars[min(place, len(chars) - 1)]
        else:
            chars[min(place, len(chars) - 1)] = rng.choice("新改。")
    return "".join(chars)


def rebuilt(runs: list[dict]) -> tuple[str, str]:
    """The old and the new text as the runs describe them."""
    old = "".join(run["text"] for run in runs if run["op"] in ("equal", "removed"))
    new = "".join(run["text"] for run in runs if run["op"] in ("equal", "added"))
    return old, new


@pytest.mark.parametrize("seed", range(300))
def test_the_runs_rebuild_both_texts_exactly(seed):
    rng = random.Random(seed)
    old = random_text(rng, rng.randint(0, 40))
    new = mutate(rng, old) if rng.random() < 0.7 else random_text(rng, rng.randint(0, 40))
    runs = text_diff(old, new)
    assert rebuilt(runs) == (old, new)
    assert all(run["text"] for run in runs)
    assert all(first["op"] != second["op"] for first, second in zip(runs, runs[1:]))


def _changed(runs: list[dict]) -> int:
    return sum(len(run["text"]) for run in runs if run["op"] != "equal")


def test_a_small_change_in_a_long_text_is_shown_to_the_character():
    rng = random.Random(7)
    old = random_text(rng, 3000)
    assert len(old) > 15_000
    middle = len(old) // 2
    new = old[:middle] + "〔新增〕" + old[middle:]
    runs = text_diff(old, new)
    assert rebuilt(runs) == (old, new)
    assert [run for run in runs if run["op"] != "equal"] == [{"op": "added", "text": "〔新增〕"}]


class RecordingMatcher(difflib.SequenceMatcher):
    """difflib's matcher, noting the sizes of what it is asked to compare."""

    calls: list[tuple[type, int, int]] = []

    def __init__(self, isjunk=None, a="", b="", autojunk=True):
        RecordingMatcher.calls.append((type(a), len(a), len(b)))
        super().__init__(isjunk, a, b, autojunk)


def test_a_rewritten_30000_character_clause_costs_bounded_work(monkeypatch):
    rng = random.Random(30)
    old, new = random_text(rng, 6000)[:30_000], random_text(rng, 6000)[:30_000]
    assert len(old) == len(new) == 30_000
    RecordingMatcher.calls = []
    monkeypatch.setattr(textdiff.difflib, "SequenceMatcher", RecordingMatcher)
    runs = text_diff(old, new)
    assert rebuilt(runs) == (old, new)
    by_character = [(size_a, size_b) for kind, size_a, size_b in RecordingMatcher.calls if kind is str]
    assert all(max(sizes) <= textdiff.CHARACTER_DIFF_LIMIT for sizes in by_character)
    assert sum(size_a + size_b for size_a, size_b in by_character) <= textdiff.CHARACTER_DIFF_BUDGET
    # The one comparison of whole texts is of sentences, never of 30,000 characters.
    assert [kind for kind, _, _ in RecordingMatcher.calls].count(list) == 1


def test_texts_beyond_the_limit_are_shown_as_rewritten():
    old, new = "甲" * (textdiff.TEXT_LIMIT + 1), "乙。" * 10
    assert text_diff(old, new) == [{"op": "removed", "text": old}, {"op": "added", "text": new}]
