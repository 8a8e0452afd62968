def test_it_lists_profiles_for_coordinator_with_contact(api, coordinator, volunteer):
    res = api.as_(coordinator).get("/api/profiles/")
    assert res.status_code == 200
    assert res.json()["count"] == 1
    assert res.json()["results"][0]["phone"] == "090-1111-2222"
