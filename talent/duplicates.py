"""Is this the same person as someone already registered (or earlier in the same file)?

Two levels, both decided by ``compare`` only:

- **same** (同じ人): the folded names are equal (lib/text/names.py: spaces, width and 異体字
  such as 髙/高 ignored), the readings agree (equal, or one of them blank), and at least one
  of phone, e-mail or birth year is equal.
- **maybe** (同じ人かもしれません): the folded names are equal but nothing else confirms it
  (表記ゆれ, or the same name with different contact data: 同姓同名 happens), or the readings
  are equal and the phone, e-mail or birth year is equal although the names differ (斉藤/斎藤,
  a typo).

A coordinator decides what to do with either: keep both (別人として登録), or treat the new
entry as the registered person (取り込まない / 空欄を補う).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q, Value
from django.db.models.functions import Replace

from lib.text.names import email_key, name_key, phone_key, reading_key
from talent.models import Profile

SAME = "same"
MAYBE = "maybe"
LEVEL_LABELS = {SAME: "同じ人です", MAYBE: "同じ人かもしれません"}


@dataclass(frozen=True, slots=True)
class Person:
    """What the detector compares; ``ref`` says where it comes from (a profile id, a line)."""

    ref: object
    name: str
    reading: str = ""
    phone: str = ""
    email: str = ""
    birth_year: int | None = None
    keys: tuple[str, str, str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        keys = (
            name_key(self.name),
            reading_key(self.reading),
            phone_key(self.phone),
            email_key(self.email),
        )
        object.__setattr__(self, "keys", keys)

    @classmethod
    def of_profile(cls, profile: Profile) -> Person:
        return cls(
            ref=profile.pk,
            name=profile.display_name,
            reading=profile.furigana,
            phone=profile.phone,
            email=profile.email,
            birth_year=profile.birth_year,
        )


@dataclass(frozen=True, slots=True)
class Hit:
    """``other`` may be the same person as the one looked up, at ``level``, because ``reasons``."""

    other: Person
    level: str
    reasons: tuple[str, ...]

    @property
    def label(self) -> str:
        return LEVEL_LABELS[self.level]


def compare(a: Person, b: Person) -> Hit | None:
    """How alike two people are: a Hit about ``b``, or None when they are different people."""
    a_name, a_reading, a_phone, a_email = a.keys
    b_name, b_reading, b_phone, b_email = b.keys
    confirmed = []
    if a_phone and a_phone == b_phone:
        confirmed.append("電話番号が同じ")
    if a_email and a_email == b_email:
        confirmed.append("メールアドレスが同じ")
    if a.birth_year and a.birth_year == b.birth_year:
        confirmed.append("生まれ年が同じ")
    readings_agree = not a_reading or not b_reading or a_reading == b_reading
    if a_name and a_name == b_name:
        name_reason = "氏名が同じ" if a.name == b.name else "氏名が同じ（表記ゆれ）"
        if readings_agree and confirmed:
            return Hit(b, SAME, (name_reason, *confirmed))
        if not readings_agree:
            return Hit(b, MAYBE, (name_reason, "ふりがなが違う", *confirmed))
        return Hit(b, MAYBE, (name_reason,))
    if a_reading and a_reading == b_reading and confirmed:
        return Hit(b, MAYBE, ("ふりがなが同じ", *confirmed))
    return None


class Finder:
    """People held in memory and looked up by key: what a whole import file is checked with.

    A look-up reads only the people who share a phone number, an e-mail address, the name or
    the reading with the same birth year, and the first few who share the name: a common
    name shared by hundreds does not make each look-up read them all.
    """

    SAME_NAME_ONLY = 5  # people with just the same name offered as "maybe", at most

    def __init__(self, people: Iterable[Person] = ()) -> None:
        self._index: dict[tuple, list[Person]] = defaultdict(list)
        for person in people:
            self.add(person)

    @staticmethod
    def _keys(person: Person) -> list[tuple]:
        name, reading, phone, email = person.keys
        keys = []
        if phone:
            keys.append(("p", phone))
        if email:
            keys.append(("e", email))
        if person.birth_year:
            if name:
                keys.append(("nb", name, person.birth_year))
            if reading:
                keys.append(("rb", reading, person.birth_year))
        if name:
            keys.append(("n", name))
        return keys

    def add(self, person: Person) -> None:
        for key in self._keys(person):
            bucket = self._index[key]
            if key[0] != "n" or len(bucket) < self.SAME_NAME_ONLY:
                bucket.append(person)

    def find(self, person: Person, limit: int = 5) -> list[Hit]:
        seen: set[int] = set()
        hits = []
        for key in self._keys(person):
            for other in self._index.get(key, ()):
                if id(other) in seen or other.ref == person.ref:
                    continue
                seen.add(id(other))
                if hit := compare(person, other):
                    hits.append(hit)
        hits.sort(key=lambda h: h.level != SAME)
        return hits[:limit]


def registered_people() -> Finder:
    """Everyone registered, for checking a file (a few tens of bytes per person in memory)."""
    rows = Profile.objects.values_list(
        "id", "display_name", "furigana", "phone", "email", "birth_year"
    ).iterator(chunk_size=5000)
    return Finder(Person(*row) for row in rows)


def find_registered(person: Person, *, exclude_id: int | None = None) -> list[Hit]:
    """The registered profiles that may be ``person`` (a paper entry before it is saved)."""
    name, reading, _, email = person.keys
    wanted = Q(name_key=name) if name else Q(pk__in=[])
    if reading:
        # Stored readings are normalised (hiragana, single spaces): compare without spaces.
        wanted |= Q(reading_key=reading)
    if email:
        wanted |= Q(email__iexact=email)
    candidates = Profile.objects.alias(
        reading_key=Replace("furigana", Value(" "), Value(""))
    ).filter(wanted)
    if exclude_id is not None:
        candidates = candidates.exclude(pk=exclude_id)
    finder = Finder(Person.of_profile(p) for p in candidates[:200])
    return finder.find(person)
