"""Every (from, to) pair of the profile pipeline (screening), and who may make it, against a
hand-written table (talent/pipeline.py: PROFILE_PIPELINE)."""

import pytest

from common.errors import Conflict, Forbidden
from common.pipeline import COORDINATOR, OWNER
from talent import services
from talent.models import Profile
from talent.pipeline import PROFILE_PIPELINE
from tests.pipelines.grid import cases, read

# C coordinator, O the volunteer whose profile it is, S the system (the 年度 rollover; 退会 through
# volunteers.personal_data.withdraw, which checks who asked); - illegal.
MOVES = read(
    """
    from\\to   draft pending published suspended lapsed paused withdrawn
    draft      -     OC      C         -         -      -      S
    pending    C     -       C         -         -      -      S
    published  C     -       -         C         S      OC     S
    suspended  -     -       C         -         -      -      S
    lapsed     -     -       OC        C         -      -      S
    paused     -     -       OC        C         -      -      S
    withdrawn  -     -       -         -         -      -      -
    """
)


def test_the_table_covers_every_status():
    assert set(PROFILE_PIPELINE.labels) == {frm for frm, _ in MOVES}


@pytest.mark.parametrize(("frm", "to"), sorted(MOVES))
def test_each_pair_is_legal_for_exactly_the_written_parties(frm, to):
    assert PROFILE_PIPELINE.who_may(frm, to) == MOVES[(frm, to)]


@pytest.fixture
def people(db, coordinator, volunteer, other_volunteer):
    return {COORDINATOR: coordinator, OWNER: volunteer, "outsider": other_volunteer}


@pytest.mark.parametrize(("frm", "to", "party", "expected"), cases(MOVES, (COORDINATOR, OWNER)))
def test_each_move_by_each_party_through_the_service(frm, to, party, expected, people):
    profile = Profile.objects.get(user=people[OWNER])
    Profile.objects.filter(pk=profile.pk).update(status=frm)
    note = "写真を差し替えてください" if to == "draft" else ""
    if expected == "ok":
        moved = services.profile_set_status(
            actor=people[party], profile=profile, status=to, note=note
        )
        assert moved.status == to
        return
    with pytest.raises(Conflict if expected == "conflict" else Forbidden):
        services.profile_set_status(actor=people[party], profile=profile, status=to, note=note)
    profile.refresh_from_db()
    assert profile.status == frm
