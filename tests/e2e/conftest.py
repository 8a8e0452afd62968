"""End-to-end tests: Playwright (sync API) driving Debian's Chromium against pytest-django's
live_server. Run them with ``python -m pytest -m browser``; scripts/test runs them with the rest.

Chromium must be at /usr/bin/chromium (``apt-get install chromium``; ``playwright install``
cannot download here). When it is missing these tests FAIL with that message: a browser test
that skips would hide that nothing was checked.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("TSUNAGU_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-gpu",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture(scope="session")
def browser():
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(
            f"Chromium was not found at {CHROMIUM}. Install Debian's package "
            "(apt-get install chromium; scripts/test does this when it runs as root) "
            "or point TSUNAGU_CHROMIUM at a Chromium binary.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread, and Django refuses ORM calls
    # from a thread with a running loop; the test's own ORM calls here are synchronous, so
    # lifting the guard for the browser tests is safe (the known practice for this pairing).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def new_page(browser):
    """``new_page()`` -> a page in a context of its own (its own cookies: one person each),
    phone-sized, in Japanese."""
    contexts = []

    def make(viewport=PHONE):
        context = browser.new_context(viewport=viewport, locale="ja-JP", timezone_id="Asia/Tokyo")
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def shoot():
    """``shoot(page, name)`` saves the page at phone and at desktop width into
    artifacts/screenshots/NAME-phone.png and NAME-desktop.png, and checks that nothing sticks
    out sideways at phone width, nor at desktop width with the text enlarged to 200%."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> None:
        original = page.viewport_size
        # No focus ring in the picture (the keyboard steps of the tests put it there).
        page.evaluate("document.activeElement && document.activeElement.blur()")
        page.set_viewport_size(PHONE)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{name}: the page is {overflow}px wider than a 360px phone"
        page.screenshot(path=SCREENSHOTS / f"{name}-phone.png", full_page=True)
        page.set_viewport_size(DESKTOP)
        page.screenshot(path=SCREENSHOTS / f"{name}-desktop.png", full_page=True)
        # Text enlarged to 200% (WCAG 1.4.4) must still fit the desktop window.
        page.evaluate("document.documentElement.style.fontSize = '200%'")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        page.evaluate("document.documentElement.style.fontSize = ''")
        assert overflow <= 0, f"{name}: with text at 200% the page is {overflow}px too wide"
        page.set_viewport_size(original)

    return take
