"""Ranked candidates with their reasons, in both directions, from the process's index cache.

The request's and the profile's own terms are read from their stored ``tok_*`` columns: the
query path never runs Sudachi. Results are typed (``CandidateList`` of ``ProfileCandidate`` or
``RequestCandidate``): the page renders them as they are, the API calls ``as_dict()`` (which
keeps every key of the first round and adds the new ones).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from lib.engine.explain import Candidate, MatchedTerm, RankResult
from lib.engine.index import Query
from lib.engine.ranking import DEFAULT_WEIGHTS, FILTER_ORDER
from lib.slots import mask_to_slots, request_slot_groups, slots_to_mask
from lib.text.places import areas_named, slots_named
from matching.index_cache import profile_cache, request_cache
from matching.models import Match, MatchStatus, Request
from talent.models import Profile, ProfileKind

# A person already proposed, declined or confirmed for a request is not proposed again; a
# cancelled proposal may be made anew.
EXCLUDING_STATUSES = [s for s in MatchStatus.values if s != MatchStatus.CANCELLED]

FILTER_LABELS = {
    "not_published": "公開中でない",
    "kind": "種別が違う",
    "availability": "日時が合わない",
    "excluded": "提案済み・辞退・確定済み",
}
SOFT_FACTOR_LABELS = {
    "same_area": "同じ地区",
    "not_asked_recently": "最近依頼していない人を優先",
    "kind_wanted": "依頼が求める種別",
    "area_named": "依頼文にある地区",
    "time_named": "依頼文にある曜日・時間帯に活動できる",
}
KIND_LABELS = dict(ProfileKind.choices)
NOTHING_FITS = "条件に合う方が見つかりませんでした"
NOTHING_FITS_REQUESTS = "条件に合う依頼が見つかりませんでした"
# Shown when every candidate left is of strength 低: ことばの一部 (often a generic word or a
# neighbouring topic) is all they share, and the coordinator should know before proposing.
WEAK_ONLY = "はっきり合う方はいませんでした。ことばの一部だけが合う方を、合う度合い「低」として表示しています"
WEAK_ONLY_REQUESTS = "はっきり合う依頼はありませんでした。ことばの一部だけが合う依頼を、合う度合い「低」として表示しています"
FIT_LABELS = {
    "full": "合う",
    "partial": "一部だけ合う",
    "none": "合わない",
    "unknown": "未登録（本人に確認が必要）",
    "not_required": "依頼に日時の指定なし",
}
# Text score (cosine, with expansions) → a strength a person reads. The no-fit cut-off is at
# 0.2 (lib.engine.index.SERVICE_CUT_OFF): 低 is just above it.
STRENGTHS = ((0.45, "高"), (0.3, "中"), (0.0, "低"))
WEAK = STRENGTHS[-1][1]


@dataclass(frozen=True)
class Options:
    """The hard filters a coordinator can widen or narrow on the candidates page."""

    kinds: tuple[str, ...] | None = None  # None: the request's own; () any kind
    kinds_strict: bool | None = None  # only these kinds (else a preference); None: the request's
    use_dates: bool = True  # drop people whose 曜日・時間帯 do not fit the request's dates
    limit: int = 10


@dataclass(frozen=True)
class Topic:
    """A matched topic, once: under the candidate's word, with the request's words it met."""

    word: str
    request_words: tuple[str, ...] = ()
    inferred: bool = False  # met through word vectors (shown with ≈), not the same word

    @property
    def label(self) -> str:
        others = [w for w in self.request_words if w.lower() != self.word.lower()]
        if not others:
            return self.word
        return f"{self.word} {'≈' if self.inferred else '＝'} {'・'.join(others)}"


@dataclass(frozen=True)
class Reasons:
    score: float
    text_score: float
    strength: str  # 高 / 中 / 低
    topics: tuple[Topic, ...]
    matched_terms: tuple[MatchedTerm, ...]
    availability_fit: str  # full / partial / none / unknown / not_required
    required_slots: tuple[str, ...]
    covered_slots: tuple[str, ...]
    shared_areas: tuple[str, ...]
    boosts: tuple[str, ...]  # why boosted, in words
    soft_factors: tuple[tuple[str, float], ...]

    @property
    def highlight_words(self) -> tuple[str, ...]:
        """The candidate's own matched words, to mark in its text."""
        return tuple(t.word for t in self.topics)

    @property
    def has_inferred(self) -> bool:
        return any(t.inferred for t in self.topics)

    @property
    def availability_label(self) -> str:
        return FIT_LABELS[self.availability_fit]

    def as_dict(self) -> dict:
        return {
            "score": self.score,
            "text_score": self.text_score,
            "strength": self.strength,
            "matched_terms": [t.term for t in self.matched_terms],
            "term_contributions": [
                {
                    "term": t.term,
                    "contribution": t.contribution,
                    "via": t.via,
                    "matched": list(t.matched),
                }
                for t in self.matched_terms
            ],
            "topics": [
                {
                    "word": t.word,
                    "request_words": t.request_words,
                    "inferred": t.inferred,
                    "label": t.label,
                }
                for t in self.topics
            ],
            "availability": {
                "required": list(self.required_slots),
                "covered": list(self.covered_slots),
                "fit": self.availability_fit,
            },
            "areas": {"shared": list(self.shared_areas)},
            "boosts": list(self.boosts),
            "soft_factors": [
                {
                    "name": name,
                    "label": SOFT_FACTOR_LABELS.get(name, name),
                    "boost": boost,
                    "weight": DEFAULT_WEIGHTS.get(name),
                }
                for name, boost in self.soft_factors
            ],
        }


