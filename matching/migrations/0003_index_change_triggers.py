"""Database triggers that tell every process's matcher index what changed.

Each insert or update of a profile or request stamps the row with the writing transaction's id
(``index_xid``); a change to a profile's areas stamps the profile; each delete leaves a
tombstone. A process polls rows whose id is at or above the oldest transaction still running
at its previous poll, which finds every committed change exactly once or more (see
matching/index_cache.py). Triggers, not save(), so that bulk updates, the admin and raw SQL
are all seen.
"""

from django.db import migrations

SQL = """
CREATE FUNCTION tsunagu_stamp_xid() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.index_xid := pg_current_xact_id()::text::bigint;
  RETURN NEW;
END $$;

CREATE FUNCTION tsunagu_tombstone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO matching_indextombstone (table_name, row_id, xid, at)
  VALUES (TG_TABLE_NAME, OLD.id, pg_current_xact_id()::text::bigint, now());
  RETURN OLD;
END $$;

CREATE FUNCTION tsunagu_touch_profile() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE talent_profile SET index_xid = pg_current_xact_id()::text::bigint
  WHERE id = COALESCE(NEW.profile_id, OLD.profile_id);
  RETURN NULL;
END $$;

CREATE TRIGGER talent_profile_stamp_xid BEFORE INSERT OR UPDATE ON talent_profile
  FOR EACH ROW EXECUTE FUNCTION tsunagu_stamp_xid();
CREATE TRIGGER matching_request_stamp_xid BEFORE INSERT OR UPDATE ON matching_request
  FOR EACH ROW EXECUTE FUNCTION tsunagu_stamp_xid();
CREATE TRIGGER talent_profile_tombstone AFTER DELETE ON talent_profile
  FOR EACH ROW EXECUTE FUNCTION tsunagu_tombstone();
CREATE TRIGGER matching_request_tombstone AFTER DELETE ON matching_request
  FOR EACH ROW EXECUTE FUNCTION tsunagu_tombstone();
CREATE TRIGGER talent_profile_areas_touch AFTER INSERT OR DELETE ON talent_profile_areas
  FOR EACH ROW EXECUTE FUNCTION tsunagu_touch_profile();
"""

REVERSE = """
DROP TRIGGER IF EXISTS talent_profile_areas_touch ON talent_profile_areas;
DROP TRIGGER IF EXISTS matching_request_tombstone ON matching_request;
DROP TRIGGER IF EXISTS talent_profile_tombstone ON talent_profile;
DROP TRIGGER IF EXISTS matching_request_stamp_xid ON matching_request;
DROP TRIGGER IF EXISTS talent_profile_stamp_xid ON talent_profile;
DROP FUNCTION IF EXISTS tsunagu_touch_profile();
DROP FUNCTION IF EXISTS tsunagu_tombstone();
DROP FUNCTION IF EXISTS tsunagu_stamp_xid();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0002_index_tombstone"),
        ("talent", "0001_initial"),
    ]

    operations = [migrations.RunSQL(SQL, REVERSE)]
