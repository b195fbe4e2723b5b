"""jieba knows every gazetteer term before it cuts any text."""

from __future__ import annotations

import pytest

from clauses.gazetteer import segmentation
from clauses.models import DepartmentAlias, Department


@pytest.fixture(autouse=True)
def fresh_segmenter():
    segmentation.reset_segmenter()
    yield
    segmentation.reset_segmenter()


@pytest.mark.django_db
def test_department_names_are_cut_whole():
    words = list(segmentation.segmenter().cut("国家发展改革委会同工信部和省经济合作局推进锂电材料产业"))
    for term in ("国家发展改革委", "工信部", "省经济合作局", "锂电材料"):
        assert term in words


@pytest.mark.django_db
def test_a_new_alias_reaches_the_segmenter_of_this_process():
    assert "川经合" not in list(segmentation.segmenter().cut("川经合牵头负责"))
    DepartmentAlias.objects.create(department=Department.objects.get(name="四川省经济合作局"), name="川经合")
    assert "川经合" in list(segmentation.segmenter().cut("川经合牵头负责"))
