"""The privacy gate: which fields of a volunteer's profile a viewer may see, and the record of
each contact disclosure. Every response, page, search, mail and export that shows a profile
asks ``profile_views`` and renders only what it returns.

The rule follows what a volunteer is promised at sign-up (web/forms.py ``SignupForm``):
「チェックしなかった項目は、コーディネーターだけが見ます。お名前・できること・活動できる地区と
時間帯は、審査のあと公開されます。電話番号とメールアドレスは公開されず、活動が決まった依頼先に
だけ伝わります。」

The viewer's relation to a profile:

- ``coordinator``: city staff.
- ``self``: the volunteer whose profile it is (their login is linked to it).
- ``confirmed``: a requester whose organization has a confirmed or completed match with the
  person.
- ``proposed``: a requester whose organization has a proposed or accepted match with the
  person, and none confirmed.
- ``none``: any other signed-in person: another volunteer, a requester without a match (or
  with only declined / cancelled ones), a requester of another organization.
- ``anonymous``: not signed in: nothing at all.

Which fields each relation receives (A = always, C = only if the volunteer ticked the field in
``public_fields``, - = never):

==========================================  ===========  ====  =========  ========  ====  =========
field                                       coordinator  self  confirmed  proposed  none  anonymous
==========================================  ===========  ====  =========  ========  ====  =========
id, kind, display_name, skills, areas,      A            A     A          A         A     -
availability, fee, public_fields, status,
created_at, updated_at, published_at
furigana, experience, bio                   A            A     C          C         C     -
email, phone                                A            A     A          -         -     -
screening_note                              A            A     -          -         -     -
external_id                                 A            -     -          -         -     -
==========================================  ===========  ====  =========  ========  ====  =========

Choices where the issue left room (also in the README):

- ふりがな is one of the three consent boxes on the sign-up page, so an unticked reading
  reaches no requester, not even a confirmed one (the promise says unticked items are seen by
  coordinators only). Lists are then never sorted by a reading the viewer cannot see
  (``visible_sort``): rows whose reading is hidden come after the others, by id.
- ``screening_note`` is the reason a coordinator gives when sending a registration back (the
  button says 「理由を本人に伝えます」), so the volunteer it is written to sees it; nobody else
  but coordinators does.
- ``external_id`` (the city's registration number) is for the office's own files: coordinators
  only, not even the volunteer (the volunteer's own pages never showed it).
- Which rows a viewer may see at all is ``talent.selectors.profiles_visible_to``; this gate
  decides the fields of the rows shown.

A disclosure is contact data (email, phone) with a value, shown to anyone but the volunteer.
``profile_views`` writes one ``Disclosure`` row per call that discloses anything: the viewer,
the channel, the time, the ids of the profiles and the contact fields shown. A coordinator's
list of 50 people is one row, not 50; ``purge_disclosures`` deletes rows older than
``TSUNAGU_CONTACT_LOG_DAYS`` days.

Relations come from the match data, which lives in ``matching`` (a layer above): ``matching``
registers its lookup with ``register_relation_source`` when the app is ready, so this module
never imports it. Without a source, every requester is ``none`` (closed by default).
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.postgres.search import SearchVectorField
from django.db.models import Case, CharField, F, Func, OrderBy, Q, Value, When
from django.db.models.expressions import Expression

from accounts.roles import is_coordinator, is_requester
from audit import services as audit
from talent.models import CONSENTABLE_FIELDS, SEARCH_WEIGHTS, Disclosure, Profile


class Relation(StrEnum):
    COORDINATOR = "coordinator"
    SELF = "self"
    CONFIRMED = "confirmed"
    PROPOSED = "proposed"
    NONE = "none"
    ANONYMOUS = "anonymous"


class Access(StrEnum):
    ALWAYS = "always"
    IF_CONSENTED = "if_consented"
    NEVER = "never"


PROFILE, CONSENTED, CONTACT, NOTE, INTERNAL = "profile", "consented", "contact", "note", "internal"

# Every field of a profile that any adapter may render, by class.
FIELD_CLASS: dict[str, str] = {
    "id": PROFILE,
    "kind": PROFILE,
    "display_name": PROFILE,
    "skills": PROFILE,
    "areas": PROFILE,
    "availability": PROFILE,
    "fee": PROFILE,
    "public_fields": PROFILE,
    "status": PROFILE,
    "created_at": PROFILE,
    "updated_at": PROFILE,
    "published_at": PROFILE,
    # furigana, experience, bio: the boxes of the sign-up page
    **{field: CONSENTED for field, _label in CONSENTABLE_FIELDS},
    "email": CONTACT,
    "phone": CONTACT,
    "screening_note": NOTE,
    "external_id": INTERNAL,
}
ALL_FIELDS = frozenset(FIELD_CLASS)
CONTACT_FIELDS = frozenset(f for f, c in FIELD_CLASS.items() if c == CONTACT)

_A, _C, _N = Access.ALWAYS, Access.IF_CONSENTED, Access.NEVER
_R = Relation
# The table of the module docstring: field class -> relation -> access.
ACCESS: dict[str, dict[Relation, Access]] = {
    PROFILE: {
        _R.COORDINATOR: _A, _R.SELF: _A, _R.CONFIRMED: _A, _R.PROPOSED: _A, _R.NONE: _A,
        _R.ANONYMOUS: _N,
    },
    CONSENTED: {
        _R.COORDINATOR: _A, _R.SELF: _A, _R.CONFIRMED: _C, _R.PROPOSED: _C, _R.NONE: _C,
        _R.ANONYMOUS: _N,
    },
    CONTACT: {
        _R.COORDINATOR: _A, _R.SELF: _A, _R.CONFIRMED: _A, _R.PROPOSED: _N, _R.NONE: _N,
        _R.ANONYMOUS: _N,
    },
    NOTE: {
        _R.COORDINATOR: _A, _R.SELF: _A, _R.CONFIRMED: _N, _R.PROPOSED: _N, _R.NONE: _N,
        _R.ANONYMOUS: _N,
    },
    INTERNAL: {
        _R.COORDINATOR: _A, _R.SELF: _N, _R.CONFIRMED: _N, _R.PROPOSED: _N, _R.NONE: _N,
        _R.ANONYMOUS: _N,
    },
}  # fmt: skip

CHANNELS = frozenset({"api", "web", "export", "mail"})

# (viewer, profile ids or None for all) -> {profile id: Relation} for the relations that
# come from matches (confirmed / proposed). Registered by matching.apps.
RelationSource = Callable[[Any, Iterable[int] | None], Mapping[int, Relation]]
_relation_source: RelationSource | None = None


def register_relation_source(source: RelationSource) -> None:
    global _relation_source
    _relation_source = source


# -- the rule ---------------------------------------------------------------------------------


def _base_relation(viewer, profile: Profile) -> Relation | None:
    """The relation that needs no lookup, or None when the matches decide."""
    if not viewer.is_authenticated:
        return Relation.ANONYMOUS
    if is_coordinator(viewer):
        return Relation.COORDINATOR
    if profile.user_id is not None and profile.user_id == viewer.id:
        return Relation.SELF
    return None


def visible_fields(viewer, profile: Profile, *, relation: Relation) -> frozenset[str]:
    """The fields of ``profile`` a viewer in ``relation`` to it may see (pure: no query)."""
    consented = set(profile.public_fields or ())
    shown = set()
    for field, cls in FIELD_CLASS.items():
        access = ACCESS[cls][relation]
        if access == Access.ALWAYS or (access == Access.IF_CONSENTED and field in consented):
            shown.add(field)
    return frozenset(shown)


def relations(viewer, profiles: Iterable[Profile]) -> dict[int, Relation]:
    """Each profile's relation to ``viewer``: at most one query (a requester's matches)."""
    profiles = list(profiles)
    found: dict[int, Relation] = {}
    open_ids = []
    for p in profiles:
        base = _base_relation(viewer, p)
        if base is None:
            open_ids.append(p.pk)
        else:
            found[p.pk] = base
    if open_ids:
        related = _matched(viewer, open_ids)
        for pk in open_ids:
            found[pk] = related.get(pk, Relation.NONE)
    return found


def _matched(viewer, ids: Iterable[int] | None) -> Mapping[int, Relation]:
    if not is_requester(viewer) or _relation_source is None:
        return {}
    return _relation_source(viewer, ids)


# -- what adapters call -----------------------------------------------------------------------


@dataclass(frozen=True)
class ProfileView:
    """One profile as one viewer may see it. Render ``fields`` only (``value``, ``as_dict``,
    or ``view["name"]`` / ``{{ view.name }}`` in templates: a hidden field is None)."""

    profile: Profile
    fields: frozenset[str]
    relation: Relation

    @property
    def pk(self) -> int:
        return self.profile.pk

    def value(self, name: str):
        if name not in self.fields:
            return None
        if name == "areas":
            return [a.name for a in self.profile.areas.all()]
        return getattr(self.profile, name)

    def __getitem__(self, name: str):
        if name not in FIELD_CLASS:
            raise KeyError(name)
        return self.value(name)

    def shows(self, name: str) -> bool:
        return name in self.fields

    # The Japanese labels of coded fields, under the same rule as the field itself.
    @property
    def kind_label(self) -> str | None:
        return self.profile.get_kind_display() if "kind" in self.fields else None

    @property
    def status_label(self) -> str | None:
        return self.profile.get_status_display() if "status" in self.fields else None

    @property
    def fee_label(self) -> str | None:
        return self.profile.get_fee_display() if "fee" in self.fields else None

    def as_dict(self) -> dict[str, Any]:
        return {name: self.value(name) for name in FIELD_CLASS if name in self.fields}


def profile_views(
    viewer, profiles: Iterable[Profile], *, channel: str, fields: Iterable[str] | None = None
) -> list[ProfileView]:
    """``profiles`` as ``viewer`` may see them, in the same order; records the contact data
    they disclose (one ``Disclosure`` row for the whole call, none if nothing is disclosed).

    ``fields``: what the caller is going to render (default: every field). Only fields both
    allowed and asked for are returned, and only those count as disclosed. ``channel``: "api",
    "web", "export" or "mail".
    """
    if channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r}")
    wanted = ALL_FIELDS if fields is None else frozenset(fields)
    unknown = wanted - ALL_FIELDS
    if unknown:
        raise ValueError(f"not profile fields: {sorted(unknown)}")
    profiles = list(profiles)
    related = relations(viewer, profiles)
    views = [
        ProfileView(p, visible_fields(viewer, p, relation=related[p.pk]) & wanted, related[p.pk])
        for p in profiles
    ]
    record_disclosure(viewer, views, channel=channel)
    return views


def profile_view(viewer, profile: Profile, *, channel: str, fields=None) -> ProfileView:
    return profile_views(viewer, [profile], channel=channel, fields=fields)[0]


def record_disclosure(viewer, views: Iterable[ProfileView], *, channel: str) -> Disclosure | None:
    """One audit row for the contact data in ``views`` shown to someone other than the
    volunteer: which profiles, which fields. Nothing when no contact value was shown."""
    ids, shown = [], set()
    for view in views:
        if view.relation == Relation.SELF:
            continue
        carried = {f for f in view.fields & CONTACT_FIELDS if getattr(view.profile, f)}
        if carried:
            ids.append(view.pk)
            shown |= carried
    if not ids:
        return None
    row = Disclosure.objects.create(
        viewer=viewer if isinstance(viewer, get_user_model()) else None,
        channel=channel,
        profile_ids=sorted(set(ids)),
        fields=sorted(shown),
    )
    # The city's audit log (audit/) gets one entry per call too, naming the people shown: a
    # coordinator's list page of fifty people is one row, not fifty, so the log stays bounded
    # by what people do rather than by how much they see. A single person shown is the target.
    audit.record(
        actor=viewer,
        action="contact_view",
        target=("talent.profile", row.profile_ids[0]) if len(row.profile_ids) == 1 else None,
        detail={"channel": channel, "profile_ids": row.profile_ids, "fields": row.fields},
    )
    return row


# -- the same rule in SQL (search and sorting) ------------------------------------------------


def matched_ids(viewer) -> dict[Relation, list[int]]:
    """The viewer's matched profiles by relation (one query; empty unless a requester)."""
    if not viewer.is_authenticated:
        return {}
    by_relation: dict[Relation, list[int]] = {}
    for pk, rel in _matched(viewer, None).items():
        by_relation.setdefault(rel, []).append(pk)
    return {rel: sorted(ids) for rel, ids in by_relation.items()}


