"""The review web UI: ``create_app(settings, engine)`` builds the Starlette app; ``server`` runs it."""

from service.web.app import create_app

__all__ = ["create_app"]
