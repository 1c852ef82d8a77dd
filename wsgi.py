"""gunicorn entry point: `gunicorn -c deploy/gunicorn.conf.py wsgi:app`."""

from clicksafe import create_app
from clicksafe.config import refuse_unsafe_production

refuse_unsafe_production()  # one line on stderr and exit 3, rather than a traceback per worker
app = create_app()
