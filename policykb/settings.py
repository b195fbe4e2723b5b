"""Django settings for PolicyKB.

Everything that differs between a laptop and a server comes from the
environment (see README, "Configuration"). The defaults suit a laptop:
SQLite and the search index under ``var/`` (or ``POLICYKB_DATA_DIR``).
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("POLICYKB_DATA_DIR") or BASE_DIR / "var").resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


DEBUG = _flag("POLICYKB_DEBUG", False)
PRODUCTION = os.environ.get("POLICYKB_ENV", "").lower() == "production"


def _secret_key() -> str:
    """The key from the environment; on a laptop, one made once and kept in DATA_DIR."""
    key = os.environ.get("DJANGO_SECRET_KEY")
    if key:
        return key
    if PRODUCTION:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when POLICYKB_ENV=production.")
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = [host.strip() for host in
                 os.environ.get("POLICYKB_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",")
                 if host.strip()]
if os.environ.get("HOST") and os.environ["HOST"] not in ("0.0.0.0", "::"):
    ALLOWED_HOSTS.append(os.environ["HOST"])

INSTALLED_APPS = [
    "policykb.admin_site.PolicyKBAdminConfig",  # django.contrib.admin, its index grouped for editors
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "haystack",
    "simple_history",
    "policykb.login_protection.LoginProtectionConfig",  # django-axes, named in Chinese for the admin
    "clauses",
    "search",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Records the signed-in user on every history entry.
    "simple_history.middleware.HistoryRequestMiddleware",
    # A database locked by a long write answers 503 "try again", not 500.
    "policykb.database_busy.DatabaseBusyMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "policykb.urls"
WSGI_APPLICATION = "policykb.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

_SQLITE_DEFAULT = f"sqlite:///{DATA_DIR / 'policykb.sqlite3'}"
DATABASES = {"default": dj_database_url.config(default=_SQLITE_DEFAULT, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while an ingest writes; IMMEDIATE makes a writer
    # wait for the lock up front instead of failing half-way.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A statement waiting on a lock gives up after as long as SQLite's busy
    # timeout, so a long ingest makes other writers answer 503 "try again"
    # (policykb/database_busy.py) rather than hold a worker until gunicorn kills it.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = " ".join(filter(None, [options.get("options", ""), "-c lock_timeout=20s"]))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
# Chinese that no app's own catalogue has: django-axes's (policykb/login_protection.py) and the few
# strings of Django's admin its zh_Hans catalogue leaves English.
LOCALE_PATHS = [BASE_DIR / "policykb" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"

# Search: haystack over Whoosh. The index lives in a generation directory;
# INDEX_DIR/current points at the live one, so a rebuild can build beside it
# and swap (see search/engine/index_dirs.py).
SEARCH_INDEX_DIR = Path(os.environ.get("POLICYKB_INDEX_DIR") or DATA_DIR / "index")
HAYSTACK_CONNECTIONS = {
    "default": {
        "ENGINE": "search.engine.backend.ClauseWhooshEngine",
        "PATH": str(SEARCH_INDEX_DIR / "current"),
        # A failed index write must surface, never vanish (search/indexing.py retries).
        "SILENTLY_FAIL": False,
        "BATCH_SIZE": 500,
    },
}
# Memory each serving process may keep of arrays read from index segments
# (search/engine/segment_cache.py): facet tables (about 16 MB per 100,000 clauses;
# all of them are needed by every search, so leave room) and the postings and
# positions of recently searched words (evicted least recently used first).
# Unset, the engine's defaults apply (128 and 96 MB).
for _option, _variable in (("FACET_CACHE_MB", "POLICYKB_FACET_CACHE_MB"),
                           ("POSTINGS_CACHE_MB", "POLICYKB_POSTINGS_CACHE_MB")):
    if os.environ.get(_variable):
        HAYSTACK_CONNECTIONS["default"][_option] = int(os.environ[_variable])
HAYSTACK_SIGNAL_PROCESSOR = "search.signals.ClauseSignalProcessor"
# How search weighs what it finds (search/ranking.py; the README's "Searching" explains).
SEARCH_RANKING = {
    # A department typed in the query (发改委, 经信厅) also finds the clauses that department is
    # responsible for: a clause it leads gains lead + co, one it takes part in co — far above what
    # words score, so its lead clauses come first, then its others, then mere mentions (search/ranking.py).
    "lead": 1000.0,
    "co": 1000.0,
    # A word found in the document's title or 文号 (not in the clause's own text) counts this many
    # times its score: a clause that says the word itself comes first.
    "context": 0.1,
    # Each document kind's factor on a clause's score: at comparable relevance the policy and
    # implementing text come before the interpretation and the news report that quote it.
    "kinds": {"policy": 1.0, "implementing": 1.0, "interpretation": 0.6, "news": 0.5},
}
# The engine reads the weights and its tie-break (date, document, position) from here.
HAYSTACK_CONNECTIONS["default"]["ORDERING"] = "search.ranking.ordering"
# Every search narrowing to registered models costs a full extra query; there is one model.
HAYSTACK_LIMIT_TO_REGISTERED_MODELS = False
# Postings each writer process of a full rebuild may sort in memory before it
# spills sorted runs to disk (Whoosh's limitmb). Each writer process starts a
# new segment every 10,000 clauses, which rarely reaches it: see search/engine/full_build.py.
SEARCH_BUILD_POOL_MB = int(os.environ.get("POLICYKB_BUILD_POOL_MB", "512"))

# Bounds of one ingested document (clauses/parsing/limits.py). The largest
# real documents are under 100 KB with under 100 clauses of under 1,000
# characters; the defaults leave room for a long national plan many times
# that size, while refusing what would hold the database's write lock for
# minutes and make a page no reader can load. Storing holds the write lock
# about 50 ms a clause with many tags (36 each): 51 s for 992 such clauses,
# 121 s for 2,942 (README, Operating PolicyKB).
INGEST_MAX_DOCUMENT_MB = float(os.environ.get("POLICYKB_MAX_DOCUMENT_MB", "10"))
INGEST_MAX_CLAUSES = int(os.environ.get("POLICYKB_MAX_CLAUSES", "1000"))
INGEST_MAX_CLAUSE_CHARS = int(os.environ.get("POLICYKB_MAX_CLAUSE_CHARS", "20000"))
INGEST_MAX_PAGES = int(os.environ.get("POLICYKB_MAX_PAGES", "300"))
# Uploads in the admin (clauses/admin/uploads.py, at most 20 documents at a time): a file larger
# than this memory size is written to a temporary file as it arrives, so a large upload is never
# held in memory before its size is checked against POLICYKB_MAX_DOCUMENT_MB. Django refuses a
# request with more files than DATA_UPLOAD_MAX_NUMBER_FILES outright (400); below it, the form
# says how many one upload may have. Neither bounds a request's total bytes: the upload view
# stops a request larger than 20 files of POLICYKB_MAX_DOCUMENT_MB at its first file.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # Django's default, 2.5 MB
DATA_UPLOAD_MAX_NUMBER_FILES = 100  # Django's default

# jieba keeps its dictionary cache here rather than in the shared system temp dir.
JIEBA_CACHE_DIR = DATA_DIR / "cache"
GAZETTEER_DIR = BASE_DIR / "fixtures" / "gazetteers"

# Content-Security-Policy on every response (django-csp), on a laptop too so
# that the browser tests see what a server sends. Pages and the admin load
# scripts and styles only from static files; nothing inline is allowed, so a
# text that slipped past escaping still could not run.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Login throttling (django-axes): after 10 wrong passwords for one user name
# from one address, that pair waits 15 minutes; a right password resets the count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("POLICYKB_LOGIN_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("POLICYKB_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Its admin pages are registered by policykb/login_protection.py, with Chinese column names.
AXES_ENABLE_ADMIN = False
# Without it django-axes prints a banner on every manage.py command; failures
# and lockouts are still logged.
AXES_VERBOSE = False
AXES_LOCKOUT_CALLABLE = "policykb.lockout.lockout_response"

# Behind a proxy that terminates TLS, Django sees plain http unless it is told
# which header carries the original scheme. Only the proxy may set that header
# (it must overwrite what a client sends), so it is never assumed: name it in
# POLICYKB_PROXY_SSL_HEADER, e.g. X-Forwarded-Proto.
_PROXY_SSL_HEADER = os.environ.get("POLICYKB_PROXY_SSL_HEADER", "").strip()
if _PROXY_SSL_HEADER:
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _PROXY_SSL_HEADER.upper().replace("-", "_"), "https")

if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = _flag("POLICYKB_SSL_REDIRECT", True)
    # Load balancers probe over plain http inside the network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("POLICYKB_HSTS_SECONDS", str(365 * 24 * 3600)))
    # Subdomains and preload lists bind every other site of the domain, so
    # they are the operator's choice (off unless asked for).
    SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("POLICYKB_HSTS_INCLUDE_SUBDOMAINS", False)
    SECURE_HSTS_PRELOAD = _flag("POLICYKB_HSTS_PRELOAD", False)
    SILENCED_SYSTEM_CHECKS = [check for check, chosen in (("security.W005", SECURE_HSTS_INCLUDE_SUBDOMAINS),
                                                          ("security.W021", SECURE_HSTS_PRELOAD))
                              if not chosen]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("POLICYKB_LOG_LEVEL", "INFO")},
}
