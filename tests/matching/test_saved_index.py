"""The process's index saved for the next process: opened instead of built, caught up from
the moment it was saved, and never opened for another database state or synonym list."""

import json

import pytest
from django.db import connection, transaction

from accounts.system import SYSTEM
from lib.engine.segment import mapped
from matching.candidates import candidates_for_request
from matching.index_cache import profile_cache
from talent import services as talent_services
from tests import factories


def ranked(req):
    return [(c.profile.pk, c.reasons.score) for c in candidates_for_request(req).results]


def folders(root):
    return sorted(p.name for p in root.iterdir() if p.is_dir())


@pytest.fixture
def saving(settings, tmp_path):
    settings.TSUNAGU_INDEX_DIR = tmp_path
    return tmp_path


@pytest.mark.django_db(transaction=True)  # committed rows, as another process sees them
def test_a_new_process_opens_the_saved_index_and_catches_up(saving, school_a):
    people = [factories.profile(skills=s) for s in ("書道を教えます", "書道と習字", "陶芸")]
    req = factories.request(school_a, dates=[])
    first = ranked(req)  # builds and saves
    assert people[1].pk in [pk for pk, _ in first]
    assert [f.split("-")[0] for f in folders(saving)] == ["talent_profile"]
    # Meanwhile: two people's skills rewritten, one added. (After a deletion or a withdrawal
    # the saved index is not opened at all: the last test.)
    talent_services.profile_edit(actor=SYSTEM, profile=people[2], data={"skills": "書道の師範"})
    talent_services.profile_edit(actor=SYSTEM, profile=people[1], data={"skills": "囲碁"})
    added = factories.profile(skills="書道")
    # The process that built it catches up (IDF stays as built: see lib/engine/index.py)...
    going_on = ranked(req)
    ids = [pk for pk, _ in going_on]
    assert people[2].pk in ids and added.pk in ids and people[1].pk not in ids
    # ... and a process starting now opens the saved index and ends up exactly there.
    profile_cache.reset()
    assert ranked(req) == going_on
    assert mapped(profile_cache.fresh()._main.data)  # opened, not built


@pytest.mark.django_db(transaction=True)
def test_an_edited_synonym_list_or_a_truncated_table_opens_no_old_index(saving, school_a):
    from matching.models import SynonymGroup

    factories.profile(skills="書道を教えます")
    req = factories.request(school_a, dates=[])
    ranked(req)
    before = folders(saving)
    SynonymGroup.objects.create(terms="書道\n習字")
    profile_cache.reset()
    ranked(req)
    after = folders(saving)
    assert len(after) == 1 and after != before  # a new key; the old folder is gone
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE talent_profile CASCADE")
    profile_cache.reset()
    assert ranked(req) == []  # not the saved rows
    assert folders(saving) != after


@pytest.mark.django_db(transaction=True)
def test_an_index_built_inside_a_transaction_that_wrote_is_not_saved(saving, school_a):
    with transaction.atomic():
        factories.profile(skills="書道を教えます")
        req = factories.request(school_a, dates=[])
        assert len(ranked(req)) == 1
    assert folders(saving) == []


@pytest.mark.django_db(transaction=True)
def test_saving_off_or_impossible_still_ranks(settings, tmp_path, school_a):
    factories.profile(skills="書道を教えます")
    req = factories.request(school_a, dates=[])
    settings.TSUNAGU_INDEX_DIR = None
    assert len(ranked(req)) == 1
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    settings.TSUNAGU_INDEX_DIR = blocked / "index"  # cannot be created
    profile_cache.reset()
    assert len(ranked(req)) == 1


@pytest.mark.django_db(transaction=True)
def test_an_opened_index_rebuilds_on_drift_like_its_builder_and_saves_the_rebuild(saving, school_a):
    for i in range(10):
        factories.profile(skills=f"書道の講座 {i}", availability=[])
    req = factories.request(school_a, title="書道", dates=[], time_band="")
    ranked(req)  # built and saved
    (first,) = folders(saving)
    for i in range(30):
        factories.profile(skills=f"陶芸 {i}", availability=[])
    profile_cache.reset()  # a new process: opens it, the 30 go to the delta
    ranked(req)
    assert mapped(profile_cache.fresh()._main.data)
    assert (profile_cache.built_rows, profile_cache.fresh().stats()["delta_rows"]) == ((10, 1), 30)
    for i in range(21):
        factories.profile(skills=f"陶芸 {i}", availability=[])
    ranked(req)  # 51 written since the saved build: rebuilt, as the builder would have
    assert profile_cache.built_rows == (61, 1)
    (second,) = folders(saving)  # saved in place of the first
    assert second != first
    profile_cache.reset()
    ranked(req)
    assert profile_cache.built_rows == (61, 1) and mapped(profile_cache.fresh()._main.data)


def saved_words(root):
    (folder,) = [p for p in root.iterdir() if p.is_dir()]
    return set(json.loads((folder / "meta.json").read_text())["terms"])


@pytest.mark.django_db(transaction=True)
def test_a_withdrawal_removes_the_saved_index_and_no_machine_opens_an_older_one(
    settings, saving, tmp_path_factory, coordinator, school_a
):
    from volunteers.personal_data import withdraw

    leaving = factories.profile(skills="盆栽の手入れを教えます")
    staying = factories.profile(skills="盆栽と書道")
    req = factories.request(school_a, title="盆栽", dates=[], time_band="")
    ranked(req)  # built and saved: the saved words include the person's
    assert "手入れ" in saved_words(saving)
    withdraw(actor=coordinator, profile=leaving, reference="受付123")
    assert folders(saving) == []  # this machine's saved index is gone with the commit
    profile_cache.reset()
    ranked(req)  # the next process saves again, without the person's words
    assert "手入れ" not in saved_words(saving) and "盆栽" in saved_words(saving)
    # Another machine: its saved index was built before a withdrawal made elsewhere.
    before = folders(saving)
    settings.TSUNAGU_INDEX_DIR = tmp_path_factory.mktemp("elsewhere")
    withdraw(actor=coordinator, profile=staying, reference="受付124")
    settings.TSUNAGU_INDEX_DIR = saving
    assert folders(saving) == before  # untouched here
    profile_cache.reset()
    assert ranked(req) == []
    assert not mapped(profile_cache.fresh()._main.data)  # built, not opened
    assert "書道" not in saved_words(saving)
