"""One shape for every status pipeline (profiles, requests, matches), after django-oscar's
``Order.pipeline``: a table of legal moves, each with the parties who may make it, and one
``set_status`` per model (talent/services.py, matching/services.py) that asks this table.

    PIPELINE = Pipeline("依頼", RequestStatus.choices, {
        (DRAFT, OPEN): {REQUESTER, COORDINATOR},
        ...
    })

Adding a state is one line in the model's status choices plus its lines here (and its rows
in the tests' written-out tables). Plain Python: no Django, so the table is testable alone.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from common.errors import Conflict, Forbidden, InvalidInput

# Parties. Which of them a person is for a given row is decided by each domain's
# ``*_parties(user, obj)``; SYSTEM is the service itself making a move that follows from
# another one (a request filled by its last confirmation, matches cancelled with a request).
COORDINATOR = "coordinator"
OWNER = "owner"  # the volunteer whose profile it is
VOLUNTEER = "volunteer"  # the volunteer of a match
REQUESTER = "requester"  # a requester of the organization of a request or match
SYSTEM = "system"


@dataclass(frozen=True)
class Pipeline:
    noun: str  # what moves, in Japanese, for messages: 登録 / 依頼 / マッチング
    choices: Iterable[tuple[str, str]]  # (status, label), the model's choices
    moves: Mapping[tuple[str, str], Iterable[str]]  # (from, to) -> who may
    labels: dict[str, str] = field(init=False)
    table: dict[tuple[str, str], frozenset[str]] = field(init=False)

    def __post_init__(self):
        labels = {str(k): str(v) for k, v in self.choices}
        table = {(str(a), str(b)): frozenset(who) for (a, b), who in self.moves.items()}
        unknown = {s for pair in table for s in pair} - set(labels)
        if unknown:
            raise ValueError(f"{self.noun}: states not in the choices: {sorted(unknown)}")
        object.__setattr__(self, "labels", labels)
        object.__setattr__(self, "table", table)

    def who_may(self, frm: str, to: str) -> frozenset[str]:
        """The parties who may move from ``frm`` to ``to`` (empty: an illegal move)."""
        return self.table.get((str(frm), str(to)), frozenset())

    def targets(self, frm: str, parties: Iterable[str]) -> list[str]:
        """Where one of ``parties`` may move a row that is in ``frm`` now (for buttons)."""
        mine = set(parties)
        return [to for (a, to), who in self.table.items() if a == frm and who & mine]

    def check(self, frm: str, to: str, parties: Iterable[str]) -> None:
        """Refuse someone who is no party to the row (403), an unknown status (400), an
        illegal move (409) or a party not allowed to make this one (403)."""
        parties = set(parties)
        if not parties:
            raise Forbidden(f"この{self.noun}の状態を変える権限がありません。")
        if to not in self.labels:
            raise InvalidInput(
                "状態の指定が正しくありません。", fields={"status": ["不明な状態です。"]}
            )
        who = self.table.get((frm, to))
        if who is None:
            raise Conflict(
                f"「{self.labels[frm]}」の{self.noun}を「{self.labels[to]}」にはできません。",
                code="illegal_transition",
            )
        if not who & parties:
            raise Forbidden(f"この{self.noun}を「{self.labels[to]}」にする権限がありません。")