@dataclass(frozen=True)
class ProfileCandidate:
    profile: Profile
    reasons: Reasons

    def as_dict(self) -> dict:
        p = self.profile
        return {
            "profile_id": p.pk,
            "display_name": p.display_name,
            "kind": p.kind,
            "kind_label": KIND_LABELS.get(p.kind, p.kind),
            **self.reasons.as_dict(),
        }


@dataclass(frozen=True)
class RequestCandidate:
    request: Request
    reasons: Reasons

    def as_dict(self) -> dict:
        r = self.request
        return {
            "request_id": r.pk,
            "title": r.title,
            "organization_name": r.organization.name,
            "dates": [d.isoformat() for d in r.dates],
            "time_band": r.time_band,
            **self.reasons.as_dict(),
        }


@dataclass(frozen=True)
class CandidateList:
    results: list = field(default_factory=list)
    filtered: dict[str, int] = field(default_factory=dict)
    considered: int = 0
    hidden: int = 0  # scored far below the best and left out
    nothing_fits: bool = False
    weak_only: bool = False  # every candidate is of strength 低
    message: str = ""
    options: Options = Options()

    @property
    def filtered_rows(self) -> list[tuple[str, str, int]]:
        return [(name, FILTER_LABELS[name], self.filtered.get(name, 0)) for name in FILTER_ORDER]

    def as_dict(self) -> dict:
        return {
            "results": [r.as_dict() for r in self.results],
            "filtered": dict(self.filtered),
            "filtered_labels": FILTER_LABELS,
            "considered": self.considered,
            "hidden": self.hidden,
            "nothing_fits": self.nothing_fits,
            "weak_only": self.weak_only,
            "message": self.message,
        }


def request_kinds(request: Request) -> tuple[str, ...]:
    """The kinds a request says could help (empty: any kind)."""
    return tuple(request.kinds_wanted)


def candidates_for_request(request: Request, options: Options | None = None) -> CandidateList:
    """Published profiles ranked for ``request``, best first, each with its reasons."""
    options = options or Options()
    index = profile_cache.fresh()
    # No order: a set is made of it (Match's default ordering only costs a sort).
    exclude = (
        Match.objects.filter(request=request, status__in=EXCLUDING_STATUSES)
        .order_by()
        .values_list("profile_id", flat=True)
    )
    area_id = request.organization.area_id
    kinds = request_kinds(request) if options.kinds is None else options.kinds
    text = f"{request.title}\n{request.description}"
    result = index.rank(
        Query(
            fields={"title": request.tok_title, "description": request.tok_description},
            kinds=kinds,
            kinds_strict=bool(kinds)
            and (request.kinds_strict if options.kinds_strict is None else options.kinds_strict),
            required_slots=(
                request_slot_groups(request.dates, request.time_band) if options.use_dates else ()
            ),
            areas=(area_id,) if area_id else (),
            named_areas=areas_named(text, profile_cache.area_names),
            named_slots=slots_to_mask(slots_named(text)),
            exclude=set(exclude),
            limit=options.limit,
            now=time.time(),
        )
    )
    # Only what a result names: the stored terms and the search vector are large and unused;
    # no order (the engine's is kept): Profile's default one is a CASE over the reading.
    profiles = (
        Profile.objects.only("id", "display_name", "kind")
        .order_by()
        .in_bulk([c.doc_id for c in result.candidates])
    )
    areas = profile_cache.area_names
    results = [
        ProfileCandidate(profiles[c.doc_id], reasons(c, areas))
        for c in result.candidates
        if c.doc_id in profiles  # not deleted between the index's look and this one
    ]
    return _list(results, result, options, NOTHING_FITS, WEAK_ONLY)


