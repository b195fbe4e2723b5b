"""The registry of tag kinds covers every tag model, and each kind's parts belong together."""

from __future__ import annotations

from clauses.models import TAG_KINDS, Clause, TagLink, tag_kind
from clauses.models.gazetteer import DistinctAlias


def test_every_tag_link_model_is_a_registered_kind():
    # Found from the models themselves, not from the registry: a new kind left out of it fails here.
    link_models = {field.remote_field.through for field in Clause._meta.many_to_many}
    assert {kind.link for kind in TAG_KINDS} == link_models
    assert all(issubclass(model, TagLink) for model in link_models)


def test_each_kind_links_and_aliases_its_own_entry_by_its_key():
    for kind in TAG_KINDS:
        assert kind.link._meta.get_field(kind.key).related_model is kind.entry
        assert issubclass(kind.alias, DistinctAlias) and kind.alias.owner_field == kind.key
        assert kind.alias._meta.get_field(kind.key).related_model is kind.entry
        assert hasattr(Clause, kind.links_name)


def test_a_kind_is_found_by_key_or_by_any_of_its_models():
    for kind in TAG_KINDS:
        assert tag_kind(kind.key) is tag_kind(kind.entry) is tag_kind(kind.alias) is tag_kind(kind.link) is kind
    assert [kind.key for kind in TAG_KINDS] == ["department", "region", "industry"]
