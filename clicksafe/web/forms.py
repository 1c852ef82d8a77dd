"""Forms: Flask-WTF gives each a CSRF token; quiz answers are checked against the quiz itself."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, SelectMultipleField, StringField
from wtforms.validators import InputRequired, Length, Optional
from wtforms.widgets import HiddenInput


class StartQuizForm(FlaskForm):
    """Starting a quiz only needs the CSRF token."""


class AnswerForm(FlaskForm):
    question = HiddenField(validators=[InputRequired()])
    step = IntegerField(widget=HiddenInput(), validators=[InputRequired()])
    # Choices are the question's options; scoring.check_answer refuses anything else with a 400.
    answer = SelectMultipleField(choices=[], validate_choice=False)


class CertificateForm(FlaskForm):
    # Printed on the certificate only: never stored, never logged.
    name = StringField(_l("Your first name (optional)"), validators=[Optional(), Length(max=40)])
