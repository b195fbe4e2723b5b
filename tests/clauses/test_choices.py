"""Roles and clause kinds: defined once in parsing, labelled by the models, stored as before."""

from __future__ import annotations

from enum import StrEnum

import pytest

from clauses.models import Clause, ClauseDepartment
from clauses.models.choices import labelled
from clauses.parsing.types import ClauseKind, Role


def test_the_models_store_exactly_the_values_parsing_gives():
    assert ClauseDepartment.Role.values == [role.value for role in Role]
    assert Clause.Kind.values == [kind.value for kind in ClauseKind]


def test_stored_values_and_labels_are_unchanged():
    # The values rows hold and the migrations record (0001): changing one needs a data migration.
    assert ClauseDepartment.Role.choices == [
        ("lead", "牵头"), ("co", "配合/共同负责"), ("implementing", "落实层级"), ("issuing", "发文单位"),
        ("named", "文中提及")]
    assert Clause.Kind.choices == [
        ("preface", "序言"), ("addressee", "主送"), ("part", "部分"), ("item", "项"), ("sub-item", "目"),
        ("closing", "结语"), ("signature", "落款"), ("attachment", "附件")]


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
