"""gunicorn in production: `gunicorn -c gunicorn.conf.py` (README, "Production").

Sync workers, each serving one request at a time, behind nginx (deploy/nginx/min-plan.conf). A sync
worker waits as long as its client takes to send a request: reached directly, two idle connections
held both workers for 30 s and a hundred stopped the portal. nginx reads every request whole,
headers and body, before it passes it on, and holds thousands of slow or idle connections itself,
so a worker only ever meets a complete request from a fast neighbour. That is why gunicorn listens
on loopback only: nothing but the proxy may reach it.
"""

import os

wsgi_app = "wsgi:app"
bind = "127.0.0.1:8000"
# gunicorn's own variable; two per core is its rule of thumb, and the portal's figures were measured with 2.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "sync"
# What nginx's proxy_read_timeout waits a little longer than; the database's own timeouts (config
# DB_CONNECT_TIMEOUT_SECONDS, DB_STATEMENT_TIMEOUT_SECONDS) answer 503 long before this.
timeout = 30
graceful_timeout = 30
# gunicorn 27's control socket lives at one path per user (~/.gunicorn/gunicorn.ctl): two instances on a
# machine would take it from each other. The portal does not use it.
control_socket_disable = True

# The portal's own log lines (a database outage, the rate limit falling back to memory and recovering)
# with time, process and level, on stderr beside gunicorn's. Without this they went out through
# Python's last-resort handler, bare, and Flask-Limiter's not at all. gunicorn's loggers keep their own
# set-up (--log-level, --error-logfile); "loggers" replaces gunicorn's defaults, which would print
# gunicorn's lines twice.
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "line": {
            "format": "%(asctime)s [%(process)d] [%(levelname)s] %(name)s: %(message)s",
            "datefmt": "[%Y-%m-%d %H:%M:%S %z]",
        }
    },
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "line", "stream": "ext://sys.stderr"}},
    "root": {"level": "WARNING", "handlers": ["stderr"]},
    # INFO, for "Rate limit storage recovered" after the warning that it fell back to memory.
    "loggers": {"flask-limiter": {"level": "INFO"}},
}
