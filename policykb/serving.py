"""gunicorn settings for ``make run``: ``gunicorn --config python:policykb.serving``.

The command line adds the address, workers and threads; ``PORT`` (set by the
Makefile) names this instance's control socket.
"""

import os
import threading

from policykb.startup import settings_or_exit

# Refuse in the master, before any worker forks: a worker that exits at
# import would only be started again, and again.
settings_or_exit()

from django.conf import settings  # noqa: E402  (only once the settings are known to load)

# gunicorn's control socket (for ``gunicornc``: worker status, graceful reload)
# defaults to one path per user, $XDG_RUNTIME_DIR or ~/.gunicorn/gunicorn.ctl.
# A second instance unlinks the first one's socket and takes the path, so
# gunicornc would reach — and could stop — the wrong site. Each instance keeps
# its own in its data dir, named after its port. (Unix socket paths are
# limited to about 100 bytes; with a longer data dir gunicorn logs a warning
# and serves without one.)
control_socket = str(settings.DATA_DIR / f"gunicorn-{os.environ.get('PORT', '8000')}.ctl")

# The longest request line gunicorn reads (its default is 4094 bytes). A search
# within its budget (search/limits.py: 200 characters, 20 filter values, each
# percent-encoded at 9 bytes a Chinese character) can pass 4 KB; 8190 is
# gunicorn's largest bound. Longer lines are refused by gunicorn (414) before
# a worker reads them: the search boxes cannot produce them.
limit_request_line = 8190


def post_worker_init(worker):
    # Each worker has its own caches: fill them in the background, at start and
    # after each rebuild's swap (search/warmup.py).
    from search.warmup import watch

    threading.Thread(target=watch, name="search-warm-up", daemon=True).start()