def visible_q(viewer, field: str, *, matched: dict[Relation, list[int]] | None = None) -> Q | None:
    """A condition on ``Profile`` rows: ``field`` is visible to ``viewer`` in that row. None
    means every row (a coordinator). Built from ``ACCESS`` with one query for the viewer's
    matched profiles, so search and sorting follow the same table as ``visible_fields``."""
    if is_coordinator(viewer):
        return None
    access = ACCESS[FIELD_CLASS[field]]
    consent = Q(public_fields__contains=[field])
    nothing = Q(pk__in=[])

    def allowed(rel: Relation) -> Q | None:
        """None: no row of this relation; Q(): every row of it."""
        if access[rel] == Access.ALWAYS:
            return Q()
        if access[rel] == Access.IF_CONSENTED:
            return consent
        return None

    if not viewer.is_authenticated:
        return _or([], nothing)
    parts = []
    own = Q(user_id=viewer.id)
    if (cond := allowed(Relation.SELF)) is not None:
        parts.append(own & cond)
    by_relation = matched_ids(viewer) if matched is None else matched
    for rel, ids in by_relation.items():
        if (cond := allowed(rel)) is not None:
            parts.append(Q(pk__in=ids) & ~own & cond)
    if (cond := allowed(Relation.NONE)) is not None:
        every_matched = sorted(pk for ids in by_relation.values() for pk in ids)
        rest = ~own
        if every_matched:
            rest &= ~Q(pk__in=every_matched)
        parts.append(rest & cond)
    return _or(parts, nothing)


