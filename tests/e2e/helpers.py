"""What the browser tests do again and again: sign in, pick from an Element Plus select."""

from __future__ import annotations

from playwright.sync_api import Page, expect

PASSWORD = "Wuhan-2026-demo"


def sign_in(page: Page, identifier: str, password: str = PASSWORD, *, next_path: str = "/") -> None:
    page.goto(f"/login?next={next_path}")
    page.locator('[data-test="login-identifier"]').fill(identifier)
    page.locator('[data-test="login-password"]').fill(password)
    page.locator('[data-test="login-submit"]').click()
    page.wait_for_url(lambda url: "/login" not in url)


def choose(page: Page, name: str, option: str) -> None:
    """Open the Element Plus select carrying this data-test hook and pick the option with this text."""
    page.locator(f'[data-test="{name}"]').click()
    page.get_by_role("option", name=option, exact=True).last.click()


def hook(page: Page, name: str):
    return page.locator(f'[data-test="{name}"]')


__all__ = ["choose", "expect", "hook", "sign_in"]
