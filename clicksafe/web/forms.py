"""Forms. Quiz forms carry no CSRF token: the quiz blueprint accepts only posts the browser says
come from this site (web/origin.py); quiz answers are checked against the quiz."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import Form, HiddenField, IntegerField, SelectField, SelectMultipleField, StringField
from wtforms.validators import InputRequired, Length, Optional
from wtforms.widgets import HiddenInput


class AnswerForm(Form):
    question = HiddenField(validators=[InputRequired()])
    step = IntegerField(widget=HiddenInput(), validators=[InputRequired()])
    # Choices are the question's options; scoring.check_answer refuses anything else with a 400.
    answer = SelectMultipleField(choices=[], validate_choice=False)


class CertificateForm(Form):
    # Printed on the certificate only: never stored, never logged.
    name = StringField(_l("Your first name (optional)"), validators=[Optional(), Length(max=40)])


class LessonFilterForm(Form):
    """Filters of the lesson list: a GET form, so a filtered list is a link teachers can share.
    It changes nothing, so it needs no CSRF token; choices are set from the catalogue."""

    age = SelectField(_l("Age of your pupils"), choices=[], default="")
    topic = SelectField(_l("Topic"), choices=[], default="")
    duration = SelectField(_l("Time you have"), choices=[], default="")
    competence = SelectField(_l("Curriculum area"), choices=[], default="")


class AppFilterForm(Form):
    """Filters of the app guides: the age of the child and the kind of app (a GET form)."""

    age = SelectField(_l("Age of your child"), choices=[], default="")
    kind = SelectField(_l("Kind of app"), choices=[], default="")
