"""The events stage on lists of partners and participants (our own sentences, zh-Hant, ja and en)."""

from __future__ import annotations

from classifiers.events import Event, extract_event


def names(event: Event) -> list[str]:
    return [p.name for p in event.partners]


def test_an_english_list_with_a_serial_comma_keeps_its_last_member() -> None:
    event = extract_event(
        "Mayor heads to Japan to visit Kobe, Himeji, and Ashiya",
        "The Tainan City mayor leads a delegation to Kobe, Himeji, and Ashiya this week to talk about "
        "tourism and rail links.",
        "2026-05-04",
    )
    assert set(names(event)) == {"神戶市", "姬路市", "蘆屋市"}
