"""``Cutter`` cuts exactly as jieba does: every word, space and mark, at the same offsets."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from clauses.gazetteer import snapshot
from clauses.gazetteer.files import read_gazetteer_files

pytestmark = pytest.mark.django_db  # the segmenter reads the gazetteer

ROOT = Path(__file__).resolve().parents[3]
TEXTS = [ROOT / "fixtures" / "documents", ROOT / "tests" / "clauses" / "parsing" / "data" / "corpus"]

# Strings where a cut that breaks ties or near-ties between routes otherwise
# (as the Rust port rjieba does) gives other words than jieba.
NEAR_TIES = ["思想丰富第板材碾断炊饭查问厅局道", "失工业产品高新产品苏淳一妥", "拾一治鰦", "威诚发泄断瓶试刊逼走",
             "住襬晠化工公司制糖诸多方面", "学生界便趃违四氯甲烷找进来禀", "实鹿于霖耶律雄守不删竭惯要"]


def assert_cut_as_jieba(lines):
    jieba, cutter = snapshot.current().segmenter, snapshot.current().cutter
    differing = [line for line in lines if cutter.tokenize(line) != list(jieba.tokenize(line))]
    assert differing == []


def test_every_line_of_the_seeds_and_the_corpus():
    lines = [line for folder in TEXTS for path in sorted(folder.glob("*.txt"))
             for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(lines) > 800
    assert_cut_as_jieba(lines)


def test_gazetteer_terms_in_running_text():
    gazetteer = read_gazetteer_files(ROOT / "fixtures" / "gazetteers")
    terms = [entry["name"] for entries in (gazetteer.departments, gazetteer.regions, gazetteer.industries)
             for entry in entries]
    assert_cut_as_jieba([f"由{term}牵头，会同{other}负责推进" for term, other in zip(terms, reversed(terms))])


def test_near_ties_are_broken_as_jieba_breaks_them():
    assert_cut_as_jieba(NEAR_TIES)


def test_an_exact_tie_goes_to_the_longer_first_word(tmp_path):
    """甲乙|丙 and 甲|乙丙 score the same sums in another order, equal to the last bit."""
    import jieba

    from clauses.gazetteer.cutting import Cutter

    dictionary = tmp_path / "dict.txt"
    dictionary.write_text("甲 30\n丙 30\n甲乙 7\n乙丙 7\n丁 1000\n", encoding="utf-8")
    tokenizer = jieba.Tokenizer(dictionary=str(dictionary))
    tokenizer.tmp_dir = str(tmp_path)
    assert list(tokenizer.cut("甲乙丙")) == ["甲乙", "丙"]
    assert list(Cutter(tokenizer).cut("甲乙丙")) == ["甲乙", "丙"]


def test_random_text_of_words_characters_letters_digits_spaces_and_marks():
    """Dictionary words run together, rare and unknown characters, and everything jieba's
    block patterns treat specially: letters, digits, ``+#&._%-``, white space, other scripts."""
    dictionary = [word for word, count in snapshot.current().segmenter.FREQ.items() if count]
    characters = [chr(code) for code in range(0x4E00, 0x9FD6)]
    others = list("abcXYZ0123456789+#&._%-  \t\r\n，。、；：（）《》“”—１２ＡＢａ㐀㐁鿖鿿가힣ひカ😀é")
    generator = random.Random(20261121)

    def piece():
        roll = generator.random()
        return generator.choice(dictionary if roll < 0.5 else characters if roll < 0.8 else others)

    lines = ["".join(piece() for _ in range(generator.randint(1, 12))) for _ in range(20_000)]
    assert_cut_as_jieba(lines)


def test_is_word_is_the_dictionary_lookup():
    jieba, cutter = snapshot.current().segmenter, snapshot.current().cutter
    for text in ("产业", "产业转移", "国家发展改革委", "产业转", "转移产", "x"):
        assert cutter.is_word(text) is bool(jieba.FREQ.get(text))


def _printed_dictionary_words(line, freq):
    """Oracle: every substring of two or more characters within a run jieba cuts by its dictionary
    (Han characters, letters, digits, ``+#&._%-``) that the dictionary lists, by brute force, in order."""
    import re

    return [(start, end) for run in re.finditer(r"[\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]+", line)
            for start in range(run.start(), run.end()) for end in range(start + 2, run.end() + 1)
            if freq.get(line[start:end])]


def test_the_dictionary_words_the_cut_collects_are_every_one_printed():
    jieba, cutter = snapshot.current().segmenter, snapshot.current().cutter
    lines = [line for folder in TEXTS for path in sorted(folder.glob("*.txt"))
             for line in path.read_text(encoding="utf-8").splitlines()]
    lines += NEAR_TIES + ["推进农业机械化", "省发展改革委、经济和信息化厅 2025年 x.y-z 노동집약형 产业"]
    for line in lines:
        found = []
        assert cutter.tokenize(line, found) == list(jieba.tokenize(line))
        assert found == _printed_dictionary_words(line, jieba.FREQ), line
