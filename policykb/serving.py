"""gunicorn settings for ``make run``: ``gunicorn --config python:policykb.serving``.

The command line adds the address, workers and threads.
"""

import threading


def post_worker_init(worker):
    # Each worker has its own caches: fill them in the background (search/warmup.py).
    from search.warmup import warm

    threading.Thread(target=warm, name="search-warm-up", daemon=True).start()
