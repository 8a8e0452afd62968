"""The matcher's ranked candidates for a request, prepared for the coordinator's page.

matching.candidates.candidates_for_request is the only source of the ranking and its reasons;
this module only turns its dict into rows for the template, and renders whatever reason keys
it carries (the matcher may grow new ones), so the page never has to change in step with it.
"""

from dataclasses import dataclass, field

from common.errors import DomainError
from matching import policies
from talent import selectors as talent_selectors

# Japanese names for the reason and filter keys the matcher is known to use; other keys are
# shown under their own name rather than hidden.
REASON_LABELS = {
    "availability": "日時の都合",
    "availability_fit": "日時の都合",
    "slots": "日時の都合",
    "area": "地区",
    "area_match": "地区",
    "same_area": "同じ地区",
    "soft_factors": "その他の加点",
    "factors": "加点・減点",
    "spread": "最近の依頼の少なさ",
    "recency": "最近の依頼の少なさ",
    "last_proposed_at": "最後に提案した日",
    "kind": "種類",
    "fields": "一致した項目",
    "text_score": "ことばの一致度",
}
FILTER_LABELS = {
    "not_published": "公開中でない",
    "status": "公開中でない",
    "kind": "種類が違う",
    "kind_wanted": "種類が違う",
    "availability": "日時の都合が合わない",
    "slots": "日時の都合が合わない",
    "already_proposed": "すでに提案・辞退・確定済み",
    "already_matched": "すでに提案・辞退・確定済み",
    "existing_match": "すでに提案・辞退・確定済み",
    "matched": "すでに提案・辞退・確定済み",
    "total": "対象にした人数",
    "considered": "対象にした人数",
}
HIDDEN_KEYS = {"profile_id", "score", "matched_terms", "rank"}


@dataclass
class Candidate:
    profile: object
    score: float | None
    terms: list[tuple[str, object]]
    reasons: list[tuple[str, object]] = field(default_factory=list)

    @property
    def term_words(self) -> list[str]:
        return [t for t, _ in self.terms]


@dataclass
class Candidates:
    available: bool
    rows: list[Candidate] = field(default_factory=list)
    filtered: list[tuple[str, object]] = field(default_factory=list)
    error: str = ""


def _terms(raw) -> list[tuple[str, object]]:
    out = []
    for item in raw or ():
        if isinstance(item, dict):
            word = item.get("term") or item.get("word") or item.get("text") or ""
            weight = item.get("contribution", item.get("weight", item.get("score")))
            out.append((str(word), weight))
        elif isinstance(item, list | tuple) and item:
            out.append((str(item[0]), item[1] if len(item) > 1 else None))
        else:
            out.append((str(item), None))
    return [(w, c) for w, c in out if w]


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
        reasons = [(REASON_LABELS.get(k, k), v) for k, v in r.items() if k not in HIDDEN_KEYS]
        rows.append(Candidate(profile, r.get("score"), _terms(r.get("matched_terms")), reasons))
    filtered_raw = result.get("filtered", {}) if isinstance(result, dict) else {}
    filtered = [(FILTER_LABELS.get(k, k), v) for k, v in (filtered_raw or {}).items()]
    return Candidates(available=True, rows=rows, filtered=filtered)
