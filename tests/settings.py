"""Settings for the test suite: the project's own, with state in a temp dir."""

import os
import tempfile

os.environ.setdefault("POLICYKB_DATA_DIR", tempfile.mkdtemp(prefix="policykb-test-"))

from policykb.settings import *  # noqa: E402,F403  (test settings extend the real ones)

ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
