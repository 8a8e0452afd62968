"""The one-time answer link in a proposal mail: a signed, expiring token naming the match and
the person it was sent to. It proves who the mail went to, so a volunteer can answer without a
password; it answers exactly one proposal, once (the match's state machine refuses a second
answer), and nothing else."""

from django.core import signing

ANSWER_SALT = "tsunagu.notifications.answer"
ANSWER_MAX_AGE = 14 * 24 * 3600  # two weeks: proposals are answered within days


def answer_token(match) -> str:
    return signing.dumps([match.pk, match.profile_id], salt=ANSWER_SALT, compress=True)


def answer_path(match) -> str:
    return f"/answer/{answer_token(match)}/"


class LinkExpired(Exception):
    pass


class LinkInvalid(Exception):
    pass


def read_answer_token(token: str) -> tuple[int, int]:
    """(match id, profile id), or LinkExpired / LinkInvalid."""
    try:
        match_id, profile_id = signing.loads(token, salt=ANSWER_SALT, max_age=ANSWER_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise LinkExpired from exc
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise LinkInvalid from exc
    return int(match_id), int(profile_id)
