"""Roles, clause kinds, document levels and kinds, relation kinds: defined once in parsing, labelled by the models."""

from __future__ import annotations

from enum import StrEnum

import pytest

from clauses.models import Clause, ClauseDepartment, Document, DocumentRelation
from clauses.models.choices import labelled
from clauses.parsing.sidecar import validate_sidecar
from clauses.parsing.types import (FIELD_LABELS, ClauseKind, DocumentKind, DocumentLevel, Metadata, ParseError,
                                   RelationKind, Role)


def test_the_models_store_exactly_the_values_parsing_gives():
    assert ClauseDepartment.Role.values == [role.value for role in Role]
    assert Clause.Kind.values == [kind.value for kind in ClauseKind]
    assert Document.Level.values == [level.value for level in DocumentLevel]
    assert Document.Kind.values == [kind.value for kind in DocumentKind]
    assert DocumentRelation.Kind.values == [kind.value for kind in RelationKind]


def test_stored_values_and_labels_are_unchanged():
    # The values rows hold and the migrations record (0001): changing one needs a data migration.
    assert ClauseDepartment.Role.choices == [
        ("lead", "牵头"), ("co", "配合/共同负责"), ("implementing", "落实层级"), ("issuing", "发文单位"),
        ("named", "文中提及")]
    assert Clause.Kind.choices == [
        ("preface", "序言"), ("addressee", "主送"), ("part", "部分"), ("item", "项"), ("sub-item", "目"),
        ("closing", "结语"), ("signature", "落款"), ("attachment", "附件")]
    assert Document.Level.choices == [("national", "国家级"), ("provincial", "省级"), ("municipal", "市级"),
                                      ("county", "县级"), ("other", "其他")]
    assert Document.Kind.choices == [("policy", "政策文件"), ("implementing", "实施文件"),
                                     ("interpretation", "政策解读"), ("news", "新闻报道")]
    assert DocumentRelation.Kind.choices == [("implements", "贯彻落实"), ("interprets", "解读"),
                                             ("reports_on", "报道"), ("cites", "引用")]


def test_a_sidecar_accepts_exactly_the_document_levels_and_kinds_the_model_stores():
    for level in Document.Level.values:
        validate_sidecar({"level": level}, name="x.meta.json", field_lengths={})
    for kind in Document.Kind.values:
        validate_sidecar({"kind": kind}, name="x.meta.json", field_lengths={})
    for field, value in (("level", "provincal"), ("kind", "notice")):
        with pytest.raises(ParseError, match="应为以下之一"):
            validate_sidecar({field: value}, name="x.meta.json", field_lengths={})


def test_a_message_names_a_metadata_field_as_the_admin_labels_it():
    """The parse is pure, so its messages hold their own labels; they are the document admin's."""
    stored = {name for name in Metadata.__dataclass_fields__ if name not in ("unknown_issuers", "extra")}
    assert set(FIELD_LABELS) == stored
    for name, label in FIELD_LABELS.items():
        admin_label = Document._meta.get_field(name).verbose_name
        assert admin_label in (label, f"{label}（{name}）"), name  # 标识（slug）: the key is its label's part


def test_a_member_is_its_model_choice():
    assert ClauseDepartment.Role.LEAD == Role.LEAD == "lead"
    assert Clause.Kind.SUB_ITEM == ClauseKind.SUB_ITEM == "sub-item"


def test_only_a_mere_mention_carries_no_responsibility():
    assert {role.value for role in Role if role.is_responsible} == {"lead", "co", "implementing", "issuing"}


def test_roles_are_ordered_by_strength():
    assert sorted(Role, key=lambda role: role.strength)[:2] == ["lead", "co"]
    assert max(Role, key=lambda role: role.strength) == "named"


def test_a_member_without_a_label_is_refused():
    class Colour(StrEnum):
        RED = "red"
        BLUE = "blue"

    with pytest.raises(ValueError, match="blue"):
        labelled(Colour, {Colour.RED: "红"}, module=__name__, qualname="Colour")
