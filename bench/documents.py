"""A synthetic collection of document FILES, for timing ingestion through the real pipeline.

Unlike ``bench.corpus`` (rows inserted straight into the database, to time
search), these are text files shaped like the provincial notices in
fixtures/documents and tests/clauses/parsing/data/duties: a notice wrapping a
plan (印发通知) with its 文号, addressees, signature and date; parts 一、, items
（一） and sub-items 1.; duty lines in the printed shapes of
/work/shared/notes/document-formats.md, naming the province's departments by
their short forms (省发展改革委, 省经信厅); the province's cities and the
gazetteer's industries in the text. Sentences are the seeds' own, recombined.
The same seed gives the same files.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

from clauses.parsing.bodies import FULL_NAMES

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fixtures" / "documents"

# Provinces whose general office's 文号 prefix is printed in real documents of the project's test data
# (tests/clauses/parsing/data: 川办发, 鄂政办发, 粤府办; 湘政发 is the government's own).
ISSUERS = (("四川省", "四川省人民政府办公厅", "川办发", "各市（州）人民政府，省政府各部门、各直属机构："),
           ("湖北省", "湖北省人民政府办公厅", "鄂政办发", "各市、州、县人民政府，省政府各部门："),
           ("广东省", "广东省人民政府办公厅", "粤府办", "各地级以上市人民政府，省政府各部门、各直属机构："),
           ("湖南省", "湖南省人民政府", "湘政发", "各市州、县市区人民政府，省政府各厅委、各直属机构："))
# A province's own bodies as its documents print them: 省 and a short form every province's body has.
PROVINCIAL_BODIES = tuple("省" + short for short in FULL_NAMES
                          if short.endswith(("厅", "委")) and not short.startswith("政府")) + (
    "省商务厅", "省财政厅", "省自然资源厅", "省生态环境厅", "省交通运输厅", "省农业农村厅", "省教育厅")
CHINESE_NUMERALS = "一二三四五六七八九十"
_SENTENCE = re.compile(r"[^。；\n]{12,70}[。；]")
_NUMBERED = re.compile(r"^[\s　]*([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.、．])")


@dataclass(frozen=True)
class Names:
    """What the documents name, drawn from the gazetteer tables: each province's cities, and industries."""

    cities: dict[str, list[str]]
    industries: list[str]


def names_from_database() -> Names:
    from clauses.models import Industry, Region

    cities = {province: list(Region.objects.filter(parent__name=province, kind="prefecture")
                             .order_by("name").values_list("name", flat=True))
              for province, *_ in ISSUERS}
    industries = list(Industry.objects.filter(parent__isnull=False).order_by("name").values_list("name", flat=True))
    return Names(cities=cities, industries=industries)


