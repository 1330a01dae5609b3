"""Full-text search over item titles and texts, for Chinese and Japanese as for English.

Word search cannot split Chinese, so both backends index character trigrams of a normalised copy of each
item (NFKC, 臺 -> 台, Japanese and Chinese variants folded, lowercase: ``classifiers.normalize``), so 臺北
finds 台北 and 熊本県 finds 熊本縣:

- SQLite: an FTS5 table with the ``trigram`` tokenizer (rowid = item id), ranked by bm25 with the title
  weighted above the text.
- PostgreSQL: a plain table with a ``pg_trgm`` GIN index; ``ILIKE`` uses the index.

A term shorter than three characters (台日, 姊妹) has no trigram: it is matched with LIKE over the rows the
longer terms and the filters leave, or over the whole table when it stands alone.

The index is kept in step by the storage layer itself: :func:`_after_flush` re-indexes every Item whose
title, summary or text a flush wrote, and :func:`index_items` is called by the one writer that inserts items
with a Core statement (``items._insert_new``). Nothing else needs to remember it; a test checks that the
index equals the items after a full pipeline run.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, event, inspect, select, text
from sqlalchemy.orm import Session, UOWTransaction

from classifiers.events import Event
from classifiers.normalize import fold_variants, normalize
from service.labels import Verdict, decide, model_labels
from service.storage.events import effective_events
from service.storage.schema import Classification, Item, ReviewLabel

TABLE = "item_search"
VOCAB = "item_search_vocab"  # SQLite: the FTS5 index's vocabulary (an fts5vocab table over TABLE)
SHORT = 3  # trigram tokenizer: shorter terms cannot use the index
SNIPPET_CHARS = 120
_WATCHED = ("title", "summary", "text")


def owns(name: str | None) -> bool:
    """Whether a table or index belongs to the search index (made by migration 0004, not by schema.py):
    autogenerate and the schema test leave these alone."""
    return bool(name) and (name == TABLE or str(name).startswith((f"{TABLE}_", f"ix_{TABLE}_")))


def include_name(name: str | None, type_: str, _parents: object) -> bool:
    """Alembic's ``include_name`` hook: compare everything but the search index's own objects."""
    return not owns(name)


def searchable(title: str | None, body: str | None) -> tuple[str, str]:
    """The normalised title, and title + text, that the index holds (and queries are matched against).

    Each ends in a newline, so every two-character term in them is the start of some indexed trigram: a
    short term is then found through the index's vocabulary (:func:`_short_term_match`), without a scan.
    """
    folded_title = normalize(title or "")
    return f"{folded_title}\n", f"{folded_title}\n{normalize(body or '')}\n"


def terms_of(query: str) -> list[str]:
    """The query's terms, normalised like the index; duplicates dropped, order kept."""
    return list(dict.fromkeys(term for term in normalize(query).split(" ") if term))


_INDEXED_ENGINES: weakref.WeakSet[Engine] = weakref.WeakSet()


def _present(connection: Connection) -> bool:
    """Whether the search table exists (it does at every migrated head; remembered once seen)."""
    if connection.engine in _INDEXED_ENGINES:
        return True
    if inspect(connection).has_table(TABLE):
        _INDEXED_ENGINES.add(connection.engine)
        return True
    return False


def index_items(connection: Connection, item_ids: Iterable[int]) -> None:
    """(Re)index items from their stored title and text (the summary while the text is empty, as the flush
    listener does)."""
    ids = sorted(set(item_ids))
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = connection.execute(
            text(
                "SELECT id, title, COALESCE(NULLIF(text, ''), summary) AS body FROM items WHERE id IN :ids"
            ).bindparams(_expanding("ids")),
            {"ids": chunk},
        ).all()
        _replace(connection, chunk, [(row.id, *searchable(row.title, row.body)) for row in rows])


def _expanding(name: str) -> Any:
    return bindparam(name, expanding=True)


def _replace(connection: Connection, ids: Sequence[int], rows: Sequence[tuple[int, str, str]]) -> None:
    key = "rowid" if connection.dialect.name == "sqlite" else "item_id"
    connection.execute(
        text(f"DELETE FROM {TABLE} WHERE {key} IN :ids").bindparams(_expanding("ids")), {"ids": list(ids)}
    )
    if not rows:
        return
    if connection.dialect.name == "sqlite":
        connection.execute(
            text(f"INSERT INTO {TABLE} (rowid, title, body) VALUES (:id, :title, :body)"),
            [{"id": item_id, "title": title, "body": body} for item_id, title, body in rows],
        )
        return
    connection.execute(
        text(
            f"INSERT INTO {TABLE} (item_id, title, body, bigrams) "
            "VALUES (:id, :title, :body, strip(to_tsvector('simple', :pairs)))"
        ),
        [{"id": i, "title": title, "body": body, "pairs": pairs_of(body)} for i, title, body in rows],
    )


