"""The reference point for bench/run.py: a Flask app with one route and nothing else."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def bare() -> str:
    return "ok"
