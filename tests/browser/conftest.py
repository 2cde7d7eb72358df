import pytest

from tests.public.conftest import _clear_cache, published  # noqa: F401


@pytest.fixture
def chromium(monkeypatch):
    """Debian's headless Chromium through Playwright; never a downloaded browser. A test
    that plays several people opens a context (its own cookies) for each."""
    sync_api = pytest.importorskip("playwright.sync_api")
    # Playwright's sync API runs an event loop in this thread; the ORM calls made by
    # fixture teardown are still synchronous and safe.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def browser_page(chromium):
    return chromium.new_page(viewport={"width": 414, "height": 900})
