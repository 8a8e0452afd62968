"""The DATABASE_URL of a connection: how a child process is pointed at its parent's database."""


def database_url(settings_dict: dict) -> str:
    """A DATABASE_URL naming the database of a connection's ``settings_dict``: how a child
    process (a gunicorn worker in the tests, a worker in the benchmark) is pointed at the same
    database as its parent, scratch or test databases included."""
    s = settings_dict
    user = s["USER"] or ""
    auth = f"{user}:{s['PASSWORD']}@" if s["PASSWORD"] else (f"{user}@" if user else "")
    host = s["HOST"] or s.get("OPTIONS", {}).get("host", "")
    if host.startswith("/"):
        return f"postgres://{auth}/{s['NAME']}?host={host}"
    port = f":{s['PORT']}" if s["PORT"] else ""
    return f"postgres://{auth}{host}{port}/{s['NAME']}"
