"""The matcher's ranked candidates for a request, prepared for the coordinator's page.

matching.candidates.candidates_for_request is the only source of the ranking and its reasons;
this module only turns its dict into rows for the template. Keys it does not know are still
shown, under their own name, so the page never hides a reason the matcher starts to give.
"""

from dataclasses import dataclass, field

from common.errors import DomainError
from lib.slots import SLOT_CHOICES
from matching import policies
from talent import selectors as talent_selectors

SLOT_LABELS = dict(SLOT_CHOICES)
FIT_LABELS = {
    "full": "合う",
    "partial": "一部だけ合う",
    "none": "合わない",
    "not_required": "依頼に日時の指定なし",
}
# Filter names the matcher used before it sent its own labels ("filtered_labels").
FILTER_LABELS = {
    "not_published": "公開中でない",
    "kind": "種別が違う",
    "availability": "日時が合わない",
    "excluded": "提案済み・辞退・確定済み",
}
# Keys shown by the template in their own place, or not meant for people.
SHOWN_ELSEWHERE = {
    "profile_id", "display_name", "kind", "kind_label", "score", "text_score",
    "matched_terms", "term_contributions", "availability", "areas", "soft_factors", "rank",
}  # fmt: skip


@dataclass
class Candidate:
    profile: object
    score: float | None
    text_score: float | None = None
    terms: list[tuple[str, object]] = field(default_factory=list)
    highlight_words: list[str] = field(default_factory=list)
    availability: str = ""
    areas: str = ""
    factors: list[str] = field(default_factory=list)
    other: list[tuple[str, object]] = field(default_factory=list)


@dataclass
class Candidates:
    available: bool
    rows: list[Candidate] = field(default_factory=list)
    filtered: list[tuple[str, object]] = field(default_factory=list)
    considered: int | None = None
    error: str = ""


def _terms(row: dict) -> tuple[list[tuple[str, object]], list[str]]:
    """(term, contribution) pairs, and every word worth marking in the profile's text (the
    terms and the words they matched through synonyms)."""
    pairs, words = [], []
    detailed = row.get("term_contributions")
    for item in detailed if detailed else row.get("matched_terms") or ():
        if isinstance(item, dict):
            term = str(item.get("term") or item.get("word") or "")
            pairs.append((term, item.get("contribution", item.get("weight"))))
            words.extend(str(w) for w in item.get("matched") or ())
        elif isinstance(item, list | tuple) and item:
            term = str(item[0])
            pairs.append((term, item[1] if len(item) > 1 else None))
        else:
            term = str(item)
            pairs.append((term, None))
        words.append(term)
    return [(t, c) for t, c in pairs if t], [w for w in dict.fromkeys(words) if w]


def _availability(value) -> str:
    if isinstance(value, dict):
        fit = FIT_LABELS.get(value.get("fit"), str(value.get("fit", "")))
        covered = "、".join(SLOT_LABELS.get(s, s) for s in value.get("covered") or ())
        return f"{fit}（{covered}）" if covered else fit
    if isinstance(value, bool):
        return "合う" if value else "合わない"
    return "" if value is None else str(value)


def _areas(value) -> str:
    if isinstance(value, dict):
        shared = value.get("shared") or []
        return "同じ地区：" + "・".join(map(str, shared)) if shared else "同じ地区ではない"
    if isinstance(value, bool):
        return "同じ地区" if value else "同じ地区ではない"
    return "" if value is None else str(value)


def _factors(value) -> list[str]:
    out = []
    for f in value or ():
        if isinstance(f, dict):
            label = f.get("label") or f.get("name") or ""
            boost = f.get("boost")
            out.append(f"{label}（+{boost:.2f}）" if isinstance(boost, int | float) else label)
        else:
            out.append(str(f))
    return out


def for_request(user, request_obj, *, limit: int = 10) -> Candidates:
    if not policies.can_see_candidates(user):
        return Candidates(available=False, error="候補を見られるのはコーディネーターだけです。")
    try:
        from matching.candidates import candidates_for_request
    except ImportError:
        return Candidates(
            available=False, error="候補の自動提案はまだ使えません。人材検索から探してください。"
        )
    try:
        result = candidates_for_request(request_obj, limit=limit)
    except DomainError as exc:
        return Candidates(available=False, error=exc.message)
    results = result.get("results", []) if isinstance(result, dict) else list(result)
    ids = [r.get("profile_id") for r in results if r.get("profile_id") is not None]
    profiles = talent_selectors.profiles_visible_to(user).prefetch_related("areas").in_bulk(ids)
    rows = []
    for r in results:
        profile = profiles.get(r.get("profile_id"))
        if profile is None:
            continue
        terms, words = _terms(r)
        rows.append(
            Candidate(
                profile=profile,
                score=r.get("score"),
                text_score=r.get("text_score"),
                terms=terms,
                highlight_words=words,
                availability=_availability(r.get("availability")),
                areas=_areas(r.get("areas", r.get("same_area"))),
                factors=_factors(r.get("soft_factors")),
                other=[(k, v) for k, v in r.items() if k not in SHOWN_ELSEWHERE],
            )
        )
    meta = result if isinstance(result, dict) else {}
    labels = {**FILTER_LABELS, **(meta.get("filtered_labels") or {})}
    filtered = [(labels.get(k, k), v) for k, v in (meta.get("filtered") or {}).items()]
    return Candidates(
        available=True, rows=rows, filtered=filtered, considered=meta.get("considered")
    )
