"""A document's new tag links are created together: each still has its history row, and the index hears of it."""

from __future__ import annotations

from django.db.models.signals import m2m_changed

from clauses.models import ClauseDepartment, ClauseIndustry, ClauseRegion

from .conftest import SEEDS


def test_each_link_created_together_has_its_history_and_the_index_hears_of_its_clause(ingest, tmp_path):
    heard: dict[type, set[int]] = {ClauseDepartment: set(), ClauseRegion: set(), ClauseIndustry: set()}

    def listen(sender, instance, action, **kwargs):
        if action == "post_add" and sender in heard:
            heard[sender].add(instance.pk)

    source = tmp_path / "sichuan.txt"
    source.write_bytes((SEEDS / "003_c33a4fec7e4ac2f2.txt").read_bytes())
    m2m_changed.connect(listen)
    try:
        assert ingest(source).status == "created"
    finally:
        m2m_changed.disconnect(listen)

    for model in heard:
        links = list(model.objects.all())
        assert links, model
        history = model.history.filter(history_type="+")
        assert sorted(history.values_list("id", flat=True)) == sorted(link.pk for link in links)
        assert heard[model] == {link.clause_id for link in links}