def _or(parts: list[Q], nothing: Q) -> Q:
    if not parts:
        return nothing
    result = parts[0]
    for part in parts[1:]:
        result |= part
    return result


def visible_sort(viewer, field: str = "furigana") -> list:
    """An ``order_by`` by ``field`` that never sorts by a value the viewer cannot see: rows
    where it is hidden (or empty) come last, in id order (五十音順 by a hidden reading would
    leak it). For coordinators it is ``talent.models.READING_ORDER``: empty readings last."""
    cond = visible_q(viewer, field)
    filled = ~Q(**{field: ""})
    shown = filled if cond is None else cond & filled
    key = Case(When(shown, then=F(field)), default=Value(None), output_field=CharField())
    return [OrderBy(key, nulls_last=True), "id"]


def visible_search_vector(viewer) -> Expression | None:
    """``Profile.search_vector`` cut, row by row, to the weights of the fields ``viewer`` may
    see there (``SEARCH_WEIGHTS``), so nobody finds a profile by words they may not read.
    None: the whole vector (a coordinator)."""
    if is_coordinator(viewer):
        return None
    by_weight: dict[str, list[str]] = {}
    for field, weight in SEARCH_WEIGHTS.items():
        by_weight.setdefault(weight.lower(), []).append(field)
    matched = matched_ids(viewer)
    cases = []
    for weight, names in sorted(by_weight.items()):
        cond = Q()
        for name in names:
            cond &= visible_q(viewer, name, matched=matched)
        cases.append(Case(When(cond, then=Value(weight)), default=Value(None)))
    weights = Func(
        *cases,
        template='array_remove(ARRAY[%(expressions)s]::"char"[], NULL)',
        output_field=CharField(),
    )
    return Func(F("search_vector"), weights, function="ts_filter", output_field=SearchVectorField())
