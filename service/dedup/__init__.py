"""Dedup: one entry per story across feeds, outlets and updates.

Pure in the middle, SQL at the edge:

- ``normalize``: the fingerprinting form of a text (bylines, datelines, footers and links removed; NFKC,
  臺/台, numbers in Arabic digits; punctuation and spaces dropped).
- ``fingerprint``: character 5-shingle hashes, 64-permutation MinHash, 16 LSH band keys, sampled shingles
  for containment, exact hash.
- ``postings``: a compact in-memory inverted index (12 bytes a posting).
- ``core``: ``judge`` (is it one story?), ``Deduper`` (in-memory index: ``add(Document) -> Decision``).
- ``sqlindex``: ``assign_cluster(session, item_id, settings.dedup)`` for the pipeline; the same decisions
  over ``dedup_bands``, ``clusters`` and ``cluster_members``.
- ``batch``: JSON lines in and out for ``newsmon dedup``.
"""
