"""The OpenAPI 3.1 description of the JSON API, written by hand and kept in sync with the routes by
``tests/test_web_api.py`` (every ``/api`` route is described, every described path exists)."""

from __future__ import annotations

from typing import Any

from classifiers.events import EventType, PartnerLevel
from service.labels import LABELS
from service.storage.labels import BULK_ACTIONS

_LABELS = list(LABELS)
_CSRF: list[dict[str, list[str]]] = [{"csrfToken": []}]


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _ok(schema: dict[str, Any], description: str = "OK") -> dict[str, Any]:
    return {"200": {"description": description, "content": {"application/json": {"schema": schema}}}}


_ERRORS = {
    "400": {
        "description": "A parameter or body field is invalid; `error` names it.",
        "content": {"application/json": {"schema": _ref("Error")}},
    },
    "401": {"description": "Login required."},
    "403": {"description": "Missing or wrong CSRF token (state-changing calls)."},
}
_NOT_FOUND = {
    "404": {
        "description": "No item with that id.",
        "content": {"application/json": {"schema": _ref("Error")}},
    }
}


def _query(name: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "schema": schema, "description": description}


_FILTERS = [
    _query("label", {"type": "string", "enum": [*_LABELS, "none"]}, "Only items the model gave this label."),
    _query("min_score", {"type": "number", "minimum": 0, "maximum": 1}, "Lowest relevance score."),
    _query("max_score", {"type": "number", "minimum": 0, "maximum": 1}, "Highest relevance score."),
    _query("since", {"type": "string", "format": "date"}, "Published on or after (local date)."),
    _query("until", {"type": "string", "format": "date"}, "Published on or before (local date)."),
    _query("outlet", {"type": "string"}, "Only this outlet."),
    _query("reviewed", {"type": "string", "enum": ["no", "yes", "any"], "default": "no"}, "Review state."),
    _query("cluster", {"type": "integer"}, "Only members of this story cluster (all of them)."),
    _query(
        "copies",
        {"type": "string", "enum": ["hide", "show"], "default": "hide"},
        "Other outlets' copies of a story: hidden (one row per story) or shown.",
    ),
    _query("q", {"type": "string"}, "Words that must all appear in title or text (台/臺 alike)."),
    _query(
        "order",
        {"type": "string", "enum": ["uncertain", "newest", "score"], "default": "uncertain"},
        "uncertain: relevance score closest to the labelling threshold first (uncertainty sampling).",
    ),
    _query("limit", {"type": "integer", "minimum": 1, "maximum": 200, "default": 50}, "Page size."),
    _query("offset", {"type": "integer", "minimum": 0, "default": 0}, "Rows to skip."),
]
_ITEM_ID = [{"name": "item_id", "in": "path", "required": True, "schema": {"type": "integer"}}]
_SEARCH = [
    _query(
        "q",
        {"type": "string", "maxLength": 200},
        "Terms that must all match title or text (CJK by trigrams).",
    ),
    _query(
        "label", {"type": "string", "enum": list(_LABELS)}, "Only items with this label (the label rule)."
    ),
    _query("party", {"type": "string"}, "Only items whose event names this Taiwanese party (臺/台 alike)."),
    _query("partner", {"type": "string"}, "Only items whose event names this partner or partner country."),
    _query("event_type", {"type": "string"}, "Only items of this event type."),
    _query("from", {"type": "string", "format": "date"}, "Published on or after (local date)."),
    _query("to", {"type": "string", "format": "date"}, "Published on or before (local date)."),
    _query("outlet", {"type": "string"}, "Only this outlet."),
    _query("limit", {"type": "integer", "minimum": 1, "maximum": 200, "default": 50}, "Page size."),
    _query("offset", {"type": "integer", "minimum": 0, "default": 0}, "Hits to skip."),
]
_SEGMENTS = {
    "type": "array",
    "items": {"type": "array", "items": {}},
    "description": "[text, is_match] pairs",
}

