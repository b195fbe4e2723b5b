"""gunicorn settings for ``make run``: ``gunicorn --config python:policykb.serving``.

The command line adds the address, workers and threads.
"""

import threading


def post_worker_init(worker):
    # Each worker has its own caches: fill them in the background, at start and
    # after each rebuild's swap (search/warmup.py).
    from search.warmup import watch

    threading.Thread(target=watch, name="search-warm-up", daemon=True).start()