def pairs_of(body: str) -> str:
    """The text's distinct character pairs, space-separated: PostgreSQL indexes them as words, so a
    two-character term (台日, 姊妹), which has no trigram, is still found through an index."""
    pairs = {body[i : i + 2] for i in range(len(body) - 1)}
    return " ".join(sorted(pair for pair in pairs if pair.isalnum()))


def rebuild(connection: Connection) -> int:
    """Index every stored item afresh (the migration's backfill; ``newsmon search --rebuild``)."""
    connection.execute(text(f"DELETE FROM {TABLE}"))
    ids = list(connection.execute(text("SELECT id FROM items ORDER BY id")).scalars())
    index_items(connection, ids)
    return len(ids)


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _flush: UOWTransaction) -> None:
    """Re-index the items whose title, summary or text this flush wrote (and drop deleted ones)."""
    changed = [obj for obj in session.new if isinstance(obj, Item)]
    changed += [obj for obj in session.dirty if isinstance(obj, Item) and _text_changed(obj)]
    gone = [obj.id for obj in session.deleted if isinstance(obj, Item) and obj.id is not None]
    if not changed and not gone:
        return
    connection = session.connection()
    if not _present(connection):
        return  # a database migrated before search existed, inside its own migration
    if gone:
        _replace(connection, gone, [])
    if changed:
        rows = [(obj.id, *searchable(obj.title, obj.text or obj.summary)) for obj in changed]
        _replace(connection, [obj.id for obj in changed], rows)


def _text_changed(item: Item) -> bool:
    state = inspect(item)
    return any(state.attrs[name].history.has_changes() for name in _WATCHED)


# --- queries ---------------------------------------------------------------------------------------------


def find(connection: Connection, query: str, *, limit: int = 500) -> list[int]:
    """Ids of items matching every term of ``query``, best first (at most ``limit``)."""
    terms = terms_of(query)
    if not terms:
        return []
    if connection.dialect.name == "sqlite":
        return _find_sqlite(connection, terms, limit)
    return _find_postgresql(connection, terms, limit)


def _find_sqlite(connection: Connection, terms: Sequence[str], limit: int) -> list[int]:
    clauses = [_fts_phrase(t) for t in terms if len(t) >= SHORT]
    scanned: list[str] = []
    for term in (t for t in terms if len(t) < SHORT):
        expansion = _short_term_match(connection, term)
        if expansion is None:
            scanned.append(term)
        elif not expansion:
            return []  # no indexed trigram starts with it: nothing can contain it
        else:
            clauses.append(expansion)
    where: list[str] = []
    params: dict[str, Any] = {"limit": limit}
    if clauses:
        params["match"] = " AND ".join(clauses)
        where.append(f"{TABLE} MATCH :match")
    for number, term in enumerate(scanned):
        params[f"like{number}"] = f"%{_like_escaped(term)}%"
        where.append(f"body LIKE :like{number} ESCAPE '\\'")
    order = f"bm25({TABLE}, 5.0, 1.0)" if clauses else "rowid DESC"  # a title hit weighs five text hits
    sql = f"SELECT rowid FROM {TABLE} WHERE {' AND '.join(where)} ORDER BY {order} LIMIT :limit"
    return list(connection.execute(text(sql), params).scalars())


MAX_EXPANSION = 3000  # trigrams an expanded short term may stand for; past it, a scan is cheaper


def _short_term_match(connection: Connection, term: str) -> str | None:
    """A two-character term as an FTS5 expression: the OR of every indexed trigram it starts, read from
    the index's vocabulary (every occurrence starts one, since each indexed text ends in a newline).
    None when the term is a single character or too common to expand (then it is scanned for); "" when
    no trigram starts with it."""
    if len(term) != SHORT - 1:
        return None
    trigrams = (
        connection.execute(
            text(f"SELECT term FROM {VOCAB} WHERE term >= :low AND term < :high LIMIT :cap"),
            {"low": term, "high": term + "\U0010ffff", "cap": MAX_EXPANSION + 1},
        )
        .scalars()
        .all()
    )
    if len(trigrams) > MAX_EXPANSION:
        return None
    return "(" + " OR ".join(_fts_phrase(trigram) for trigram in trigrams) + ")" if trigrams else ""


