"""gunicorn settings for Clicksafe: `gunicorn -c deploy/gunicorn.conf.py wsgi:app`.

Threaded workers, so one request stuck on a slow database never holds up a content page: the
other threads of the worker, and the other workers, go on serving. nginx in front buffers slow
clients, so a thread is busy only while the app works. Every number can be set from the
environment (GUNICORN_*) without editing this file.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
worker_class = "gthread"
# One worker per core keeps the memory small; threads cover waiting on the database or Redis.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count()))
threads = int(os.environ.get("GUNICORN_THREADS", 8))
# A request that takes longer is killed; the app's own database and Redis timeouts are far shorter.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", 30))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", 5))
# Workers are replaced now and then, a few at a time, so a slow leak never grows.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 20000))
max_requests_jitter = max_requests // 10
# Request line and headers: a little above what browsers send, far below what an attack needs.
limit_request_line = 4094
limit_request_fields = 60
limit_request_field_size = 8190
# Each worker loads the app itself (under a second), so `kill -HUP` (systemctl reload) starts
# new workers on new content and code while the old ones finish their requests: no downtime.
preload_app = False

# Access log without addresses or query strings: time, method, path, status, size, duration.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# gunicorn's control socket is off: systemd (reload, stop) manages the server, and several
# instances on one host would otherwise share one socket path.
control_socket_disable = True
# nginx on this host sets X-Forwarded-*; the app trusts them through CLICKSAFE_PROXY_COUNT.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")


def on_starting(server):
    """Check the settings once, in the master, before any worker starts: unsafe production
    settings stop gunicorn with one line on stderr."""
    from clicksafe.config import refuse_unsafe_production

    refuse_unsafe_production()