def _seed_sentences() -> list[str]:
    """The seeds' sentences without numbering, duty brackets or colons: plain policy prose."""
    sentences = []
    for path in sorted(SEEDS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = _NUMBERED.sub("", line).strip()
            for sentence in _SENTENCE.findall(line):
                if not re.search(r"[（）()：:〔〕\d]|单位|牵头|负责|配合", sentence):
                    sentences.append(sentence.rstrip("；") + ("。" if sentence.endswith("；") else ""))
    return sorted(set(sentences))


class _Writer:
    def __init__(self, rng: random.Random, names: Names, sentences: list[str]) -> None:
        self.rng, self.names, self.sentences = rng, names, sentences

    def prose(self, province: str, count: int) -> str:
        rng = self.rng
        parts = [rng.choice(self.sentences) for _ in range(count)]
        cities = self.names.cities.get(province) or [province]
        if rng.random() < 0.6:
            chosen = rng.sample(cities, min(len(cities), rng.randint(1, 3)))
            parts.insert(rng.randrange(len(parts) + 1),
                         f"支持{'、'.join(chosen)}承接{rng.choice(self.names.industries)}等产业转移。")
        if rng.random() < 0.5:
            parts.append(f"推动{rng.choice(self.names.industries)}和{rng.choice(self.names.industries)}集群发展。")
        return "".join(parts)

    def bodies(self, count: int) -> list[str]:
        return self.rng.sample(PROVINCIAL_BODIES, count)

    def duty(self) -> str:
        """A duty in one of the printed shapes, bracketed after the item's text."""
        rng = self.rng
        lead, *others = self.bodies(rng.randint(1, 4))
        shape = rng.randrange(5)
        if shape == 0 or not others:
            return f"（{lead}负责）" if not others else f"（牵头单位：{lead}；配合单位：{'、'.join(others)}）"
        if shape == 1:
            return f"（牵头单位：{lead}；责任单位：{'、'.join(others)}）"
        if shape == 2:
            return f"（{lead}牵头，{'、'.join(others)}配合）"
        if shape == 3:
            return f"（{lead}会同{'、'.join(others)}负责）"
        return f"（{'、'.join([lead, *others])}按职责分工负责）"

    def heading(self) -> str:
        industry = self.rng.choice(self.names.industries)
        return self.rng.choice((f"加快{industry}产业发展", f"培育{industry}产业集群", f"优化{industry}产业布局",
                                f"强化{industry}要素保障", f"推动{industry}协同发展", f"提升{industry}承接能力"))

    def document(self, number: int, clauses: int) -> tuple[str, str]:
        """(file name, text) of a notice wrapping a plan, ``clauses`` clauses in all."""
        rng = self.rng
        province, issuer, prefix, addressees = ISSUERS[number % len(ISSUERS)]
        year = 2016 + number // len(ISSUERS) % 9
        serial = number // (len(ISSUERS) * 9) + 1
        topic = self.heading()
        plan = f"{province}{topic}实施方案（{year}—{year + 2}年）"
        lines = [f"{issuer}关于印发{plan}的通知", f"{prefix}〔{year}〕{serial}号", addressees,
                 f"　　《{plan}》已经省人民政府同意，现印发给你们，请认真组织实施。",
                 issuer, f"{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日", plan]
        budget = clauses - 4  # the addressees, the preface, the signature and the plan's title are clauses too
        part = 0
        while budget > 0:
            part += 1
            budget -= 1
            lines.append(f"{_numeral(part)}、{self.heading()}")
            for item in range(1, rng.randint(2, 5) + 1):
                if budget <= 0:
                    break
                budget -= 1
                subs = min(budget, rng.choice((0, 0, 2, 3)))
                text = f"　　（{_numeral(item)}）{self.heading()}。{self.prose(province, rng.randint(1, 3))}"
                if not subs:
                    lines.append(text + self.duty())
                    continue
                lines.append(text)
                for sub in range(1, subs + 1):
                    budget -= 1
                    lines.append(f"　　{sub}.{self.heading()}。{self.prose(province, rng.randint(1, 2))}")
                # The duty of the item, on its own line after its sub-items.
                lead, *others = self.bodies(rng.randint(2, 3))
                lines.append(f"　　牵头单位：{lead}；配合单位：{'、'.join(others)}")
        return f"{number:05d}_{prefix}_{year}_{serial}.txt", "\n".join(lines) + "\n"


def _numeral(number: int) -> str:
    """一 … 九十九, as documents number their parts and items."""
    tens, units = divmod(number, 10)
    if not tens:
        return CHINESE_NUMERALS[units - 1]
    return (CHINESE_NUMERALS[tens - 1] if tens > 1 else "") + "十" + (CHINESE_NUMERALS[units - 1] if units else "")


def write_collection(directory: Path, documents: int, clauses_per_document: int, *, names: Names,
                     seed: int = 20261202, first: int = 0) -> list[Path]:
    """Write ``documents`` files numbered from ``first`` into ``directory``; returns their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    writer = _Writer(random.Random(seed + first), names, _seed_sentences())
    paths = []
    for number in range(first, first + documents):
        name, text = writer.document(number, clauses_per_document)
        path = directory / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
