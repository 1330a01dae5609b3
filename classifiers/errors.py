"""Errors raised by the classifiers package (a leaf: the service maps them onto its own tree)."""

from __future__ import annotations


class ModelError(Exception):
    """A model or gazetteer could not be loaded, saved or trained; the message names the path at fault."""


class IncompatibleModelError(ModelError):
    """A saved model from another artifact format or scikit-learn/numpy minor version: it cannot be
    loaded safely and must be retrained (the service falls back to the bundled model meanwhile)."""
