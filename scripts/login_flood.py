"""A small, bounded load test: a normal API client's requests/s and latency while four
clients hammer the login with wrong passwords. Loopback only (127.0.0.1 / localhost).

    python scripts/login_flood.py --base http://127.0.0.1:8765 --username coordinator \
        --password tsunagu-demo-2026 [--seconds 20] [--attackers 4] [--spoof-clients]

The normal client logs in once (POST /api/auth/token/), then sends GET /api/requests/ with
its token, one request at a time, for --seconds (at most 60). Each attacker sends
POST /api/auth/token/ and POST /login/ in turn with wrong passwords for a few usernames, as
fast as the server answers. --spoof-clients gives each attacker and the normal client its own
X-Forwarded-For address (run the server with DJANGO_PROXY_COUNT=1 so that it believes them:
four attackers then count as four clients, as they would on the internet). Standard library
only, so the same script measures any version of the service.
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import threading
import time
import urllib.parse
from collections import Counter

MAX_SECONDS = 60
MAX_ATTACKERS = 8


def _conn(base):
    parts = urllib.parse.urlsplit(base)
    return http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=30)


def _request(conn, method, path, body=None, headers=None):
    conn.request(method, path, body=body, headers=headers or {})
    response = conn.getresponse()
    data = response.read()
    return response.status, data


def get_token(base, username, password, headers):
    conn = _conn(base)
    body = json.dumps({"username": username, "password": password})
    status, data = _request(
        conn, "POST", "/api/auth/token/", body, {"Content-Type": "application/json", **headers}
    )
    conn.close()
    if status != 200:
        raise SystemExit(f"login failed: {status} {data[:200]!r}")
    return json.loads(data)["token"]


def _csrf(base, headers):
    """The login page's CSRF cookie and form token (reused for every POST of one attacker)."""
    conn = _conn(base)
    conn.request("GET", "/login/", headers=headers)
    response = conn.getresponse()
    html = response.read().decode()
    cookie = next(
        (v.split(";")[0] for k, v in response.getheaders() if k.lower() == "set-cookie"
         and v.startswith("csrftoken=")), "",
    )  # fmt: skip
    conn.close()
    marker = 'name="csrfmiddlewaretoken" value="'
    token = html.split(marker, 1)[1].split('"', 1)[0] if marker in html else ""
    return cookie, token


def attacker(base, n, stop, counts, spoof):
    headers = {"X-Forwarded-For": f"10.66.0.{n + 1}"} if spoof else {}
    cookie, csrf = _csrf(base, headers)
    usernames = ["coordinator", "admin", f"user{n}", "volunteer"]
    conn = _conn(base)
    i = 0
    while not stop.is_set():
        username = usernames[i % len(usernames)]
        password = f"wrong-{n}-{i}"
        try:
            if i % 2 == 0:  # the API's token endpoint
                body = json.dumps({"username": username, "password": password})
                status, _ = _request(
                    conn, "POST", "/api/auth/token/", body,
                    {"Content-Type": "application/json", **headers},
                )  # fmt: skip
            else:  # the login page, with a valid CSRF token
                body = urllib.parse.urlencode(
                    {"username": username, "password": password, "csrfmiddlewaretoken": csrf}
                )
                status, _ = _request(
                    conn, "POST", "/login/", body,
                    {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie,
                     "Referer": base + "/login/", **headers},
                )  # fmt: skip
        except (OSError, http.client.HTTPException):
            status = "error"
            conn.close()
            conn = _conn(base)
        counts[status] += 1
        i += 1
    conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default="http://127.0.0.1:8765")
    parser.add_argument("--username", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--attackers", type=int, default=4)
    parser.add_argument("--path", default="/api/requests/")
    parser.add_argument("--spoof-clients", action="store_true")
    args = parser.parse_args()
    host = urllib.parse.urlsplit(args.base).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("this load test only runs against a server on this machine")
    seconds = min(args.seconds, MAX_SECONDS)
    attackers = min(args.attackers, MAX_ATTACKERS)
    normal_headers = {"X-Forwarded-For": "10.77.0.1"} if args.spoof_clients else {}
    token = get_token(args.base, args.username, args.password, normal_headers)
    headers = {"Authorization": f"Token {token}", **normal_headers}

    def normal_run(duration):
        conn = _conn(args.base)
        latencies, statuses = [], Counter()
        end = time.monotonic() + duration
        while time.monotonic() < end:
            start = time.perf_counter()
            status, _ = _request(conn, "GET", args.path, headers=headers)
            latencies.append((time.perf_counter() - start) * 1000)
            statuses[status] += 1
        conn.close()
        return latencies, statuses

    def report(label, latencies, statuses, duration):
        q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99
        print(
            f"{label:<28} {len(latencies) / duration:7.1f} req/s   p50 {q[49]:8.1f} ms   "
            f"p95 {q[94]:8.1f} ms   max {max(latencies):8.1f} ms   n={len(latencies)}   "
            f"statuses {dict(statuses)}"
        )

    quiet = min(5.0, seconds)
    report("normal client, quiet", *normal_run(quiet), quiet)

    stop = threading.Event()
    counts: Counter = Counter()
    threads = [
        threading.Thread(target=attacker, args=(args.base, n, stop, counts, args.spoof_clients))
        for n in range(attackers)
    ]
    for t in threads:
        t.start()
    time.sleep(1.0)  # let the attack reach full speed
    try:
        lat, st = normal_run(seconds)
    finally:
        stop.set()
        for t in threads:
            t.join(30)
    report(f"normal client, {attackers} attackers", lat, st, seconds)
    total = sum(counts.values())
    print(
        f"attackers: {total} wrong-password logins in {seconds + 1:.0f} s "
        f"({total / (seconds + 1):.1f}/s), answers {dict(counts)}"
    )


if __name__ == "__main__":
    main()
