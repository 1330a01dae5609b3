"""Starlette's TestClient, imported without its warning about using httpx (it prefers the newer httpx2
package, which we do not need: httpx is already a dependency and works)."""

from __future__ import annotations

import warnings

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient` is deprecated")
    from starlette.testclient import TestClient

__all__ = ["TestClient"]