_LABEL_MAP = {"type": "object", "additionalProperties": {"type": "boolean"}}
_SCHEMAS: dict[str, Any] = {
    "Error": {"type": "object", "properties": {"error": {"type": "string"}}, "required": ["error"]},
    "Session": {
        "type": "object",
        "properties": {
            "user": {"type": ["string", "null"]},
            "login_required": {"type": "boolean"},
            "csrf_token": {"type": "string"},
        },
    },
    "QueueRow": {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "title": {"type": "string"},
            "outlet": {"type": ["string", "null"]},
            "published_at": {"type": "string", "format": "date-time"},
            "relevance_score": {"type": "number"},
            "scores": {"type": "object", "additionalProperties": {"type": "number"}},
            "model_labels": _LABEL_MAP,
            "human_labels": _LABEL_MAP,
            "partner": {"type": ["string", "null"]},
            "cluster_id": {"type": ["integer", "null"]},
            "cluster_size": {"type": "integer"},
            "snippet": {"type": "string"},
            "reviewed": {"type": "boolean"},
        },
    },
    "SearchResults": {
        "type": "object",
        "properties": {
            "query": {"type": "string"},
            "total": {"type": "integer"},
            "capped": {"type": "boolean", "description": "more items matched than were ranked"},
            "offset": {"type": "integer"},
            "limit": {"type": "integer"},
            "results": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "item_id": {"type": "integer"},
                        "title": _SEGMENTS,
                        "snippet": _SEGMENTS,
                        "outlet": {"type": ["string", "null"]},
                        "url": {"type": ["string", "null"]},
                        "published_at": {"type": "string", "format": "date-time"},
                        "topics": {"type": "array", "items": {"type": "string"}},
                        "relevant": {"type": "boolean"},
                        "event": {"type": ["object", "null"]},
                    },
                },
            },
        },
    },
    "ItemList": {
        "type": "object",
        "properties": {
            "total": {"type": "integer"},
            "offset": {"type": "integer"},
            "limit": {"type": "integer"},
            "items": {"type": "array", "items": _ref("QueueRow")},
        },
    },
    "ItemDetail": {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "title": {"type": "string"},
            "url": {"type": ["string", "null"]},
            "outlet": {"type": ["string", "null"]},
            "published_at": {"type": "string", "format": "date-time"},
            "text": {"type": "string"},
            "classification": {
                "type": ["object", "null"],
                "description": "model_version, scores, labels, relevance_score, partner, partner_country, "
                "taiwan_party, "
                "explanation (entities, partner, top features), created_at",
            },
            "decisions": {"type": "object", "description": "label -> {label, value, reviewer, at}"},
            "model_labels": _LABEL_MAP,
            "effective_labels": _LABEL_MAP,
            "event": {
                "type": ["object", "null"],
                "description": "the effective event (reviewers' corrections win): taiwan_party, "
                "partners ({name, name_en, country, level}), event_type, event_date, people, "
                "delegation_size, evidence",
            },
            "model_event": {"type": ["object", "null"], "description": "the events stage's own answer"},
            "event_corrections": {
                "type": "array",
                "items": {"type": "string"},
                "description": "the fields a reviewer corrected (taiwan_party, partners, event_type)",
            },
            "cluster_id": {"type": ["integer", "null"]},
            "members": {
                "type": "array",
                "items": {"type": "object"},
                "description": "the story's items and outlets",
            },
            "history": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "at": {"type": "string"},
                        "kind": {"type": "string"},
                        "text": {"type": "string"},
                    },
                },
            },
        },
    },
    "LabelRequest": {
        "oneOf": [
            {
                "type": "object",
                "properties": {"label": {"type": "string", "enum": _LABELS}, "value": {"type": "boolean"}},
                "required": ["label", "value"],
            },
            {"type": "object", "properties": {"action": {"const": "confirm"}}, "required": ["action"]},
        ]
    },
    "EventCorrection": {
        "type": "object",
        "description": "Any of the three fields; each one given is stored as a correction (newest wins).",
        "properties": {
            "taiwan_party": {"type": "array", "items": {"type": "string"}},
            "partners": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "name": {"type": "string"},
                        "name_en": {"type": ["string", "null"]},
                        "country": {"type": "string"},
                        "level": {"type": "string", "enum": [level.value for level in PartnerLevel]},
                    },
                    "required": ["name", "country", "level"],
                },
            },
            "event_type": {"type": "string", "enum": [kind.value for kind in EventType]},
        },
    },
    "BulkRequest": {
        "type": "object",
        "properties": {
            "ids": {"type": "array", "items": {"type": "integer"}, "minItems": 1},
            "action": {"type": "string", "enum": list(BULK_ACTIONS)},
        },
        "required": ["ids", "action"],
    },
    "Feed": {
        "type": "object",
        "properties": {
            "name": {"type": "string"},
            "url": {"type": "string"},
            "status": {"type": "string"},
            "last_error": {"type": ["string", "null"]},
            "next_check_at": {"type": "string"},
            "items_per_day": {"type": "number"},
            "error_count": {"type": "integer"},
        },
    },
    "RetrainResult": {
        "type": "object",
        "properties": {
            "previous_version": {"type": ["string", "null"]},
            "new_version": {"type": ["string", "null"]},
            "activated": {"type": "boolean"},
            "before": {"type": "object", "description": "active model on the held-out reviewed items"},
            "after": {"type": "object", "description": "new model on the same items"},
            "train_examples": {"type": "integer"},
            "heldout_examples": {"type": "integer"},
            "message": {"type": "string"},
        },
    },
}


