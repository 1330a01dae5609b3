"""Extraction: a fetched page's bytes in, the article's text and metadata out.

``extract`` is the orchestrator (and the only module that imports trafilatura); ``clutter`` holds the passes
that remove related-article lists, promos and notices; ``line_history`` the lines a site repeats on every
page; ``page_meta`` the page's own metadata; ``recall_guard`` puts back prose the clutter passes took.
Fetching and feeds stay in :mod:`service.reader`.
"""
