"""The profile pipeline: screening, as a table of legal moves and who may make each.

    draft ──submit──▶ pending ──publish──▶ published ◀──re-publish── suspended
      ▲                  │                   │    └────suspend────────▲
      └──send back───────┴───────────────────┘
                                   published ──(April 1, not renewed)──▶ lapsed (更新待ち)
                                   lapsed ──renew──▶ published;  lapsed ──suspend──▶ suspended
    any of them ──withdraw (退会, volunteers.personal_data)──▶ withdrawn (final)
                                 published ⇄ paused (休止, by the volunteer) ─▶ suspended

The one function that moves a profile is talent.services.profile_set_status.
"""

from accounts.roles import is_coordinator
from common.pipeline import COORDINATOR, OWNER, SYSTEM, Pipeline
from talent.models import Profile, ProfileStatus

P = ProfileStatus

PROFILE_PIPELINE = Pipeline(
    "登録",
    ProfileStatus.choices,
    {
        # (from, to): who may
        (P.DRAFT, P.PENDING): {OWNER, COORDINATOR},  # submit for screening
        (P.DRAFT, P.PUBLISHED): {COORDINATOR},  # a paper registration checked at the desk
        (P.PENDING, P.PUBLISHED): {COORDINATOR},
        (P.PENDING, P.DRAFT): {COORDINATOR},  # send back, with a reason
        (P.PUBLISHED, P.SUSPENDED): {COORDINATOR},
        (P.PUBLISHED, P.DRAFT): {COORDINATOR},
        (P.SUSPENDED, P.PUBLISHED): {COORDINATOR},
        # 年度更新 (talent/renewal.py): not renewed by April 1 → 更新待ち; renewing (the
        # volunteer, or a coordinator from a paper form) publishes it again.
        (P.PUBLISHED, P.LAPSED): {SYSTEM},
        (P.LAPSED, P.PUBLISHED): {OWNER, COORDINATOR},
        (P.LAPSED, P.SUSPENDED): {COORDINATOR},
        # 退会 (volunteers.personal_data.withdraw, which checks who asked): from anywhere, once.
        (P.DRAFT, P.WITHDRAWN): {SYSTEM},
        (P.PENDING, P.WITHDRAWN): {SYSTEM},
        (P.PUBLISHED, P.WITHDRAWN): {SYSTEM},
        (P.SUSPENDED, P.WITHDRAWN): {SYSTEM},
        (P.LAPSED, P.WITHDRAWN): {SYSTEM},
        # 休止: the volunteer steps out of matching and back in (a coordinator may do it for
        # them, e.g. after a phone call); a paused profile may also be suspended.
        (P.PUBLISHED, P.PAUSED): {OWNER, COORDINATOR},
        (P.PAUSED, P.PUBLISHED): {OWNER, COORDINATOR},
        (P.PAUSED, P.SUSPENDED): {COORDINATOR},
        (P.PAUSED, P.WITHDRAWN): {SYSTEM},
    },
)


def profile_parties(user, profile: Profile) -> set[str]:
    """What ``user`` is to ``profile`` in the table: its owner, a coordinator, or nothing."""
    found = set()
    if is_coordinator(user):
        found.add(COORDINATOR)
    if user.is_authenticated and profile.user_id is not None and profile.user_id == user.id:
        found.add(OWNER)
    return found


def profile_moves(user, profile: Profile) -> list[str]:
    """The statuses ``user`` may move ``profile`` to now (for the buttons)."""
    return PROFILE_PIPELINE.targets(profile.status, profile_parties(user, profile))
