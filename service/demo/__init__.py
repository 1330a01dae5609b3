"""The bundled offline demo: a small site of our own feeds and article pages, and the server for it.

``service/demo/site/manifest.yaml`` describes every file and the facts a correct run should find;
``DemoServer`` serves the site on 127.0.0.1 for ``newsmon demo``, tests and benchmarks.
"""

from service.demo.manifest import ExpectedItem, FeedSpec, Manifest, Resource, load_manifest
from service.demo.server import DemoFeed, DemoServer

__all__ = ["DemoFeed", "DemoServer", "ExpectedItem", "FeedSpec", "Manifest", "Resource", "load_manifest"]
