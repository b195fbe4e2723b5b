"""Starting a PolicyKB process: settings that cannot load stop it with one line.

Django would show a long traceback from deep inside its own import machinery
for what is an operator's mistake (``POLICYKB_ENV=production`` without
``DJANGO_SECRET_KEY``). ``manage.py``, the WSGI module and gunicorn's
configuration call ``settings_or_exit()`` first instead.
"""

from __future__ import annotations

import os
import sys

from django.core.exceptions import ImproperlyConfigured


def settings_or_exit() -> None:
    """Load the settings; if they refuse, print why on stderr and exit with status 1."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "policykb.settings")
    from django.conf import settings

    try:
        settings.SECRET_KEY  # noqa: B018  (reading a setting imports the settings module)
    except ImproperlyConfigured as error:
        sys.exit(f"PolicyKB cannot start: {error}")
