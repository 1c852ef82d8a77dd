"""Class sessions: join codes, the teacher's secret key, pupils' answers and the class's results.

Everything is anonymous: a pupil is a random token of their device within one session, and a
session with its answers is deleted when it expires. All state is in the database, so pupils and
the teacher may reach different app servers.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError

from .content import Quiz
from .extensions import db
from .models import ClassAnswer, ClassParticipant, ClassSession, utcnow

# No look-alikes (0/O, 1/I/L) and upper case only: a code read from a projector is typed right.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 6
MODES = ("self-paced", "teacher-paced")
# Teacher-paced: what each of the teacher's buttons does, from the phase it is pressed in.
STEPS = {
    "open": ("waiting", "answering"),
    "close": ("answering", "closed"),
    "reveal": ("closed", "revealed"),
    "next": ("revealed", "answering"),
}


class SessionUnavailable(Exception):
    """No open session has this code: unknown, closed or expired (`reason` says which)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # unknown | closed | expired


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalized_code(typed: str) -> str:
    """What a pupil typed, as a code: spaces and dashes dropped, upper case."""
    return "".join(ch for ch in typed.upper() if ch.isascii() and ch.isalnum())[:CODE_LENGTH]


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def open_session(quiz: Quiz, mode: str, hours: int) -> tuple[ClassSession, str]:
    """A new session and the teacher's key (shown once; only its hash is stored)."""
    if mode not in MODES:
        raise ValueError(f"unknown mode '{mode}'")
    purge_expired()  # a cheap delete, so expired sessions go even without the daily job
    key = secrets.token_urlsafe(24)
    for _ in range(10):  # a clash among 887 million codes is rare; try another
        session = ClassSession(
            code=new_code(),
            key_hash=key_hash(key),
            quiz_id=quiz.id,
            mode=mode,
            expires_at=utcnow() + timedelta(hours=hours),
        )
        db.session.add(session)
        try:
            db.session.commit()
            return session, key
        except IntegrityError:
            db.session.rollback()
    raise RuntimeError("no free join code after 10 tries")


def find_session(code: str) -> ClassSession:
    """The open session with this code, or SessionUnavailable."""
    session = db.session.scalar(select(ClassSession).where(ClassSession.code == code))
    if session is None:
        raise SessionUnavailable("unknown")
    if _aware(session.expires_at) <= utcnow():
        raise SessionUnavailable("expired")
    if session.closed_at is not None:
        raise SessionUnavailable("closed")
    return session


def teacher_session(code: str, key: str) -> ClassSession | None:
    """The session this dashboard address opens, closed or not; None for a wrong code or key."""
    session = db.session.scalar(select(ClassSession).where(ClassSession.code == code))
    if session is None or _aware(session.expires_at) <= utcnow():
        return None
    return session if hmac.compare_digest(session.key_hash, key_hash(key)) else None


def join(session: ClassSession, lang: str) -> str:
    """A new participant: the random token its device keeps in its signed cookie."""
    token = secrets.token_hex(16)
    db.session.add(ClassParticipant(session_id=session.id, token=token, lang=lang))
    db.session.commit()
    return token


class NotAnswering(Exception):
    """Teacher-paced: this question is not open for answers (not yet, or no longer)."""


def step(session: ClassSession, action: str, questions: int) -> None:
    """The teacher moves the class on: open a question, close answering, reveal, go to the next;
    after the last question, "next" ends the quiz. A button pressed twice changes nothing."""
    before, after = STEPS[action]
    if session.phase != before:
        return
    if action == "next":
        if session.current + 1 >= questions:
            session.phase = "done"
            db.session.commit()
            return
        session.current += 1
    session.phase = after
    db.session.commit()


def answer_of(session: ClassSession, participant: str, question_id: str) -> list[str] | None:
    """What this device answered to this question, if it did."""
    return db.session.scalar(
        select(ClassAnswer.options)
        .join(ClassParticipant, ClassAnswer.participant_id == ClassParticipant.id)
        .where(
            ClassParticipant.token == participant,
            ClassAnswer.session_id == session.id,
            ClassAnswer.question_id == question_id,
        )
    )


