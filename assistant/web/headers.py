"""The headers every answer of `serve` carries: nothing from elsewhere, nothing kept in caches."""

from __future__ import annotations

from aiohttp import web

# Pages: this server only; textual.js injects its styles. Downloads (the slip): no script at all.
PAGE_POLICY = ("default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
               "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
DOWNLOAD_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"


def harden(response: web.StreamResponse, *, download: bool, static: bool) -> None:
    headers = response.headers
    headers["Content-Security-Policy"] = DOWNLOAD_POLICY if download else PAGE_POLICY
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = "same-origin"  # "no-referrer" would make Chromium send `Origin: null`
    headers["X-Frame-Options"] = "DENY"
    if not static:  # pages and slips hold personal data: never kept in the browser's cache
        headers["Cache-Control"] = "no-store"