def _paths() -> dict[str, Any]:
    return {
        "/api/openapi.json": {
            "get": {"summary": "This description.", "security": [], "responses": _ok({"type": "object"})}
        },
        "/api/session": {
            "get": {
                "summary": "Current user and the CSRF token for state-changing calls.",
                "responses": _ok(_ref("Session")),
            }
        },
        "/api/items": {
            "get": {
                "summary": "The review queue (classified items), filtered and ordered.",
                "parameters": _FILTERS,
                "responses": {**_ok(_ref("ItemList")), **_ERRORS},
            }
        },
        "/api/search": {
            "get": {
                "summary": "Full-text search of titles and texts, best first, hits highlighted.",
                "parameters": _SEARCH,
                "responses": {**_ok(_ref("SearchResults")), **_ERRORS},
            }
        },
        "/api/items/bulk": {
            "post": {
                "summary": "Apply one action to many items.",
                "security": _CSRF,
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": _ref("BulkRequest")}},
                },
                "responses": {
                    **_ok({"type": "object", "properties": {"updated": {"type": "integer"}}}),
                    **_ERRORS,
                    **_NOT_FOUND,
                },
            }
        },
        "/api/items/{item_id}": {
            "get": {
                "summary": "One item with scores, explanation, cluster, history.",
                "parameters": _ITEM_ID,
                "responses": {**_ok(_ref("ItemDetail")), **_NOT_FOUND},
            }
        },
        "/api/items/{item_id}/labels": {
            "post": {
                "summary": "Record a reviewer's decision on one label (or confirm all shown labels).",
                "parameters": _ITEM_ID,
                "security": _CSRF,
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": _ref("LabelRequest")}},
                },
                "responses": {**_ok(_ref("ItemDetail")), **_ERRORS, **_NOT_FOUND},
            }
        },
        "/api/items/{item_id}/event": {
            "post": {
                "summary": "Correct the item's event (party, partners, event type).",
                "parameters": _ITEM_ID,
                "security": _CSRF,
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": _ref("EventCorrection")}},
                },
                "responses": {**_ok(_ref("ItemDetail")), **_ERRORS, **_NOT_FOUND},
            }
        },
        "/api/feeds": {
            "get": {
                "summary": "Polling health of every feed.",
                "responses": _ok(
                    {"type": "object", "properties": {"feeds": {"type": "array", "items": _ref("Feed")}}}
                ),
            }
        },
        "/api/alerts": {
            "get": {
                "summary": "The newest alerts (alerts.rules) with their delivery state and counts per state.",
                "parameters": [
                    {
                        "name": "status",
                        "in": "query",
                        "schema": {"enum": ["pending", "sending", "sent", "failed", "interrupted"]},
                    }
                ],
                "responses": {
                    **_ok(
                        {
                            "type": "object",
                            "properties": {
                                "counts": {"type": "object", "additionalProperties": {"type": "integer"}},
                                "alerts": {"type": "array", "items": {"type": "object"}},
                            },
                        }
                    ),
                    **_ERRORS,
                },
            }
        },
        "/api/alerts/{alert_id}/retry": {
            "post": {
                "summary": "Queue a failed or interrupted alert again (same idempotency key).",
                "security": _CSRF,
                "parameters": [
                    {"name": "alert_id", "in": "path", "required": True, "schema": {"type": "integer"}}
                ],
                "responses": {
                    **_ok({"type": "object", "properties": {"queued": {"type": "integer"}}}),
                    "409": {
                        "description": "The alert is not failed or interrupted.",
                        "content": {"application/json": {"schema": _ref("Error")}},
                    },
                },
            }
        },
        "/api/digests": {
            "get": {
                "summary": "Past digest runs, newest first.",
                "responses": _ok(
                    {"type": "object", "properties": {"runs": {"type": "array", "items": {"type": "object"}}}}
                ),
            }
        },
        "/api/model": {
            "get": {
                "summary": "Model versions, the active one, the last retraining.",
                "responses": _ok({"type": "object"}),
            }
        },
        "/api/retrain": {
            "post": {
                "summary": "Train on all labels; activate the new model only if it is not worse on held-out "
                "reviewed items.",
                "security": _CSRF,
                "responses": {
                    **_ok(_ref("RetrainResult")),
                    **_ERRORS,
                    "409": {"description": "Training unavailable or already running."},
                },
            }
        },
        "/api/labels/export": {
            "get": {
                "summary": "Reviewed items as JSONL in the training format.",
                "responses": {
                    "200": {
                        "description": "One JSON object per line.",
                        "content": {"application/x-ndjson": {}},
                    }
                },
            }
        },
    }


def openapi_spec() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "newsmon review API", "version": "1"},
        "paths": _paths(),
        "components": {
            "schemas": _SCHEMAS,
            "securitySchemes": {
                "session": {"type": "apiKey", "in": "cookie", "name": "newsmon_session"},
                "csrfToken": {"type": "apiKey", "in": "header", "name": "X-CSRF-Token"},
            },
        },
        "security": [{"session": []}],
    }
