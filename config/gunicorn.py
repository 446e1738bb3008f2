"""gunicorn's settings for this application: `gunicorn -c config/gunicorn.py config.wsgi`.

Sync workers, one request at a time per process, two processes per core (WEB_CONCURRENCY
overrides the count). The pages are Python-bound: threads in one process take turns on the
interpreter lock, so a request queued behind a heavy one in its own process waits for it while
the other core may be idle. On the 2-core bench machine (bench/load_bench.py, 50,000 engineers,
20 clients) 4 workers × 1 thread served as many requests a second as 2 × 4 and about halved the
p95 of every list (HR's work orders 761 → 376 ms, an engineer's payslip 367 → 190 ms). Sync
workers belong behind a proxy that buffers slow clients (nginx or the platform's router).
"""

import os

# The cores this process may run on (its CPU set, as a container pins it), not the host's count; where a
# CPU quota limits it instead, set WEB_CONCURRENCY.
cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * cores))
threads = int(os.environ.get("GUNICORN_THREADS", 1))
timeout = 120  # a large export runs in Celery; a page past two minutes is a fault, restart the worker


def post_worker_init(worker):
    """Move everything the worker imported (Django, the models, and through the URLconf every view, form
    and selector module: most of its objects) out of the cyclic collector's reach: a full collection
    otherwise walks them all again, a pause of milliseconds on whichever request allocates past the
    threshold."""
    import gc

    from django.urls import get_resolver

    from core.code_version import code_version

    get_resolver().url_patterns  # noqa: B018 (imports the views now rather than on the first request)
    code_version()  # the live pages' key: hashed now, not on the first page (~0.1 s)
    gc.collect()
    gc.freeze()