def record_answer(
    code: str,
    participant: str,
    question_id: str,
    options: list[str],
    correct: bool,
    current_question: str | None = None,
) -> bool:
    """Keep a pupil's answer for the class; SessionUnavailable when the session is closed or
    expired, NotAnswering when a teacher-paced question is not open (`current_question` is the
    id of the question on the projector). A second answer to the same question is ignored: the
    first one counts."""
    session = find_session(code)
    if session.mode == "teacher-paced" and (
        session.phase != "answering" or question_id != current_question
    ):
        raise NotAnswering(question_id)
    participant_id = db.session.scalar(
        select(ClassParticipant.id).where(
            ClassParticipant.token == participant, ClassParticipant.session_id == session.id
        )
    )
    if participant_id is None:
        return False
    db.session.add(
        ClassAnswer(
            session_id=session.id,
            participant_id=participant_id,
            question_id=question_id,
            options=options,
            correct=correct,
        )
    )
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
    return True


def finish(participant: str) -> None:
    db.session.execute(
        update(ClassParticipant).where(ClassParticipant.token == participant).values(finished=True)
    )
    db.session.commit()


def close(session: ClassSession) -> None:
    session.closed_at = utcnow()
    db.session.commit()


@dataclass(frozen=True)
class QuestionResult:
    question_id: str
    answered: int
    right: int
    options: dict[str, int]  # option id -> how many chose it

    @property
    def share_right(self) -> float:
        return self.right / self.answered if self.answered else 0.0


@dataclass(frozen=True)
class ClassResults:
    joined: int
    finished: int
    by_language: dict[str, int]
    questions: dict[str, QuestionResult]

    def hardest_first(self, quiz: Quiz) -> list[QuestionResult]:
        """Questions answered so far, the lowest share of right answers first."""
        found = [self.questions[q.id] for q in quiz.questions if q.id in self.questions]
        return sorted(found, key=lambda result: (result.share_right, -result.answered))

    @property
    def fingerprint(self) -> str:
        """Changes whenever a number on the dashboard would: an ETag for polling."""
        parts = [self.joined, self.finished, sorted(self.by_language.items())]
        parts += [
            (q.question_id, q.answered, q.right, sorted(q.options.items()))
            for q in self.questions.values()
        ]
        return hashlib.blake2b(repr(parts).encode(), digest_size=8).hexdigest()


def results(session: ClassSession) -> ClassResults:
    """The class's numbers, whatever language each device used: ids are shared."""
    rows = db.session.execute(
        select(ClassParticipant.lang, ClassParticipant.finished, func.count())
        .where(ClassParticipant.session_id == session.id)
        .group_by(ClassParticipant.lang, ClassParticipant.finished)
    ).all()
    by_language: Counter[str] = Counter()
    finished = 0
    for lang, done, count in rows:
        by_language[lang] += count
        finished += count if done else 0
    answers = db.session.execute(
        select(ClassAnswer.question_id, ClassAnswer.options, ClassAnswer.correct).where(
            ClassAnswer.session_id == session.id
        )
    ).all()
    counted: dict[str, tuple[int, int, Counter[str]]] = {}
    for question_id, options, correct in answers:
        answered, right, chosen = counted.get(question_id, (0, 0, Counter()))
        chosen.update(options)
        counted[question_id] = (answered + 1, right + bool(correct), chosen)
    return ClassResults(
        joined=sum(by_language.values()),
        finished=finished,
        by_language=dict(by_language),
        questions={
            question_id: QuestionResult(question_id, answered, right, dict(chosen))
            for question_id, (answered, right, chosen) in counted.items()
        },
    )


def purge_expired(now: datetime | None = None) -> int:
    """Delete expired sessions with their participants and answers; returns how many sessions."""
    now = now or utcnow()
    expired = select(ClassSession.id).where(ClassSession.expires_at <= now)
    plain = {"synchronize_session": False}  # rows in memory need no update: they are gone
    db.session.execute(
        delete(ClassAnswer).where(ClassAnswer.session_id.in_(expired)), execution_options=plain
    )
    db.session.execute(
        delete(ClassParticipant).where(ClassParticipant.session_id.in_(expired)),
        execution_options=plain,
    )
    count = db.session.execute(
        delete(ClassSession).where(ClassSession.expires_at <= now), execution_options=plain
    ).rowcount
    db.session.commit()
    return count


def _aware(moment: datetime) -> datetime:
    """SQLite gives back naive datetimes; they were stored in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