def requests_for_profile(profile: Profile, *, limit: int = 10) -> CandidateList:
    """Open requests ranked for a volunteer's profile: the other direction, same machinery."""
    index = request_cache.fresh()
    exclude = (
        Match.objects.filter(profile=profile, status__in=EXCLUDING_STATUSES)
        .order_by()
        .values_list("request_id", flat=True)
    )
    area_ids = tuple(profile.areas.values_list("id", flat=True))
    result = index.rank(
        Query(
            fields={
                "skills": profile.tok_skills,
                "experience": profile.tok_experience,
                "bio": profile.tok_bio,
            },
            kind=profile.kind,  # removes the requests that insist on another kind
            kinds=(profile.kind,),  # and prefers those that want this one
            offered_slots=slots_to_mask(profile.availability),
            areas=area_ids,
            exclude=set(exclude),
            limit=limit,
            now=time.time(),
        )
    )
    requests = (
        Request.objects.select_related("organization")
        .order_by()
        .in_bulk([c.doc_id for c in result.candidates])
    )
    areas = request_cache.area_names
    results = [
        RequestCandidate(requests[c.doc_id], reasons(c, areas))
        for c in result.candidates
        if c.doc_id in requests
    ]
    return _list(results, result, Options(limit=limit), NOTHING_FITS_REQUESTS, WEAK_ONLY_REQUESTS)


def _list(
    results: list, result: RankResult, options: Options, nothing: str, weak: str
) -> CandidateList:
    nothing_fits = not results
    weak_only = bool(results) and all(r.reasons.strength == WEAK for r in results)
    return CandidateList(
        results=results,
        filtered={name: result.removed.get(name, 0) for name in FILTER_ORDER},
        considered=result.considered,
        hidden=result.hidden,
        nothing_fits=nothing_fits,
        weak_only=weak_only,
        message=nothing if nothing_fits else weak if weak_only else "",
        options=options,
    )


def strength(text_score: float) -> str:
    return next(label for floor, label in STRENGTHS if text_score >= floor)


def topics(terms: list[MatchedTerm]) -> tuple[Topic, ...]:
    """Matched terms as topics, once each: synonyms under the candidate's word (スマホ →
    スマートフォン), parts under the longer word they belong to (会話 under 英会話), words
    differing only in case merged (LINE / line), expansions marked as inferred."""
    merged: dict[str, dict] = {}
    for t in terms:
        # The candidate's own word names the topic; a synonym met through several of the
        # candidate's words (スマホ・スマートフォン) is still one topic.
        word = t.matched[0] if t.matched else t.term
        entry = merged.setdefault(
            word.lower(), {"word": word, "request": set(), "inferred": t.via == "expansion"}
        )
        if t.via != "term":
            entry["request"].add(t.term)
        entry["inferred"] = entry["inferred"] and t.via == "expansion"
    # A synonym met through a word the candidate also wrote as such (スマホ beside スマートフォン)
    # is the same topic: it is folded into that word's entry.
    for key in list(merged):
        e = merged[key]
        for w in e["request"]:
            if w.lower() != key and w.lower() in merged and not e["inferred"]:
                del merged[key]
                break
    words = list(merged)
    out = []
    for key in words:
        # A part (会話) is shown under a longer matched word containing it (英会話).
        if any(key != other and key in other for other in words):
            continue
        e = merged[key]
        out.append(Topic(e["word"], tuple(sorted(e["request"])), e["inferred"]))
    return tuple(out)


def reasons(c: Candidate, areas: dict[int, str]) -> Reasons:
    required = mask_to_slots(c.required_slots)
    covered = mask_to_slots(c.covered_slots)
    if not required:
        fit = "not_required"
    elif c.unknown_availability:
        fit = "unknown"
    elif len(covered) == len(required):
        fit = "full"
    else:
        fit = "partial" if covered else "none"
    return Reasons(
        score=c.score,
        text_score=c.text_score,
        strength=strength(c.text_score),
        topics=topics(c.matched_terms),
        matched_terms=tuple(c.matched_terms),
        availability_fit=fit,
        required_slots=tuple(required),
        covered_slots=tuple(covered),
        shared_areas=tuple(areas.get(a, str(a)) for a in c.shared_areas),
        boosts=tuple(SOFT_FACTOR_LABELS.get(f.name, f.name) for f in c.soft_factors),
        soft_factors=tuple((f.name, f.boost) for f in c.soft_factors),
    )