def _find_postgresql(connection: Connection, terms: Sequence[str], limit: int) -> list[int]:
    """Terms of three characters or more through the pg_trgm index (ILIKE), two-character ones through
    the pairs' tsvector; a single character is scanned for."""
    params: dict[str, Any] = {"limit": limit}
    where: list[str] = []
    title_hits: list[str] = []
    for number, term in enumerate(terms):
        params[f"t{number}"] = f"%{_like_escaped(term)}%"
        if len(term) == SHORT - 1 and term.isalnum():
            params[f"p{number}"] = term
            where.append(f"s.bigrams @@ plainto_tsquery('simple', :p{number})")
        else:
            where.append(f"s.body ILIKE :t{number}")
        title_hits.append(f"s.title ILIKE :t{number}")
    sql = (
        f"SELECT s.item_id FROM {TABLE} s JOIN items i ON i.id = s.item_id WHERE {' AND '.join(where)} "
        f"ORDER BY ({' AND '.join(title_hits)}) DESC, i.published_at DESC LIMIT :limit"
    )
    return list(connection.execute(text(sql), params).scalars())


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _like_escaped(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def like_scan(connection: Connection, query: str, *, limit: int = 500) -> list[int]:
    """The baseline a plain LIKE gives: every term as a substring of the raw title or text, newest first.
    (It misses 臺/台 and 県/縣 variants; bench/search.py measures its speed beside :func:`find`.)"""
    terms = [t for t in query.split() if t]
    if not terms:
        return []
    where = " AND ".join(
        f"(items.title LIKE :t{n} ESCAPE '\\' OR items.text LIKE :t{n} ESCAPE '\\')"
        for n in range(len(terms))
    )
    params: dict[str, Any] = {f"t{n}": f"%{_like_escaped(t)}%" for n, t in enumerate(terms)}
    params["limit"] = limit
    sql = f"SELECT id FROM items WHERE {where} ORDER BY published_at DESC LIMIT :limit"
    return list(connection.execute(text(sql), params).scalars())


# --- highlighting (pure) ---------------------------------------------------------------------------------


def highlight(value: str | None, terms: Sequence[str], width: int = SNIPPET_CHARS) -> list[tuple[str, bool]]:
    """A snippet of ``value`` around the first matching term, as (text, is_match) segments.

    Matching runs on a folded copy (臺 in the text is found by 台 in the query). The cheap fold (variants
    and case, one character for one) keeps offsets, so segments are cut from the original text; only when
    it finds nothing is the full normalisation used, and the snippet shown in normalised form where its
    length differs from the original.
    """
    original = " ".join((value or "").split())
    shown, spans = original, _spans(fold_variants(original).lower(), terms)
    if not spans:
        folded = normalize(original)
        shown = original if len(folded) == len(original) else folded
        spans = _spans(folded, terms)
    if not spans:
        return [(shown[:width], False)] if shown else []
    start = max(0, spans[0][0] - width // 3)
    end = min(len(shown), start + width)
    segments: list[tuple[str, bool]] = [("…", False)] if start > 0 else []
    cursor = start
    for left, right in spans:
        if right <= start or left >= end:
            continue
        left, right = max(left, start), min(right, end)
        if left > cursor:
            segments.append((shown[cursor:left], False))
        segments.append((shown[left:right], True))
        cursor = right
    if cursor < end:
        segments.append((shown[cursor:end], False))
    if end < len(shown):
        segments.append(("…", False))
    return segments


def _spans(folded: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) of every term's occurrences, in order."""
    found: list[tuple[int, int]] = []
    for term in terms:
        position = folded.find(term)
        while position >= 0:
            found.append((position, position + len(term)))
            position = folded.find(term, position + len(term))
    merged: list[tuple[int, int]] = []
    for left, right in sorted(found):
        if merged and left < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], right))
        else:
            merged.append((left, right))
    return merged


# --- the search page's query: matches, filters, one page of results -------------------------------------


@dataclass(frozen=True)
class SearchFilters:
    """What a search is narrowed to; None or "" means any. Dates are compared with ``published_at``."""

    since: datetime | None = None
    until: datetime | None = None
    outlet: str | None = None
    label: str | None = None  # taiwan_japan | city_diplomacy | relevant, by the label rule
    party: str | None = None  # a Taiwanese party of the item's event (臺/台 alike)
    partner: str | None = None  # a partner's name or country
    event_type: str | None = None


@dataclass(frozen=True)
class SearchResult:
    item_id: int
    title: list[tuple[str, bool]]
    snippet: list[tuple[str, bool]]
    outlet: str | None
    url: str | None
    published_at: datetime
    topics: tuple[str, ...]
    relevant: bool
    event: Event | None


@dataclass(frozen=True)
class SearchPage:
    query: str
    results: list[SearchResult]
    total: int  # matches after the filters (up to the candidate limit)
    capped: bool  # more items matched the text than were ranked


CANDIDATES = 1000  # text matches ranked before the filters; a query that matches more says so


