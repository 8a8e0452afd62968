"""Who someone is, asked in one place (accounts/roles.py), for every kind of caller."""

import ast
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts.roles import is_coordinator, is_requester, is_volunteer
from accounts.system import SYSTEM
from tests.core.test_layers import PROJECT, ROOT


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        # who                                     coordinator requester volunteer
        ("anonymous", (False, False, False)),
        ("system", (True, False, False)),
        ("coordinator", (True, False, False)),
        ("requester", (False, True, False)),
        ("volunteer", (False, False, True)),
        ("none", (False, False, False)),
    ],
)
def test_each_caller_has_exactly_its_role(who, expected):
    user = {
        "anonymous": AnonymousUser(),
        "system": SYSTEM,
        "none": None,
    }.get(who) or SimpleNamespace(is_authenticated=True, role=who)
    assert (is_coordinator(user), is_requester(user), is_volunteer(user)) == expected


def test_nobody_else_compares_a_role_by_hand():
    """``x.role == …`` / ``!=`` anywhere but accounts/roles.py would be a second way to ask."""
    found = []
    for package in PROJECT:
        for path in (ROOT / package).rglob("*.py"):
            if path.relative_to(ROOT).as_posix() == "accounts/roles.py":
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Compare) and any(
                    isinstance(op, ast.Eq | ast.NotEq) for op in node.ops
                ):
                    sides = [node.left, *node.comparators]
                    if any(isinstance(s, ast.Attribute) and s.attr == "role" for s in sides):
                        found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []
