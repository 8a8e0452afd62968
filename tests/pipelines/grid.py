"""Reading the hand-written tables of the pipeline tests.

A table is a grid: the header row names the target statuses, each row starts with the
status a move comes from, and each cell lists who may make that move, one letter a party
(``-``: nobody, the move is illegal). The tests compare the code against these grids; they
are never derived from the code's own tables.
"""

from common.pipeline import COORDINATOR, OWNER, REQUESTER, SYSTEM, VOLUNTEER

LETTERS = {"C": COORDINATOR, "O": OWNER, "V": VOLUNTEER, "R": REQUESTER, "S": SYSTEM}


def read(grid: str) -> dict[tuple[str, str], frozenset[str]]:
    header, *rows = [line.split() for line in grid.strip().splitlines()]
    targets = header[1:]
    table = {}
    for frm, *cells in rows:
        assert len(cells) == len(targets), f"row {frm} has {len(cells)} cells"
        for to, cell in zip(targets, cells, strict=True):
            table[(frm, to)] = frozenset() if cell == "-" else frozenset(LETTERS[c] for c in cell)
    return table


def cases(table, parties: tuple[str, ...]) -> list[tuple[str, str, str, str]]:
    """(from, to, party, expected) for every pair and party: "ok", "conflict" (an illegal
    move) or "forbidden" (a legal move this party may not make). "outsider" is someone with
    no relation to the row: always forbidden."""
    out = []
    for (frm, to), who in table.items():
        for party in (*parties, "outsider"):
            if party == "outsider":
                expected = "forbidden"
            elif not who:
                expected = "conflict"
            else:
                expected = "ok" if party in who else "forbidden"
            out.append((frm, to, party, expected))
    return out