def search_items(
    session: Session, query: str, filters: SearchFilters, *, limit: int = 50, offset: int = 0
) -> SearchPage:
    """Items matching ``query`` (every term) and ``filters``, best first, one page of them.

    The index ranks up to CANDIDATES matches; SQL narrows them by date, outlet and event type; the label
    rule and the effective events narrow them further only when such a filter is set; only the page shown
    is loaded in full and highlighted.
    """
    terms = terms_of(query)
    ids = find(session.connection(), query, limit=CANDIDATES) if terms else []
    kept = _narrowed(session, ids, filters)
    if filters.label or filters.party or filters.partner:
        kept = _by_rule(session, kept, filters)
    shown = kept[offset : offset + limit]
    return SearchPage(query, _results(session, shown, terms), len(kept), len(ids) >= CANDIDATES)


def _narrowed(session: Session, ids: Sequence[int], filters: SearchFilters) -> list[int]:
    """The ids (rank order kept) that pass the filters SQL can apply."""
    if not ids:
        return []
    if not (filters.since or filters.until or filters.outlet or filters.event_type):
        return list(ids)
    query = select(Item.id).where(Item.id.in_(list(ids)))
    if filters.since is not None:
        query = query.where(Item.published_at >= filters.since)
    if filters.until is not None:
        query = query.where(Item.published_at < filters.until)
    if filters.outlet:
        query = query.where(Item.outlet == filters.outlet)
    if filters.event_type:
        query = query.join(Classification, Classification.id == Item.classification_id).where(
            Classification.event_type == filters.event_type
        )
    passing = set(session.scalars(query))
    return [item_id for item_id in ids if item_id in passing]


def _verdicts(session: Session, ids: Sequence[int]) -> dict[int, Verdict]:
    """Each item's effective labels by the label rule (model verdict + reviewers' decisions)."""
    if not ids:
        return {}
    rows = session.execute(
        select(Item.id, Classification.labels, Classification.relevant, Classification.scores)
        .outerjoin(Classification, Classification.id == Item.classification_id)
        .where(Item.id.in_(list(ids)))
    )
    humans = _human_decisions(session, ids)
    return {
        row.id: decide(
            humans.get(row.id, {}),
            model_labels(row.labels, row.relevant) if row.labels is not None else None,
            row.scores,
        )
        for row in rows
    }


def _by_rule(session: Session, ids: Sequence[int], filters: SearchFilters) -> list[int]:
    verdicts = _verdicts(session, ids)
    events = effective_events(session, ids) if filters.party or filters.partner else {}
    return [i for i in ids if i in verdicts and _passes(filters, verdicts[i].labels, events.get(i))]


def _results(session: Session, ids: Sequence[int], terms: Sequence[str]) -> list[SearchResult]:
    """One page of hits, loaded in full and highlighted, in the given order."""
    if not ids:
        return []
    rows = {
        row.id: row
        for row in session.execute(
            select(
                Item.id, Item.title, Item.text, Item.summary, Item.outlet, Item.url, Item.published_at
            ).where(Item.id.in_(list(ids)))
        )
    }
    verdicts = _verdicts(session, ids)
    events = effective_events(session, ids)
    return [
        SearchResult(
            item_id=item_id,
            title=highlight(rows[item_id].title, terms, width=200),
            snippet=highlight(rows[item_id].text or rows[item_id].summary, terms),
            outlet=rows[item_id].outlet,
            url=rows[item_id].url,
            published_at=rows[item_id].published_at,
            topics=verdicts[item_id].topics,
            relevant=verdicts[item_id].relevant,
            event=events.get(item_id),
        )
        for item_id in ids
        if item_id in rows
    ]


def _human_decisions(session: Session, ids: Sequence[int]) -> dict[int, dict[str, bool]]:
    """The newest reviewer decision per label of each item."""
    found: dict[int, dict[str, bool]] = {}
    if not ids:
        return found
    rows = session.execute(
        select(ReviewLabel.item_id, ReviewLabel.label, ReviewLabel.value)
        .where(ReviewLabel.item_id.in_(list(ids)))
        .order_by(ReviewLabel.created_at, ReviewLabel.id)
    )
    for item_id, label, value in rows:
        found.setdefault(item_id, {})[label] = bool(value)
    return found


def _passes(filters: SearchFilters, labels: dict[str, bool], event: Event | None) -> bool:
    if filters.label and not labels.get(filters.label):
        return False
    if filters.party:
        wanted = normalize(filters.party)
        if event is None or not any(wanted in normalize(party) for party in event.taiwan_party):
            return False
    if filters.partner:
        wanted = normalize(filters.partner)
        names = [
            normalize(f"{p.name} {p.name_en or ''} {p.country}") for p in (event.partners if event else ())
        ]
        if not any(wanted in name for name in names):
            return False
    return not (filters.event_type and (event is None or str(event.event_type) != filters.event_type))
