"""gunicorn entry point: `gunicorn wsgi:app`."""

from clicksafe import create_app

app = create_app()
