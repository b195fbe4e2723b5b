"""jieba knows every gazetteer term before it cuts any text."""

from __future__ import annotations

import pytest

from clauses.gazetteer import snapshot
from clauses.gazetteer.segmentation import segmentation_for
from clauses.models import Department, DepartmentAlias


@pytest.mark.django_db
def test_department_names_are_cut_whole():
    words = list(snapshot.current().segmenter.cut("国家发展改革委会同工信部和省经济合作局推进锂电材料产业"))
    for term in ("国家发展改革委", "工信部", "省经济合作局", "锂电材料"):
        assert term in words


@pytest.mark.django_db
def test_a_new_alias_reaches_the_segmenter_of_this_process():
    assert "川经合" not in list(snapshot.current().segmenter.cut("川经合牵头负责"))
    DepartmentAlias.objects.create(department=Department.objects.get(name="四川省经济合作局"), name="川经合")
    assert "川经合" in list(snapshot.current().segmenter.cut("川经合牵头负责"))


def test_jieba_is_built_again_only_for_other_terms():
    first = segmentation_for(frozenset({"川经合", "省经济合作局"}))
    assert segmentation_for(frozenset({"省经济合作局", "川经合"})) is first
    other = segmentation_for(frozenset({"川经合"}))
    assert other is not first
    assert "省经济合作局" in list(first.segmenter.cut("省经济合作局牵头"))
    assert "省经济合作局" not in list(other.segmenter.cut("省经济合作局牵头"))
