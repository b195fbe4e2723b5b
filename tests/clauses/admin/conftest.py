"""Admin tests: an editor and an admin to sign in as (the seeds are ``seeds`` in tests/conftest.py)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command


@pytest.fixture
def editor(db, django_user_model):
    call_command("create_roles", verbosity=0)
    user = django_user_model.objects.create_user("editor", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="editor"))
    return user


@pytest.fixture
def second_editor(editor, django_user_model):
    user = django_user_model.objects.create_user("editor2", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="editor"))
    return user


@pytest.fixture
def admin_user(db, django_user_model):
    return django_user_model.objects.create_superuser("admin", "admin@example.org", "pw")
