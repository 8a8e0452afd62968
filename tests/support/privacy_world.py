"""A small city for the privacy tests: two volunteers with a value planted in every field of
their profile (one consented to nothing, one to everything), and a viewer for every relation.

Each subject has a match with the school of each requester relation: proposed (B), confirmed
(C), completed (D, with an activity record), confirmed then cancelled (F). School E has a
confirmed match with somebody else only; school A has no match at all.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from matching import services as matching_services
from talent.models import Profile
from tests import factories
from volunteers import services as volunteer_services

# Every value planted in a subject's profile, by field: unique strings, so a response or a
# page can be searched for each one. (Fields whose values are codes or dates are checked by
# key in the API tests, not by text.)
PLANTED = {
    "private": {
        "display_name": "植田 凛",
        "furigana": "うえだ りん",
        "skills": "手話通訳の補助",
        "experience": "看護師として二十年",
        "bio": "持病で通院しています",
        "email": "rin.ueda@example.jp",
        "phone": "080-4321-8765",
        "screening_note": "写真を確認中",
        "external_id": "MID-40417",
    },
    "public": {
        "display_name": "大森 蒼",
        "furigana": "おおもり あおい",
        "skills": "天体観測の案内",
        "experience": "科学館で解説員",
        "bio": "星座の話が好きです",
        "email": "aoi.omori@example.jp",
        "phone": "080-1357-2468",
        "screening_note": "資格証を確認済み",
        "external_id": "MID-58203",
    },
}
CONSENT = {"private": [], "public": ["furigana", "experience", "bio"]}


@dataclass
class World:
    subjects: dict[str, Profile]
    owners: dict
    viewers: dict  # relation name -> user (None: anonymous)
    schools: dict
    requests: dict = field(default_factory=dict)  # (subject, relation) -> Request
    matches: dict = field(default_factory=dict)  # (subject, relation) -> Match


def build() -> World:
    area = factories.area("雲雀丘地区")
    coordinator = factories.user("coordinator", username="pw_coordinator")
    schools = {name: factories.organization(f"プライバシー確認校{name}") for name in "ABCDEF"}
    owners, subjects = {}, {}
    for key, planted in PLANTED.items():
        owner = factories.user("volunteer", username=f"pw_owner_{key}")
        values = {k: v for k, v in planted.items() if k != "screening_note"}
        profile = factories.profile(
            owner=owner,
            areas=[area],
            availability=["wed_pm"],
            fee="honorarium",
            public_fields=CONSENT[key],
            **values,
        )
        # A screening note stays on a published profile only when written directly.
        Profile.objects.filter(pk=profile.pk).update(screening_note=planted["screening_note"])
        owners[key], subjects[key] = owner, Profile.objects.get(pk=profile.pk)
    other_volunteer = factories.user("volunteer", username="pw_other_volunteer")
    somebody = factories.profile(owner=other_volunteer, display_name="別の 人")

    def teacher(school: str):
        return factories.user(
            "requester", username=f"pw_teacher_{school}", organization=schools[school]
        )

    viewers = {
        "anonymous": None,
        "coordinator": coordinator,
        "other_volunteer": other_volunteer,
        "requester_none": teacher("A"),
        "requester_proposed": teacher("B"),
        "requester_confirmed": teacher("C"),
        "requester_completed": teacher("D"),
        "requester_other_org": teacher("E"),
        "requester_cancelled": teacher("F"),
    }
    world = World(subjects=subjects, owners=owners, viewers=viewers, schools=schools)

    def match(school: str, profile: Profile, title: str):
        req = factories.request(schools[school], title=title)
        return req, matching_services.match_propose(actor=coordinator, req=req, profile=profile)

    for key, profile in subjects.items():
        for relation, school in (
            ("requester_proposed", "B"),
            ("requester_confirmed", "C"),
            ("requester_completed", "D"),
            ("requester_cancelled", "F"),
        ):
            req, m = match(school, profile, f"{school}校の依頼（{key}）")
            if relation != "requester_proposed":
                m = matching_services.match_set_status(
                    actor=coordinator, match=m, status="confirmed"
                )
            if relation == "requester_completed":
                volunteer_services.match_complete(
                    actor=coordinator, match=m, date=date(2026, 11, 4), hours=Decimal("2.0")
                )
            if relation == "requester_cancelled":
                m = matching_services.match_set_status(
                    actor=coordinator, match=m, status="cancelled"
                )
            m.refresh_from_db()
            world.requests[key, relation] = req
            world.matches[key, relation] = m
    _, other = match("E", somebody, "E校の依頼")
    matching_services.match_set_status(actor=coordinator, match=other, status="confirmed")
    return world


def viewer_of(world: World, subject: str, relation: str):
    """The user in ``relation`` to subject ``subject`` ("self" is that subject's owner)."""
    if relation == "self":
        return world.owners[subject]
    return world.viewers[relation]


# -- what each relation must receive, written out by hand (not taken from talent.privacy) ----

# Every field of a profile an adapter may render.
EVERY_FIELD = {
    "id", "kind", "display_name", "skills", "areas", "availability", "fee", "public_fields",
    "status", "created_at", "updated_at", "published_at", "furigana", "experience", "bio",
    "email", "phone", "screening_note", "external_id",
}  # fmt: skip
# What a published profile says to every signed-in viewer.
PUBLISHED = {
    "id", "kind", "display_name", "skills", "areas", "availability", "fee", "public_fields",
    "status", "created_at", "updated_at", "published_at",
}  # fmt: skip
CONSENTED = {"furigana", "experience", "bio"}  # ticked by subject "public" only
CONTACT = {"email", "phone"}

# relation -> {subject: the exact set of fields that must arrive}
EXPECTED = {
    "anonymous": {"private": set(), "public": set()},
    "coordinator": {"private": EVERY_FIELD, "public": EVERY_FIELD},
    "self": {
        "private": EVERY_FIELD - {"external_id"},
        "public": EVERY_FIELD - {"external_id"},
    },
    "other_volunteer": {"private": PUBLISHED, "public": PUBLISHED | CONSENTED},
    "requester_none": {"private": PUBLISHED, "public": PUBLISHED | CONSENTED},
    "requester_proposed": {"private": PUBLISHED, "public": PUBLISHED | CONSENTED},
    "requester_confirmed": {
        "private": PUBLISHED | CONTACT,
        "public": PUBLISHED | CONSENTED | CONTACT,
    },
    "requester_completed": {
        "private": PUBLISHED | CONTACT,
        "public": PUBLISHED | CONSENTED | CONTACT,
    },
    "requester_other_org": {"private": PUBLISHED, "public": PUBLISHED | CONSENTED},
    "requester_cancelled": {"private": PUBLISHED, "public": PUBLISHED | CONSENTED},
}
RELATIONS = list(EXPECTED)
SUBJECTS = ["private", "public"]
CASES = [(relation, subject) for relation in RELATIONS for subject in SUBJECTS]
