"""A real browser for HTML report checks: Debian's Chromium driven by Python Playwright.

No browser download (never ``playwright install``): Playwright drives the system
``/usr/bin/chromium`` (``apt-get install chromium``; ``.ci/run`` installs it). Use it from
a test module with::

    pytest_plugins = ["tests.conftest_browser"]

    def test_report_renders(browser):  # browser is a playwright Page, 1280 x 800
        browser.set_content(html)
        browser.set_viewport_size({"width": 390, "height": 844})
        browser.screenshot(path=tmp_path / "narrow.png", full_page=True)

``open_page()`` is the same thing as a context manager, for use outside fixtures.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM = Path(os.environ.get("OPENGAUGE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


class BrowserUnavailable(RuntimeError):
    """Chromium or Playwright is not installed; the message says how to install it."""


@contextmanager
def launch_chromium() -> Iterator[Browser]:
    """Start the system Chromium under Playwright; close it on exit."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        raise BrowserUnavailable(
            f"Python playwright is not installed ({exc}): pip install -e '.[test]' "
            "(do not run `playwright install`: the system Chromium is used)"
        ) from exc
    if not CHROMIUM.is_file():
        raise BrowserUnavailable(
            f"{CHROMIUM} is missing: apt-get install -y chromium (bash .ci/run does it), "
            "or point OPENGAUGE_CHROMIUM at a Chromium binary"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def open_page(browser: Browser | None = None, **context_options: Any) -> Iterator[Page]:
    """A fresh page (1280 x 800, device scale 1, no network besides what you load)."""
    options: dict[str, Any] = {"viewport": DESKTOP, "device_scale_factor": 1}
    options.update(context_options)
    if browser is None:
        with launch_chromium() as own, open_page(own, **context_options) as page:
            yield page
        return
    context = browser.new_context(**options)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    """One Chromium per test session."""
    with launch_chromium() as browser:
        yield browser


@pytest.fixture
def browser(chromium: Browser) -> Iterator[Page]:
    """A fresh Playwright page in its own browser context, 1280 x 800."""
    with open_page(chromium) as page:
        yield page
