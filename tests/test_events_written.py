"""The events stage on the hand-written items (classifiers/data/written_*.jsonl, in the repo: no skip).

Protocol (tests/annotations/README.md, "Written events annotation"): the relevant written items were
annotated (tests/annotations/written_*_events.jsonl) by people who never saw the stage's output on them.
They are working data: their errors are read to find kinds of error, fixed as general rules (never a rule
naming one item's entity). The held-out measure is now the fresh items of tests/heldout/
(tests/test_heldout.py), written for that purpose and never read by whoever writes the rules.

History of the first batch (181 items). Until 2026-12-07 it was split by the SHA-1 of the item id into a
working half (97 items) and a held-out half (84 items) whose totals only were measured, six times in all;
then the held-out half was retired into the working set (it had been measured too often to stay a clean
measure) and the fresh items took its place. Rules only, no publication date (these items carry none):

    field            working half      held-out half     all 181            all 181
                     before  after     before  after     before  after      session 4
    taiwan_party     0.856   0.959     0.750   0.821     0.807   0.895      0.901
    partner_country  0.918   0.948     0.940   0.940     0.928   0.945      0.950
    partner_city     0.685   0.870     0.776   0.796     0.728   0.835      0.864
    event_type       0.639   0.928     0.583   0.643     0.613   0.796      0.884
    all              0.433   0.784     0.405   0.476     0.420   0.641      0.718

"after" is the end of session 3, when the held-out half had gained far less than the working half: the
rules did not generalise. Session 4's rules (event type) were written from the errors of all 181 items;
their gain on items no rule was written from is measured on the second batch (written_more, its figure
before any of its errors was read is beside its floors below) and on the fresh items.

Below the floors, one or two sentences of our own for each kind of error the items showed and the rules
now handle.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from classifiers import read_jsonl
from classifiers.events import EventType, PartnerLevel, extract_event
from classifiers.events.evaluation import EventScores, embedded_gold, evaluate
from classifiers.events.text import fold_name, read

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "classifiers" / "data"
ANNOTATIONS = REPO / "tests" / "annotations"
# The batches, each an items file and its annotation; floors are what was measured at the end of the
# session that last changed the rules, raised when the stage improves and never lowered silently.
BATCHES = {
    "first": (
        ("written_zh.jsonl", "written_ja_en.jsonl", "written_national.jsonl"),
        ("written_zh_events.jsonl", "written_other_events.jsonl"),
    ),
    "second": (("written_more.jsonl",), ("written_more_events.jsonl",)),
    # events only (all relevant, not training data): items and their gold in one file
    "third": ((), ("events_batch3.jsonl",)),
    "fourth": ((), ("events_batch4.jsonl",)),
    "fifth": ((), ("events_batch5.jsonl",)),
    "sixth": ((), ("events_batch6.jsonl",)),
    "seventh": ((), ("events_batch7.jsonl",)),
    "eighth": ((), ("events_batch8.jsonl",)),
    "ninth": ((), ("events_batch9.jsonl",)),
    "tenth": ((), ("events_batch10.jsonl",)),
    "eleventh": ((), ("events_batch11.jsonl",)),
    "twelfth": ((), ("events_batch12.jsonl",)),
    "thirteenth": ((), ("events_batch13.jsonl",)),
    "fourteenth": ((), ("events_batch14.jsonl",)),
    "fifteenth": ((), ("events_batch15.jsonl",)),
    "sixteenth": ((), ("events_batch16.jsonl",)),
    "seventeenth": ((), ("events_batch17.jsonl",)),
    "eighteenth": ((), ("events_batch18.jsonl",)),
    "nineteenth": ((), ("events_batch19.jsonl",)),
    "twentieth": ((), ("events_batch20.jsonl",)),
    "twenty-first": ((), ("events_batch21.jsonl",)),
    "twenty-second": ((), ("events_batch22.jsonl",)),
    "twenty-third": ((), ("events_batch23.jsonl",)),
    "twenty-fourth": ((), ("events_batch24.jsonl",)),
    "twenty-fifth": ((), ("events_batch25.jsonl",)),
    "twenty-sixth": ((), ("events_batch26.jsonl",)),
    "twenty-seventh": ((), ("events_batch27.jsonl",)),
    "twenty-eighth": ((), ("events_batch28.jsonl",)),
    "twenty-ninth": ((), ("events_batch29.jsonl",)),
    "thirtieth": ((), ("events_batch30.jsonl",)),
    "thirty-first": ((), ("events_batch31.jsonl",)),
    "thirty-second": ((), ("events_batch32.jsonl",)),
    "thirty-third": ((), ("events_batch33.jsonl",)),
    "thirty-fourth": ((), ("events_batch34.jsonl",)),
    "thirty-fifth": ((), ("events_batch35.jsonl",)),
    "thirty-sixth": ((), ("events_batch36.jsonl",)),
    "thirty-seventh": ((), ("events_batch37.jsonl",)),
    "thirty-eighth": ((), ("events_batch38.jsonl",)),
    "thirty-ninth": ((), ("events_batch39.jsonl",)),
    "fortieth": ((), ("events_batch40.jsonl",)),
    "forty-first": ((), ("events_batch41.jsonl",)),
    "forty-second": ((), ("events_batch42.jsonl",)),
    "forty-third": ((), ("events_batch43.jsonl",)),
    "forty-fourth": ((), ("events_batch44.jsonl",)),
    "forty-fifth": ((), ("events_batch45.jsonl",)),
    "forty-sixth": ((), ("events_batch46.jsonl",)),
    "forty-seventh": ((), ("events_batch47.jsonl",)),
    "forty-eighth": ((), ("events_batch48.jsonl",)),
    "forty-ninth": ((), ("events_batch49.jsonl",)),
    "fiftieth": ((), ("events_batch50.jsonl",)),
    "fifty-first": ((), ("events_batch51.jsonl",)),
    "fifty-second": ((), ("events_batch52.jsonl",)),
    "fifty-third": ((), ("events_batch53.jsonl",)),
    "fifty-fourth": ((), ("events_batch54.jsonl",)),
    "fifty-fifth": ((), ("events_batch55.jsonl",)),
    "fifty-sixth": ((), ("events_batch56.jsonl",)),
    "fifty-seventh": ((), ("events_batch57.jsonl",)),
    "fifty-eighth": ((), ("events_batch58.jsonl",)),
    "fifty-ninth": ((), ("events_batch59.jsonl",)),
    "sixtieth": ((), ("events_batch60.jsonl",)),
    "sixty-first": ((), ("events_batch61.jsonl",)),
    "sixty-second": ((), ("events_batch62.jsonl",)),
    "sixty-third": ((), ("events_batch63.jsonl",)),
    "sixty-fourth": ((), ("events_batch64.jsonl",)),
    "sixty-fifth": ((), ("events_batch65.jsonl",)),
    "sixty-sixth": ((), ("events_batch66.jsonl",)),
    "sixty-seventh": ((), ("events_batch67.jsonl",)),
    "sixty-eighth": ((), ("events_batch68.jsonl",)),
    "sixty-ninth": ((), ("events_batch69.jsonl",)),
    "seventieth": ((), ("events_batch70.jsonl",)),
    "seventy-first": ((), ("events_batch71.jsonl",)),
    "seventy-second": ((), ("events_batch72.jsonl",)),
    "seventy-third": ((), ("events_batch73.jsonl",)),
    "seventy-fourth": ((), ("events_batch74.jsonl",)),
    "seventy-fifth": ((), ("events_batch75.jsonl",)),
    "seventy-sixth": ((), ("events_batch76.jsonl",)),
    "seventy-seventh": ((), ("events_batch77.jsonl",)),
    "seventy-eighth": ((), ("events_batch78.jsonl",)),
    "seventy-ninth": ((), ("events_batch79.jsonl",)),
    "eightieth": ((), ("events_batch80.jsonl",)),
    "eighty-first": ((), ("events_batch81.jsonl",)),
    "eighty-second": ((), ("events_batch82.jsonl",)),
    "eighty-third": ((), ("events_batch83.jsonl",)),
    "eighty-fourth": ((), ("events_batch84.jsonl",)),
    "eighty-fifth": ((), ("events_batch85.jsonl",)),
    "eighty-sixth": ((), ("events_batch86.jsonl",)),
    "eighty-seventh": ((), ("events_batch87.jsonl",)),
    "eighty-eighth": ((), ("events_batch88.jsonl",)),
    "eighty-ninth": ((), ("events_batch89.jsonl",)),
    "ninetieth": ((), ("events_batch90.jsonl",)),
    "ninety-first": ((), ("events_batch91.jsonl",)),
    "ninety-second": ((), ("events_batch92.jsonl",)),
    "ninety-third": ((), ("events_batch93.jsonl",)),
    "ninety-fourth": ((), ("events_batch94.jsonl",)),
    "ninety-fifth": ((), ("events_batch95.jsonl",)),
    "ninety-sixth": ((), ("events_batch96.jsonl",)),
    "ninety-seventh": ((), ("events_batch97.jsonl",)),
    "ninety-eighth": ((), ("events_batch98.jsonl",)),
    "ninety-ninth": ((), ("events_batch99.jsonl",)),
    "hundredth": ((), ("events_batch100.jsonl",)),
    "hundred-and-first": ((), ("events_batch101.jsonl",)),
    "hundred-and-second": ((), ("events_batch102.jsonl",)),
    "hundred-and-third": ((), ("events_batch103.jsonl",)),
    "hundred-and-fourth": ((), ("events_batch104.jsonl",)),
    "hundred-and-fifth": ((), ("events_batch105.jsonl",)),
    "hundred-and-sixth": ((), ("events_batch106.jsonl",)),
    "hundred-and-seventh": ((), ("events_batch107.jsonl",)),
    "hundred-and-eighth": ((), ("events_batch108.jsonl",)),
    "hundred-and-ninth": ((), ("events_batch109.jsonl",)),
    "hundred-and-tenth": ((), ("events_batch110.jsonl",)),
    "hundred-and-eleventh": ((), ("events_batch111.jsonl",)),
    "hundred-and-twelfth": ((), ("events_batch112.jsonl",)),
}
# Floors raised 2026-12-07 (session 5) to the figures after the rules read on the sixth to twelfth batches.
FLOORS = {
    "first": {
        "taiwan_party": 0.91,
        "partner_country": 0.95,
        "partner_city": 0.94,
        "event_type": 0.89,
        "all": 0.77,
    },
    # Written 2026-12-07 (session 4); measured before any of its errors was read (one item, wm044, had
    # been looked at while its file was being written): party 0.907, country 0.973, city 0.923, type
    # 0.680 (ja 0.333, en 0.600), all 0.573; the session's start rules scored type 0.653, all 0.560.
    # After rules written from its errors: the floors below.
    "second": {
        "taiwan_party": 0.93,
        "partner_country": 1.0,
        "partner_city": 0.98,
        "event_type": 0.92,
        "all": 0.85,
    },
    # Written 2026-12-07 (session 4), 70 items (ja 30, en 25, zh-Hant 15), events only. Measured before any
    # of its errors was read: party 0.914, country 0.971, city 0.849, type 0.757 (ja 0.800, en 0.680,
    # zh-Hant 0.800), date 0.937, all 0.643, people P 0.759 R 0.700; the session's start rules: type 0.714,
    # all 0.600, people P 0.721 R 0.689 (party, country and city the same). After rules written from its
    # errors: the floors below.
    "third": {
        "taiwan_party": 0.95,
        "partner_country": 0.97,
        "partner_city": 0.88,
        "event_type": 0.98,
        "all": 0.85,
    },
    # Written 2026-12-07 (session 4), 70 items (en 25, ja 25, zh-Hant 20), events only, stressing who and
    # with whom. Measured before any of its errors was read: party 0.814, country 0.957, city 0.702 (ja
    # 0.636, en 0.579), type 0.814, date 0.897, all 0.529, people P 0.873 R 0.769; the session's start rules:
    # type 0.757, all 0.471, people P 0.849 R 0.748 (party, country, city the same). After rules written
    # from its errors: the floors below.
    # Lowered in session 13 (city 0.87 -> 0.85, all 0.78 -> 0.77), one item: ec028's writer counts a
    # governor's call still to come (知事を表敬訪問する予定) as a second partner; the Japanese later-stop rule
    # drops it, as the writers of eb31002, eb80015 and eb80021 (the same kind of planned call) chose.
    "fourth": {
        "taiwan_party": 0.92,
        "partner_country": 0.97,
        "partner_city": 0.85,
        "event_type": 0.91,
        "all": 0.77,
    },
    # Written 2026-12-07 (session 4), 60 items in the mix a Taiwanese news monitor sees (zh-Hant 40, en 12,
    # ja 8), events only. Measured before any of its errors was read, with the session's final rules:
    # party 0.967, country 0.983, city 0.935, type 0.817, date 0.965, all 0.750, people P 0.898 R 0.808;
    # the session's start rules: party 0.950, type 0.800, all 0.733, people P 0.847 R 0.783 (country, city
    # and date the same). After rules written from its errors: the floors below.
    "fifth": {
        "taiwan_party": 0.98,
        "partner_country": 0.98,
        "partner_city": 0.95,
        "event_type": 0.91,
        "all": 0.86,
    },
    # Written 2026-12-07 (session 5), 60 items (ja 40, zh-Hant 20 reporting Japanese local news): prefectural
    # papers that never name their own prefecture, municipal releases (本市), Hokkaido as 道, towns and
    # villages. Measured before any of its errors was read, with the session's start rules (f7d8d57):
    # party 0.817, country 0.867, city 0.567 (ja 0.475), type 0.883, date 0.950, all 0.417, people P 0.864
    # R 0.833. After rules written from its errors: the floors below.
    "sixth": {
        "taiwan_party": 0.88,
        "partner_country": 1.0,
        "partner_city": 0.88,
        "event_type": 0.98,
        "all": 0.75,
    },
    # Written 2026-12-07 (session 5), 60 zh-Hant items in Taiwanese outlets' styles, stressing the event
    # type among several and partners beyond Japan. Measured before any of its errors was read, with the
    # session's start rules: party 0.933, country 0.983, city 0.926, type 0.833, date 0.900, all 0.733,
    # people P 0.795 R 0.939.
    "seventh": {
        "taiwan_party": 0.96,
        "partner_country": 0.98,
        "partner_city": 0.96,
        "event_type": 0.93,
        "all": 0.85,
    },
    # Written 2026-12-07 (session 5), 50 English items (Focus Taiwan, Taipei Times, Japan Times, Kyodo and
    # city English releases). Measured before any of its errors was read, with the session's start rules:
    # party 0.860, country 0.960, city 0.773, type 0.880, date 0.978, all 0.600, people P 0.939 R 0.633.
    "eighth": {
        "taiwan_party": 0.9,
        "partner_country": 0.96,
        "partner_city": 0.93,
        "event_type": 0.94,
        "all": 0.74,
    },
    # Written 2026-12-07 (session 5), 60 items (ja 30, en 30), after the sixth to eighth batches' rules.
    # Measured before any of its errors was read, with the rules of a7386f3: party 0.867, country 0.983,
    # city 0.945 (ja 0.967), type 0.867, date 0.931, all 0.767, people P 0.704 R 0.676; the session's start
    # rules (f7d8d57) in the same run: party 0.850, country 0.917, city 0.782 (ja 0.733), type 0.833, all
    # 0.633.
    "ninth": {
        "taiwan_party": 0.91,
        "partner_country": 1.0,
        "partner_city": 0.98,
        "event_type": 0.93,
        "all": 0.86,
    },
    # Written 2026-12-07 (session 5), 60 zh-Hant items in a city international-affairs office's mix.
    # Measured before any of its errors was read, with the rules of a7386f3 and one more from the ninth
    # batch: party 0.950, country 0.933, city 0.867, type 0.900, date 0.933, all 0.700, people P 0.727 R
    # 0.847; the session's start rules: type 0.883, all 0.683 (the rest the same).
    "tenth": {
        "taiwan_party": 0.96,
        "partner_country": 0.96,
        "partner_city": 0.88,
        "event_type": 0.98,
        "all": 0.83,
    },
    # Written 2026-12-07 (session 5), 60 items (ja, en, zh-Hant 20 each) stressing the event type among
    # others told as background. Measured before any of its errors was read, with the rules of 3cbdc6e:
    # party 0.933, country 0.983, city 0.855, type 0.833 (en 0.750), date 0.917, all 0.700, people P 0.747 R
    # 0.756; the session's start rules: party 0.917, city 0.836, type 0.817, all 0.650.
    "eleventh": {
        "taiwan_party": 0.96,
        "partner_country": 1.0,
        "partner_city": 0.89,
        "event_type": 0.98,
        "all": 0.85,
    },
    # Written 2026-12-07 (session 5), 60 items (zh-Hant 25, ja 20, en 15) stressing parties and partners.
    # First measured (before any of its errors was read) with the rules of 3cbdc6e and the eleventh
    # batch's type rules: party 0.900, country 0.983, city 0.889 (ja 0.833), type 0.850, date 0.950, all
    # 0.683, people P 0.849 R 0.479 (R 0.849 once its 56 unnamed gold participants were dropped, below); the
    # session's start rules: party 0.917, country 0.933, city 0.796 (ja
    # 0.556), type 0.850, all 0.667.
    "twelfth": {
        "taiwan_party": 0.9,
        "partner_country": 1.0,
        "partner_city": 0.92,
        "event_type": 0.96,
        "all": 0.81,
    },
    # Written 2026-12-07 (session 5), 70 short zh-Hant items (300-480 characters) in a monitor's daily catch.
    # Measured before any of its errors was read, with the rules of 36229e6 and one date rule: party 0.900,
    # country 0.957, city 0.889, type 0.900, date 0.899, all 0.729; the session's start rules: type 0.871,
    # all 0.700 (the rest the same).
    "thirteenth": {
        "taiwan_party": 0.91,
        "partner_country": 0.95,
        "partner_city": 0.94,
        "event_type": 0.94,
        "all": 0.8,
    },
    # Written 2026-12-07 (session 5), 60 items (ja 30, en 30). Measured before any of its errors was read,
    # with the rules of 3bd3e5b: party 0.933, country 0.967, city 0.881 (ja 0.900), type 0.850, date 0.850,
    # all 0.700; the session's start rules: party 0.917, country 0.950, city 0.661 (ja 0.533), type 0.817,
    # all 0.517.
    "fourteenth": {
        "taiwan_party": 0.96,
        "partner_country": 0.98,
        "partner_city": 0.94,
        "event_type": 0.95,
        "all": 0.85,
    },
    # Written 2026-12-07 (session 6) by three more helpers, blind as before. Each measured once before any
    # of its errors was read, with the rules of b669fbf (the session's start, 7292a5e, beside it in the
    # same run; the same but for the address rule): fifteenth (60 zh-Hant, stressing the partner) party
    # 0.917, country 0.983, city 0.922, type 0.850, date 0.964, all 0.700; sixteenth (ja 30, en 30, stressing
    # the type) party 0.800 (ja 0.767), country 0.967 (start 0.950), city 0.873, type 0.883 (ja 0.833), date
    # 0.983, all 0.633; seventeenth (60 zh-Hant, stressing the type) party 0.933, country 0.983, city 0.909,
    # type 0.833, date 0.857, all 0.717. After rules written from their errors: the floors below.
    "fifteenth": {
        "taiwan_party": 0.95,
        "partner_country": 0.98,
        "partner_city": 0.98,
        "event_type": 0.95,
        "all": 0.86,
    },
    "sixteenth": {
        "taiwan_party": 0.85,
        "partner_country": 0.96,
        "partner_city": 0.94,
        "event_type": 0.95,
        "all": 0.75,
    },
    "seventeenth": {
        "taiwan_party": 0.95,
        "partner_country": 0.98,
        "partner_city": 0.95,
        "event_type": 0.95,
        "all": 0.86,
    },
    # Written 2026-12-07 (session 6) after the fifteenth to seventeenth batches' rules, to measure them on
    # ordinary news: eighteenth (60 zh-Hant, a year's mix), nineteenth (ja 30, en 30, a year's mix),
    # twentieth (60 short zh-Hant feed items). Measured once before any of its errors was read, with the
    # rules of 4b4f76c beside the session's start (7292a5e) in one run: eighteenth party 0.950, country
    # 0.983, city 0.918, type 0.900, date 0.917, all 0.767 (the same at the start); nineteenth party 0.867,
    # country 0.933 -> 0.967, city 0.808 -> 0.846 (ja 0.808 -> 0.885), type 0.867, date 0.933, all 0.633 ->
    # 0.650; twentieth party 1.000, country 0.950, city 0.863, type 0.850 -> 0.883, date 0.966, all 0.700
    # -> 0.733. After rules written from their errors: the floors below.
    "eighteenth": {
        "taiwan_party": 0.98,
        "partner_country": 0.98,
        "partner_city": 1.0,
        "event_type": 0.95,
        "all": 0.91,
    },
    "nineteenth": {
        "taiwan_party": 0.9,
        "partner_country": 0.96,
        "partner_city": 0.86,
        "event_type": 0.91,
        "all": 0.75,
    },
    "twentieth": {
        "taiwan_party": 1.0,
        "partner_country": 0.96,
        "partner_city": 0.94,
        "event_type": 0.91,
        "all": 0.83,
    },
    # Written 2026-12-07 (session 6) after the eighteenth to twentieth batches' rules: twenty-first (60
    # zh-Hant, counties, townships and councils), twenty-second (ja 30, en 30, Taiwanese outlets' editions and
    # national items), twenty-third (60 zh-Hant, half national). Measured once before any of its errors was
    # read, with the rules of 2f99a53 beside the session's start (7292a5e) in one run: twenty-first party
    # 0.917, country 0.983, city 0.774, type 0.817, date 0.932, all 0.567 (the same at the start);
    # twenty-second party 0.967, country 0.967, city 0.884 -> 0.930, type 0.850 -> 0.867, date 0.983, all
    # 0.733 -> 0.767; twenty-third party 0.883, country 0.950, city 0.947, type 0.817 -> 0.867, date 0.931,
    # all 0.667 -> 0.717. After rules written from their errors: the floors below.
    "twenty-first": {
        "taiwan_party": 0.91,
        "partner_country": 0.98,
        "partner_city": 0.86,
        "event_type": 0.86,
        "all": 0.68,
    },
    "twenty-second": {
        "taiwan_party": 0.96,
        "partner_country": 0.98,
        "partner_city": 0.97,
        "event_type": 0.96,
        "all": 0.91,
    },
    "twenty-third": {
        "taiwan_party": 0.9,
        "partner_country": 0.95,
        "partner_city": 0.94,
        "event_type": 0.91,
        "all": 0.78,
    },
    # Written 2026-12-07 (session 6) after the held-out sets' measurement: twenty-fourth (60 zh-Hant, the
    # special municipalities and their many partners), twenty-fifth (ja 30, en 30, a year's mix),
    # twenty-sixth (60 zh-Hant, counties, townships and districts). Measured once before any of its errors
    # was read, with the rules of 3c5fb3e beside the session's start (7292a5e) in one run: twenty-fourth
    # party 0.983, country 0.967, city 0.849 -> 0.887, type 0.867, date 0.912, all 0.717 -> 0.733;
    # twenty-fifth party 0.933, country 0.950, city 0.887 -> 0.906, type 0.883, date 0.949, all 0.700 ->
    # 0.717; twenty-sixth party 0.917 -> 0.933, country 1.000, city 0.865 -> 0.885, type 0.850 -> 0.867, date
    # 0.983, all 0.683 -> 0.733. After rules written from their errors: the floors below.
    "twenty-fourth": {
        "taiwan_party": 0.98,
        "partner_country": 0.96,
        "partner_city": 0.92,
        "event_type": 0.93,
        "all": 0.83,
    },
    # (Set to 0.883 / 0.717 on the text as measured; a helper then reworded three formulaic sentences the
    # paraphrase test flagged, and one reworded lead (a call told as 足を運び, no visit word left) now
    # reads as no event: the floors are the batch as it now stands, 0.867 / 0.700.)
    "twenty-fifth": {
        "taiwan_party": 0.96,
        "partner_country": 0.95,
        "partner_city": 0.9,
        "event_type": 0.9,
        "all": 0.76,
    },
    "twenty-sixth": {
        "taiwan_party": 0.96,
        "partner_country": 1.0,
        "partner_city": 0.94,
        "event_type": 0.95,
        "all": 0.86,
    },
    # Written 2026-12-07 (session 6), the last round: twenty-seventh (60 zh-Hant, a year's mix),
    # twenty-eighth (ja 30, en 30, with the ways Japanese news tells meetings), twenty-ninth (60 zh-Hant,
    # feed items and local reports). Measured once before any of its errors was read, with the rules of
    # d7f23cb beside the session's start (7292a5e) in one run: twenty-seventh party 0.933, country 1.000, city
    # 0.851 -> 0.936, type 0.850 -> 0.867, date 0.966, all 0.700 -> 0.783; twenty-eighth party 0.933,
    # country 0.983, city 0.925 -> 0.943, type 0.867 -> 0.883, date 0.917, all 0.750 -> 0.783; twenty-ninth
    # party 0.900 -> 0.917, country 0.983, city 0.891 -> 0.927, type 0.883, date 0.900, all 0.683 -> 0.733.
    # After rules written from their errors: the floors below. (eb28030 was dropped after the measurement: it
    # retold a real report's event closely enough that the paraphrase test caught it.)
    "twenty-seventh": {
        "taiwan_party": 0.95,
        "partner_country": 1.0,
        "partner_city": 0.95,
        "event_type": 0.93,
        "all": 0.88,
    },
    "twenty-eighth": {
        "taiwan_party": 0.94,
        "partner_country": 0.98,
        "partner_city": 0.98,
        "event_type": 0.93,
        "all": 0.84,
    },
    "twenty-ninth": {
        "taiwan_party": 0.93,
        "partner_country": 0.98,
        "partner_city": 0.94,
        "event_type": 0.91,
        "all": 0.8,
    },
    # Written 2026-12-07 (session 7): thirtieth (60 zh-Hant, a year's mix of the special municipalities and
    # counties), thirty-first (ja 30, en 30), thirty-second (60 zh-Hant: national items, townships and
    # farmers' associations, partners beyond Japan, features). Measured once before any of its errors was
    # read, with the rules of f9971b5 beside the session's start (fd99e33) in one run: thirtieth party 0.933,
    # country 0.983, city 0.962, type 0.883 -> 0.900, date 0.964, all 0.800 -> 0.817; thirty-first party
    # 0.933, country 1.000, city 0.887, type 0.917, date 0.933, all 0.800; thirty-second party 0.917, country
    # 0.983, city 0.854, type 0.833, date 0.914, all 0.650. After rules written from their errors: the floors
    # below.
    "thirtieth": {
        "taiwan_party": 0.96,
        "partner_country": 1.0,
        "partner_city": 1.0,
        "event_type": 0.98,
        "all": 0.95,
    },
    "thirty-first": {
        "taiwan_party": 0.98,
        "partner_country": 1.0,
        "partner_city": 0.96,
        "event_type": 0.98,
        "all": 0.93,
    },
    "thirty-second": {
        "taiwan_party": 0.96,
        "partner_country": 0.98,
        "partner_city": 0.97,
        "event_type": 0.91,
        "all": 0.85,
    },
    # Written 2026-12-07 (session 7), the second round: thirty-third (60 zh-Hant, a year's monitor catch),
    # thirty-fourth (ja 30, en 30, with Japanese towns and Taiwanese townships written in English; two of
    # its example names came from the thirty-first batch's errors), thirty-fifth (60 zh-Hant, the type among
    # several events, and who the parties are). Measured once before any of its errors was read, with the
    # rules of f874bd7 beside the session's start (fd99e33) in one run: thirty-third party 0.950, country
    # 1.000, city 0.961 -> 0.980, type 0.883, date 0.950, all 0.817 -> 0.833; thirty-fourth party 0.850 (ja
    # 0.767), country 0.967 -> 0.983, city 0.879 -> 0.948 (en 0.750 -> 0.893), type 0.833 -> 0.850, date
    # 0.967, all 0.633 -> 0.700; thirty-fifth party 0.917 -> 0.933, country 1.000, city 0.981, type 0.883,
    # date 0.883, all 0.783 -> 0.800 (40 of its items had been seen as totals while it was being written,
    # and the farmers' association rule checked on them). After rules written from their errors: the floors
    # below.
    "thirty-third": {
        "taiwan_party": 0.96,
        "partner_country": 1.0,
        "partner_city": 1.0,
        "event_type": 0.95,
        "all": 0.93,
    },
    "thirty-fourth": {
        "taiwan_party": 0.93,
        "partner_country": 0.98,
        "partner_city": 0.96,
        "event_type": 0.91,
        "all": 0.85,
    },
    "thirty-fifth": {
        "taiwan_party": 0.93,
        "partner_country": 1.0,
        "partner_city": 0.98,
        "event_type": 0.98,
        "all": 0.9,
    },
    # Written 2026-12-07 (session 7), the third round: thirty-sixth (60 zh-Hant, a monitor's daily catch),
    # thirty-seventh (ja 30, en 30), thirty-eighth (60 zh-Hant: national items, special municipalities,
    # counties). Measured once before any of its errors was read, with the rules of 0e00126 beside the
    # session's start (fd99e33) in one run: thirty-sixth party 0.933, country 0.983, city 0.959 -> 1.000,
    # type 0.983 -> 1.000, date 0.814, all 0.867 -> 0.917; thirty-seventh party 0.917 -> 0.933, country
    # 0.983, city 0.911 (ja 0.852), type 0.867 (ja 0.833), date 0.898, all 0.767; thirty-eighth party 0.933
    # -> 0.900, country 0.983, city 0.920 -> 0.960, type 0.917 -> 0.933, date 0.883, all 0.767 -> 0.783.
    # After rules written from their errors: the floors below.
    "thirty-sixth": {
        "taiwan_party": 0.95,
        "partner_country": 0.98,
        "partner_city": 1.0,
        "event_type": 1.0,
        "event_date": 0.86,
        "all": 0.93,
    },
    "thirty-seventh": {
        "taiwan_party": 0.98,
        "partner_country": 0.98,
        "partner_city": 0.91,
        "event_type": 1.0,
        "all": 0.9,
    },
    "thirty-eighth": {
        "taiwan_party": 0.95,
        "partner_country": 0.98,
        "partner_city": 0.98,
        "event_type": 0.96,
        "all": 0.88,
    },
    # Written 2026-12-07 (session 7), the last round: thirty-ninth (60 ja), fortieth (en 30, zh-Hant 30).
    # Measured once before any of its errors was read, with the rules of 7444aef beside the session's start
    # (fd99e33) in one run: thirty-ninth party 0.900 -> 0.917, country 0.933, city 0.843, type 0.800 -> 0.833,
    # date 0.983, all 0.617 -> 0.667; fortieth party 0.967, country 0.983, city 0.849 -> 0.887 (en 0.786 ->
    # 0.857), type 0.917 -> 0.950, date 1.000, all 0.767 -> 0.833. After rules written from the thirty-ninth's
    # errors: the floors below (the fortieth's errors were not read).
    "thirty-ninth": {
        "taiwan_party": 0.98,
        "partner_country": 0.96,
        "partner_city": 0.88,
        "event_type": 0.95,
        "all": 0.85,
    },
    "fortieth": {
        "taiwan_party": 0.98,
        "partner_country": 1.0,
        "partner_city": 0.98,
        "event_type": 0.98,
        "all": 0.95,
    },
    # Written 2026-12-07 (session 8): forty-first and forty-second (60 ja each), forty-third (60 en),
    # forty-fourth (60 zh-Hant). Measured once before any of their errors was read, with the session's
    # first rules (read on the fortieth batch) beside the session's start (1622a6d) in one run: forty-first
    # party 0.850, country 1.000, city 0.900, type 0.883, date 1.000, all 0.667 (the same at the start);
    # forty-second 0.883, 0.983, 0.830, 0.850, 1.000, 0.617 (the same); forty-third party 0.867 -> 0.883,
    # country 0.917, city 0.729, type 0.867, date 0.733, all 0.583; forty-fourth 0.950, 1.000, city 0.948
    # -> 0.966, type 0.967, date 0.967, all 0.867 -> 0.883. The floors of this and the session's later
    # batches were raised at its end (6fcd54a) to the figures after the rules read on them.
    "forty-first": {
        "taiwan_party": 0.95,
        "partner_country": 1.0,
        "partner_city": 0.95,
        "event_type": 0.93,
        "all": 0.83,
    },
    "forty-second": {
        "taiwan_party": 0.91,
        "partner_country": 1.0,
        "partner_city": 0.9,
        "event_type": 0.91,
        "all": 0.75,
    },
    "forty-third": {
        "taiwan_party": 0.95,
        "partner_country": 0.98,
        "partner_city": 0.91,
        "event_type": 0.91,
        "all": 0.81,
    },
    "forty-fourth": {
        "taiwan_party": 0.95,
        "partner_country": 1.0,
        "partner_city": 0.96,
        "event_type": 0.96,
        "all": 0.88,
    },
    # The second round of session 8: forty-fifth (60 ja), forty-sixth (en 30, ja 30), forty-seventh (60
    # zh-Hant, several events and one news). Measured once before any of their errors was read, the rules of
    # that moment beside the session's start (1622a6d) in one run: forty-fifth (8d120bf) party 0.867 ->
    # 0.883, country 1.000, city 0.967, type 0.883, date 0.967, all 0.717 -> 0.733; forty-sixth (f22bfda)
    # party 0.917 -> 0.933, country 0.950, city 0.840 -> 0.880 (en 0.875 -> 0.958, ja 0.808), type 0.900 ->
    # 0.917, date 0.867 -> 0.983, all 0.733 -> 0.750; forty-seventh (f22bfda) party 0.950, country 1.000,
    # city 0.894 -> 0.936, type 0.933, date 0.983, all 0.800 -> 0.833.
    "forty-fifth": {
        "taiwan_party": 0.91,
        "partner_country": 1.0,
        "partner_city": 0.96,
        "event_type": 0.98,
        "all": 0.86,
    },
    "forty-sixth": {
        "taiwan_party": 0.96,
        "partner_country": 0.95,
        "partner_city": 0.94,
        "event_type": 0.96,
        "all": 0.85,
    },
    "forty-seventh": {
        "taiwan_party": 0.96,
        "partner_country": 1.0,
        "partner_city": 0.97,
        "event_type": 0.98,
        "all": 0.93,
    },
    # The third round of session 8: forty-eighth (60 ja, a monitor's month), forty-ninth (60 en), fiftieth
    # (60 zh-Hant, a monitor's year). Measured once before any of their errors was read, with the rules of
    # 1978d1f beside the session's start (1622a6d) in one run: forty-eighth party 0.833 -> 0.883, country
    # 0.950, city 0.887 -> 0.925, type 0.800, date 0.867, all 0.583 -> 0.650; forty-ninth party 0.900 ->
    # 0.917, country 0.917, city 0.784 -> 0.843, type 0.900, date 0.900, all 0.667 -> 0.717; fiftieth party
    # 0.900, country 0.950, city 0.918, type 0.950, date 0.950, all 0.783 (the same at the start).
    "forty-eighth": {
        "taiwan_party": 0.9,
        "partner_country": 0.96,
        "partner_city": 0.94,
        "event_type": 0.91,
        "all": 0.8,
    },
    "forty-ninth": {
        "taiwan_party": 0.93,
        "partner_country": 0.91,
        "partner_city": 0.88,
        "event_type": 0.93,
        "all": 0.78,
    },
    "fiftieth": {
        "taiwan_party": 0.95,
        "partner_country": 0.95,
        "partner_city": 0.93,
        "event_type": 0.96,
        "all": 0.83,
    },
    # The fourth round of session 8: fifty-first (60 ja), fifty-second (60 en), fifty-third (60 zh-Hant).
    # Measured once before any of their errors was read, with the rules of 290fbe3 beside the session's
    # start (1622a6d) in one run: fifty-first party 0.833 -> 0.917, country 0.967, city 0.814, type 0.850 ->
    # 0.917, date 0.933, all 0.617 -> 0.717; fifty-second party 0.933, country 1.000, city 0.836 -> 0.873,
    # type 0.867, date 0.950, all 0.683 -> 0.717; fifty-third party 0.950, country 0.983, city 0.855, type
    # 0.883 -> 0.917, date 1.000, all 0.733 -> 0.750.
    "fifty-first": {
        "taiwan_party": 0.91,
        "partner_country": 0.98,
        "partner_city": 0.86,
        "event_type": 0.91,
        "all": 0.76,
    },
    "fifty-second": {
        "taiwan_party": 0.95,
        "partner_country": 1.0,
        "partner_city": 0.92,
        "event_type": 0.86,
        "all": 0.76,
    },
    "fifty-third": {
        "taiwan_party": 0.95,
        "partner_country": 0.98,
        "partner_city": 0.87,
        "event_type": 0.95,
        "all": 0.8,
    },
    # The fifth round of session 8, written after the held-out measurement: fifty-fourth (60 zh-Hant),
    # fifty-fifth (60 ja), fifty-sixth (60 en), all stressing who the partners and parties are. Measured once
    # before any of their errors was read, with the rules of 8f8d607 beside the session's start (1622a6d) in
    # one run: fifty-fourth party 0.950, country 0.967, city 0.887, type 0.967 -> 0.983, date 0.933, all
    # 0.800; fifty-fifth party 0.783 -> 0.817, country 1.000, city 0.907, type 0.917 -> 0.950, date 0.917, all
    # 0.667 -> 0.717; fifty-sixth party 0.850, country 1.000, city 0.796 -> 0.852, type 0.883, date 0.967 ->
    # 0.983, all 0.667 -> 0.683.
    "fifty-fourth": {
        "taiwan_party": 0.95,
        "partner_country": 0.96,
        "partner_city": 0.92,
        "event_type": 0.98,
        "all": 0.83,
    },
    "fifty-fifth": {
        "taiwan_party": 0.86,
        "partner_country": 1.0,
        "partner_city": 0.9,
        "event_type": 0.95,
        "all": 0.75,
    },
    "fifty-sixth": {
        "taiwan_party": 0.86,
        "partner_country": 1.0,
        "partner_city": 0.87,
        "event_type": 0.9,
        "all": 0.71,
    },
    # Session 9's batches, stressing who the partners and parties are: fifty-seventh (60 ja), fifty-eighth (60
    # en), fifty-ninth (60 zh-Hant), sixtieth (30 zh-Hant, 30 ja: places that take no part); a monitor's
    # ordinary month: sixty-first (zh-Hant), sixty-second (ja), sixty-third (en); which places take part:
    # sixty-fourth (zh-Hant), sixty-fifth (ja), sixty-sixth (en; sister cities' own papers). Each measured
    # once before any of its errors was read (tests/annotations/README.md has the figures and the rules of
    # that moment); floors at the figures at the session's end.
    "fifty-seventh": {
        "taiwan_party": 0.95,
        "partner_country": 1.0,
        "partner_city": 0.94,
        "event_type": 0.96,
        "all": 0.86,
    },
    "fifty-eighth": {
        "taiwan_party": 0.93,
        "partner_country": 1.0,
        "partner_city": 0.92,
        "event_type": 0.95,
        "all": 0.85,
    },
    "fifty-ninth": {
        "taiwan_party": 0.9,
        "partner_country": 1.0,
        "partner_city": 0.97,
        "event_type": 0.96,
        "all": 0.86,
    },
    "sixtieth": {
        "taiwan_party": 0.93,
        "partner_country": 0.96,
        "partner_city": 0.93,
        "event_type": 0.96,
        "all": 0.85,
    },
    "sixty-first": {
        "taiwan_party": 0.98,
        "partner_country": 1.0,
        "partner_city": 0.96,
        "event_type": 0.95,
        "all": 0.9,
    },
    "sixty-second": {
        "taiwan_party": 0.95,
        "partner_country": 0.96,
        "partner_city": 0.94,
        "event_type": 0.93,
        "all": 0.83,
    },
    "sixty-third": {
        "taiwan_party": 0.96,
        "partner_country": 0.98,
        "partner_city": 0.94,
        "event_type": 0.88,
        "all": 0.81,
    },
    "sixty-fourth": {
        "taiwan_party": 0.95,
        "partner_country": 0.95,
        "partner_city": 0.92,
        "event_type": 0.96,
        "all": 0.8,
    },
    "sixty-fifth": {
        "taiwan_party": 0.91,
        "partner_country": 0.95,
        "partner_city": 0.87,
        "event_type": 0.91,
        "all": 0.73,
    },
    "sixty-sixth": {
        "taiwan_party": 0.88,
        "partner_country": 0.95,
        "partner_city": 0.83,
        "event_type": 0.85,
        "all": 0.63,
    },
    # Written 2026-12-07 (session 10), eleven events-only batches of 60 (tests/annotations/README.md, "Sixty-
    # seventh to seventy-seventh batches"), each measured once before its errors were read (first figures
    # there); floors at the session's end figures. The seventy-fourth stresses parties that are bodies
    # (associations, schools, temples, firms): party 0.28 is a known weakness, pinned so it cannot fall.
    "sixty-seventh": {
        "taiwan_party": 0.85,
        "partner_country": 1.0,
        "partner_city": 0.9,
        "event_type": 0.95,
        "all": 0.71,
    },
    "sixty-eighth": {
        "taiwan_party": 0.96,
        "partner_country": 0.98,
        "partner_city": 0.93,
        "event_type": 0.98,
        "all": 0.88,
    },
    "sixty-ninth": {
        "taiwan_party": 0.9,
        "partner_country": 1.0,
        "partner_city": 0.88,
        "event_type": 0.98,
        "all": 0.78,
    },
    "seventieth": {
        "taiwan_party": 0.9,
        "partner_country": 0.98,
        "partner_city": 0.96,
        "event_type": 0.88,
        "all": 0.8,
    },
    "seventy-first": {
        "taiwan_party": 1.0,
        "partner_country": 1.0,
        "partner_city": 0.98,
        "event_type": 0.98,
        "all": 0.96,
    },
    "seventy-second": {
        "taiwan_party": 0.78,
        "partner_country": 0.98,
        "partner_city": 0.91,
        "event_type": 0.88,
        "all": 0.65,
    },
    "seventy-third": {
        "taiwan_party": 0.88,
        "partner_country": 0.86,
        "partner_city": 0.8,
        "event_type": 0.83,
        "all": 0.6,
    },
    "seventy-fourth": {
        "taiwan_party": 0.68,
        "partner_country": 0.98,
        "partner_city": 1.0,
        "event_type": 0.8,
        "all": 0.55,
    },
    "seventy-fifth": {
        "taiwan_party": 0.86,
        "partner_country": 0.95,
        "partner_city": 0.94,
        "event_type": 0.9,
        "all": 0.73,
    },
    "seventy-sixth": {
        "taiwan_party": 0.88,
        "partner_country": 1.0,
        "partner_city": 0.91,
        "event_type": 0.93,
        "all": 0.75,
    },
    "seventy-seventh": {
        "taiwan_party": 0.91,
        "partner_country": 0.95,
        "partner_city": 0.89,
        "event_type": 0.95,
        "all": 0.78,
    },
    # Written 2026-12-07 (session 10, its third round), six more events-only batches of 60, each measured once
    # before its errors were read (first figures in tests/annotations/README.md); floors at the end figures.
    "seventy-eighth": {
        "taiwan_party": 1.0,
        "partner_country": 1.0,
        "partner_city": 0.98,
        "event_type": 0.98,
        "all": 0.96,
    },
    "seventy-ninth": {
        "taiwan_party": 0.98,
        "partner_country": 0.98,
        "partner_city": 0.94,
        "event_type": 0.98,
        "all": 0.91,
    },
    "eightieth": {
        "taiwan_party": 0.96,
        "partner_country": 0.96,
        "partner_city": 0.86,
        "event_type": 0.9,
        "all": 0.78,
    },
    "eighty-first": {
        "taiwan_party": 0.93,
        "partner_country": 1.0,
        "partner_city": 0.96,
        "event_type": 0.9,
        "all": 0.81,
    },
    "eighty-second": {
        "taiwan_party": 0.96,
        "partner_country": 1.0,
        "partner_city": 0.98,
        "event_type": 0.91,
        "all": 0.88,
    },
    "eighty-third": {
        "taiwan_party": 0.91,
        "partner_country": 1.0,
        "partner_city": 1.0,
        "event_type": 0.95,
        "all": 0.88,
    },
    # Written 2026-12-07 (session 11), events-only batches of 60, each measured once before its errors were
    # read (first figures in tests/annotations/README.md); floors at the session's end figures.
    "eighty-fourth": {
        "taiwan_party": 0.9,
        "partner_country": 0.98,
        "partner_city": 1.0,
        "event_type": 0.86,
        "all": 0.78,
    },
    "eighty-fifth": {
        "taiwan_party": 0.83,
        "partner_country": 0.96,
        "partner_city": 1.0,
        "event_type": 0.93,
        "all": 0.76,
    },
    "eighty-sixth": {
        "taiwan_party": 0.98,
        "partner_country": 1.0,
        "partner_city": 0.94,
        "event_type": 1.0,
        "all": 0.93,
    },
    "eighty-seventh": {
        "taiwan_party": 0.88,
        "partner_country": 0.91,
        "partner_city": 1.0,
        "event_type": 0.86,
        "all": 0.71,
    },
    "eighty-eighth": {
        "taiwan_party": 0.76,
        "partner_country": 0.83,
        "partner_city": 0.91,
        "event_type": 0.86,
        "all": 0.58,
    },
    "eighty-ninth": {
        "taiwan_party": 0.96,
        "partner_country": 1.0,
        "partner_city": 1.0,
        "event_type": 0.93,
        "all": 0.9,
    },
    "ninetieth": {
        "taiwan_party": 0.98,
        "partner_country": 1.0,
        "partner_city": 0.96,
        "event_type": 0.96,
        "all": 0.91,
    },
    "ninety-first": {
        "taiwan_party": 0.9,
        "partner_country": 0.95,
        "partner_city": 1.0,
        "event_type": 0.85,
        "all": 0.76,
    },
    "ninety-second": {
        "taiwan_party": 0.9,
        "partner_country": 0.96,
        "partner_city": 0.97,
        "event_type": 0.86,
        "all": 0.78,
    },
    "ninety-third": {
        "taiwan_party": 0.95,
        "partner_country": 0.98,
        "partner_city": 1.0,
        "event_type": 0.9,
        "all": 0.85,
    },
    # Written 2026-12-07 (session 12), 60 items each, measured before any of their errors was read (the
    # session's start code, 8bd5097; the same with the rules of that moment, c3142b6, but where noted):
    # ninety-fourth (zh-Hant, hard types) party 0.917, country 0.983, city 0.933, type 0.833, date 0.935,
    # all 0.717; ninety-fifth (ja, hard types) 0.950, 0.983, 0.977, 0.950, 0.936, 0.867; ninety-sixth (en,
    # hard types) 0.950, 0.933, 0.816, 0.767, 1.000, 0.633; ninety-seventh (zh-Hant, partner places) 0.917,
    # 0.967, 0.931, 0.967, 0.979, 0.800; ninety-eighth (ja and en, the national level) 0.800 (en 0.667),
    # 0.950, 0.939, 0.867 (c3142b6: 0.883), 0.958, 0.617 (c3142b6: 0.633). After rules written from their
    # errors: the floors below.
    "ninety-fourth": {
        "taiwan_party": 0.91,
        "partner_country": 0.98,
        "partner_city": 0.93,
        "event_type": 0.83,
        "all": 0.71,
    },
    "ninety-fifth": {
        "taiwan_party": 0.95,
        "partner_country": 0.98,
        "partner_city": 0.97,
        "event_type": 0.95,
        "all": 0.86,
    },
    "ninety-sixth": {
        "taiwan_party": 0.95,
        "partner_country": 0.96,
        "partner_city": 0.87,
        "event_type": 0.9,
        "all": 0.75,
    },
    "ninety-seventh": {
        "taiwan_party": 0.95,
        "partner_country": 0.98,
        "partner_city": 0.93,
        "event_type": 0.96,
        "all": 0.85,
    },
    "ninety-eighth": {
        "taiwan_party": 0.86,
        "partner_country": 0.95,
        "partner_city": 0.93,
        "event_type": 0.88,
        "all": 0.7,
    },
    # Written 2026-12-07 (session 12, second round), 60 items each, measured before any of their errors was
    # read (the session's start code, 8bd5097, and the rules of that moment, 69be8d9, the same but where
    # noted): ninety-ninth (en, partner places) party 0.933, country 0.967, city 0.793, type 0.817, date
    # 0.935, all 0.650 (69be8d9: 0.667); hundredth (en, the Taiwanese party) 0.667 (69be8d9: 0.717), 0.933,
    # 0.929, 0.833, 0.957, 0.517 (0.550); hundred-and-first (zh-Hant, long items, hard types) 0.933, 0.933,
    # 0.956, 0.833, 0.854, 0.733; hundred-and-second (ja, places and parties) 0.900, 0.917, 0.804, 0.833,
    # 0.875, 0.683. After rules written from their errors: the floors below.
    "ninety-ninth": {
        "taiwan_party": 0.96,
        "partner_country": 0.98,
        "partner_city": 0.84,
        "event_type": 0.85,
        "all": 0.75,
    },
    "hundredth": {
        "taiwan_party": 0.78,
        "partner_country": 0.93,
        "partner_city": 0.92,
        "event_type": 0.83,
        "all": 0.61,
    },
    "hundred-and-first": {
        "taiwan_party": 0.93,
        "partner_country": 0.93,
        "partner_city": 0.95,
        "event_type": 0.85,
        "all": 0.75,
    },
    "hundred-and-second": {
        "taiwan_party": 0.9,
        "partner_country": 0.93,
        "partner_city": 0.82,
        "event_type": 0.83,
        "all": 0.7,
    },
    # Written 2026-12-07 (session 13, two rounds), 60 items each, measured before any of their errors was
    # read: the session's start code (e414984) beside the rules of that moment where they differed. First
    # round: hundred-and-third (ja, places) party 0.883, country 0.917, city 0.807, type 0.917, date 0.896,
    # all 0.650; hundred-and-fourth (en, parties) 0.733 (rules 9cc1122: 0.767), 0.967, 0.904, 0.900, 1.000,
    # 0.633 (0.667); hundred-and-fifth (zh-Hant, long items) 0.900, 0.967, 0.940, 0.933, 0.958, 0.767;
    # hundred-and-sixth (ja and en, types) 0.933 (0.950), 0.967, 0.909, 0.850, 0.833, 0.783;
    # hundred-and-seventh (zh-Hant, partners beyond Japan) 0.933, 0.950, 0.875, 0.900, 0.979, 0.733;
    # hundred-and-eighth (en, places) 0.800, 0.983, 0.877, 0.917, 0.875, 0.650. Second round:
    # hundred-and-ninth (en, types) 0.800 (rules a7f7095: 0.833), 1.000, 0.981, 0.817 (0.850), 0.938 (0.979),
    # 0.667 (0.700); hundred-and-tenth (en from Japanese outlets, types and dates) 0.817, 0.933, 0.873, 0.817,
    # 0.917, 0.583; hundred-and-eleventh (zh-Hant, short items, types) 0.933, 1.000, 0.959, 0.867 (0.883),
    # 1.000, 0.800 (0.817); hundred-and-twelfth (ja, types and dates) 0.917, 0.967, 0.942, 0.950, 0.854,
    # 0.800. After rules written from their errors: the floors below.
    "hundred-and-third": {
        "taiwan_party": 0.9,
        "partner_country": 0.91,
        "partner_city": 0.84,
        "event_type": 0.91,
        "all": 0.68,
    },
    "hundred-and-fourth": {
        "taiwan_party": 0.8,
        "partner_country": 0.96,
        "partner_city": 0.9,
        "event_type": 0.91,
        "all": 0.71,
    },
    "hundred-and-fifth": {
        "taiwan_party": 0.9,
        "partner_country": 0.98,
        "partner_city": 0.94,
        "event_type": 0.96,
        "all": 0.8,
    },
    "hundred-and-sixth": {
        "taiwan_party": 0.95,
        "partner_country": 0.96,
        "partner_city": 0.9,
        "event_type": 0.98,
        "all": 0.88,
    },
    "hundred-and-seventh": {
        "taiwan_party": 0.93,
        "partner_country": 0.96,
        "partner_city": 0.87,
        "event_type": 0.93,
        "all": 0.76,
    },
    "hundred-and-eighth": {
        "taiwan_party": 0.8,
        "partner_country": 0.98,
        "partner_city": 0.89,
        "event_type": 0.98,
        "all": 0.7,
    },
    "hundred-and-ninth": {
        "taiwan_party": 0.83,
        "partner_country": 1.0,
        "partner_city": 0.98,
        "event_type": 0.93,
        "all": 0.76,
    },
    "hundred-and-tenth": {
        "taiwan_party": 0.81,
        "partner_country": 0.93,
        "partner_city": 0.87,
        "event_type": 0.86,
        "all": 0.63,
    },
    "hundred-and-eleventh": {
        "taiwan_party": 0.93,
        "partner_country": 1.0,
        "partner_city": 0.95,
        "event_type": 0.9,
        "all": 0.83,
    },
    "hundred-and-twelfth": {
        "taiwan_party": 0.91,
        "partner_country": 0.96,
        "partner_city": 0.94,
        "event_type": 0.95,
        "all": 0.8,
    },
}


@pytest.fixture(scope="module")
def scores() -> dict[str, EventScores]:
    out = {}
    for batch, (item_files, gold_files) in BATCHES.items():
        items = [row for name in item_files for row in read_jsonl(DATA / name)]
        gold = [row for name in gold_files for row in read_jsonl(ANNOTATIONS / name)]
        if not item_files:  # items and their gold in one file
            items, gold = gold, embedded_gold(gold)
        out[batch] = evaluate(items, gold, extract_event)
    return out


def test_every_annotation_file_is_in_a_batch() -> None:
    named = {name for _, gold_files in BATCHES.values() for name in gold_files}
    found = {
        path.name
        for pattern in ("written_*_events.jsonl", "events_batch*.jsonl")
        for path in ANNOTATIONS.glob(pattern)
    }
    assert found <= named


def test_every_gold_person_and_partner_has_a_name() -> None:
    """A participant left unnamed in the text is no person in the schema (the twelfth batch's writer first
    listed 56 with a null name; they were dropped by this rule, 2026-12-07)."""
    for _, gold_files in BATCHES.values():
        for name in gold_files:
            for row in read_jsonl(ANNOTATIONS / name):
                event, where = row.get("event", row), f"{name} {row['id']}"
                assert all(person.get("name") for person in event["people"]), f"{where}: a person unnamed"
                assert all(partner.get("name") for partner in event["partners"]), (
                    f"{where}: a partner unnamed"
                )


@pytest.mark.parametrize(("batch", "field"), [(b, f) for b, table in FLOORS.items() for f in table])
def test_written_floor(batch: str, field: str, scores: dict[str, EventScores]) -> None:
    accuracy = scores[batch].accuracy(field)
    floor = FLOORS[batch][field]
    assert accuracy is not None and accuracy >= floor, f"{batch} {field}: {accuracy} < floor {floor}"


def _partners(title: str | None, text: str) -> list[str]:
    return [p.name for p in extract_event(title, text).partners]


# English datelines name the outlet in brackets (TAIPEI (Taipei Times) —): blanked, never a party.
@pytest.mark.parametrize(
    "text", ["TAIPEI (Taipei Times) — Japan's new envoy arrived.", "台中＝フォーカス台湾　台中市の市長は"]
)
def test_datelines_with_any_outlet_are_blanked(text: str) -> None:
    reading = read(None, text)
    assert "taipei" not in reading.folded[:22] and "フォーカス" not in reading.folded


# Central agencies beyond the ministries, and Japan's own agencies acting alone.
def test_central_agencies_are_national() -> None:
    assert extract_event(None, "財政部關務署今天表示，臺日海關合作文件已完成簽署。").taiwan_party == (
        "national",
    )


def test_a_foreign_agency_acting_alone_makes_its_country_the_partner() -> None:
    event = extract_event(
        "海保と台湾海巡署が合同訓練", "海上保安庁と台湾の海巡署は、沖合で海難救助の合同訓練を実施した。"
    )
    assert [p.name for p in event.partners] == ["日本"]


# Japanese wording: the patterns are folded like the text (会談 is read 會談), pacts exchanged or
# renewed, and background signings (2012年に結んでおり) are not the news.
@pytest.mark.parametrize(
    ("title", "text", "kind"),
    [
        (
            "京都市長と台南市長がオンライン会談",
            "京都市の市長は4日、台南市の市長とオンラインで会談した。",
            EventType.VIDEO_CALL,
        ),
        (
            None,
            "北九州市の市長は高雄市を訪問し、陳其邁市長と環境協力に関する覚書を交わした。",
            EventType.AGREEMENT,
        ),
        (
            None,
            "群馬県の知事は台中市を訪れ、盧秀燕市長と会談した。県と台中市は2012年に友好交流協定を結んでおり、交流が続いている。",
            EventType.HOSTED_VISIT,
        ),
        (
            "Taichung and Ehime talk cycling",
            "Taichung and Ehime Prefecture on Thursday renewed a friendship exchange memorandum on cycling "
            "tourism.",
            EventType.AGREEMENT,
        ),
    ],
)
def test_agreements_and_their_background(title: str | None, text: str, kind: EventType) -> None:
    assert extract_event(title, text).event_type == kind


# A pact's anniversary or commemoration is the anniversary, not a signing.
@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("京都市長訪台南 締盟週年", "京都市長今天拜會台南市長黃偉哲，出席兩市締結友好城市週年紀念茶會。"),
        (None, "新竹市長高虹安今天率團前往日本岡山市，出席兩市締結姊妹市紀念活動。"),
    ],
)
def test_a_signings_anniversary_is_an_anniversary(title: str | None, text: str) -> None:
    assert extract_event(title, text).event_type == EventType.ANNIVERSARY


# Visit direction: who leads the group, and the Japanese office visited.
def test_a_group_led_by_a_foreign_head_comes_to_taiwan() -> None:
    event = extract_event(None, "日本群馬縣知事山本一太昨天率團訪問台中，台中市長盧秀燕親自接待。")
    assert event.event_type == EventType.HOSTED_VISIT


def test_a_japanese_office_visited_is_a_visit_abroad() -> None:
    event = extract_event(None, "台湾中部・台中市の盧秀燕市長が8日、県庁を訪れ、知事と会談した。")
    assert event.event_type == EventType.VISIT_ABROAD


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Kaohsiung Mayor Chen Chi-mai on Tuesday welcomed Kumamoto Governor Takashi Kimura and a "
            "business delegation to City Hall.",
            EventType.HOSTED_VISIT,
        ),
        (
            "Kaohsiung Mayor Chen Chi-mai arrived in Tokyo on Sunday for a four-day visit, calling on the "
            "Tokyo Metropolitan Assembly.",
            EventType.VISIT_ABROAD,
        ),
        (
            "Japan welcomes Taiwan's application to join the CPTPP, the Japanese minister in charge said "
            "on Friday.",
            EventType.POLICY_STATEMENT,
        ),
    ],
)
def test_english_visits_and_welcomes(text: str, kind: EventType) -> None:
    assert extract_event(None, text).event_type == kind


def test_coming_to_taiwan_to_invest_is_no_visit() -> None:
    text = "經濟部今天在東京舉辦台日產業合作投資說明會，吸引日本企業來台設廠。"
    assert extract_event(None, text).event_type == EventType.TRADE_INVESTMENT


# English: a place acts through the verb after it (Gunma Prefecture on Monday agreed); a body's office
# in a city is not the city acting.
def test_an_english_place_acts_through_its_verb() -> None:
    text = (
        "TAICHUNG (Focus Taiwan) — The Taichung City Government and Gunma Prefecture on Monday agreed to "
        "expand tourism exchanges, the city said."
    )
    assert _partners(None, text) == ["群馬縣"]


def test_a_bodys_office_in_a_city_is_not_the_city() -> None:
    text = (
        "TAIPEI (CNA) — Vice President Hsiao Bi-khim on Thursday met the head of the Japan-Taiwan Exchange "
        "Association's Taipei office to discuss disaster cooperation."
    )
    assert extract_event(None, text).taiwan_party == ("national",)


def test_taking_part_at_a_foreign_place_is_a_visit_abroad() -> None:
    text = "駐日代表李逸洋昨天在東京出席日華議員懇談會的年度總會，並盼日方支持台灣有意義參與國際組織。"
    assert extract_event(None, text).event_type == EventType.VISIT_ABROAD


# Kinds of news: a representative's arrival, a stance on a bid, a working holiday scheme.
@pytest.mark.parametrize(
    ("title", "text", "kind"),
    [
        (
            "日台交流協會新任代表抵台",
            "日本台灣交流協會台北事務所新任代表昨天抵台履新，外交部表示歡迎。",
            EventType.OTHER,
        ),
        (
            None,
            "日本經濟再生大臣今天表示，日本歡迎台灣提出加入CPTPP的申請，行政院經貿談判辦公室表示感謝。",
            EventType.POLICY_STATEMENT,
        ),
        (
            None,
            "外交部今天宣布，台日度假打工計畫明年名額擴增，這是雙方協商的結果。",
            EventType.EXCHANGE_PROGRAMME,
        ),
    ],
)
def test_kinds_of_news(title: str | None, text: str, kind: EventType) -> None:
    assert extract_event(title, text).event_type == kind


# An item that opens on its setting tells the Taiwanese side's part later: the type is read there.
def test_the_type_is_read_where_the_party_acts() -> None:
    filler = "活動內容包括美食攤位與舞蹈表演，是市內每年秋季的重要活動。" * 8
    text = (
        "日本長野縣駒根市本週末舉辦年度交流祭，吸引當地居民參加。"
        + filler
        + "特別的是，台中市政府教育局組成的學生交流團也應邀登台演出。"
    )
    assert extract_event("長野縣駒根市舉辦交流祭", text).event_type == EventType.EXCHANGE_PROGRAMME


# Partner levels: a mayor beside a short name is the city's; a governor across の acts for the
# prefecture; a town whose head takes part is a partner; both levels acting in full names stay.
def test_a_mayor_beside_a_short_name_is_the_city() -> None:
    event = extract_event(
        "Kaohsiung, Kyoto mayors talk by video",
        "Kaohsiung Mayor Chen Chi-mai and Kyoto Mayor Koji Matsui held a video call on Thursday.",
    )
    assert [(p.name, p.level) for p in event.partners] == [("京都市", PartnerLevel.CITY)]


def test_a_governor_and_a_mayor_who_joins() -> None:
    text = (
        "千葉県の熊谷俊人知事は9日、桃園市を訪れ、張善政市長と会談した。"
        "10日には銚子市の越川信一市長も合流する。"
    )
    assert _partners(None, text) == ["千葉縣", "銚子市"]


def test_a_prefecture_called_on_later_stays_beside_its_city() -> None:
    text = (
        "新竹市長高虹安今天率團前往日本岡山市，與岡山市長大森雅夫會談，雙方同意推動學生交流與科技產業合作，"
        "並研議青年實習計畫。新竹市府表示，高虹安此行也前往岡山縣政府拜會，並參觀企業。"
    )
    assert _partners(None, text) == ["岡山市", "岡山縣"]


# The associations: a pair that acts is a party; their channel is not; a witnessing ministry is not.
def test_a_pair_of_associations_acting_is_a_party() -> None:
    text = (
        "經濟部智慧財產局昨天宣布，臺日專利審查合作將進一步擴大，未來申請人可更快取得審查結果，"
        "此項合作是透過臺灣日本關係協會與日本臺灣交流協會換文確認。"
    )
    event = extract_event(None, text)
    assert set(event.taiwan_party) == {"national", "臺灣日本關係協會"}
    assert event.event_type == EventType.AGREEMENT


def test_the_associations_channel_is_no_party() -> None:
    text = (
        "外交部今天表示，感謝日本政府長期在國際場合支持台灣參與國際組織，台灣政府由衷感謝，"
        "並將透過臺灣日本關係協會與日本臺灣交流協會的既有管道持續交流。"
    )
    assert extract_event(None, text).taiwan_party == ("national",)


def test_a_witnessing_ministry_is_no_party() -> None:
    event = extract_event(
        "日台、投資取り決め改定へ覚書",
        "日本台湾交流協会と台湾日本関係協会は、投資取り決めの見直しに向けた覚書に署名した。"
        "台湾側は経済部の担当者が立ち会った。",
    )
    assert event.taiwan_party == ("臺灣日本關係協會",)


# Names that are not the place: Tokyo's 港區 alone is a port area, 別府 is no government form, a state
# written as its capital's address is not the one called on.
def test_a_port_area_is_not_tokyos_ward() -> None:
    text = "日本八代市長小野泰輔17日到基隆市政府拜會市長謝國樑，雙方就港區觀光交換意見。"
    assert _partners(None, text) == ["八代市"]


def test_a_prefecture_in_the_title_is_not_displaced_by_a_town_named_in_passing() -> None:
    text = (
        "大分県によると、台湾からの客は別府や湯布院の温泉地が人気だという。"
        "佐藤知事は台中市を訪れ、盧秀燕市長との覚書を更新した。"
    )
    assert _partners("大分県、台湾から誘客　知事が台中で覚書更新", text) == ["大分縣"]


def test_a_state_as_its_capitals_address() -> None:
    text = "台南市長黃偉哲日前率團出訪澳洲，拜會昆士蘭州首府布里斯本市政廳，與市長會談。"
    assert _partners(None, text) == ["布里斯本"]


# The gazetteer: ambiguous US states by "X State", English township names.
def test_washington_state() -> None:
    event = extract_event(
        "Washington State legislators call on Kaohsiung mayor",
        "A delegation of Washington State legislators on Tuesday called on Kaohsiung Mayor Chen Chi-mai.",
    )
    assert [p.name for p in event.partners] == ["華盛頓州"]


def test_an_english_township_name() -> None:
    text = (
        "YUNLIN (Taipei Times) — Yunlin County's Huwei Township and a Japanese town yesterday celebrated "
        "the anniversary of their sister relationship at the Huwei Township Office."
    )
    assert "雲林縣虎尾鎮" in extract_event(None, text).taiwan_party


# Kinds of error read on the former held-out half once it was retired into the working set (2026-12-07,
# session 4; the fresh items of tests/heldout/ took its place). Sentences of our own for each kind.
@pytest.mark.parametrize(
    ("title", "text", "kind"),
    [
        # a tie counted in years with 多 (締結姊妹市三十多年) is an old pact: the call is the news
        (None, "菲律賓某省副省長今天拜會嘉義市長，慶祝兩地締結姊妹市二十多年。", EventType.HOSTED_VISIT),
        # a pact its clause dates to a past year, or looks back on, is history: the video call is the news
        (
            None,
            "臺中市政府今（22）日舉辦與鳥取縣的視訊會議，市長與知事連線，雙方回顧2018年締結友好交流協定的成果。",
            EventType.VIDEO_CALL,
        ),
        # "renewing ties" is a visit's wording, not a pact renewed
        (
            None,
            "Taichung Mayor Lu Shiow-yen on Wednesday welcomed four San Diego council members to City Hall, "
            "renewing ties between the sister cities.",
            EventType.HOSTED_VISIT,
        ),
        # a signing in the lead outweighs a generic trade word in the title
        (
            "Taiwan, Japan hold yearly economic and trade talks",
            "Taiwan and Japan signed two memorandums on Friday on customs data and patents at their yearly "
            "talks in Taipei.",
            EventType.AGREEMENT,
        ),
        # a pact signed at an anniversary ceremony is the news (annotation conventions)
        (
            "兩市締盟10週年 簽署防災合作備忘錄",
            "兩市今天舉行締盟10週年紀念儀式，並簽署防災合作備忘錄。",
            EventType.AGREEMENT,
        ),
        # 已簽署 (have signed) is news; a document (文書, 合作文件) is a pact too
        (None, "財政部今天表示，臺日雙方已簽署酒類標示合作文件。", EventType.AGREEMENT),
        (None, "両協会は9日、台北市内で税関協力に関する文書に署名した。", EventType.AGREEMENT),
        # Japanese: a memorandum signed "also" (覚書にも署名) is still signed
        (None, "両市は10日、防災教育に関する覚書にも署名した。", EventType.AGREEMENT),
        # English: marking N years since a signing is the anniversary
        (
            None,
            "Kaohsiung Mayor Chen Chi-mai will visit Hachioji next week to mark 20 years since the two "
            "cities signed a friendship agreement.",
            EventType.ANNIVERSARY,
        ),
        # money sent is a donation
        (
            None,
            "The town of Shiraoi has sent ¥3 million to Xiulin Township to help residents after the quake.",
            EventType.DONATION,
        ),
        # a donation the two sides once made is history; 迎接 (meeting arrivals) is a reception
        (
            None,
            "與那國町長率團昨天抵達花蓮，花蓮市長在市公所迎接訪問團。兩地過去曾互相捐款援助。",
            EventType.HOSTED_VISIT,
        ),
        # an arrangement signed is a pact; a tie of many years (締結姊妹議會多年) is background
        (
            None,
            "Taiwan and Japan agreed to share customs data under an arrangement, signed on Friday through "
            "the two associations.",
            EventType.AGREEMENT,
        ),
        (
            None,
            "仁川市議會議長率團昨（27）日到高雄市議會拜會，議長率議員接待。兩議會締結姊妹議會多年。",
            EventType.HOSTED_VISIT,
        ),
        # a township's delegation attending the tie's commemoration (締盟45年 in the title) marks it
        (
            "虎尾鎮與大間町締盟45年 鎮長率團赴日",
            "虎尾鎮長近日率團赴大間町出席紀念活動，町長親自接待。",
            EventType.ANNIVERSARY,
        ),
        # the lead says when once (昨天宣布); a signing told in its paragraph is that news
        (
            None,
            "智慧局昨天宣布，臺日專利審查合作將擴大。此項合作是透過臺灣日本關係協會與日本臺灣交流協會換文確認。",
            EventType.AGREEMENT,
        ),
        # a delegation "of Japanese" lawmakers comes to Taiwan
        (
            None,
            "Foreign Minister Lin Chia-lung met a delegation of Japanese lawmakers in Taipei on Monday.",
            EventType.HOSTED_VISIT,
        ),
    ],
)
def test_kinds_read_on_the_retired_half(title: str | None, text: str, kind: EventType) -> None:
    assert extract_event(title, text).event_type == kind


# Young travellers who are the subject of the visit make it an exchange; pupils in an official's
# delegation, or a plan told later, do not.
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("長野県駒ケ根市の中学生15人が台中市を訪れ、市内の中学校で交流した。", EventType.EXCHANGE_PROGRAMME),
        (
            "Sixteen junior-high baseball players from Choshi arrived in Taoyuan on Monday for a week of "
            "games.",
            EventType.EXCHANGE_PROGRAMME,
        ),
        ("美濱町長率領町議會議員與中學生代表一行20人昨天抵達新北，拜會區長。", EventType.HOSTED_VISIT),
    ],
)
def test_young_travellers(text: str, kind: EventType) -> None:
    assert extract_event(None, text).event_type == kind


def test_research_institutes_are_bodies() -> None:
    event = extract_event(None, "工研院今天與日本產業技術綜合研究所簽署合作備忘錄，推動半導體研究。")
    assert event.taiwan_party == ("工研院",)
    assert [p.name for p in event.partners] == ["產業技術綜合研究所"]


def test_the_small_ke_of_place_names_is_folded() -> None:
    event = extract_event(None, "長野県駒ケ根市の市長が台中市を訪れ、盧秀燕市長と会談した。")
    assert [p.name for p in event.partners] == ["駒根市"]


# A place written as a Chinese given name in brackets (Lee Ssu-chuan (李四川)) is a person, not Sichuan; an
# English address (Burnaby, British Columbia) names the city, not its province; English names of Czech
# regions (the South Moravian Region) are in the gazetteer.
def test_a_name_in_brackets_and_an_english_address() -> None:
    text = (
        "TAIPEI (Taipei Times) — The governor of the Czech Republic's South Moravian Region yesterday met "
        "Taipei Deputy Mayor Lee Ssu-chuan (李四川) at City Hall."
    )
    assert _partners(None, text) == ["南摩拉維亞州"]
    text = (
        "A delegation from Burnaby, British Columbia, led by a city councillor, visited Taichung on Tuesday."
    )
    assert _partners(None, text) == ["本拿比"]


# Kinds read on the second batch (written_more) after its first measurement: Japanese era years and plans,
# money sent after a disaster, pupils sent abroad, English online meetings and abbreviations, trips made
# for a tie's ceremony, a council's questions. Sentences of our own.
@pytest.mark.parametrize(
    ("title", "text", "kind"),
    [
        # a pact of an era year (令和7年に締結し) is background: the call is the news
        (
            None,
            "板橋区の区長一行9人が28日、市役所を訪れ、市長を表敬訪問した。両地は令和7年に覚書を締結し、交流を続けている。",
            EventType.VISIT_ABROAD,
        ),
        # a pact still to be renewed (覚書の更新へ) is planned, not signed
        (
            "熊本市議会の訪問団、高雄市議会と懇談　覚書の更新へ",
            "熊本市議会の議員団8人が4日、高雄市議会を訪れ、議長らと懇談した。",
            EventType.HOSTED_VISIT,
        ),
        # an earlier signing's year in the sentence is not the new signing's
        (
            None,
            "両協会は、2011年に締結した投資取り決めの見直しで合意し、覚書に署名した。",
            EventType.AGREEMENT,
        ),
        (
            None,
            "石垣市は18日、台風で被害を受けた姉妹都市の蘇澳鎮に見舞金100万円を贈ると発表した。",
            EventType.DONATION,
        ),
        (
            None,
            "北九州市が主催するアジア環境都市会議が25日開幕し、高雄市の副局長が出席した。",
            EventType.FORUM,
        ),
        (
            None,
            "日光市は、友好都市の台南市へ市内の中学生10人を派遣します。一行は11月20日から台南市を訪れます。",
            EventType.EXCHANGE_PROGRAMME,
        ),
        (
            "Tainan and Sendai mayors hold online talks",
            "Tainan Mayor Huang Wei-che held an online meeting with the Sendai mayor on Wednesday.",
            EventType.VIDEO_CALL,
        ),
        (
            "Taichung goes to the Smart City Expo World Congress",
            "Taichung Deputy Mayor Cheng Chao-hsin led a delegation of city officials to Barcelona.",
            EventType.FORUM,
        ),
        # a Taiwanese subject meeting "in" a foreign place has travelled
        (
            None,
            "Taiwan's representative to Japan, Lee Yi-yang (李逸洋), met Hokkaido Governor Naomichi Suzuki "
            "in Sapporo on Tuesday.",
            EventType.VISIT_ABROAD,
        ),
        # a trip made for the tie's ceremony is the anniversary; a ceremony planned for next year is not
        (
            "埔鹽牟岐締盟43年 鄉長率團赴德島",
            "埔鹽鄉長率團今（8）日啟程前往牟岐町，出席當地舉辦的締盟紀念式典。",
            EventType.ANNIVERSARY,
        ),
        (
            "尾道市長率團拜會嘉義市",
            "嘉義市長今（3）日在市府接見尾道市長一行，今年正逢十週年。雙方將在明年舉辦十週年紀念攝影展。",
            EventType.HOSTED_VISIT,
        ),
        # a council's questions on the ties are a statement; pacts signed "in recent years" are history
        (
            "議員質詢日本友好城市成效",
            "臺中市議會今天進行市政總質詢，議員質疑市府近年與日本多個縣市簽署友好交流協定，但成果有限。",
            EventType.POLICY_STATEMENT,
        ),
        # a Taiwanese officer meeting his counterpart in Tokyo has travelled
        (
            None,
            "台灣日本關係協會會長昨（1）日在東京與日本台灣交流協會會長會談，討論經貿會議議程。",
            EventType.VISIT_ABROAD,
        ),
    ],
)
def test_kinds_read_on_the_second_batch(title: str | None, text: str, kind: EventType) -> None:
    assert extract_event(title, text).event_type == kind


def test_an_english_abbreviation_ends_no_sentence() -> None:
    reading = read(None, "Ishikawa Gov. Hiroshi Hase met the premier. He thanked Taiwan.")
    assert ". " not in reading.folded[:20] and reading.folded.count(". ") == 1


# "Gov." (an abbreviation kept from ending the sentence) still makes the prefecture act; a county written
# as its own district's owner (Kaohsiung's Tianliao District) is the district's address.
def test_an_abbreviated_governor_and_a_possessive_address() -> None:
    text = "Nagano Gov. Shuichi Abe signed a renewed memorandum with the city of Taichung on Thursday."
    assert _partners(None, text) == ["長野縣"]
    text = "The mayor of Taketa visited Kaohsiung's Tianliao District on Wednesday."
    assert extract_event(None, text).taiwan_party == ("高雄市田寮區",)


# Kinds read on the third batch after its one clean measurement: English talks in a Taiwanese place, gifts,
# interpellations and wishes for ties, anniversary ceremonies, postings; Japanese signings in a title
# (調印), council approvals (議案を可決), web meetings, interviews, "N年で記念式典", year-end receptions; a
# place visited written with its county (嘉義県の阿里山郷を訪れ); pacts asked for (籲, 朝與) or of long ago
# (早與, a full date years before the item).
@pytest.mark.parametrize(
    ("title", "text", "published", "kind"),
    [
        (
            "Okinawa governor meets Taiwan's president",
            "The governor of Okinawa Prefecture has held talks with President Lai Ching-te in Taipei.",
            None,
            EventType.HOSTED_VISIT,
        ),
        (
            None,
            "The western Tokyo city of Hachioji handed a fire engine to its friendship city Kaohsiung as a "
            "gift last week.",
            None,
            EventType.DONATION,
        ),
        (
            "Tainan wants sister-city ties with Kaunas, mayor says",
            "Tainan Mayor Huang Wei-che said Wednesday that his city would seek ties with Kaunas.",
            None,
            EventType.POLICY_STATEMENT,
        ),
        (
            None,
            "A Houston council member joined Taipei officials on Monday to mark 65 years since the two "
            "cities became sister cities. At a ceremony at City Hall, the mayor cut a cake.",
            None,
            EventType.ANNIVERSARY,
        ),
        (
            None,
            "MIYAKOJIMA, Japan (Kyodo) -- The head of Pingtung County visited this island city in Okinawa "
            "Prefecture on Friday.",
            None,
            EventType.VISIT_ABROAD,
        ),
        (
            "道と高雄市が覚書　知事訪台中に調印",
            "台湾を訪問中の知事は20日、高雄市役所で陳其邁市長と会談した。",
            None,
            EventType.AGREEMENT,
        ),
        (
            "与那国町議会、蘇澳鎮との友好協定案を可決",
            "与那国町議会は19日、宜蘭県蘇澳鎮と友好都市協定を結ぶ議案を可決した。",
            None,
            EventType.AGREEMENT,
        ),
        (
            None,
            "魚津市の市長は27日、新北市板橋区の区長とウェブ会議システムで会談した。",
            None,
            EventType.VIDEO_CALL,
        ),
        (
            "八王子と高雄、友好交流20年で記念式典",
            "記念式典が1日、八王子市内で開かれ、高雄市の訪問団30人が出席した。",
            None,
            EventType.ANNIVERSARY,
        ),
        (
            None,
            "高千穂町の町長ら8人は10日、台湾南部・嘉義県の阿里山郷を訪れ、郷長と懇談した。",
            None,
            EventType.HOSTED_VISIT,
        ),
        (
            "議員籲與神奈川升級締盟",
            "新北市議會昨天進行總質詢，議員指出市議會早與神奈川縣議會締結友好，要求市府提出時程。",
            None,
            EventType.POLICY_STATEMENT,
        ),
        (
            None,
            "平川市長將於本月14日抵達台中，出席十週年紀念儀式。兩市2016年12月14日簽署友好交流協定。",
            "2026-12-01",
            EventType.ANNIVERSARY,
        ),
    ],
)
def test_kinds_read_on_the_third_batch(
    title: str | None, text: str, published: str | None, kind: EventType
) -> None:
    assert extract_event(title, text, published).event_type == kind


# Kinds read on the fourth batch after its one clean measurement: a county written as its town's address
# (宜蘭縣蘇澳鎮, 嘉義県の阿里山郷); 埔塩郷 (塩 = 鹽); Taiwan's offices in Japan as Japanese writes them; a
# governor called on (知事を表敬訪問) is in Japan; meetings "at" a foreign place; towns and cities named with
# their level in English (the town of Kamiita, the city of Ishigaki, Kumamoto City); English month-days
# and weekdays say when; "renewed their sister-city agreement" is a renewal; pacts first signed on a full
# date years before the item are background; teens are young travellers.
@pytest.mark.parametrize(
    ("text", "party"),
    [
        ("花蓮縣秀林鄉公所組成的交流團一行20人，將於8月20日前往北海道白老町。", ("花蓮縣秀林鄉",)),
        ("牟岐町と姉妹縁組を結んでいる彰化県埔塩郷の郷長ら一行8人が17日、同町を訪れた。", ("彰化縣埔鹽鄉",)),
        ("台北駐大阪経済文化弁事処の処長が5日、知事を表敬訪問しました。", ("national",)),
    ],
)
def test_parties_read_on_the_fourth_batch(text: str, party: tuple[str, ...]) -> None:
    assert extract_event(None, text).taiwan_party == party


@pytest.mark.parametrize(
    ("text", "partners"),
    [
        (
            "Tokushima Governor Masazumi Gotoda and the mayor of the town of Kamiita, both from Japan, "
            "visited Yilan County on Monday.",
            ["德島縣", "上板町"],
        ),
        (
            "Okinawa Prefecture and the city of Ishigaki have sent relief money to Taitung County after the "
            "typhoon.",
            ["沖繩縣", "石垣市"],
        ),
    ],
)
def test_partners_read_on_the_fourth_batch(text: str, partners: list[str]) -> None:
    assert _partners(None, text) == partners


@pytest.mark.parametrize(
    ("title", "text", "published", "kind"),
    [
        (None, "台北駐大阪経済文化弁事処の処長が5日、知事を表敬訪問しました。", None, EventType.VISIT_ABROAD),
        (
            None,
            "TOKYO (CNA) -- Taiwan's top envoy to Japan, Lee I-yang (李逸洋), met the association's chairman "
            "at the association's Tokyo headquarters on Thursday.",
            None,
            EventType.VISIT_ABROAD,
        ),
        (
            None,
            "Gyeonggi Province and the city of Taipei renewed their exchange agreement on Nov. 3, extending "
            "a partnership of 25 years.",
            None,
            EventType.AGREEMENT,
        ),
        (
            None,
            "Hualien City and the town of Yonaguni renewed their sister-city agreement on Tuesday.",
            None,
            EventType.AGREEMENT,
        ),
        (
            None,
            "Winnipeg city council voted Thursday to approve a friendship city agreement with Taichung.",
            None,
            EventType.AGREEMENT,
        ),
        (
            "Tacoma teens head to Taichung for a baseball exchange",
            "Eighteen young players from Tacoma leave for Taichung on July 8.",
            None,
            EventType.EXCHANGE_PROGRAMME,
        ),
        (
            None,
            "A Houston delegation joined Taipei officials on Monday to mark 65 years since the two became "
            "sister cities. At a ceremony at City Hall, the mayor cut a cake. Taipei and Houston signed "
            "their sister-city agreement on June 15, 1961.",
            "2026-06-16",
            EventType.ANNIVERSARY,
        ),
    ],
)
def test_kinds_read_on_the_fourth_batch(
    title: str | None, text: str, published: str | None, kind: EventType
) -> None:
    assert extract_event(title, text, published).event_type == kind


# A place whose head only witnesses the signing (宮崎県の知事も立ち会いました) is no partner, as bodies that
# witness were not.
def test_a_witnessing_governor_is_no_partner() -> None:
    text = (
        "宮崎県高千穂町は20日、台湾の南投県魚池郷と友好交流協定を結んだ。町長と郷長が協定書に署名し、"
        "式には宮崎県の知事も立ち会いました。"
    )
    assert _partners(None, text) == ["高千穗町"]


# Kinds read on the fifth batch after its one clean measurement: a pact signed "last year" (去年簽署) is
# background; coming to Taiwan for business talks (來台中商談) is trade, not a visit; high-school pupils
# (高校生) are young travellers; a delegation handing over money (慰問金) makes a donation.
@pytest.mark.parametrize(
    ("title", "text", "kind"),
    [
        (
            "市議員關切港口合作 市府：將提成果",
            "臺中市議會今(26)日進行市政總質詢，市議員針對市府與名古屋市去年簽署的合作備忘錄提出質詢。",
            EventType.POLICY_STATEMENT,
        ),
        (
            "熊本企業來台中商談 廠商一對一媒合",
            "台中市經濟發展局與熊本縣今天舉辦商談會，熊本縣部長率領業者來台，與台中企業媒合。",
            EventType.TRADE_INVESTMENT,
        ),
        (None, "台南市の高校生20人が29日、山形市を訪れ、市長を表敬訪問した。", EventType.EXCHANGE_PROGRAMME),
        (
            None,
            "熊本市議會議長率議員一行7人，4日抵達高雄，將熊本市民募集的100萬日圓慰問金親手交給高雄市長。",
            EventType.DONATION,
        ),
    ],
)
def test_kinds_read_on_the_fifth_batch(title: str | None, text: str, kind: EventType) -> None:
    assert extract_event(title, text).event_type == kind


# Kinds read on the sixth to eighth batches (session 5) after their one clean measurement each.
# Japanese governors and mayors stand for the place they govern (a prefectural paper never names its own
# prefecture), only while in office; a head who witnesses a signing is no actor, whatever they say later;
# an English "Mutsu Mayor …" in a governor's delegation keeps the city.
@pytest.mark.parametrize(
    ("title", "text", "published", "partners"),
    [
        (
            None,
            "鈴木直道知事は10日、台北市役所で蒋万安市長と会談し、観光での連携を確かめた。",
            None,
            ["北海道"],
        ),
        (
            None,
            "Hanamaki Mayor Toichi Ueda and Tainan Mayor Huang Wei-che signed the pact.",
            None,
            ["花卷市"],
        ),
        (None, "千葉市の熊谷俊人市長は5日、台北市を訪れ、柯文哲市長と会談した。", "2019-05-06", ["千葉市"]),
        (
            None,
            "蒲島郁夫知事は台南市を訪れ、黃偉哲市長と会談した。",
            None,
            ["熊本縣"],
        ),  # undated: a past post
        (
            None,
            "基隆市與日本鳥取縣境港市今天簽署友好交流協定，鳥取縣知事平井伸治也到場見證。"
            "平井伸治致詞時說，樂見縣內城市與台灣往來。",
            None,
            ["境港市"],
        ),
        (
            None,
            "Aomori Gov. Soichiro Miyashita met Kaohsiung Mayor Chen Chi-mai on Tuesday, heading a "
            "delegation that included Mutsu Mayor Kazunori Yamamoto.",
            None,
            ["青森縣", "陸奧市"],
        ),
    ],
)
def test_japanese_heads_stand_for_their_places(
    title: str | None, text: str, published: str | None, partners: list[str]
) -> None:
    assert [p.name for p in extract_event(title, text, published).partners] == partners


# Japanese sentences: a place opening a sentence as its subject (玉川村は…任命した) acts; the place a
# report's visitors call on (姉妹町の虎尾鎮を訪れ) hosts them, not the county they greet next.
def test_japanese_subjects_and_hosts_act() -> None:
    posting = extract_event(
        None, "玉川村は1日、友好都市の台湾・南投県鹿谷郷から来た茶農家を協力隊員に任命した。"
    )
    assert [p.name for p in posting.partners] == ["玉川村"]
    visit = extract_event(
        "大間町長ら、姉妹町の虎尾鎮を訪問",
        "大間町の町長ら7人が13日、姉妹町の台湾・雲林県虎尾鎮を訪れ、鎮長と懇談した。両町鎮は1979年に姉妹提携し、"
        "中学生の相互訪問を続けている。町長は「マグロの町と布袋戯の町の縁を次の世代に引き継ぎたい」と話し、"
        "鎮長は記念品を贈った。一行は雲林県政府も表敬した。",
    )
    assert visit.taiwan_party == ("雲林縣虎尾鎮",)


# English towns: short romaji with its level (Oma Town), a county or a
# prefecture written after its town with "in" (Huwei Township in Yunlin County, Bihoro Town in Hokkaido) or
# as a kind of town (a Hokkaido town), and one name shared by two cities read by the prefecture named.
@pytest.mark.parametrize(
    ("title", "text", "party", "partners"),
    [
        (
            "Huwei and Oma mark 45 years of ties",
            "Huwei Township in Yunlin County and Oma Town in Aomori Prefecture marked 45 years as sister "
            "cities on Thursday.",
            ["雲林縣虎尾鎮"],
            ["大間町"],
        ),
        (
            "Luodong ties knot with Hokkaido town",
            "Luodong Township in Yilan County became a sister city of Bihoro Town in Hokkaido on Sept. 26.",
            ["宜蘭縣羅東鎮"],
            ["美幌町"],
        ),
        (
            None,
            "Nantou County's Puli Township welcomed a delegation from the city of Izumi in Kagoshima "
            "Prefecture on Saturday.",
            ["南投縣埔里鎮"],
            ["出水市"],
        ),
    ],
)
def test_english_towns_and_their_addresses(
    title: str | None, text: str, party: list[str], partners: list[str]
) -> None:
    event = extract_event(title, text)
    assert list(event.taiwan_party) == party
    assert [p.name for p in event.partners] == partners


# A signing at a township office (鎮公所簽署) is news, not "the pact signed by" (所簽署); a title naming the
# pact document (三者協定) lets the lead's signing outweigh the visit the title also tells.
@pytest.mark.parametrize(
    ("title", "text"),
    [
        (None, "宜蘭縣羅東鎮與北海道當別町今（15）日在羅東鎮公所簽署友好交流協定，當別町長率團來訪。"),
        (
            "高雄市と県、むつ市が三者協定　市長が来県",
            "県とむつ市、台湾・高雄市は20日、青森市内で友好交流協定を締結した。",
        ),
    ],
)
def test_signings_told_as_the_news(title: str | None, text: str) -> None:
    assert extract_event(title, text).event_type == EventType.AGREEMENT


# Korea's provinces in English: without the romanised -do (Gyeonggi Province), or north/south spelled out.
def test_korean_provinces_in_english() -> None:
    text = "Taipei Mayor Chiang Wan-an received a delegation from Gyeonggi Province led by its vice governor."
    assert _partners(None, text) == ["京畿道"]


# An item opening on a council's question time (市政總質詢, told the city council) reports what was said
# there, whatever visits or exchanges the answers promise; a byline before the lead does not hide it.
@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "議員促重啟互訪 市長允研議",
            "新竹市議會今（22）日進行市政總質詢，議員關切與岡山市的姊妹市交流停滯，市長答詢時表示明年將邀請"
            "岡山市代表來訪。",
        ),
        (
            "Mayor vows closer ties with Matsuyama",
            "By Staff Writer\n\nTaipei Mayor Chiang Wan-an yesterday told the Taipei City Council that the "
            "city would fund youth exchanges with Matsuyama next year.",
        ),
    ],
)
def test_council_question_time_is_a_statement(title: str, text: str) -> None:
    assert extract_event(title, text).event_type == EventType.POLICY_STATEMENT


# English: Taiwan's representative to Japan is the central government (his visit is a visit abroad); money
# given "after the 2011 earthquake" is background, not today's donation (an anniversary still counts the
# year it starts from).
def test_english_envoy_and_past_donations() -> None:
    call = extract_event(
        "Taiwan's envoy calls on Ishikawa governor",
        "Lee Yi-yang, Taiwan's representative to Japan, visited Ishikawa Prefecture on Tuesday, calling on "
        "the governor to discuss reconstruction.",
    )
    assert call.taiwan_party == ("national",) and call.event_type == EventType.VISIT_ABROAD
    visit = extract_event(
        "Sendai mayor visits Tainan",
        "Sendai's mayor arrived in Tainan on Monday with 25 officials. Tainan residents had donated "
        "generously after the 2011 earthquake, the city's mayor recalled.",
    )
    assert visit.event_type == EventType.HOSTED_VISIT


# Schoolchildren and young people travelling as such (學童赴姊妹鄉, 青年舞團赴北海道, a children's exchange)
# make an exchange; a Japanese pact written as a standing state after で (覚書を結んでおり) is background.
@pytest.mark.parametrize(
    ("title", "text", "kind"),
    [
        (
            "埔鹽鄉學童赴姊妹鄉 體驗漁村生活",
            "彰化縣埔鹽鄉12名學童今天出發前往姊妹鄉德島縣牟岐町，展開五天的寄宿交流。",
            EventType.EXCHANGE_PROGRAMME,
        ),
        (
            "Shimen children's summer exchange marks 37 years",
            "Sixteen pupils from Mihama Town arrived in New Taipei today for a summer exchange hosted by "
            "Shimen District, the town's sister city since 1988.",
            EventType.EXCHANGE_PROGRAMME,
        ),
        (
            "高雄市が投資セミナー　企業に進出呼びかけ",
            "高雄市は24日、北九州市内で投資セミナーを開いた。両市は今年、協力の覚書を結んでいる。",
            EventType.TRADE_INVESTMENT,
        ),
    ],
)
def test_young_travellers_and_standing_pacts(title: str, text: str, kind: EventType) -> None:
    assert extract_event(title, text).event_type == kind


# A governor named beside a city's mayor makes the prefecture a partner of its own, however often the city
# is named (a prefectural paper's 県とむつ市: its own prefecture, unnamed).
def test_a_named_governor_keeps_the_prefecture_beside_a_city() -> None:
    text = (
        "県とむつ市、台湾・高雄市は20日、友好交流協定を締結した。"
        "宮下宗一郎知事、むつ市長、陳其邁市長が署名した。"
    )
    assert sorted(_partners(None, text)) == ["陸奧市", "青森縣"]


# English titles before a name: the abbreviated governor (Gov. Takashi Kimura) and a district's chief.
def test_english_abbreviated_titles_name_people() -> None:
    event = extract_event(
        None,
        "Kumamoto Gov. Takashi Kimura met Banqiao District chief Wang Chi-ming in New Taipei on Tuesday.",
    )
    assert {p.name for p in event.people} == {"Takashi Kimura", "Wang Chi-ming"}


# A firm beside a local government that acts is the setting, not a party (a town home to TSMC's plant signs
# with a county; 台積電在熊本設廠後 … 竹北市長接待).
def test_a_firm_beside_an_acting_government_is_the_setting() -> None:
    event = extract_event(
        "菊陽町議會訪竹北",
        "台積電在日本熊本縣設廠後，菊陽町議會議長率團23日來到新竹縣竹北市訪問，竹北市長鄭朝方在市公所接待。",
    )
    assert event.taiwan_party == ("新竹縣竹北市",)


# An item naming a county's seat in full (花蓮市) and the county only by its short form (花蓮) means the seat
# by the short form too.
def test_a_short_form_beside_the_seat_named_in_full_is_the_seat() -> None:
    event = extract_event(
        "与那国町、花蓮市に見舞金",
        "与那国町は9日、姉妹都市の花蓮市に見舞金300万円を送ると決めた。来月、町長が花蓮を訪れて手渡す。",
    )
    assert event.taiwan_party == ("花蓮縣花蓮市",)


# A business event held as the news (投資說明會) is trade, over the visit of those who came to hold it; a
# city network's yearly meeting (GO SMART年會) is a forum; Taiwanese visitors who "came" (が訪れ) in a
# Japanese report travelled abroad.
@pytest.mark.parametrize(
    ("title", "text", "kind"),
    [
        (
            None,
            "亞利桑那州商務局亞太區主任率團來台，今日在臺南市政府協助下舉辦投資環境說明會，約60家廠商參加。",
            EventType.TRADE_INVESTMENT,
        ),
        (
            "臺北市主辦GO SMART年會",
            "由臺北市發起的全球智慧城市聯盟年會今日開幕，40餘個城市的代表出席，多國代表也將參訪交通管制中心。",
            EventType.FORUM,
        ),
        (
            "生誕祭に台南市長ら参列",
            "鄭成功の生誕を記念する祭りが14日、平戸市で開かれた。台湾・台南市の市長ら約40人が訪れ、献花した。",
            EventType.VISIT_ABROAD,
        ),
    ],
)
def test_business_events_network_meetings_and_visitors_who_came(
    title: str | None, text: str, kind: EventType
) -> None:
    assert extract_event(title, text).event_type == kind


# Kinds read on the eleventh batch (the event type among others told as background): question time in
# Japanese (一般質問, 答弁) and English (councilors … questioned); an exhibition about a tie is an occasion of
# its own (other) that keeps its partner; mayors meeting online (線上相會); a smart-city congress is a forum;
# a fair held as the news is trade, one on the side of a visit is the visit's.
@pytest.mark.parametrize(
    ("title", "text", "kind"),
    [
        (
            "台湾との交流「議会も一体で」",
            "群馬県議会の2月定例会は4日、一般質問を続行した。台湾との交流を問われた知事は「台中市との関係は県の"
            "国際戦略の柱だ」と答弁した。",
            EventType.POLICY_STATEMENT,
        ),
        (
            "Taoyuan councilors question value of Japan ties",
            "Taoyuan City councilors on Tuesday questioned the returns from the city's friendship agreements "
            "with Chiba Prefecture, and the mayor defended the visits.",
            EventType.POLICY_STATEMENT,
        ),
        (
            "頭份富里線上相會",
            "苗栗縣頭份市長10日在市公所與日本千葉縣富里市長透過視訊連線，並提議兩市國小學童以書信交流。",
            EventType.VIDEO_CALL,
        ),
        (
            "Taipei at Barcelona smart city congress",
            "Taipei's deputy mayor is leading a city delegation to the Smart City Expo World Congress in "
            "Barcelona, which opened on Tuesday.",
            EventType.FORUM,
        ),
        (
            "Yunlin brings its produce to Fukuoka",
            "Peanuts and garlic from Yunlin County went on sale on Thursday at a food fair in a Fukuoka "
            "department store, as a county delegation met buyers.",
            EventType.TRADE_INVESTMENT,
        ),
        (
            "李逸洋訪沖繩拜會知事",
            "駐日代表李逸洋今天前往沖繩縣廳拜會知事，盼恢復石垣與花蓮之間的航線。此行並參觀當地的台灣物產展。",
            EventType.VISIT_ABROAD,
        ),
    ],
)
def test_kinds_read_on_the_eleventh_batch(title: str, text: str, kind: EventType) -> None:
    assert extract_event(title, text).event_type == kind


def test_an_exhibition_keeps_its_partner() -> None:
    title = "台南の街並み、写真で紹介"
    text = "台湾・台南市の古い街並みを紹介する写真展が2日、仙台市役所で始まった。台南市政府文化局が主催した。"
    assert extract_event(title, text).event_type == EventType.OTHER
    assert _partners(title, text) == ["仙台市"]


# Kinds read on the twelfth batch: selling and plants in Japanese (販路, 常設販売, 着工) and investing in
# English (will invest … in a new plant) are trade; the general assembly of a city alliance is a forum.
@pytest.mark.parametrize(
    ("title", "text", "kind"),
    [
        (
            "山梨県産モモ、高雄で常設販売へ",
            "県農政部は17日、台湾・高雄市の百貨店に県産果実の常設販売コーナーを開設すると発表した。",
            EventType.TRADE_INVESTMENT,
        ),
        (
            "Tainan firm to build plant in Yamaguchi",
            "Tainan's mayor and Yamaguchi's governor announced that a Tainan-based chemicals maker will "
            "invest 8 billion yen in a new plant in the prefecture.",
            EventType.TRADE_INVESTMENT,
        ),
        (
            "Taipei wins awards at healthy cities meeting",
            "Taipei City said it had won six awards at the general assembly of the Alliance for Healthy "
            "Cities, held this week in Manila.",
            EventType.FORUM,
        ),
    ],
)
def test_kinds_read_on_the_twelfth_batch(title: str, text: str, kind: EventType) -> None:
    assert extract_event(title, text).event_type == kind


# The day a disaster struck (4月3日に…発生した地震) or a release was issued (記者発表資料 令和8年3月6日) is
# not the event's day when the item gives another.
@pytest.mark.parametrize(
    ("text", "published", "day"),
    [
        (
            "4月3日に台湾東部沖で発生した地震で、姉妹都市の花蓮市に被害が出た。"
            "5月8日、町長が花蓮市を訪れ、見舞金を手渡した。",
            "2024-05-10",
            "2024-05-08",
        ),
        (
            "記者発表資料 令和8年3月6日 本市議会は台南市議会の招きにより議員団を派遣する。"
            "期間は3月16日から19日まで。",
            "2026-03-06",
            "2026-03-16",
        ),
    ],
)
def test_disaster_and_release_days_are_not_the_event(text: str, published: str, day: str) -> None:
    assert extract_event(None, text, published).event_date == day


# Kinds read on the thirteenth and fourteenth batches: the first visit since a pact (覚書締結後初めて) is a
# visit; a network's general meeting told across a comma (聯盟…，…舉行年度會員大會) is a forum; matchmaking
# seminars and produce that "went on sale" are trade.
@pytest.mark.parametrize(
    ("title", "text", "kind"),
    [
        (
            "台中市長が名古屋市を訪問　覚書締結後初めて",
            "台湾・台中市の市長が25日、名古屋市役所を訪れ、市長と会談した。両市は今年、覚書を結んでいる。",
            EventType.VISIT_ABROAD,
        ),
        (
            "智慧城市聯盟年會在臺北",
            "臺北市主導成立的全球智慧城市聯盟，今日在南港展覽館舉行年度會員大會，40個城市代表出席。",
            EventType.FORUM,
        ),
        (
            "Arizona officials meet Tainan suppliers",
            "The Tainan City Government today hosted a supply-chain matchmaking seminar with Arizona's "
            "commerce authority.",
            EventType.TRADE_INVESTMENT,
        ),
        (
            "Fukushima peaches in Taipei",
            "Peaches from Fukushima Prefecture went on sale at a Taipei department store on Thursday, with "
            "the governor promoting them.",
            EventType.TRADE_INVESTMENT,
        ),
    ],
)
def test_kinds_read_on_the_thirteenth_and_fourteenth_batches(title: str, text: str, kind: EventType) -> None:
    assert extract_event(title, text).event_type == kind


# Kinds read on the fifteenth to seventeenth batches: a signing told in full is the news even when a count
# word or a pair of towns follows (數位, 兩座); a pact's first day in the ROC era (民國68年10月10日) is its
# history, so the anniversary it now marks is the event; money named in the title outweighs the visit that
# brought it; a disaster's anniversary is no tie's; a forum in the title or the lead sentence is what the
# trip was for; a sales mission or a trade show is trade, over the visit.
@pytest.mark.parametrize(
    ("title", "text", "published", "kind"),
    [
        (
            "維也納副市長訪高市 簽數位合作備忘錄",
            "維也納副市長今天在高雄市政府與高雄市副市長簽署智慧城市合作備忘錄，雙方將在數位治理與交通合作。",
            "2025-03-04",
            EventType.AGREEMENT,
        ),
        (
            "兩座「清水」結緣 清水區與清水町締結友好城市",
            "臺中市清水區長今天與來訪的靜岡縣清水町長在區公所簽署友好交流協定，兩座「清水」正式結為好友。",
            "2025-03-04",
            EventType.AGREEMENT,
        ),
        (
            None,
            "竹山鎮與日本某町締結姊妹鎮屆滿30週年，鎮長率團於本(112)年4月1日前往出席「締結30週年紀念儀式」。"
            "兩地於民國82年4月1日締結姊妹鎮，是縣內第一對臺日鄉鎮。",
            "2023-04-03",
            EventType.ANNIVERSARY,
        ),
        (
            "石垣市長親送慰問金 蘇澳鎮感謝姊妹市情誼",
            "石垣市長今(8)日率市議會議長等一行抵達蘇澳，在鎮公所將市民募集的慰問金交給鎮長，協助災後重建。",
            "2024-04-08",
            EventType.DONATION,
        ),
        (
            None,
            "臺中市經濟發展局組成新南向拓銷團，率領20家業者參加今天起在曼谷舉行的國際工業展，並拜會曼谷市政府。",
            "2024-06-12",
            EventType.TRADE_INVESTMENT,
        ),
        (
            "東日本大震災十週年 臺南與仙台合辦特展",
            "臺南市政府今(11)日起與仙台市合辦「東日本大震災十週年特展」，展出仙台市提供的重建照片。",
            "2021-03-11",
            EventType.OTHER,
        ),
        (
            None,
            "TAIPEI (CNA) -- A Taichung City Government delegation led by a deputy mayor is attending the "
            "Asia Pacific Cities Summit in Brisbane, the city government said Wednesday.",
            "2019-07-10",
            EventType.FORUM,
        ),
        (
            "アジア・スマートシティ会議開幕",
            "横浜市が主催する会議が11日開幕し、台湾からは台北市の副市長らが参加した。",
            "2024-10-12",
            EventType.FORUM,
        ),
        (
            "縣長東京推銷農產",
            "屏東縣長率縣府農業處前往日本參加國際食品展，在屏東館推銷芒果與蓮霧，並與千葉縣官員洽談通路。",
            "2024-03-06",
            EventType.TRADE_INVESTMENT,
        ),
    ],
)
def test_kinds_read_on_the_fifteenth_to_seventeenth_batches(
    title: str | None, text: str, published: str, kind: EventType
) -> None:
    assert extract_event(title, text, published).event_type == kind


def test_an_obscure_namesake_gives_way_to_the_known_place() -> None:
    """Yamagata is 山形市 (or 山形縣), not 山県市 in Gifu, unless Gifu is named."""
    text = (
        "Tainan Mayor Huang Wei-che and Yamagata Mayor Takahiro Sato met online on Wednesday to talk about "
        "exchanges during the pandemic. Tainan and Yamagata signed a friendship agreement in 2017."
    )
    assert [p.name for p in extract_event(None, text, "2021-06-10").partners] == ["山形市"]


@pytest.mark.parametrize(
    ("text", "partners"),
    [
        # a place's bare name opening a person's name before the title: a surname
        ("別府市的長野恭紘市長今天率團抵達臺南，與黃偉哲市長會談。", ["別府市"]),
        # the place's own officers and heads stay the place
        ("熊本市議員訪問團今天拜會高雄市議會。", ["熊本市"]),
        ("日本山形市長佐藤孝弘今天拜會臺南市長黃偉哲。", ["山形市"]),
    ],
)
def test_a_japanese_surname_is_not_its_place(text: str, partners: list[str]) -> None:
    assert [p.name for p in extract_event(None, text, "2025-03-04").partners] == partners


# Kinds read on the eighteenth to twentieth batches: a signing only explored (探討簽署…的可能) or told as
# what came before (締結協定後，…增加) is background; a Japanese report's "the town" (同町を訪れ) is in Japan;
# pupils and teachers an office leads (鎮公所率…國中學生及教師) are the travellers.
@pytest.mark.parametrize(
    ("title", "text", "kind"),
    [
        (
            "市府訪團赴維爾紐斯",
            "臺北市副市長率領市府團隊一行9人，24日起訪問立陶宛首都維爾紐斯（Vilnius），拜會維爾紐斯市長，"
            "並探討簽署兩市合作備忘錄的可能。",
            EventType.VISIT_ABROAD,
        ),
        (
            None,
            "日本鳥取縣知事率團今（5）日拜會臺中市政府，市長親自接待。知事表示，今年兩地締結友好交流協定後，"
            "包機旅客明顯增加。",
            EventType.HOSTED_VISIT,
        ),
        (
            None,
            "友好交流協定を結ぶ台湾・台南市白河区の区長ら15人が12日、同町を訪れ、ハスを鑑賞した。",
            EventType.VISIT_ABROAD,
        ),
        (
            None,
            "南投縣竹山鎮公所今（6）日率鎮內國中學生及教師一行22人前往日本，展開5天的交流。",
            EventType.EXCHANGE_PROGRAMME,
        ),
    ],
)
def test_kinds_read_on_the_eighteenth_to_twentieth_batches(
    title: str | None, text: str, kind: EventType
) -> None:
    assert extract_event(title, text, "2025-07-06").event_type == kind


@pytest.mark.parametrize(
    ("text", "partners"),
    [
        # a stop still to come on the trip is background
        (
            "臺北市長今（22）日在洛杉磯與洛杉磯市長會談，雙方同意擴大體育交流。市長此行還將訪問舊金山等地。",
            ["洛杉磯"],
        ),
        # a surname right after a title, and "Mayor Takashima" in an item naming Fukuoka's mayor
        ("日本福岡市長高島宗一郎今天率團拜會臺北市長，他說自己與高島市長都重視新創。", ["福岡市"]),
    ],
)
def test_later_stops_and_mayors_by_surname(text: str, partners: list[str]) -> None:
    assert [p.name for p in extract_event(None, text, "2025-07-06").partners] == partners


@pytest.mark.parametrize(
    ("text", "partner", "level"),
    [
        # Southeast Asian cities as Taiwanese media write them, with 市
        ("高雄市觀光局長今（3）日率團前往越南峴港，拜會峴港市人民委員會。", "峴港市", "city"),
        ("新北市長今天接見印尼泗水市長率領的訪問團。", "泗水市", "city"),
        # Penang is a Malaysian state; Vietnam's industrial provinces are provinces
        ("臺北市副市長今天接待馬來西亞檳城州政府訪問團，討論智慧交通合作。", "檳城州", "state"),
        ("屏東縣長今天在越南平陽省與省人民委員會主席簽署經貿合作備忘錄。", "平陽省", "prefecture"),
    ],
)
def test_southeast_asian_partners(text: str, partner: str, level: str) -> None:
    partners = extract_event(None, text, "2025-07-06").partners
    assert [(p.name, str(p.level)) for p in partners] == [(partner, level)]


def test_a_body_the_money_passes_through_is_a_go_between() -> None:
    text = (
        "臺中市政府今（8）日宣布捐款新臺幣1000萬元協助石川縣震災重建，捐款將透過台灣日本關係協會及"
        "日本台灣交流協會轉交石川縣政府。"
    )
    event = extract_event(None, text, "2024-01-08")
    assert event.taiwan_party == ("臺中市",)
    assert [p.name for p in event.partners] == ["石川縣"]


@pytest.mark.parametrize(
    ("text", "partners"),
    [
        # a trip to a prefecture whose town is the partner: the prefecture is where the town is
        (
            "嘉義市長率市府團隊13日起訪問日本廣島縣，今(14)日上午拜會尾道市長，雙方同意推動自行車觀光。",
            ["尾道市"],
        ),
        # its governor called on: both, the governor's first
        (
            "嘉義市長13日起訪問日本廣島縣，拜會廣島縣知事，14日再拜會尾道市長，雙方同意推動觀光。",
            ["廣島縣", "尾道市"],
        ),
        # money handed to a body that passes it on: the body is a go-between
        (
            "臺中市府秘書長昨(3)日將善款交給日本台灣交流協會台北事務所，再轉交長野縣作為災後重建之用。",
            ["長野縣"],
        ),
    ],
)
def test_a_prefecture_as_the_region_and_go_betweens(text: str, partners: list[str]) -> None:
    assert [p.name for p in extract_event(None, text, "2025-07-06").partners] == partners


@pytest.mark.parametrize(
    ("title", "text", "kind"),
    [
        # a Japanese town's tourism association is not Taiwan's (觀光協會 alone names no body)
        (
            None,
            "日本鹿兒島縣與論町長率町議會議長、觀光協會及中學教師一行14人，5日抵達澎湖，出席交流會。",
            EventType.HOSTED_VISIT,
        ),
        # a quantity given and a government's grant aid are donations
        (
            "日本贈100萬劑疫苗抵台",
            "日本政府捐贈台灣的100萬劑疫苗今天中午抵達桃園機場，外交部長前往迎接。",
            EventType.DONATION,
        ),
        (
            "日本政府、台湾の地震で緊急支援",
            "日本政府は5日、台湾東部で発生した地震を受け、100万ドルの緊急無償資金協力を実施すると発表した。",
            EventType.DONATION,
        ),
    ],
)
def test_kinds_read_on_the_twenty_first_to_twenty_third_batches(
    title: str, text: str, kind: EventType
) -> None:
    assert extract_event(title, text, "2024-04-05").event_type == kind


# Kinds read on the twenty-fourth to twenty-sixth batches: a purchase signed with a buyer is a sale (trade),
# not a pact; a council motion urging a tie is a statement; a civil servant posted to the partner is an
# occasion of its own (other).
@pytest.mark.parametrize(
    ("title", "text", "kind"),
    [
        (
            None,
            "屏東縣長今（8）日在東京國際食品展與日本進口商簽署農產品採購協議，對方今年將採購蓮霧100公噸。",
            EventType.TRADE_INVESTMENT,
        ),
        (
            "縣議會通過提案 建請縣府與石垣市締結友好城市",
            "臺東縣議會今日大會通過議員提案，建請縣府積極推動與日本沖繩縣石垣市締結友好城市。",
            EventType.POLICY_STATEMENT,
        ),
        (
            None,
            "日本鳥取縣派遣的職員今年4月起進駐臺中市政府，擔任為期一年的國際交流員，市長今天接見並頒發聘書。",
            EventType.OTHER,
        ),
    ],
)
def test_kinds_read_on_the_twenty_fourth_to_twenty_sixth_batches(
    title: str | None, text: str, kind: EventType
) -> None:
    assert extract_event(title, text, "2024-04-08").event_type == kind


@pytest.mark.parametrize(
    "text",
    [
        # a courtesy call's gifts
        "臺南市長今天接待日本熊本縣訪問團，市長致贈3件藝術品，雙方交換觀光合作意見。",
        "高雄市長今（5）日接見日本八代市長率領的訪問團，加贈2盒鳳梨酥給團員。",
    ],
)
def test_gifts_at_a_call_are_no_donation(text: str) -> None:
    assert extract_event(None, text, "2024-04-05").event_type == EventType.HOSTED_VISIT


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # Japanese talks: where they were held gives the direction
        ("台湾・台南市の市長は26日、山形県庁で吉村美栄子知事と会談した。", EventType.VISIT_ABROAD),
        ("熊本県の知事は10日、台北市内で台湾の外交部長と会談した。", EventType.HOSTED_VISIT),
    ],
)
def test_japanese_talks_take_their_direction_from_the_venue(text: str, kind: EventType) -> None:
    assert extract_event(None, text, "2024-04-27").event_type == kind


# Kinds read on the twenty-seventh to twenty-ninth batches: civil servants posted to the partner in other
# words (派駐…市役所, 交流公務員, a year-long posting), a city network's global conference, an online meeting
# with words between (線上交流會議), a council motion told at length (三讀通過市議員提出的臨時提案).
@pytest.mark.parametrize(
    ("title", "text", "kind"),
    [
        (
            None,
            "臺中市政府首位派駐金澤市役所的公務員昨天啟程赴日，將在當地觀光局服務一年。",
            EventType.OTHER,
        ),
        (
            None,
            "A Tainan City Government official on Tuesday began a one-year posting at Japan's Kumamoto "
            "prefectural government, the city said.",
            EventType.OTHER,
        ),
        (
            None,
            "臺南市衛生局今天表示，市府代表團將於10月赴韓國出席健康城市聯盟第9屆全球大會，分享長照經驗。",
            EventType.FORUM,
        ),
        (None, "本府今（19）日下午與日本宮古島市舉行線上交流會議，由縣長與市長連線。", EventType.VIDEO_CALL),
        (
            None,
            "臺中市議會今（29）日三讀通過市議員提出的臨時提案，要求市府恢復與澳洲伯斯市的交流。",
            EventType.POLICY_STATEMENT,
        ),
    ],
)
def test_kinds_read_on_the_twenty_seventh_to_twenty_ninth_batches(
    title: str | None, text: str, kind: EventType
) -> None:
    assert extract_event(title, text, "2024-04-27").event_type == kind


# Who moves, read on the working batches of sessions 5 and 6 (our own sentences): a title's verb never reaches
# into the text for the one visited, and 拜會本府 is a call on the release's own government; 訪日月潭 is no
# trip to Japan; a group is going where it is said to go (一行18人昨天來台, 議員団を嘉義市に派遣); a visit
# to a Taiwanese city hall is hosted; a pact describing the partner (締結友好協定的金澤市) is who it is.
@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "中央區長一行拜會本府 盼深化交流",
            "日本東京都中央區區長今（5）日率區議員等一行8人拜會臺中市政府，由副市長接見，雙方就河岸觀光交換意見。",
        ),
        (None, "日本栃木縣日光市觀光課長今(3)日率團訪日月潭，由魚池鄉長在碼頭接待，雙方就湖泊觀光交換意見。"),
        (
            None,
            "與臺南市締結友好協定的日本石川縣金澤市，由市長率市議員及臺南觀光大使等一行18人昨天來台，"
            "參觀古蹟修復工程。",
        ),
        (None, "本市議会は、台湾・嘉義市議会の招きにより、議員団を嘉義市に派遣する。期間は5月12日から。"),
        (None, "The mayor of Cebu City paid a visit to Taichung City Hall on Monday to discuss tourism."),
    ],
)
def test_who_moves(title: str | None, text: str) -> None:
    assert extract_event(title, text, "2024-05-06").event_type == EventType.HOSTED_VISIT


# A place's bare name as a person's given name (read on the thirtieth batch; our own sentences): Taipei's
# deputy mayor 李四川 is no partner in Sichuan, in a title or after his title.
@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("李四川率市府團隊訪大阪 考察捷運", "臺北市副市長李四川昨天率市府團隊抵達大阪市，拜會大阪市長。"),
        (None, "臺北市副市長李四川今（2）日率領局處首長一行8人抵達日本大阪市，拜會大阪市長橫山英幸。"),
    ],
)
def test_a_place_as_a_given_name(title: str | None, text: str) -> None:
    event = extract_event(title, text, "2025-06-02")
    assert [p.name for p in event.partners] == ["大阪市"]
    assert event.event_type == EventType.VISIT_ABROAD
    assert "李四川" in [person.name for person in event.people]


# Taiwan's branch office in a Japanese city (福岡分処) is not that city; a prefecture's industry department
# (群馬県産業経済部) is the prefecture, not a product of it (read on the thirty-second batch; our own
# sentences).
def test_a_branch_office_is_not_its_city() -> None:
    text = "台北駐日経済文化代表処福岡分処の処長が10日、佐賀県庁を訪れ、山口祥義知事と懇談した。"
    assert [p.name for p in extract_event(None, text, "2024-10-11").partners] == ["佐賀縣"]


def test_an_industry_department_is_its_prefecture() -> None:
    text = "群馬県産業経済部の訪問団5人が7日、台中市政府を訪れ、教育旅行について意見を交わした。"
    event = extract_event(None, text, "2024-10-08")
    assert [p.name for p in event.partners] == ["群馬縣"]
    assert event.event_type == EventType.HOSTED_VISIT


# Read on the thirtieth and thirty-first batches (our own sentences): a county head witnessing in the next
# clause leaves the township that signed as the party; a school goes by its usual short name (高級中學 ->
# 高中), and 由 opens no school's name.
def test_a_witness_in_the_next_clause_is_not_the_signer() -> None:
    text = (
        "雲林縣古坑鄉昨（3）日與日本靜岡縣牧之原市簽署友好交流協定，由古坑鄉長林慧如與牧之原市長共同簽字，"
        "雲林縣長張麗善也到場見證。"
    )
    assert extract_event(None, text, "2025-06-04").taiwan_party == ("雲林縣古坑鄉",)


def test_schools_by_their_usual_short_names() -> None:
    # (國立臺南第一高級中學 was this test's school until session 11; its usual short name is 臺南一中, now a
    # gazetteer fact, so the mechanical shortening is tested on a school whose usual name it gives)
    text = "國立嘉義高級中學昨天與日本岡山縣立岡山朝日高等學校簽署姊妹校協定，由兩校校長共同簽署。"
    assert "國立嘉義高中" in extract_event(None, text, "2025-06-04").taiwan_party


# Kinds read on the thirtieth to thirty-second batches (our own sentences): a call told with を訪ね; relief
# supplies and books given; a city network's workshop or annual meeting; Japanese civil servants' training
# posting; a council's motion in English; a councillor urging (促) a pact; money sent を通じて a go-between.
@pytest.mark.parametrize(
    ("title", "text", "kind"),
    [
        (
            None,
            "台湾の駐日代表が12日、県庁に知事を訪ね、観光や防災の協力について意見を交わした。",
            EventType.VISIT_ABROAD,
        ),
        (None, "日本政府今天宣布提供臺東縣發電機20台等緊急救援物資，首批已運抵臺東。", EventType.DONATION),
        (
            None,
            "姊妹市日本鹿兒島縣出水市今（8）日在埔里鎮立圖書館舉行贈書儀式，送出日文繪本200冊。",
            EventType.DONATION,
        ),
        (
            None,
            "由健康城市聯盟主辦、臺南市政府承辦的國際工作坊今（9）日登場，10國城市代表與會。",
            EventType.FORUM,
        ),
        (None, "新北市環保局長今天出席在首爾舉行的ICLEI東亞地區年會，分享淨零經驗。", EventType.FORUM),
        (None, "台南市の職員2人が1日、県庁で1年間の研修を始めた。観光行政を学ぶ。", EventType.OTHER),
        (
            None,
            "The Miaoli County Council on Friday passed a motion urging the county to seek friendship ties "
            "with Japan's Ozu.",
            EventType.POLICY_STATEMENT,
        ),
        (
            "議員促與石垣市結盟 縣府：先從觀光交流做起",
            "宜蘭縣議會昨（4）日進行縣政總質詢。",
            EventType.POLICY_STATEMENT,
        ),
    ],
)
def test_kinds_read_on_the_thirtieth_to_thirty_second_batches(
    title: str | None, text: str, kind: EventType
) -> None:
    assert extract_event(title, text, "2025-06-09").event_type == kind


def test_money_sent_through_an_office_in_japanese() -> None:
    text = (
        "県は24日、台湾東部の地震で被害を受けた花蓮県に見舞金200万円を贈ると発表した。"
        "台北駐日経済文化代表処を通じて届ける。"
    )
    assert extract_event(None, text, "2024-04-25").taiwan_party == ("花蓮縣",)


# An English item naming a Japanese town by its bare romaji and then placing it in its prefecture (read on
# the thirty-first batch; our own sentences).
@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("Yilan's magistrate led a delegation to Ikeda, a small town in Hokkaido Prefecture.", "池田町"),
        ("Nantou's magistrate visited Nakagawa, a farming town in Japan's Tochigi Prefecture.", "那珂川町"),
        ("Hualien's mayor visited Kamiyama, the mountain town in Tokushima Prefecture.", "神山町"),
    ],
)
def test_a_japanese_town_placed_in_its_prefecture(text: str, town: str) -> None:
    assert [p.name for p in extract_event(None, text, "2025-07-08").partners] == [town]


# A feature whose visit is told late, without a visit verb (read on the thirty-second batch; our own
# sentences): a delegation that arrives (抵達) at a Taiwanese place; goods that arrive are no visit.
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "兩座以溫泉聞名的小鎮近年往來頻繁。日本大分縣由布市長率市府職員及旅館業者共18人，昨（9）日抵達礁溪鄉，"
            "參觀溫泉公園。",
            EventType.HOSTED_VISIT,
        ),
        ("日本政府捐贈的第三批疫苗今天下午抵達桃園機場，將送往冷儲中心。", EventType.DONATION),
    ],
)
def test_late_visits_told_without_a_visit_verb(text: str, kind: EventType) -> None:
    assert extract_event(None, text, "2025-03-10").event_type == kind


# A farmers' association is a body of its own, named after its township (read on the thirty-second batch;
# our own sentences); an office that only sends staff along is an escort, not a party.
def test_a_farmers_association_as_a_party() -> None:
    text = (
        "雲林縣崙背鄉農會總幹事昨（3）日率農民一行12人抵達日本宮崎縣，與當地農協簽署洋蔥契作協議。"
        "崙背鄉公所也派員隨行。"
    )
    assert extract_event(None, text, "2025-09-04").taiwan_party == ("雲林縣崙背鄉農會",)


# Exchanges and trade named as the topics of talks or as wishes are not the event (read on the
# thirty-third and thirty-fifth batches; our own sentences).
@pytest.mark.parametrize(
    ("title", "text", "kind"),
    [
        (
            "岐阜縣知事訪嘉義市 黃敏惠盼學生互訪",
            "日本岐阜縣知事今（4）日率團拜會嘉義市政府，雙方就觀光、經貿與青年交流交換意見。",
            EventType.HOSTED_VISIT,
        ),
        (
            "新竹市與日本岡山市視訊 談少棒交流",
            "新竹市長今（4）日與岡山市長進行視訊會議，雙方同意明年互派球隊。",
            EventType.VIDEO_CALL,
        ),
    ],
)
def test_exchanges_talked_of_or_hoped_for(title: str, text: str, kind: EventType) -> None:
    assert extract_event(title, text, "2025-07-05").event_type == kind


# More kinds read on the thirty-third to thirty-fifth batches (our own sentences): a council question time
# frames the item whatever pact or anniversary it names; an office's own group (鎮公所今年組成…交流團);
# a city network's regional meeting; civil servants posted for training (Chinese and Japanese); a guide
# published together; relief money handed over on a call (賑款); a trade show; a Japanese report's years
# of a tie with its ceremony (交流20年, 記念式典); children sent by a town.
@pytest.mark.parametrize(
    ("title", "text", "kind"),
    [
        (
            "桃園締盟8年少互動 議員促別讓友好城市睡著",
            "桃園市與日本千葉縣成田市2016年締結友好城市協定。市議員昨（6）日在市政總質詢時要求市府恢復交流。",
            EventType.POLICY_STATEMENT,
        ),
        (
            None,
            "雲林縣虎尾鎮與日本大間町1979年締結姊妹鎮，鎮公所今年組成18人交流團，昨（3）日抵達大間町。",
            EventType.VISIT_ABROAD,
        ),
        (None, "健康城市聯盟亞太區域會議昨天在臺南市開幕，11國城市代表與會。", EventType.FORUM),
        (None, "日本靜岡縣今年首度派遣職員到臺中市政府研修一年，市長昨天接見。", EventType.OTHER),
        (
            None,
            "浜松市は1日、市職員1人を台湾の台中市に派遣すると発表した。期間は4月から1年間。",
            EventType.OTHER,
        ),
        (None, "臺南市與日本長崎縣平戶市合編的雙語導覽手冊今（10）日在兩市同步發行。", EventType.OTHER),
        (
            "菲國省長訪屏東 縣長致贈風災賑款",
            "菲律賓巴丹群島省長今（18）日拜會屏東縣政府，縣長當面將300萬元賑款交給省長。",
            EventType.DONATION,
        ),
        (
            None,
            "Pingtung's magistrate led a sales delegation to a food show in Osaka on Tuesday, promoting the "
            "county's mangoes to Japanese importers.",
            EventType.TRADE_INVESTMENT,
        ),
        (
            "宇都宮・台中交流20年　現地で記念式典",
            "宇都宮市の市長が8日、台中市で開かれた式典に出席した。",
            EventType.ANNIVERSARY,
        ),
        (
            None,
            "町の児童10人が5日、友好都市の台湾・花蓮市を訪れ、小学校で授業に参加した。",
            EventType.EXCHANGE_PROGRAMME,
        ),
    ],
)
def test_kinds_read_on_the_thirty_third_to_thirty_fifth_batches(
    title: str | None, text: str, kind: EventType
) -> None:
    assert extract_event(title, text, "2025-10-07").event_type == kind


def test_an_english_town_placed_in_hokkaido() -> None:
    text = "Twelve pupils from Assabu, a town in Japan's Hokkaido, arrived in Hualien's Shoufeng Township."
    assert [p.name for p in extract_event(None, text, "2025-08-12").partners] == ["厚澤部町"]


# Two Taiwanese governments named as one subject both take part; a venue joined to a party is not one
# (read on the thirty-fourth batch; our own sentences).
@pytest.mark.parametrize(
    ("text", "parties"),
    [
        (
            "県が主催する観光フォーラムが15日に開かれ、台湾からは屏東県と台東県の幹部ら6人が参加した。",
            {"屏東縣", "臺東縣"},
        ),
        ("日本福井縣知事今天在台北與臺中市長會面，雙方確認觀光合作計畫。", {"臺中市"}),
    ],
)
def test_parties_named_together(text: str, parties: set[str]) -> None:
    assert set(extract_event(None, text, "2025-11-16").taiwan_party) == parties


# A short name read as the prefecture is the city of that name when the party's tie is with the city (臺北市
# and 福岡市: an MOU, gazetteer facts), not when the party has none (read on the working batches).
@pytest.mark.parametrize(
    ("text", "partner"),
    [
        (
            "Taipei's mayor told the city council that Taipei would expand its exchanges with Fukuoka.",
            "福岡市",
        ),
        ("臺北市長今天在市議會答詢時表示，將擴大與福岡的新創交流。", "福岡市"),
        ("雲林縣長今天在縣議會答詢時表示，將擴大與福岡的農產交流。", "福岡縣"),
    ],
)
def test_a_short_name_is_the_tied_city(text: str, partner: str) -> None:
    assert [p.name for p in extract_event(None, text, "2025-03-03").partners] == [partner]


# Kinds read on the thirty-sixth to thirty-eighth batches (our own sentences): a call told with 前往…拜會;
# Taipei's city hall in Japanese (台北市役所を訪れ); a city's own centuries-old anniversary is no tie's;
# apples "popular as gifts" are no donation; a book published together; a pact signed months before; a
# network's international meeting in Japanese (連合の国際大会).
@pytest.mark.parametrize(
    ("title", "text", "kind"),
    [
        (None, "臺北駐福岡辦事處處長今天前往佐賀縣廳拜會知事，雙方就航線交換意見。", EventType.VISIT_ABROAD),
        (
            None,
            "（台北中央社）ソウル市の副市長が3日、台北市役所を訪れ、蔣万安市長と会談した。",
            EventType.HOSTED_VISIT,
        ),
        (
            None,
            "Tainan's mayor welcomed a delegation from Japan's Uto on Monday, as the city marks its 400th "
            "anniversary celebrations.",
            EventType.HOSTED_VISIT,
        ),
        (
            None,
            "The governor of Nagano handed out apples at a Taipei supermarket on Saturday to promote the "
            "prefecture's apple exports, popular as gifts.",
            EventType.TRADE_INVESTMENT,
        ),
        (
            None,
            "The Kaohsiung City Government and Japan's Kumamoto Prefecture have published a bilingual "
            "guidebook on the two places' temples, the city said on Monday.",
            EventType.OTHER,
        ),
        (
            None,
            "Chiayi's mayor welcomed the mayor of Japan's Kagoshima at city hall, three months after "
            "the two cities signed a friendship agreement.",
            EventType.HOSTED_VISIT,
        ),
        (None, "健康都市連合の国際大会が21日、韓国で開かれ、台湾からは台中市が参加した。", EventType.FORUM),
    ],
)
def test_kinds_read_on_the_thirty_sixth_to_thirty_eighth_batches(
    title: str | None, text: str, kind: EventType
) -> None:
    assert extract_event(title, text, "2025-06-05").event_type == kind


def test_a_township_office_release_names_its_county_too() -> None:
    text = (
        "本所與日本福島縣玉川村自民國77年締結友好鄉村。玉川村村長一行8人昨日抵達，今天上午在本所禮堂與本鄉"
        "鄉長共同簽署新的交流協定。本所感謝南投縣政府協助。"
    )
    event = extract_event("鹿谷鄉與玉川村續簽協定", text, "2024-05-04", "https://www.lugu.gov.tw/News/1")
    assert event.taiwan_party == ("南投縣鹿谷鄉",)
    district = extract_event(
        None, "本區區長率團赴日本美濱町訪問。", "2024-08-04", "https://www.shimen.ntpc.gov.tw/1"
    )
    assert district.taiwan_party == ("新北市石門區",)


# A government release's "this (N) month" (本(4)月15日) is a month and day of the publication's year (read on
# the thirty-sixth batch; our own sentence).
def test_this_numbered_month() -> None:
    text = "本府與日本宮崎縣日之影町於本(4)月15日在縣府簽署觀光友好交流協定。"
    assert extract_event(None, text, "2025-04-16").event_date == "2025-04-15"


def test_an_english_township_placed_in_its_county() -> None:
    text = "The mayor of Ishigaki on Saturday visited Su'ao, a fishing town in Yilan County, its sister town."
    assert extract_event(None, text, "2024-06-15").taiwan_party == ("宜蘭縣蘇澳鎮",)


# Read on the thirty-ninth batch (our own sentences): a Japanese pact signed somewhere (覚書を市役所で結んだ);
# an online exchange meeting; pupils on a homestay and a friendly match as exchanges; a siting agreement with
# a firm as investment; Vilnius in katakana.
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("倉敷市と台湾・台南市は23日、観光交流に関する覚書を倉敷市役所で結んだ。", EventType.AGREEMENT),
        ("本市は9日、友好交流都市の台湾・桃園市とオンライン交流会議を開催しました。", EventType.VIDEO_CALL),
        ("台湾・南投県の中学生12人が、町内の家庭でホームステイを始めた。", EventType.EXCHANGE_PROGRAMME),
        ("台湾・彰化県の高校選抜が5日に来県し、県内の高校と親善試合を行った。", EventType.EXCHANGE_PROGRAMME),
        (
            "台湾の電子部品大手が15日、県と町と立地協定を結び、新工場の建設を発表した。",
            EventType.TRADE_INVESTMENT,
        ),
    ],
)
def test_kinds_read_on_the_thirty_ninth_batch(text: str, kind: EventType) -> None:
    assert extract_event(None, text, "2025-07-16").event_type == kind


def test_vilnius_in_katakana() -> None:
    text = "（台北中央社）台北市とリトアニアの首都ビリニュスは23日、文化交流の覚書に署名した。"
    assert [p.name for p in extract_event(None, text, "2025-09-24").partners] == ["維爾紐斯"]


# Read on the fortieth batch (session 8; our own sentences): English towns placed further on or before
# ("a town at the northern tip of Aomori Prefecture", "the Kumamoto Prefecture town where"), or only called a
# town; a placed town named again bare (Zhubei Mayor ...); Hsinchu County apart from Hsinchu City.
@pytest.mark.parametrize(
    ("text", "party", "partners"),
    [
        (
            "Huwei's chief visits Japan\nThe chief of Huwei Township in Yunlin County on Monday called on "
            "Oma, a small fishing town on the Shimokita Peninsula, its sister town since 1979.",
            ("雲林縣虎尾鎮",),
            ["大間町"],
        ),
        (
            "A delegation from Huwei Township in Yunlin County joined a ceremony in Oma, a town at the "
            "northern tip of Aomori Prefecture, on Thursday.",
            ("雲林縣虎尾鎮",),
            ["大間町"],
        ),
        (
            "Kikuyo, the Kumamoto Prefecture town where a chipmaker opened a plant, on Monday signed a "
            "friendship agreement with Zhubei, a city in northern Taiwan's Hsinchu County. Zhubei Mayor "
            "Cheng Chao-fang travelled for the ceremony.",
            ("新竹縣竹北市",),
            ["菊陽町"],
        ),
    ],
)
def test_english_towns_placed_in_more_ways(text: str, party: tuple[str, ...], partners: list[str]) -> None:
    title, _, lead = text.rpartition("\n")
    event = extract_event(title or None, lead, "2025-01-14")
    assert event.taiwan_party == party
    assert [p.name for p in event.partners] == partners


def test_taiwans_office_in_a_japanese_city_in_english() -> None:
    text = (
        "The head of the Taipei Economic and Cultural Office in Sapporo called on Aomori Governor Sohei "
        "Miyashita at the prefectural office on Monday. The Sapporo office covers Hokkaido and Tohoku."
    )
    event = extract_event("Taiwan's Sapporo office calls on Aomori governor", text, "2025-02-04")
    assert [p.name for p in event.partners] == ["青森縣"]


# A state or province named before its city with words between (加州姊妹市聖地牙哥) is the city's address,
# unless its own government or legislators take part (亞利桑那州商務局, Washington state legislators).
@pytest.mark.parametrize(
    ("text", "partners"),
    [
        ("桃園市副市長率團今天訪問美國加州友好城市聖荷西，與聖荷西市長會面。", ["聖荷西"]),
        (
            "美國德州經濟發展局官員今天在高雄舉辦投資說明會，鼓勵業者赴休士頓周邊設廠，市府經發局協辦。",
            ["德州"],
        ),
    ],
)
def test_a_state_before_its_city(text: str, partners: list[str]) -> None:
    assert [p.name for p in extract_event(None, text, "2025-08-12").partners] == partners


def test_a_word_across_a_short_name_is_no_place() -> None:
    text = "花蓮縣長今天在縣府與新加坡一家最大連鎖超市簽署農產品採購意向書。"
    assert "大連市" not in [p.name for p in extract_event(None, text, "2025-09-16").partners]


@pytest.mark.parametrize(
    ("title", "text", "kind"),
    [
        # a headline's place that gives (白老町贈繪本): a donation, also when its people came to give it
        (
            "日本白老町贈繪本 秀林鄉學童開心",
            "白老町派員專程來台，昨天在秀林鄉公所舉行儀式，致贈繪本120冊。",
            EventType.DONATION,
        ),
        # a mayor's instructions at the government's own weekly meeting: a statement
        (
            None,
            "嘉義市長今天在市政會議中表示，明年與日本的姊妹市締盟將屆10週年，請各局處規劃學生交流。",
            EventType.POLICY_STATEMENT,
        ),
    ],
)
def test_kinds_read_on_the_fortieth_batch(title: str | None, text: str, kind: EventType) -> None:
    assert extract_event(title, text, "2025-02-11").event_type == kind


# Read on the forty-first to forty-fourth batches (session 8; our own sentences).
def test_a_taiwanese_township_in_japanese_forms() -> None:
    """Japanese media write 魚池郷 for 魚池鄉 (the gazetteer's townships carry their Japanese forms)."""
    text = "宮崎県綾町は12日、友好交流を結ぶ台湾・花蓮県豊浜郷の郷長ら6人を町役場に迎えた。"
    assert extract_event(None, text, "2025-05-12").taiwan_party == ("花蓮縣豐濱鄉",)


def test_taiwans_branch_office_in_japanese_forms() -> None:
    title = "台湾の札幌分処長が知事に着任あいさつ"
    text = "台北駐日経済文化代表処札幌分処の新しい処長が4日、道庁で鈴木直道知事に着任のあいさつをした。"
    assert [p.name for p in extract_event(title, text, "2025-06-04").partners] == ["北海道"]


def test_the_town_of_a_name_in_its_prefecture() -> None:
    title = "Hokkaido town sends books to Chishang"
    text = (
        "The town of Higashikawa in Japan's Hokkaido has donated 300 picture books to Chishang Township in "
        "Taitung County. The gifts were handed over at the township office on Tuesday."
    )
    assert [p.name for p in extract_event(title, text, "2025-12-02").partners] == ["東川町"]


def test_a_japanese_municipality_s_own_english_release() -> None:
    """Its own address puts the text in Japan's context, though its words never say Japan."""
    text = "Tsuruoka City and Luodong Township in Yilan County, Taiwan, on Tuesday held a joint food fair."
    source = "https://www.city.tsuruoka.lg.jp/english/news/1.html"
    assert [p.name for p in extract_event(None, text, "2026-02-11", source).partners] == ["鶴岡市"]


@pytest.mark.parametrize(
    "text",
    [
        # Kyodo's dateline carries the publication day; "on Thursday" is the event's
        "KUMAMOTO, Japan, March 20 Kyodo - The town of Kikuyo signed a friendship pact with a Taiwanese city "
        "on Thursday.",
        # a release's header line closes on its publication date
        "Hsinchu County Government | March 20, 2026\nThe county signed a friendship pact with the town of "
        "Kikuyo on Thursday.",
    ],
)
def test_a_stamp_is_not_the_event_s_date(text: str) -> None:
    assert extract_event(None, text, "2026-03-20").event_date == "2026-03-19"


def test_chandler_is_known() -> None:
    text = "新竹縣與美國亞利桑那州錢德勒市今天簽署友好城市意向書。"
    assert [p.name for p in extract_event(None, text, "2025-06-24").partners] == ["錢德勒"]


@pytest.mark.parametrize(
    ("title", "text", "kind"),
    [
        # exchanges, trade and anniversaries talked of in Japanese (…について意見を交わした) are topics
        (
            None,
            "台湾・台南市の副市長ら5人が8日、県庁を訪れ、知事と会談した。旅行博への県の出展や、高校生の相互派遣に"
            "ついて意見を交わした。",
            EventType.VISIT_ABROAD,
        ),
        (
            None,
            "台湾を訪問中の仙台市長は17日、台南市政府を訪れ、市長と会談した。協定締結20周年の記念事業の進め方な"
            "どを話し合った。",
            EventType.HOSTED_VISIT,
        ),
        # ... and in English (mayors discuss youth sports)
        (
            "Two sister-city mayors discuss youth sports by video",
            "The mayor of New Taipei on Tuesday held a video call with the mayor of Cincinnati, with the two "
            "talking about sports and trade.",
            EventType.VIDEO_CALL,
        ),
        # a tie's years counted in Japanese and its ceremony (結んで40年になるのを記念して…記念の式典)
        (
            None,
            "町と台湾・彰化県埔塩郷が提携を結んで40年になるのを記念して、22日、町で記念の式典が開かれた。",
            EventType.ANNIVERSARY,
        ),
        # a policy address and words said in an assembly or committee are statements
        (
            None,
            "高雄市長は26日、市議会での施政報告で、日本の自治体との交流を広げる方針を示した。",
            EventType.POLICY_STATEMENT,
        ),
        (
            None,
            "外交部長は20日、立法院の委員会で、日本の自治体との交流を後押ししていく考えを示した。",
            EventType.POLICY_STATEMENT,
        ),
    ],
)
def test_kinds_read_on_the_forty_first_to_forty_fourth_batches(
    title: str | None, text: str, kind: EventType
) -> None:
    assert extract_event(title, text, "2025-05-26").event_type == kind


def test_two_foreign_places_named_as_one_subject() -> None:
    text = "出水市と阿久根市は5日、台湾・南投県埔里鎮に豪雨被害の見舞金を贈ったと発表した。"
    assert [p.name for p in extract_event(None, text, "2025-10-05").partners] == ["出水市", "阿久根市"]


# A Taiwanese firm is a party of its own (read on the Japanese batches: ten items had the city of its head
# office or 台積電 instead): named by the gazetteer (新光三越, airlines) or introduced by its trade in
# Japanese.
@pytest.mark.parametrize(
    ("text", "party"),
    [
        ("台湾の工作機械メーカー、精呈科技は8日、熊本県菊池市に新工場を建設すると発表した。", ("精呈科技",)),
        (
            "知事は11日、台北市内で台湾の食品輸入商社「好運通商」と県産品の取引拡大に関する覚書を交わした。",
            ("好運通商",),
        ),
        (
            "高雄市に本社を置く青果輸入商社「豊果国際」は県と継続的な取引に関する覚書を交わした。",
            ("豐果國際",),
        ),
        ("知事は25日、台北市の新光三越で県産品のトップセールスを行った。", ("新光三越",)),
    ],
)
def test_a_taiwanese_firm_is_its_own_party(text: str, party: tuple[str, ...]) -> None:
    assert extract_event(None, text, "2025-09-25").taiwan_party == party


@pytest.mark.parametrize(
    ("title", "text", "kind"),
    [
        # read on the forty-fifth batch (our own sentences): a tie's years in Japanese and a ceremony held to
        # mark them; a gift handed over (贈呈式) ahead of an anniversary (1周年を前に); an exhibition; a
        # question in the council (市議会の質疑)
        (
            None,
            "町と台湾・宜蘭県羅東鎮が姉妹都市となって20年を迎え、10日、羅東鎮で記念式典が開かれた。町長ら訪問団が"
            "出席した。",
            EventType.ANNIVERSARY,
        ),
        (
            "台南市から銅像　友好協定1周年を前に",
            "友好交流協定を結ぶ台湾・台南市から、銅像が市に贈られた。20日、市役所で贈呈式があった。",
            EventType.DONATION,
        ),
        (
            "陶磁器の展覧会、台湾・新北で　知事が開幕式に",
            "県と台湾・新北市が共催する陶磁器の展覧会が17日、新北市の博物館で開幕した。開幕式には台湾を訪れた"
            "知事が出席した。",
            EventType.OTHER,
        ),
        (
            None,
            "台中市の市長は22日、市議会の質疑で、来年名古屋市を訪れることに意欲を示しました。",
            EventType.POLICY_STATEMENT,
        ),
    ],
)
def test_kinds_read_on_the_forty_fifth_batch(title: str | None, text: str, kind: EventType) -> None:
    assert extract_event(title, text, "2025-10-25").event_type == kind


def test_a_route_s_end_is_no_party() -> None:
    text = "9月定例県議会で、台北と佐賀を結ぶ定期便について、知事は毎日運航への増便を目指すと答えた。"
    assert extract_event(None, text, "2025-09-24").taiwan_party == ()


# Read on the forty-sixth batch (our own sentences).
@pytest.mark.parametrize(
    ("text", "party", "partners"),
    [
        # Taiwan's office abroad in English, and its branch named by its city
        (
            "Taiwan's representative office in Osaka and the Nara prefectural government have published a "
            "hiking map for Taiwanese visitors.",
            ("national",),
            ["奈良縣"],
        ),
        # money entrusted to Taiwan's branch office (札幌分処に託した): the office passes it on
        (
            "白老町は23日、地震で被害を受けた台湾・花蓮県秀林郷への義援金を、台北駐日経済文化代表処札幌分処に託した。",
            ("花蓮縣秀林鄉",),
            ["白老町"],
        ),
        # Shirakawa-go is the village of Shirakawa (白川村), not Fukushima's Shirakawa City
        (
            "Alishan Township in Chiayi County on Monday signed a tourism agreement with Shirakawa-go "
            "village in Gifu Prefecture.",
            ("嘉義縣阿里山鄉",),
            ["白川村"],
        ),
        # Hokkaido's government in Japanese (道庁)
        ("台湾・花蓮県の県長が16日、道庁を訪れ、知事と会談しました。", ("花蓮縣",), ["北海道"]),
    ],
)
def test_bodies_and_places_read_on_the_forty_sixth_batch(
    text: str, party: tuple[str, ...], partners: list[str]
) -> None:
    event = extract_event(None, text, "2025-06-25")
    assert event.taiwan_party == party
    assert [p.name for p in event.partners] == partners


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Mie Prefecture | April 7, 2025\nA Taichung city official began training on Tuesday at the "
            "prefecture's tourism and trade promotion division, under the two sides' friendship agreement.",
            EventType.OTHER,
        ),
        (
            "県と台湾・台中市が共同で制作したサイクリングマップが完成し、知事が14日の定例記者会見で披露した。",
            EventType.OTHER,
        ),
    ],
)
def test_kinds_read_on_the_forty_sixth_batch(text: str, kind: EventType) -> None:
    assert extract_event(None, text, "2025-04-07").event_type == kind


# Read on the forty-seventh batch (our own sentences).
@pytest.mark.parametrize(
    ("title", "text", "kind"),
    [
        # a council passing a member's motion that urges a tie: a statement
        (
            None,
            "新北市議會今日審議議員提案，建請市府推動與捷克城市締結姊妹市，獲大會照案通過，送請市府研辦。",
            EventType.POLICY_STATEMENT,
        ),
        # a firm's letter of intent to invest is investment, not a pact between governments
        (
            None,
            "日本一家半導體材料廠23日與雲林縣政府簽署投資意向書，預計在科技工業區設立工廠。",
            EventType.TRADE_INVESTMENT,
        ),
        # gifts handed over by the delegation that brought them: a donation, over the visit
        (
            "鶴岡市送15輛自行車 羅東鎮打造單車路線",
            "日本山形縣鶴岡市副市長率團一行8人，今天訪問友好城市羅東鎮，並將鶴岡市捐贈的15輛自行車交給鎮長。",
            EventType.DONATION,
        ),
    ],
)
def test_kinds_read_on_the_forty_seventh_batch(title: str | None, text: str, kind: EventType) -> None:
    assert extract_event(title, text, "2025-02-21").event_type == kind


def test_a_list_of_towns_each_with_its_prefecture() -> None:
    text = "嘉義市今天舉辦城市論壇，邀請岐阜縣高山市、廣島縣尾道市、宮崎縣日南市等3個友好城市的首長分享經驗。"
    partners = [p.name for p in extract_event(None, text, "2025-02-15").partners]
    assert partners == ["高山市", "尾道市", "日南市"]


def test_a_full_width_hyphen_in_a_name_compares_equal() -> None:
    assert fold_name("摩拉維亞－西里西亞州") == fold_name("摩拉維亞-西里西亞州")


# Read on the forty-eighth batch (our own sentences): a Japanese pact told as background — what followed it
# (結んでから初めて), its years (締結して本年で10年), a pact that describes the partner (協定を結んだ台湾・
# 高雄市から) — and a memorandum exchanged somewhere (覚書を市役所で交わした); a year's training begun; an
# evening reception (交流の夕べ); young people travelling (若者たち); a trade memorandum with a buyer firm.
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "県と友好交流協定を結んでいる台湾・台中市の職員2人が、7日から1年間の予定で県庁で研修を始めた。県が"
            "台中市から研修員を受け入れるのは、協定を結んでから初めてだ。",
            EventType.OTHER,
        ),
        (
            "友好交流協定を結んだ台湾・台南市から、中学生の訪問団が市を訪れ、9日、地元の中学生と交流した。",
            EventType.EXCHANGE_PROGRAMME,
        ),
        ("宇土市と台湾・台南市は6日、防災交流の覚書を宇土市役所で交わした。", EventType.AGREEMENT),
        (
            "台北駐大阪経済文化弁事処は28日、大阪市内のホテルで「日台交流の夕べ」を開き、府内の自治体から寄せら"
            "れた義援金への謝意を伝えた。",
            EventType.OTHER,
        ),
        (
            "白老町と交流する台湾・花蓮県秀林郷から、先住民族の若者たちが町を訪れ、23日、伝統舞踊を披露した。",
            EventType.EXCHANGE_PROGRAMME,
        ),
        (
            "県は2日、台湾の青果輸入商社「大興果物」と、継続的な取引に関する覚書を松山市内で交わした。",
            EventType.TRADE_INVESTMENT,
        ),
    ],
)
def test_kinds_read_on_the_forty_eighth_batch(text: str, kind: EventType) -> None:
    assert extract_event(None, text, "2026-05-14").event_type == kind


# Read on the fiftieth batch (our own sentences): a call on TSMC's plant abroad is no visit to Taiwan
# (參訪台積電); a Chinese report's Taiwanese firm named with its trade word (台灣晶泰材料) is a party of
# its own.
def test_a_call_on_tsmc_is_no_visit_to_taiwan() -> None:
    title = "新竹縣長赴亞利桑那州 拜會州長並參訪台積電美國廠"
    text = "新竹縣長率團赴美，19日在鳳凰城拜會亞利桑那州長霍布斯。"
    assert extract_event(title, text, "2025-05-20").event_type == EventType.VISIT_ABROAD


def test_a_taiwanese_firm_named_with_its_trade_word() -> None:
    text = "台灣晶泰材料將在熊本縣菊陽町興建新廠，27日與熊本縣及菊陽町簽署立地協定。"
    assert extract_event(None, text, "2025-10-28").taiwan_party == ("晶泰材料",)


# Read on the forty-ninth batch (our own sentences): a prefecture written with 's before its own town or
# ward is its address (Oita's Beppu; Tokyo's Ota Ward, one of Tokyo's 23 wards, named with its level); a
# tie's years in English (the relationship turned 60).
@pytest.mark.parametrize(
    ("text", "partners"),
    [
        (
            "The mayor of Oita's Beppu visited Jiaoxi, a hot spring township in Yilan County, on Monday.",
            ["別府市"],
        ),
        ("A delegation from Tokyo's Ota Ward spent Tuesday in Taoyuan talking with the mayor.", ["大田區"]),
    ],
)
def test_a_prefecture_with_its_own_town_after_s(text: str, partners: list[str]) -> None:
    assert [p.name for p in extract_event(None, text, "2025-07-15").partners] == partners


def test_a_ties_years_in_english() -> None:
    text = (
        "Houston's sister-city relationship with Taipei turned 60 on Monday, and a delegation from Taipei "
        "attended a ceremony at City Hall."
    )
    assert extract_event(None, text, "2021-06-15").event_type == EventType.ANNIVERSARY


# Read on the fifty-first to fifty-third batches (our own sentences): a romaji name called a town right
# after it is that town (Kusatsu hot spring town: 草津町, not Shiga's 草津市); a town's own release (本町)
# that names its prefecture only in passing has the town as its partner; Seoul with its suffix, as the
# annotation rules write Korean cities.
def test_a_name_called_a_town_is_that_town() -> None:
    title = "Kusatsu hot spring town signs tourism pact with Taiwan's Miaoli County"
    event = extract_event(title, "The pact was signed on Monday.", "2025-07-15")
    assert [p.name for p in event.partners] == ["草津町"]


def test_a_towns_own_release_has_the_town_as_partner() -> None:
    text = (
        "11月6日、友好交流協定を結ぶ台湾・花蓮県寿豊郷とオンライン交流会を開催しました。本町からは町長が参加し、"
        "寿豊郷の郷長からは「北海道の農業を学びたい」との話がありました。"
    )
    source = "https://www.town.assabu.lg.jp/section/kikaku/news/1.html"
    event = extract_event("台湾・寿豊郷とオンライン交流会", text, "2026-11-09", source)
    assert [p.name for p in event.partners] == ["厚澤部町"]


def test_seoul_with_its_suffix() -> None:
    text = "臺北市議會議長今天率團訪問首爾市議會，雙方就防災交換意見。"
    assert [p.name for p in extract_event(None, text, "2026-03-10").partners] == ["首爾特別市"]


@pytest.mark.parametrize(
    ("title", "text", "kind"),
    [
        # an anniversary still to come in Chinese (締盟9週年前夕): the news is the call
        (
            "締盟9週年前夕 高雄熊本兩市長談人才與航線",
            "高雄市長今天與日本熊本市長舉行視訊會議，雙方就人才交流與航線交換意見。",
            EventType.VIDEO_CALL,
        ),
        # a city network's council meeting (UCLG亞太理事會) is a forum
        (
            None,
            "新北市副市長今天出席在雅加達舉行的UCLG亞太理事會，分享城市防洪經驗。",
            EventType.FORUM,
        ),
    ],
)
def test_kinds_read_on_the_fifty_third_batch(title: str | None, text: str, kind: EventType) -> None:
    assert extract_event(title, text, "2026-01-09").event_type == kind


# Read on the fifty-fifth batch (our own sentences): Taiwanese governments listed as one subject with 、 or ・
# all take part; a firm's name keeps no reading in brackets (雄獅旅遊（ライオントラベル）).
def test_taiwanese_governments_listed_as_one_subject() -> None:
    text = "台湾の台南市・高雄市・屏東県は9日、韓国で開かれた健康都市連合の国際大会に参加した。"
    assert set(extract_event(None, text, "2026-10-09").taiwan_party) == {"臺南市", "高雄市", "屏東縣"}


def test_a_firms_reading_in_brackets_is_not_its_name() -> None:
    text = (
        "県は7日、台湾の旅行大手「雄獅旅遊（ライオントラベル）」と、冬のツアーの送客に関する覚書を交わした。"
    )
    assert extract_event(None, text, "2025-11-08").taiwan_party == ("雄獅旅遊",)


# Read on the fifty-fourth batch (our own sentences): a state whose deputy governor is met is a partner beside
# its city (副州長); a prefecture whose deputy governor only witnesses is not (副知事到場見證).
@pytest.mark.parametrize(
    ("title", "text", "partners"),
    [
        (None, "臺中市副市長今天訪問美國，會晤奧勒岡州副州長及姊妹市波特蘭市長。", ["奧勒岡州", "波特蘭"]),
        (
            "臺南與成田市締結友好城市 千葉縣副知事到場見證",
            "臺南市與日本千葉縣成田市今(24)日在市府簽署友好城市交流協定，由兩市市長共同簽署，千葉縣副知事應邀到場"
            "見證。\n市長表示，臺南市2016年與千葉縣締結友好交流協定後，和縣內各市町往來密切。",
            ["成田市"],
        ),
    ],
)
def test_a_state_or_prefecture_by_what_its_deputy_head_does(
    title: str | None, text: str, partners: list[str]
) -> None:
    assert [p.name for p in extract_event(title, text, "2025-04-24").partners] == partners


# Read on the fifty-seventh and fifty-eighth batches (our own sentences): a release's header line set apart
# by dashes or several bars is its stamp; weekdays said of what is to come or of last week; an English
# dateline in capitals is no actor; a prefecture that only places or describes one of its own towns is the
# town's address; "became a sister town of" is the pact.
@pytest.mark.parametrize(
    ("text", "published", "day"),
    [
        (
            "Mihama Town, Fukui — Town news, March 9, 2025\n\nOn March 7, Mihama Town welcomed eight pupils "
            "from Shimen District, New Taipei, for a two-day homestay.",
            "2025-03-09",
            "2025-03-07",
        ),
        (
            "Chiayi City Government | News release | 2024-02-12\n\nEighteen pupils will leave Chiayi for "
            "Nagoya on Feb. 20 for a week of homestays with families of the city's sister-school partners.",
            "2024-02-12",
            "2024-02-20",
        ),
    ],
)
def test_a_release_header_with_dashes_or_bars_is_its_stamp(text: str, published: str, day: str) -> None:
    assert extract_event(None, text, published).event_date == day


@pytest.mark.parametrize(
    ("text", "day"),
    [
        (
            "Tainan Mayor Huang will leave on Sunday for a five-day trip to Kumamoto, the city said.",
            "2024-04-28",
        ),
        ("台南市長下週三將率團訪問日本熊本縣，拜會熊本縣知事。", "2024-05-01"),
        ("台南市長上週三率團訪問日本熊本縣，拜會熊本縣知事。", "2024-04-17"),
    ],
)
def test_weekdays_to_come_and_of_last_week(text: str, day: str) -> None:
    assert extract_event(None, text, "2024-04-24").event_date == day  # a Wednesday


def test_an_english_dateline_in_capitals_is_no_actor() -> None:
    text = (
        "SAPPORO — A delegation from Ruisui Township in Hualien County visited the town of Kamishihoro on "
        "Monday to talk about hot-air balloon festivals."
    )
    assert [p.name for p in extract_event(None, text, "2024-06-11").partners] == ["上士幌町"]


@pytest.mark.parametrize(
    ("title", "text", "partner"),
    [
        (
            "Taiwanese township officials visit Hokkaido dairy town",
            "A delegation from Ruisui Township in Hualien County visited the town of Kamishihoro on Monday.",
            "上士幌町",
        ),
        (
            None,
            "Taichung on Monday signed a pact with Kumamoto City in Kumamoto Prefecture on school trips.",
            "熊本市",
        ),
        (
            None,
            "Nantou County's Puli Township yesterday became a sister town of Izumi, a city in Kagoshima "
            "Prefecture famous for its wintering cranes.",
            "出水市",
        ),
    ],
)
def test_a_prefecture_placing_its_own_town_is_its_address(title: str | None, text: str, partner: str) -> None:
    event = extract_event(title, text, "2024-06-11")
    assert [p.name for p in event.partners] == [partner]


# Read on the fifty-ninth batch (our own sentences): a pact told in a sentence that opens on its date of an
# earlier year, or signed last month (上月), or in a title after which something happens (簽MOU後), is
# history; a siting pact with a firm (進駐協定, siting agreement) is investment.
@pytest.mark.parametrize(
    ("title", "text", "kind"),
    [
        (
            "嘉義德梅因結盟50年 市府點燈",
            "嘉義市今晚點亮市府大樓，慶祝與美國姊妹市締盟屆滿50週年。\n1976年5月2日，嘉義市與美國愛荷華州"
            "德梅因市締結姊妹市，雙方在農業與教育上往來密切。",
            EventType.ANNIVERSARY,
        ),
        (
            "與熊本簽MOU後 市長要求局處提方案",
            "高雄市長今（4）日在市政會議上指出，市府上月與日本熊本市簽署交流備忘錄，要求各局處提出具體方案。",
            EventType.POLICY_STATEMENT,
        ),
        (
            None,
            "台灣光學元件廠明宏光電今天與日本大分縣、中津市簽署進駐協定，將在中津市投資興建新工廠。",
            EventType.TRADE_INVESTMENT,
        ),
    ],
)
def test_kinds_read_on_the_fifty_ninth_batch(title: str | None, text: str, kind: EventType) -> None:
    assert extract_event(title, text, "2026-05-04").event_type == kind


# Read on the fifty-seventh to sixtieth batches (our own sentences): associations named after their city are
# bodies of their own (臺中市商業會, 高雄市旅行商業同業公會); a firm's head office is its address, not a party
# (（本社・新竹県竹北市）, 台中大雅的…廠「…」, 總部位於…的…廠…); national universities and a
# county's school written with の are parties of their own; 慈濟 is a body of its own.
@pytest.mark.parametrize(
    ("text", "party"),
    [
        ("福岡商工会議所は8日、台湾南部の台南市商業会と経済交流に関する覚書を結んだ。", ["臺南市商業會"]),
        (
            "高雄市旅行商業同業公會今天與日本沖繩縣那霸市觀光協會簽署合作備忘錄，推動雙向送客。",
            ["高雄市旅行商業同業公會"],
        ),
        (
            "總部位於新竹縣竹北市的半導體材料廠晶昱材料昨天宣布，將在北海道千歲市設廠，並與千歲市長簽署立地協定。",
            ["晶昱材料"],
        ),
        (
            "樹脂部品を手がける台湾の柏承化工（本社・台中市）は5日、大分県中津市と立地協定を結んだ。",
            ["柏承化工"],
        ),
        ("台南安平的食品機械廠「永順精工」今天宣布捐款500萬元，協助石川縣七尾市災後重建。", ["永順精工"]),
        ("国立成功大学と熊本大学は15日、半導体人材の育成で学術交流協定を結んだ。", ["國立成功大學"]),
        (
            "台湾中部・彰化県の員林国民中学の野球部員ら20人が3日、西宮市を訪れ親善試合をした。",
            ["彰化縣立員林國中"],
        ),
        ("The Tzu Chi Foundation on Tuesday handed 30 million yen to the city of Wajima.", ["慈濟基金會"]),
    ],
)
def test_bodies_of_their_own_and_a_firms_address(text: str, party: list[str]) -> None:
    assert list(extract_event(None, text, "2024-02-21").taiwan_party) == party


# Read on the sixtieth batch (our own sentences): a Japanese CNA dateline without a day ((高雄中央社)) is no
# actor; a city network named in Japanese (イクレイ) and its world congress are the forum; a Japanese pact
# told in the past perfect (覚書を交わしていた) is background.
@pytest.mark.parametrize(
    ("text", "kind", "partners"),
    [
        (
            "(台南中央社)日本台湾交流協会台北事務所の代表は8日、南部・台南市の市政府を訪れ、市長と会談した。"
            "日本産食品の輸入規制などについて意見を交わした。",
            EventType.HOSTED_VISIT,
            ["日本台灣交流協會"],
        ),
        (
            "自治体の国際ネットワーク「イクレイ」の世界大会が17日に開幕し、台湾からは台中市の副市長が出席した。",
            EventType.FORUM,
            ["地方政府永續發展理事會"],
        ),
        (
            "台南市の市長は4日の市政会議で、仙台市との交流事業を年内に立ち上げるよう各局に指示した。両市は"
            "今年2月26日に、交流の範囲を広げる覚書を交わしていた。",
            EventType.POLICY_STATEMENT,
            ["仙台市"],
        ),
    ],
)
def test_kinds_read_on_the_sixtieth_batch(text: str, kind: EventType, partners: list[str]) -> None:
    event = extract_event(None, text, "2024-04-18")
    assert (event.event_type, [p.name for p in event.partners]) == (kind, partners)


# Read again on the fifty-eighth and sixtieth batches (our own sentences): Penang by its English name is the
# state; "Tokyo ward officials" is an address of the ward; a place before a passive verb does not act (a
# reception in Taipei held by the association); a food import rule (輸入) is trade, and a product named after
# a place (福島的水蜜桃…等產品) is no actor.
@pytest.mark.parametrize(
    ("title", "text", "party", "partners", "kind"),
    [
        (
            None,
            "A Taichung trade mission held business matching sessions in Penang, Malaysia, on Tuesday and "
            "met Penang Chief Minister Chow Kon Yeow to promote the city's machine tools.",
            ["臺中市"],
            ["檳城州"],
            EventType.TRADE_INVESTMENT,
        ),
        (
            "Tokyo ward officials study Tainan's temple festivals",
            "Officials from Tokyo's Taito Ward visited Tainan last week and met officials of the city's "
            "tourism bureau.",
            ["臺南市"],
            ["台東區"],
            EventType.HOSTED_VISIT,
        ),
        (
            None,
            "Minister of Foreign Affairs Lin Chia-lung (林佳龍) on Tuesday attended a reception in Taipei "
            "held by the Japan-Taiwan Exchange Association. More than 500 guests attended the reception at "
            "a Taipei hotel.",
            ["national"],
            ["日本台灣交流協會"],
            EventType.OTHER,
        ),
        (
            None,
            "食藥署今天預告修正日本輸入食品的管理措施，改為邊境抽驗。業者認為，福島的水蜜桃與日本酒等產品通關"
            "時間可望縮短。",
            ["national"],
            ["日本"],
            EventType.TRADE_INVESTMENT,
        ),
    ],
)
def test_read_again_on_the_fifty_eighth_and_sixtieth_batches(
    title: str | None, text: str, party: list[str], partners: list[str], kind: EventType
) -> None:
    event = extract_event(title, text, "2025-02-21")
    assert (list(event.taiwan_party), [p.name for p in event.partners], event.event_type) == (
        party,
        partners,
        kind,
    )


# Read on the forty-first to fifty-first batches' siting pacts (our own sentences): a prefectural paper's bare
# 県 joined with a town of its own as one subject (県、合志市と立地協定を結んだ) makes the town a partner too.
def test_a_town_beside_its_bare_prefecture() -> None:
    text = (
        "台湾の精密部品メーカー「宏晟精密」は9日、大津町に新工場を建設すると発表し、県、大津町と立地協定を"
        "結んだ。県庁で木村敬知事と町長、同社の董事長が協定書に署名した。"
    )
    event = extract_event(None, text, "2025-06-10", "https://kumanichi.com/economy/1")
    assert {p.name for p in event.partners} == {"熊本縣", "大津町"}


# Read on the sixty-first batch (our own sentences): a prefecture written right before one of its own towns is
# the town's address (愛媛縣今治市), unless towns are listed each with its prefecture; facts: Irpin (伊爾平),
# Singkawang (山口洋市) and Cittaslow (國際慢城聯盟).
@pytest.mark.parametrize(
    ("text", "partners"),
    [
        (
            "日本愛媛縣今治市長率團訪台，今天在台南市政府與市長共同簽署友好交流協定。訪團共18人，包括今治市議會"
            "議長及愛媛縣觀光團體代表。",
            ["今治市"],
        ),
        ("新北市今天宣布捐贈發電機給烏克蘭伊爾平市，協助當地度過冬季。", ["伊爾平"]),
        ("苗栗縣長今天與印尼山口洋市長簽署友好交流備忘錄。", ["山口洋市"]),
        ("花蓮縣鳳林鎮長今天出席在義大利舉行的國際慢城聯盟年度會員大會。", ["國際慢城聯盟"]),
    ],
)
def test_read_on_the_sixty_first_batch(text: str, partners: list[str]) -> None:
    assert [p.name for p in extract_event(None, text, "2025-05-26").partners] == partners


# Read on the sixty-second and sixty-third batches (our own sentences): talks by video link or over Zoom are a
# video call, but a pact signed by video link is the pact; a symposium is a forum; a memorandum on exports
# with an importer (輸出拡大に関する覚書) is trade; a foreign host not named before the verb (Lacuna welcomes
# Taipei delegation) is read from the guests; Jackson named by its city hall.
@pytest.mark.parametrize(
    ("title", "text", "kind"),
    [
        (
            None,
            "Lord Mayor Adrian Schrinner held talks by video link with Kaohsiung Mayor Chen Chi-mai on "
            "Thursday.",
            EventType.VIDEO_CALL,
        ),
        (
            None,
            "Taichung Mayor Lu Shiow-yen and Cupertino Mayor Hung Wei talked over Zoom last Thursday.",
            EventType.VIDEO_CALL,
        ),
        (
            "Tainan, Kanazawa sign accord by video link",
            "Tainan Mayor Huang Wei-che and Kanazawa Mayor Yukiyoshi Murayama yesterday signed a tourism "
            "agreement via video link.",
            EventType.AGREEMENT,
        ),
        (
            "台湾・台東県で防災シンポジウム",
            "台東県で30日、防災をテーマにしたシンポジウムが開かれ、宮城県の職員が震災の教訓を紹介しました。",
            EventType.FORUM,
        ),
        (
            None,
            "県は8日、台湾の食品輸入商社「昇海貿易」と、県産の和牛の輸出拡大に関する覚書を結んだ。",
            EventType.TRADE_INVESTMENT,
        ),
        (
            "Lacuna welcomes Taichung delegation",
            "Manila Mayor Honey Lacuna on Thursday met a delegation from Taichung led by its deputy mayor.",
            EventType.VISIT_ABROAD,
        ),
    ],
)
def test_kinds_read_on_the_sixty_second_and_sixty_third_batches(
    title: str | None, text: str, kind: EventType
) -> None:
    assert extract_event(title, text, "2023-05-12").event_type == kind


def test_jackson_by_its_city_hall() -> None:
    text = (
        "A delegation from Chiayi City was at Jackson City Hall on Tuesday to mark 40 years as sister cities."
    )
    assert [p.name for p in extract_event(None, text, "2023-05-17").partners] == ["傑克森"]


def test_both_ends_of_a_route_are_no_actors() -> None:
    # read on the sixty-second batch (our own sentence): 那覇と台湾各地を結ぶ航空路線
    text = (
        "県議会の「沖縄・台湾友好議員連盟」の議員ら9人が2日に訪台し、立法院長と会談した。会長は那覇と台湾"
        "各地を結ぶ航空路線の拡充を提案した。"
    )
    event = extract_event(None, text, "2024-10-04", "https://ryukyushimpo.jp/news/entry-1.html")
    assert [p.name for p in event.partners] == ["沖繩縣"]


# Read on the sixty-third batch (our own sentences): an English county magistrate or commissioner makes the
# county act (beside a firm the title names), unless the magistrate only witnesses.
@pytest.mark.parametrize(
    ("title", "text", "party"),
    [
        (
            "Ozu, home of TSMC suppliers, forms friendship tie with Hsinchu County",
            "The town of Ozu signed a friendship agreement on Saturday with Hsinchu County. Ozu Mayor "
            "Hiroshi Honda and Hsinchu County Magistrate Yang Wen-ke signed the agreement at the town hall.",
            ["新竹縣"],
        ),
        (
            None,
            "Yuchi Township signed a friendship agreement with Hakone on Tuesday, with Nantou County "
            "Magistrate Hsu Shu-hua attending as a witness.",
            ["南投縣魚池鄉"],
        ),
    ],
)
def test_a_county_magistrate_in_english(title: str | None, text: str, party: list[str]) -> None:
    assert list(extract_event(title, text, "2025-04-15").taiwan_party) == party


# Read on the sixty-sixth batch (our own sentences): a sister city's own paper that names its city only as
# "the city" or "Lord Mayor": the tied place its dateline or its web address names.
@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "The City Council on Tuesday adopted a resolution reaffirming the city's sister-city "
            "relationship with Taichung, Taiwan.",
            "https://www.tacomanewsdaily.example/council/1",
        ),
        (
            "TACOMA, Wash. — The City Council on Tuesday adopted a resolution reaffirming the city's "
            "sister-city relationship with Taichung, Taiwan.",
            None,
        ),
    ],
)
def test_a_sister_city_s_own_paper(text: str, source: str | None) -> None:
    event = extract_event(None, text, "2021-06-17", source)
    assert (list(event.taiwan_party), [p.name for p in event.partners]) == (["臺中市"], ["塔科馬"])


# Read on the sixty-fifth batch (our own sentences): a head who only sends a message (祝電, ビデオメッセージ)
# takes no part; the branch office written after its address (札幌市中央区の分処) is not the place.
@pytest.mark.parametrize(
    ("text", "partners"),
    [
        (
            "台南市の代表団は22日、仙台市で開かれた交流20周年の記念式典に出席した。宮城県の村井嘉浩知事は"
            "ビデオメッセージを寄せた。",
            ["仙台市"],
        ),
        (
            "白老町は23日、花蓮県秀林郷に贈る義援金を台北駐日経済文化代表処札幌分処に託した。札幌市中央区の分処で"
            "町長から目録を受け取った分処長は謝意を述べた。",
            ["白老町"],
        ),
    ],
)
def test_read_on_the_sixty_fifth_batch(text: str, partners: list[str]) -> None:
    assert [p.name for p in extract_event(None, text, "2024-04-24").partners] == partners


# Read on the sixty-seventh to seventy-first batches (our own sentences): a tie's years between a pact
# word and 友誼 are no signing (締盟3週年 … 友誼), nor is a pact signed before what the title reports
# (簽MOU後首訪).
@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("玉里鎮與上士幌町締盟3週年 牛奶串起友誼", EventType.ANNIVERSARY),
        ("竹市府簽MOU後首訪宇都宮 推動科技與觀光交流", EventType.VISIT_ABROAD),
    ],
)
def test_a_tie_s_years_and_a_pact_before_the_news(title: str, kind: EventType) -> None:
    text = "訪問團一行8人今天抵達，雙方互贈紀念品並交換意見。"
    assert extract_event(title, text, "2025-05-02").event_type == kind


# Dates read on the same batches: an office's header line and its date are the release's stamp; the day a
# source speaks is not the event's when its sentence dates the event with 於; last and next month's days.
@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        (
            "屏東縣政府新聞處　114年5月9日\n\n宮古島市長一行10人8日抵達屏東，縣長周春米當天下午設宴歡迎。",
            "2025-05-09",
            "2025-05-08",
        ),
        (
            "新竹市政府今天表示，市府2名工程師已於昨天起派駐宇都宮市，學習輕軌營運。",
            "2025-06-04",
            "2025-06-03",
        ),
        (
            "嘉義縣政府今天宣布，縣長將於下月12日率團訪問岡山市，簽署觀光交流備忘錄。",
            "2024-10-08",
            "2024-11-12",
        ),
        ("外交部今(18)日表示，日本參議院17日通過決議支持台灣，外交部表達感謝。", "2026-03-18", "2026-03-18"),
        ("市府今（15）日宣布，宇部市長將率團來訪，20日在市府簽署友好協定。", "2025-10-15", "2025-10-20"),
        ("對台窗口機構今天宣布，將自2027年1月1日起更名，外交部表示歡迎。", "2026-12-28", "2026-12-28"),
        ("盧秀燕昨晚與聖地牙哥市長視訊，談無人機產業合作。", "2024-09-26", "2024-09-25"),
        ("縣長本月3日率團前往大阪推廣農產，拜會知事。", "2025-11-05", "2025-11-03"),
        ("市府秘書長5日專程前往金澤，將捐款目錄交給知事。", "2024-02-06", "2024-02-05"),
    ],
)
def test_read_the_event_s_own_day(text: str, published: str, expected: str) -> None:
    assert str(extract_event(None, text, published).event_date) == expected


# English titles in the base form (council members visit ...): the visit's direction, as for "visits".
@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Taichung council members visit Sacramento City Hall", EventType.VISIT_ABROAD),
        ("Pierce County Council members visit sister county Kaohsiung", EventType.HOSTED_VISIT),
    ],
)
def test_a_visit_in_the_base_form(title: str, kind: EventType) -> None:
    assert extract_event(title, "The delegation met the mayor on Wednesday.", "2024-04-18").event_type == kind


# Read on the seventieth batch (our own sentences): Taiwan's office in any foreign city, in English, is the
# national government and not the city; escorting, it takes no part (a guard beside the new name).
def test_taiwan_s_office_in_a_us_city() -> None:
    event = extract_event(
        "Iowa, Taiwan sign deal on teacher exchange",
        "The Iowa Department of Education and the Taipei Economic and Cultural Office in Chicago signed a "
        "memorandum on Thursday that will bring teachers from Taiwan to Iowa schools.",
        "2024-05-10",
    )
    assert (list(event.taiwan_party), [p.name for p in event.partners]) == (["national"], ["愛荷華州"])


def test_an_office_that_escorts_takes_no_part() -> None:
    event = extract_event(
        "Tainan mayor visits Cebu",
        "Tainan Mayor Huang Wei-che met Cebu Governor Pamela Baricuatro on Monday, accompanied by officials "
        "of the Taipei Economic and Cultural Office in the Philippines.",
        "2025-10-07",
    )
    assert list(event.taiwan_party) == ["臺南市"]


# Read on the seventieth batch: two Taiwanese governments joined by "and" or a comma in English are one
# subject, both parties (as と, 與 and 、 join them).
def test_two_parties_joined_in_english() -> None:
    event = extract_event(
        "Taichung, Changhua honored at healthy cities conference",
        "Taichung and Changhua won awards at the Alliance for Healthy Cities' global conference on Tuesday.",
        "2024-10-31",
    )
    assert list(event.taiwan_party) == ["臺中市", "彰化縣"]


# Read on the sixty-seventh and sixty-eighth batches: a county-administered city's head named alone (鄭朝方,
# 魏嘉彥; gazetteer facts, by term of office) stands for the city, beside the county's head.
def test_a_county_administered_city_s_head_by_name() -> None:
    event = extract_event(
        "菊陽町議員訪竹縣 楊文科、鄭朝方接力接待",
        "熊本縣菊陽町議會考察團一行8人今天抵達新竹，縣長楊文科在縣府接見，下午再由鄭朝方帶領參觀。",
        "2024-11-05",
    )
    assert list(event.taiwan_party) == ["新竹縣", "新竹縣竹北市"]


# Read on the seventy-third batch: a sister city's own paper names its home only in its web address, and
# the tie is one our sources know by its English name alone (Taichung and Winnipeg); a county-administered
# city's ties are looked up by its own name (花蓮縣花蓮市 as 花蓮市).
@pytest.mark.parametrize(
    ("text", "source", "partner"),
    [
        (
            "A planner from Taichung, Taiwan, is spending three months at City Hall, the council heard on "
            "Tuesday.",
            "https://www.winnipegfreepress.com.example/local/2024/04/17/taichung-planner/",
            "溫尼伯",
        ),
        (
            "The Deputy Mayor led a city delegation to Hualien City on Monday, where Mayor Wei Chia-yen "
            "welcomed the group.",
            "https://www.city.kushiro.lg.jp.example/english/news/2024/hualien-visit.html",
            "釧路市",
        ),
    ],
)
def test_a_sister_city_named_only_by_its_address(text: str, source: str, partner: str) -> None:
    event = extract_event(None, text, "2024-04-17", source)
    assert [p.name for p in event.partners] == [partner]


# Read on the seventy-third batch: an English reception whose host is unnamed reads the guests a few words on
# ("welcomes councillors from sister city Kaohsiung": the Taiwanese side travelled).
def test_guests_named_a_few_words_after_the_welcome() -> None:
    event = extract_event(
        "Lord Mayor welcomes councillors from sister city Kaohsiung",
        "The Lord Mayor today welcomed a 14-member delegation to City Hall.",
        "2024-08-22",
    )
    assert event.event_type == EventType.VISIT_ABROAD


# Read on the seventy-second batch: a Japanese town's staff sent to work in Taiwan (職員を…派遣): a posting.
def test_staff_sent_to_work_there_in_japanese() -> None:
    event = extract_event(
        "町職員を台湾・鹿谷郷へ派遣します",
        "玉川村は2月3日から、村職員1人を友好都市の台湾・南投県鹿谷郷に派遣します。郷公所で観光の実務を学びます。"
        "台湾の学生訪問団の受け入れも担当します。",
        "2025-02-01",
    )
    assert event.event_type == EventType.OTHER


# Read on the eighty-second batch: a government head answering at a press conference is a statement; a
# firm's boss speaking at its investment's press conference is not.
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "臺南市長黃偉哲今（2）日在市府記者會回應媒體提問時表示，明年將與日本更多地方政府締結友好關係，"
            "臺南已與多個日本縣市簽有協定。",
            EventType.POLICY_STATEMENT,
        ),
        (
            "高市府經發局今天宣布，日本精密零件廠將投資新台幣30億元在楠梓設廠。該公司社長在記者會上表示，"
            "選擇高雄是自然而然的決定。",
            EventType.TRADE_INVESTMENT,
        ),
    ],
)
def test_a_press_conference(text: str, kind: EventType) -> None:
    assert extract_event(None, text, "2025-12-02").event_type == kind


# Read on the eightieth batch: another place's mayor by his surname (福岡市の高島市長) is no town 高島市.
def test_a_mayor_by_surname_after_his_city() -> None:
    event = extract_event(
        "台湾の福岡弁事処長、市長にあいさつ",
        "台北駐福岡経済文化弁事処の処長が15日、市役所を訪れ、福岡市の高島市長にあいさつしました。",
        "2025-04-16",
    )
    assert "高島市" not in [p.name for p in event.partners]


# Read on the eighty-first batch: an exchange planned at a meeting (meet to plan a youth baseball series) is
# the meeting's topic, not the exchange.
def test_an_exchange_planned_at_a_meeting() -> None:
    event = extract_event(
        "Tainan mayor and Shizuoka governor meet in Tokyo to plan youth baseball series",
        "Tainan Mayor Huang Wei-che and the Shizuoka governor met in Tokyo on Tuesday.",
        "2024-05-29",
    )
    assert event.event_type == EventType.VISIT_ABROAD


# Event types read on the sixty-seventh to eighty-third batches (our own sentences; each group's comment
# says which batch and kind).
@pytest.mark.parametrize(
    ("title", "text", "published", "kind"),
    [
        # Types read on the sixty-seventh and sixty-eighth batches (our own sentences): a city network's own
        # meeting is a forum; a council's motion urging a pact, a call planning a tie's anniversary and a
        # visit half a year after the pact are not the pact or the anniversary.
        (
            "ICLEI東南亞會議檳城登場 臺南副市長分享低碳運輸",
            "臺南市副市長今天在會中發表專題演講，介紹公車電動化進度。",
            "2025-05-03",
            EventType.FORUM,
        ),
        (
            "議會通過臨時提案 促南市府與鳥取縣締結友好",
            "臺南市議會新聞稿（114.05.03）\n\n本會今（3）日大會通過12位議員連署的臨時提案，建請市政府積極與"
            "日本鳥取縣洽談締結友好交流關係。\n\n提案指出，鳥取縣以砂丘與梨聞名；臺南已與多個日本縣市簽署友好"
            "或合作協定，但與鳥取縣尚未建立正式關係。",
            "2025-05-03",
            EventType.POLICY_STATEMENT,
        ),
        (
            "鹿谷鄉與玉川村視訊 敲定9月互訪慶締盟36年",
            "【記者王小明／南投報導】南投縣鹿谷鄉與日本福島縣玉川村昨（2）日下午透過視訊會議連線，鄉長與村長"
            "討論今年的交流計畫，雙方敲定9月由鹿谷鄉組團赴玉川村，參加締盟36週年紀念活動。",
            "2025-05-03",
            EventType.VIDEO_CALL,
        ),
        (
            "宇土市訪問團來訪 締盟半年再相聚",
            "宇土市長今天率團抵達臺南，市長黃偉哲在市府接待。",
            "2025-05-03",
            EventType.HOSTED_VISIT,
        ),
        # Read on the sixty-seventh and seventy-first batches (our own sentences): a Chinese text that names a
        # town in kana is still Chinese (its pact of an ROC year is history); a siting 協議 is trade; a pact
        # only expected (可望簽) is not signed; staff sent to train there for months is a posting.
        (
            "日本みなかみ町贈150冊繪本 安南區閱讀角添日文書",
            "（中央社記者王小明台南5日電）日本群馬縣みなかみ町訪問團今天在安南區公所把150冊日文繪本交給區長。"
            "\n\n區公所表示，安南與みなかみ町在民國112年締結友好城市，當時雙方約定從兒童閱讀開始交流。",
            "2024-12-05",
            EventType.DONATION,
        ),
        (
            "大分精密零件廠落腳臺南 與市府簽進駐協議",
            "大分縣精密零件廠今天與臺南市政府簽署進駐協議，將在柳營科技工業區設廠。",
            "2024-12-05",
            EventType.TRADE_INVESTMENT,
        ),
        (
            "斯洛伐克訪問團拜會竹市府 年底前可望簽備忘錄",
            "斯洛伐克布拉提斯拉瓦訪問團今天拜會新竹市政府，雙方同意交流，年底前可望簽署合作備忘錄。",
            "2024-12-05",
            EventType.HOSTED_VISIT,
        ),
        (
            "本所首度派員赴姊妹町役場研習 為期3個月",
            "壽豐鄉公所今(6)日舉行授證，2名職員明天啟程前往厚澤部町役場，學習觀光行銷。",
            "2024-12-05",
            EventType.OTHER,
        ),
        # Read on the seventy-fourth and seventy-seventh batches (our own sentences): an export or sales
        # memorandum is trade; "seal a pact" signs it.
        (
            "嘉義縣與日本青果商簽署鳳梨外銷備忘錄",
            "嘉義縣政府今天與東京一家青果商簽署鳳梨外銷備忘錄，明年起每年輸日500公噸。",
            "2025-05-03",
            EventType.TRADE_INVESTMENT,
        ),
        (
            "Tainan, Nikko seal friendship pact",
            "Tainan Mayor Huang Wei-che and Nikko Mayor Shoichi Kogawa sealed a friendship pact on Monday.",
            "2025-05-03",
            EventType.AGREEMENT,
        ),
        # Read on the eighty-second and eighty-third batches (our own sentences): a produce sales mission is
        # trade; staff sent to train for months is a posting; a council's resolution in Japanese is a
        # statement.
        (
            "彰化農產行銷團前進福岡 葡萄、芭樂上架超市",
            "彰化縣農產行銷團今天抵達福岡，拜會福岡縣政府，並在超市舉辦展售。",
            "2025-05-31",
            EventType.TRADE_INVESTMENT,
        ),
        (
            "南市2名職員赴仙台市役所研習半年",
            "臺南市政府2名職員今天啟程前往仙台市役所，學習防災與觀光行政。",
            "2025-05-31",
            EventType.OTHER,
        ),
        (
            "台湾・花蓮県議会、与那国町との交流拡大促す決議",
            "台湾東部の花蓮県議会は31日、与那国町との交流拡大を促す決議を可決した。",
            "2025-05-31",
            EventType.POLICY_STATEMENT,
        ),
    ],
)
def test_types_read_in_session_10(title: str, text: str, published: str, kind: EventType) -> None:
    assert extract_event(title, text, published).event_type == kind


# Taiwanese parties read on the sixty-seventh to eighty-third batches (our own sentences).
@pytest.mark.parametrize(
    ("title", "text", "published", "party"),
    [
        # Parties read on the sixty-seventh batch: a township's council (鄉民代表會) is the township's, and a
        # county head who only hosts a dinner for the guests takes no part.
        (
            "壽豐鄉民代表會通過臨時動議 促鄉公所與厚澤部町推動學生互訪",
            "本會今日審議臨時動議，建議鄉公所與厚澤部町協商學生交流，並結合花蓮縣政府國際交流補助。",
            "2025-05-03",
            ["花蓮縣壽豐鄉"],
        ),
        (
            "宇土市訪問團來訪池上 交流稻米品牌",
            "日本熊本縣宇土市考察團一行8人1日來到臺東縣池上鄉，由池上鄉長在鄉公所接待，雙方交流稻米品牌經驗。"
            "\n\n臺東縣長饒慶鈴晚間在池上設宴款待訪問團，席間以釋迦招待日本客人。",
            "2025-05-03",
            ["臺東縣池上鄉"],
        ),
        # Read on the seventy-second batch (our own sentences): Taiwan's office that passes a gift on to a
        # township the text names is a go-between (the township is the party); a township named once, then by
        # its head alone (鎮長は…), acts, unless its head only goes along.
        (
            "浦河町、新城郷に見舞金　札幌分処に託す",
            "浦河町は11日、台湾東部の地震で被害を受けた友好交流先の花蓮県新城郷に見舞金50万円を贈った。"
            "副町長が台北駐日経済文化代表処札幌分処を訪れ、処長に見舞金を託した。見舞金は分処を通じて郷へ届けられる。",
            "2025-10-28",
            ["花蓮縣新城鄉"],
        ),
        (
            "恒春鎮と友好10年　町長ら現地で記念式典",
            "宮古島市と台湾・屏東県恒春鎮の友好締結10周年を祝う式典が25日、恒春鎮で開かれた。"
            "式典で鎮長は「次の10年も交流を続けたい」と述べた。一行は翌日、屏東県政府を訪れた。",
            "2025-10-28",
            ["屏東縣恆春鎮"],
        ),
        # ...and Taiwan's office whose staff hand over a county's gift, or whose head only goes along, takes
        # no part.
        (
            "台湾・嘉義県から見舞金　豪雨被害の竹田市に",
            "台湾・嘉義県から竹田市に見舞金50万円が贈られた。27日、台北駐福岡経済文化弁事処の担当者が市役所を"
            "訪れ、市長に目録を手渡した。",
            "2025-07-28",
            ["嘉義縣"],
        ),
        (
            "台湾・屏東県の県長ら知事表敬　マンゴー縁に観光交流を",
            "台湾南部・屏東県の訪問団が7日、県庁を訪れ、河野俊嗣知事と懇談した。"
            "台北駐福岡経済文化弁事処の処長が同行した。",
            "2025-07-28",
            ["屏東縣"],
        ),
    ],
)
def test_parties_read_in_session_10(title: str, text: str, published: str, party: list[str]) -> None:
    assert list(extract_event(title, text, published).taiwan_party) == party


# Partners read on the seventy-second and seventy-eighth batches (our own sentences).
@pytest.mark.parametrize(
    ("title", "text", "published", "partners"),
    [
        # Read on the seventy-second batch (our own sentences): a guide made together
        # (ガイド冊子を共同で作った) is a publication with the town as partner; a body that brought the two
        # sides together (交流協会の仲介で, 引き合わせたのは…) is a go-between, not the partner.
        (
            "綾町と台湾・三星郷、共同で観光ガイド冊子",
            "【綾】綾町と友好交流を結ぶ台湾・宜蘭県三星郷が、双方の観光地を紹介するガイド冊子を共同で作った。",
            "2026-01-27",
            ["綾町"],
        ),
        (
            "土佐清水市の防災、台湾の海辺の郷へ",
            "土佐清水市の職員ら3人が26日から台湾・花蓮県豊浜郷を訪れ、防災の取り組みを紹介している。"
            "日本台湾交流協会の仲介で実現した。",
            "2026-01-27",
            ["土佐清水市"],
        ),
        # Read on the seventy-eighth batch (our own sentences): a governor kept away who sends a telegram or a
        # recorded video (因公無法出席，致送賀電) takes no part, and the city of the same name stays the
        # partner; two heads joined (鎮長與町長) name no town 長與町.
        (
            "黃偉哲訪山形 與佐藤孝弘談櫻桃與芒果",
            "台南市長黃偉哲9日抵達山形市，拜會山形市長佐藤孝弘。山形縣知事吉村美榮子因議會會期無法出席，"
            "致送賀電歡迎訪團，由市役所人員代為宣讀。",
            "2024-10-14",
            ["山形市"],
        ),
        (
            "虎尾鎮長率團赴大間町 慶祝締盟45週年",
            "雲林縣虎尾鎮長率團前往青森縣大間町，12日出席締盟45週年紀念典禮，鎮長與町長共同揭幕紀念碑。",
            "2024-10-14",
            ["大間町"],
        ),
    ],
)
def test_partners_read_in_session_10(title: str, text: str, published: str, partners: list[str]) -> None:
    assert [p.name for p in extract_event(title, text, published).partners] == partners


# Bodies as parties, read on the seventy-fourth batch and earlier ones (our own sentences): a farmers' or
# fishermen's association named by its township's stem is named in full with its county (as the conventions
# say), in the fullest form the item writes, and a bare 農會 later refers back to it; universities, hospitals
# and banks are bodies of their own, a university's own page calls it 本校, and a Japanese national
# university (日本國立…大學) is not Taiwan's; the Legislative Yuan's speaker in English is national (read on
# the ninety-third batch).
@pytest.mark.parametrize(
    ("title", "text", "source", "party"),
    [
        (
            "秋田JA參訪團來取經 西螺農會展示稻米烘乾",
            "日本秋田縣農協參訪團一行12人昨天來到雲林縣西螺鎮農會，由總幹事導覽稻米烘乾中心。"
            "西螺鎮位於濁水溪畔，雲林縣政府近年推動稻米外銷，西螺鎮公所也協助稻農轉作。",
            None,
            ["雲林縣西螺鎮農會"],
        ),
        (
            "東港區漁會與銚子漁協締結友好 黑鮪魚串起兩港",
            "東港區漁會今天與日本千葉縣銚子市漁業協同組合締結友好協定，屏東縣長到場致詞。",
            None,
            ["屏東縣東港區漁會"],
        ),
        (
            "大湖農會赴靜岡 參訪草莓觀光農園",
            "苗栗縣大湖地區農會組團前往日本靜岡縣，參訪當地草莓觀光農園與直售所。",
            None,
            ["苗栗縣大湖地區農會"],
        ),
        (
            "沖繩漁協來訪 交流鬼頭刀延繩釣",
            "日本沖繩縣漁協一行8人今天抵達澎湖，由澎湖區漁會接待，在漁會會議室座談。"
            "澎湖縣近年推動觀光漁業，澎湖的鬼頭刀產量居全台之冠，澎湖的漁民也盼與沖繩交流。",
            None,
            ["澎湖區漁會"],
        ),
        (
            "屏科大與日本國立宮崎大學簽約 合作研究熱帶果樹",
            "國立屏東科技大學今天與日本國立宮崎大學簽署學術合作協議，雙方將互派研究生。",
            None,
            ["國立屏東科技大學"],
        ),
        (
            "北海道大學學生來校研習",
            "日本北海道大學水產學部學生10人今天抵達本校，展開兩週的海洋研習。",
            "https://www.ntou.edu.tw/news/2025/08/hokudai",
            ["國立臺灣海洋大學"],
        ),
        (
            "高雄銀行與日本山口銀行簽署合作備忘錄",
            "高雄銀行今天與日本山口銀行簽署業務合作備忘錄，高雄銀行總經理表示，將協助赴日投資的客戶。"
            "高雄銀行在高雄總行舉行簽約，高雄市政府財政局也樂見其成，高雄銀行未來也將拓展日本業務。",
            None,
            ["高雄銀行"],
        ),
        (
            "Su'ao fishers visit Yonaguni",
            "The Su'ao Fishermen's Association sent 12 members to Yonaguni on Monday to talk about rescue "
            "at sea with the island's fisheries cooperative.",
            None,
            ["宜蘭縣蘇澳區漁會"],
        ),
        (
            "台湾・高樹郷の農会とバナナ契約",
            "関西の青果卸が台湾・屏東県高樹郷の農会とバナナの輸入契約を結んだ。",
            None,
            ["屏東縣高樹鄉農會"],
        ),
        (
            "新港區漁會接待八重山漁協",
            "位於臺東縣成功鎮的新港區漁會今天接待日本八重山漁協訪問團，雙方交流旗魚鏢刺漁法。",
            None,
            ["新港區漁會"],
        ),
        (
            "帯広の大学と台湾・嘉義大が協定",
            "帯広市の大学と台湾・嘉義大は10日、学生交流の協定を結んだ。",
            None,
            ["國立嘉義大學"],
        ),
        (
            "沖縄の病院と台湾・奇美医院が協定",
            "沖縄県の病院と台湾の奇美医院が11日、救急医療の交流協定を結んだ。",
            None,
            ["奇美醫院"],
        ),
        (
            "NSYSU signs offshore wind pact with Kobe University",
            "NSYSU in Kaohsiung signed an offshore wind research pact with Kobe University on Thursday.",
            None,
            ["國立中山大學"],
        ),
        (
            None,
            "Taiwan's legislative speaker led 12 lawmakers to Tokyo on Monday for talks with Diet members.",
            None,
            ["national"],
        ),
        (
            "台北の女子高生、松山で交流",
            "台湾の台北市立第一女子高級中学の生徒20人が松山市の高校を訪れ、合同授業に参加した。",
            None,
            ["臺北市立北一女中"],
        ),
    ],
)
def test_parties_read_in_session_11(
    title: str | None, text: str, source: str | None, party: list[str]
) -> None:
    assert list(extract_event(title, text, "2025-08-05", source).taiwan_party) == party


def test_a_listed_school_past_the_lead_is_no_party() -> None:
    text = (
        "日本群馬縣高中生訪問團一行30人昨天抵達台中，由台中市長接見，市長致詞歡迎訪問團來台交流，"
        "並介紹台中的城市建設與觀光景點，訪問團隨後參觀市府大樓與市議會，了解市政運作，"
        "晚間由市府教育局設宴款待全體師生。今天起訪問團將分組前往台中一中上課交流。"
    )
    assert list(extract_event("群馬高中生訪台中", text, "2025-08-05").taiwan_party) == ["臺中市"]


# Read on the eighty-sixth batch (our own sentences): a state's chief minister (首席部長) and a province's
# education office (教育廳) make their government act; the day a fire struck a landmark is not the event's.
@pytest.mark.parametrize(
    ("text", "partners"),
    [
        ("馬來西亞檳城州首席部長今天率團拜會高雄市政府，雙方談及過去與喬治市的合作。", ["檳城州"]),
        ("韓國京畿道教育廳與新北市教育局今天簽署教育交流備忘錄，水原市的高中也將參與。", ["京畿道"]),
    ],
)
def test_governments_acting_through_a_chief_minister_or_an_office(text: str, partners: list[str]) -> None:
    assert [p.name for p in extract_event(None, text, "2025-04-10").partners] == partners


# Dates read on the eighty-sixth, ninetieth and ninety-first to ninety-third batches (our own sentences): the
# day a fire struck a landmark is not the event's; a foreign dispatch's 今天 is its dateline's day, a day
# before the item is published at home; a release's 報道資料 or "Release date:" line is its stamp.
@pytest.mark.parametrize(
    ("text", "published", "day"),
    [
        (
            "（中央社記者台南7日電）那霸的首里城10月31日遭大火焚毀，台南市長今天宣布捐款協助沖繩縣重建。",
            "2019-11-07",
            "2019-11-07",
        ),
        (
            "（中央社記者林明布里斯本8日專電）亞太城市高峰會今天在布里斯本開幕，桃園市長率團出席並發表演說。",
            "2019-07-09",
            "2019-07-08",
        ),
        (
            "報道資料　2019年11月8日　鶴岡市　国際交流課\n"
            "市長を団長とする訪問団は、11月5日に台湾の高雄市役所を訪れた。",
            "2019-11-08",
            "2019-11-05",
        ),
        (
            "Release date: 2023/05/17\nThe minister met on May 16 with a delegation from the Arizona "
            "Commerce Authority in Taipei.",
            "2023-05-17",
            "2023-05-16",
        ),
    ],
)
def test_dates_read_in_session_11(text: str, published: str, day: str) -> None:
    assert extract_event(None, text, published).event_date == day


# Read on the ninetieth batch (our own sentences): a pact signed in a past year told in a clause
# (於96年簽署的), its years since (簽約至今), or its end (終止…姊妹市) is no signing.
@pytest.mark.parametrize(
    "text",
    [
        "根據本市與高松市於96年簽署的友好交流協定，市府今年選派3名公務員前往高松市役所研習，自5月1日起為期半年。",
        "縣議會昨天通過臨時動議，要求縣府活化與日本靜岡縣的交流，雙方簽約至今已快6年，協定內容卻少有落實。",
        "捷克布拉格市議會日前通過終止與北京的姊妹市協議，台北市長今天表示歡迎與布拉格交流。",
    ],
)
def test_a_pact_of_the_past_or_ended_is_no_signing(text: str) -> None:
    assert extract_event(None, text, "2019-10-09").event_type != EventType.AGREEMENT


# Read on the eighty-ninth and ninety-first batches (our own sentences): a tie's anniversary ceremony
# (姊妹市40週年紀念儀式) is no signing; a produce matchmaking fair (商機媒合會) is trade; a council's motion
# asking for a pact (通過提案 促縣府與…締盟) is a statement; a medal presented (頒贈…獎章) is an occasion.
@pytest.mark.parametrize(
    ("title", "text", "kind"),
    [
        (
            "桃園與奧克拉荷馬市長線上同慶",
            "（中央社記者王明桃園10日電）桃園市與奧克拉荷馬市今年結盟屆滿40年，受疫情影響無法互訪。"
            "桃園市長今天上午在市府透過視訊與奧克拉荷馬市長共同出席姊妹市40週年紀念儀式，並一同點燈。",
            EventType.ANNIVERSARY,
        ),
        (
            "嘉義縣經貿團赴曼谷",
            "嘉義縣長率經貿訪問團前往泰國，昨（9）日在曼谷舉辦嘉義農產品商機媒合會，與當地通路商洽談。",
            EventType.TRADE_INVESTMENT,
        ),
        (
            "市議會通過提案 促市府與石垣市締盟",
            "市議會今天在定期會通過議員提案，建請市府積極與日本沖繩縣石垣市洽談締結友好城市。",
            EventType.POLICY_STATEMENT,
        ),
        (
            None,
            "外交部長今天在外交部頒贈「外交之友貢獻獎章」予日本台灣交流協會副代表，感謝他長年促進台日交流。",
            EventType.OTHER,
        ),
    ],
)
def test_types_read_in_session_11(title: str | None, text: str, kind: EventType) -> None:
    assert extract_event(title, text, "2025-04-10").event_type == kind


# Read in session 12 on the working batches (our own sentences): a memorandum whose content is selling or
# buying (貿易合作備忘錄, 輸出合作備忘錄, an export agreement, 購入に関する覚書) is trade, not a pact;
# a Taiwanese office head's call on taking up the post (着任あいさつ, 先月着任した処長が県庁を訪れ) is the
# call. English: a video meeting is a call; an association's general assembly and a network's regional
# meeting are forums; a city administration meeting is a statement; "to mark exactly 20 years since" an
# anniversary; an envoy appointed (has chosen X as its new top representative) is a posting.
@pytest.mark.parametrize(
    ("title", "text", "kind"),
    [
        (
            "嘉義縣與新潟縣簽農產品貿易合作備忘錄",
            "嘉義縣長今天在縣府與日本新潟縣農林水產部長簽署農產品貿易合作備忘錄，雙方將互推對方的稻米與水果。",
            EventType.TRADE_INVESTMENT,
        ),
        (
            None,
            "The Meinong District Farmers' Association in Kaohsiung signed an export agreement with a "
            "Japanese supermarket chain on Monday to sell its rice in 80 stores in Osaka.",
            EventType.TRADE_INVESTMENT,
        ),
        (
            "台湾の製菓大手、JAおおいたと覚書",
            "台湾の製菓大手は15日、JAおおいたとカボスの購入に関する覚書を大分市で結んだ。年間10トンを買い取る。",
            EventType.TRADE_INVESTMENT,
        ),
        (
            "台湾の横浜分処長、知事に着任あいさつ",
            "台北駐日経済文化代表処横浜分処の新しい処長が10日、神奈川県庁を訪れ、知事に着任のあいさつをした。",
            EventType.VISIT_ABROAD,
        ),
        (
            None,
            "先月着任した台北駐大阪経済文化弁事処の処長が9日、和歌山県庁を訪れ、知事と観光や防災で意見を交わした。",
            EventType.VISIT_ABROAD,
        ),
        (
            None,
            "Yilan County Magistrate Lin Tzu-miao held a video meeting on Tuesday with the mayor of Ishigaki "
            "to talk about a ferry link and school trips.",
            EventType.VIDEO_CALL,
        ),
        (
            None,
            "Hsinchu Deputy Mayor Chiu Chen-yuan told the general assembly of the Global Science Parks "
            "Association in Daejeon last week that science cities must keep young engineers.",
            EventType.FORUM,
        ),
        (
            None,
            "Yilan's Dongshan Township presented its river-park project at the alliance's Asia-Pacific "
            "meeting held this month in the Japanese city of Kesennuma.",
            EventType.FORUM,
        ),
        (
            None,
            "Speaking at the weekly city administration meeting on Monday, Tainan Mayor Huang Wei-che told "
            "bureaus to draw up plans for the pact signed with Sendai last month.",
            EventType.POLICY_STATEMENT,
        ),
        (
            None,
            "Tainan City Hall and Sendai City Hall were lit up in matching colors on Friday to mark exactly "
            "20 years since the two cities signed their friendship agreement. The Tainan mayor thanked "
            "Sendai in a video message.",
            EventType.ANNIVERSARY,
        ),
        (
            "臺南市與熊本市簽友好交流協定",
            "臺南市長今天與熊本市長簽署友好交流協定，雙方將在觀光、農業與貿易等領域深化合作。",
            EventType.AGREEMENT,
        ),
        (
            "Taiwan picks veteran politician as new envoy to Japan",
            "Taiwan has chosen Chen Wen-lung, a former vice premier and a veteran of the ruling party, as "
            "its new top representative in Japan. Chen's predecessor is credited with the time when Japan "
            "donated vaccines to Taiwan.",
            EventType.OTHER,
        ),
    ],
)
def test_types_read_in_session_12(title: str | None, text: str, kind: EventType) -> None:
    assert extract_event(title, text, "2025-04-10").event_type == kind


# Read in session 12 on the ninety-eighth batch (our own sentences): state-owned firms act as themselves
# (Taipower, Chunghwa Post), an English minister's full title is national, and a politician's party (a
# veteran of the ruling DPP) does not act.
@pytest.mark.parametrize(
    ("text", "party"),
    [
        (
            "State-run Taiwan Power Co. (Taipower) has signed a contract with an Osaka-based maker of "
            "battery systems to supply storage units for its substations, the utility said on Monday.",
            ("台灣電力公司",),
        ),
        (
            "Chunghwa Post and Japan Post on Tuesday issued a joint set of stamps showing lighthouses.",
            ("中華郵政",),
        ),
        (
            "Tokyo, May 6 (CNA) Minister of Health and Welfare Chiu Tai-yuan met Tokyo's vice governor on "
            "Tuesday to learn about long-term care.",
            ("national",),
        ),
        (
            "Taiwan has picked Chen Wen-lung, a veteran of the ruling Democratic Progressive Party, as its "
            "new representative to Japan, the Ministry of Foreign Affairs said.",
            ("national",),
        ),
    ],
)
def test_parties_read_in_session_12(text: str, party: tuple[str, ...]) -> None:
    assert extract_event(None, text, "2025-05-07").taiwan_party == party


# Read in session 12 on the ninety-seventh batch (our own sentences): a ward written right after its
# foreign city (橫濱市中區, 東京板橋區) is that city's, also named bare in the title, not Taiwan's 中區 or
# 板橋區.
@pytest.mark.parametrize(
    ("title", "text", "party"),
    [
        (
            "中區區長率團訪台南 參觀孔廟",
            "日本橫濱市中區區長今天率區役所職員一行12人到台南市政府拜會，由台南市長接待。",
            ("臺南市",),
        ),
        (
            "兩個板橋打棒球",
            "東京板橋區少棒隊一行20人由區長率領來台，這幾天在新北市新莊棒球場和新北市的少棒隊打友誼賽。"
            "區長表示，東京板橋區和新北市板橋區同名，盼兩地孩子成為好朋友。",
            ("新北市",),
        ),
    ],
)
def test_foreign_wards_are_not_taiwans(title: str, text: str, party: tuple[str, ...]) -> None:
    assert extract_event(title, text, "2025-05-07").taiwan_party == party


# Read in session 12 on the hundredth batch (our own sentences): a township's English address with a region
# (Huwei Township in Taiwan's Yunlin County) is the address, not its county acting; a former premier is a
# speaker's past post; TJRA, Taisugar, China Steel Corp. and Taiwan Railway Corp. in English.
@pytest.mark.parametrize(
    ("title", "text", "party"),
    [
        (
            "Tuna town marks 45 years with Taiwan township",
            "A delegation from Oma, the tuna-fishing town in Aomori Prefecture, traveled to Huwei Township "
            "in Taiwan's Yunlin County on Thursday to celebrate 45 years as sister towns. The group was "
            "welcomed by Huwei Township Mayor Lin at a ceremony. Yunlin County Magistrate Chang Li-shan "
            "attended an evening banquet for the visitors.",
            ("雲林縣虎尾鎮",),
        ),
        (
            "Japan's envoy calls on new TJRA chief",
            "Kazuyuki Katayama, chief representative of the Japan-Taiwan Exchange Association's Taipei "
            "Office, paid a courtesy call on the new chairman of the TJRA this week. The chairman, a former "
            "premier, said ties were at their best.",
            ("臺灣日本關係協會",),
        ),
        (
            None,
            "China Steel Corp. and Nippon Steel will set up a joint venture to make electrical steel in "
            "Kaohsiung, the two companies said on Friday.",
            ("中國鋼鐵公司",),
        ),
    ],
)
def test_english_parties_read_in_session_12(title: str | None, text: str, party: tuple[str, ...]) -> None:
    assert extract_event(title, text, "2024-10-11").taiwan_party == party


# Read in session 12 on the ninety-sixth batch (our own sentences): Lesser Poland in English; a village
# placed with a number between (a village of some 6,000 people in Fukushima Prefecture); goods given are a
# donation; a pact told in the present perfect (have signed a letter of intent) is the news. On the
# ninety-seventh: a designated city's ward (橫濱市港北區) stands for its city.
@pytest.mark.parametrize(
    ("text", "kind", "partners"),
    [
        (
            "Taoyuan and Poland's Lesser Poland region have signed a letter of intent to cooperate in "
            "aviation and tourism, the city government said this week.",
            EventType.AGREEMENT,
            ["小波蘭省"],
        ),
        (
            "Kawauchi, a village of some 2,000 people in Fukushima Prefecture, has given 50 cherry saplings "
            "to Yilan County's Datong Township.",
            EventType.DONATION,
            ["川內村"],
        ),
        (
            "日本橫濱市港北區區長昨（26）日率區役所職員一行8人來訪基隆，拜會基隆市長，就港口觀光交換意見。",
            EventType.HOSTED_VISIT,
            ["橫濱市"],
        ),
    ],
)
def test_partners_read_in_session_12(text: str, kind: EventType, partners: list[str]) -> None:
    event = extract_event(None, text, "2024-03-10")
    assert (event.event_type, [p.name for p in event.partners]) == (kind, partners)


# Read in session 12 on the ninety-eighth batch (our own sentences): a release's head, its date on a line
# with the issuing body's name after it, on the same line or the next, is the release's stamp, not the day
# of the event it reports.
@pytest.mark.parametrize(
    ("text", "published", "day"),
    [
        (
            "2025年5月3日\n公益財団法人日本台湾交流協会\n\n1　当協会台北事務所の代表は、5月2日、"
            "花蓮県庁において県長に見舞金の目録を手交しました。",
            "2025-05-03",
            "2025-05-02",
        ),
        (
            "2024年8月9日　白老町企画課\n\n白老町の町長は8月7日、台湾の秀林郷を訪れ、"
            "郷長と交流の継続を確認した。",
            "2024-08-09",
            "2024-08-07",
        ),
    ],
)
def test_dates_read_in_session_12(text: str, published: str, day: str) -> None:
    assert extract_event(None, text, published).event_date == day


# Read in session 12 on the ninety-ninth batch (our own sentences): an English town placed as a port (Oma, a
# fishing port at the northern tip of Aomori Prefecture); a placed town's bare name is that town throughout
# (Kusatsu, the Gunma town, not Shiga's Kusatsu City); a pact "concluded" is signed, but not one concluded
# "in December 2012" (a guard: the tie's history).
@pytest.mark.parametrize(
    ("title", "text", "kind", "partners"),
    [
        (
            None,
            "A delegation from Huwei Township attended a ceremony on Thursday in Oma, a fishing port at the "
            "northern tip of Aomori Prefecture, marking 45 years of sister ties.",
            EventType.ANNIVERSARY,
            ["大間町"],
        ),
        (
            "Kusatsu onsen town and Taiwan's Jiaoxi pledge friendship",
            "Kusatsu, the Gunma Prefecture hot spring town, signed a friendship agreement on Monday with "
            "Jiaoxi Township in Yilan County. Kusatsu Mayor Kuroiwa said the two towns share hot springs.",
            EventType.AGREEMENT,
            ["草津町"],
        ),
        (
            None,
            "Kamishihoro, a town of about 5,000 people in Hokkaido, has concluded a friendship agreement "
            "with Alishan Township in Chiayi County.",
            EventType.AGREEMENT,
            ["上士幌町"],
        ),
        (
            "Gunma governor visits Taichung",
            "Gunma Governor Ichita Yamamoto yesterday brought a delegation to Taichung, renewing ties with a "
            "city that concluded an agreement with Gunma in December 2012.",
            EventType.HOSTED_VISIT,
            ["群馬縣"],
        ),
    ],
)
def test_english_partners_read_in_session_12(
    title: str | None, text: str, kind: EventType, partners: list[str]
) -> None:
    event = extract_event(title, text, "2025-02-11")
    assert (event.event_type, [p.name for p in event.partners]) == (kind, partners)


# Read in session 13 on the hundredth batch (our own sentences): an English district's or township's chief
# makes it act, and a county that only says what kind of place the township is (a Nantou township) is no
# party beside the township the item names.
@pytest.mark.parametrize(
    ("title", "text", "party"),
    [
        (
            "Kagoshima town's mayor calls on Taiwan district",
            "A delegation from Nagashima, a town in Kagoshima Prefecture, visited Xinhua District in Tainan "
            "on Friday. Xinhua District Chief Lin welcomed the group at the district office, and the "
            "visitors later dropped by a Tainan City Government office to say goodbye.",
            ("臺南市新化區",),
        ),
        (
            "Japanese farmers join a Nantou township's bamboo fair",
            "A group of 20 farmers from Japan was welcomed on Saturday by Zhushan Township in central "
            "Taiwan's Nantou County. Township Mayor Chen showed the visitors the bamboo fair.",
            ("南投縣竹山鎮",),
        ),
    ],
)
def test_english_townships_read_in_session_13(title: str | None, text: str, party: tuple[str, ...]) -> None:
    assert extract_event(title, text, "2025-05-10").taiwan_party == party


# Read in session 13 on the hundred-and-fourth batch (our own sentences): a Taiwanese head who only sends
# words (a video greeting, a letter read aloud) takes no part, and an English report's Taiwanese firm with
# its Chinese name in brackets is that firm.
@pytest.mark.parametrize(
    ("text", "party"),
    [
        (
            "An 18-member delegation from Xizhou Township in Changhua County on Saturday took part in a "
            "ceremony in the Japanese town of Misato marking 30 years of ties. Xizhou Township Mayor Hung "
            "and the Misato mayor planted a tree. Changhua County Magistrate Wang Hui-mei (王惠美), who "
            "could not make the trip, sent a recorded video greeting.",
            ("彰化縣溪州鄉",),
        ),
        (
            "Taiwanese precision parts maker Jin Hua Industrial Co. (金華精密) on Monday signed a siting "
            "agreement with Oita Prefecture for a factory, the company said.",
            ("金華精密",),
        ),
    ],
)
def test_english_parties_read_in_session_13(text: str, party: tuple[str, ...]) -> None:
    assert extract_event(None, text, "2025-05-10").taiwan_party == party


# Read in session 13 on the hundred-and-third batch (our own sentences): a regional paper's local dateline
# (【白老】, 【大間】 for 大間町) names the town whose 町長 and 来町 the item speaks of, not its prefecture or
# the paper's region; a prefecture's seat that shares its name (【鳥取】) tells neither.
@pytest.mark.parametrize(
    ("source", "text", "partners"),
    [
        (
            "https://www.hokkaido-np.co.jp.example/article/1",
            "【白老】台湾・花蓮県秀林郷の郷長ら12人が5日に来町し、町長と懇談した。一行は6日、札幌市で道庁を表敬訪問する予定。",
            ["白老町"],
        ),
        (
            "https://kahoku.news.example/articles/1.html",
            "【大間】雲林県虎尾鎮の鎮長ら10人が5日に来町し、町長らと姉妹提携の節目を祝った。来賓として青森県の副知事も出席した。",
            ["大間町"],
        ),
        (
            None,
            "【鳥取】台中市の市長が8日、県庁を訪れ、知事と会談した。県と台中市は友好交流協定を結んでいる。",
            ["鳥取縣"],
        ),
    ],
)
def test_a_local_dateline_names_the_town(source: str | None, text: str, partners: list[str]) -> None:
    assert [p.name for p in extract_event(None, text, "2024-10-06", source).partners] == partners


# Read in session 13 on the hundred-and-sixth, hundred-and-seventh and hundred-and-eighth batches (our own
# sentences), event types, in three groups.
@pytest.mark.parametrize(
    ("title", "text", "kind"),
    [
        # A pact whose stated purpose is to sell more is trade; a pact "signed this October" (ことし10月) or
        # "two months ago" (結んで2か月) is the background of today's online meeting.
        (
            "県産ナシ 台湾の百貨店と覚書",
            "県産ナシの台湾への輸出を増やそうと、県と台湾の百貨店が5日、販路の拡大に向けた覚書を交わしました。",
            EventType.TRADE_INVESTMENT,
        ),
        (
            "Saga, Taiwan's Chiayi County sign pact on farm goods",
            "Saga Prefecture and Chiayi County signed a memorandum on Tuesday to expand two-way sales of "
            "farm products, including strawberries and rice.",
            EventType.TRADE_INVESTMENT,
        ),
        (
            "八代市と台湾・基隆市 初のオンライン市長会談",
            "八代市と、ことし10月に友好交流協定を結んだ台湾北部の基隆市が11日、オンラインで会談し、交流事業に"
            "ついて話し合いました。\n八代市長は「協定を結んで2か月。行き来を早く形にしたい」と述べました。",
            EventType.VIDEO_CALL,
        ),
        # A pact dated in a past Japanese era year (平成30年4月19日) or the first visit since it (締結後で初)
        # is background; a body's annual general assembly, in English or Japanese, is a forum.
        (
            None,
            "友好交流都市の台湾・花蓮市と共同で作った観光マップが完成しました。本市と花蓮市は、平成30年4月19日に"
            "友好交流協定を締結し、交流を深めてきました。マップは市役所で無料で配布しています。",
            EventType.OTHER,
        ),
        (
            "台中市長が仙台訪問　友好協定締結後で初",
            "台中市の市長は20日、仙台市役所で仙台市長と会談した。両市が協定を結んで以降、台中市長の来仙は初めて。",
            EventType.VISIT_ABROAD,
        ),
        (
            "Taiwan township head speaks at slow-city assembly",
            "The head of Sanyi Township in Miaoli County presented the township's wood-carving heritage at "
            "Cittaslow International's annual general assembly in Italy on Saturday.",
            EventType.FORUM,
        ),
        (
            "都市の国際組織、高雄で総会",
            "港湾都市でつくる国際組織「アジア港湾都市連合」の年次総会が18日、高雄市で開かれた。",
            EventType.FORUM,
        ),
        # A posting begun "since" a pact named well after the word, a city's clerk sent to serve a year at
        # its partner's office (派遣職員…服務), a book the two cities put out together (合出), an export
        # memorandum in English (a deal to export, to expand shipments), an online exchange meeting
        # (線上交流會).
        (
            "Kaohsiung sends first staff member to Shimonoseki",
            "Kaohsiung City Government — News release, June 2, 2025\nA section chief of the Kaohsiung "
            "Tourism Bureau, Lin Mei-ling, started a three-month posting at the Shimonoseki Port Bureau "
            "yesterday, the first staff exchange since Kaohsiung and Shimonoseki signed a cooperation "
            "memorandum last year.\nShimonoseki Mayor Shintaro Maeda greeted Lin at city hall before she "
            "began work at the bureau's ferry terminal office.",
            EventType.OTHER,
        ),
        (
            "日光市首派職員駐臺南市府 為期一年",
            "記者王小明／臺南即時報導\n日本栃木縣日光市首度派遣市府職員到友好城市臺南市政府服務，日光市觀光課職員"
            "佐藤花子昨（1）日起到臺南市政府觀光旅遊局報到，將在臺南工作一年，協助推動兩市觀光宣傳、學生交流與"
            "農產品推廣。\n臺南市與日光市2009年締結友好城市。",
            EventType.OTHER,
        ),
        (
            "臺南與平戶合出鄭成功專書 中日雙語記錄兩地情緣",
            "臺南市政府與日本長崎縣平戶市合出鄭成功專書，以中日雙語記錄兩地情緣。平戶市長昨天率團來訪，出席在臺南"
            "舉行的新書發表會，市長親自接待。",
            EventType.OTHER,
        ),
        (
            "Chiayi signs deal to ship fruit to Okinawa",
            "Chiayi County has signed a memorandum with an Okinawa wholesaler to export mangoes and guavas "
            "to the prefecture, the county said yesterday.",
            EventType.TRADE_INVESTMENT,
        ),
        (
            "壽豐鄉與大仙市線上交流",
            "花蓮縣壽豐鄉與日本秋田縣大仙市昨天晚間舉行線上交流會，兩地首長分別在鄉公所與市役所連線。",
            EventType.VIDEO_CALL,
        ),
    ],
)
def test_types_read_in_session_13(title: str | None, text: str, kind: EventType) -> None:
    assert extract_event(title, text, "2025-12-12").event_type == kind


# Read in session 13 on the hundred-and-eighth batch (our own sentences): in English, the day a disaster
# struck (an earthquake on April 3, the April 3 quake) is not the event's day when the item gives another.
@pytest.mark.parametrize(
    "text",
    [
        "Ishigaki has sent 3 million yen in relief money to its sister city of Suao, which was struck by a "
        "strong earthquake on April 3. Ishigaki's mayor handed the money to the Suao mayor on Friday.",
        "Still rebuilding after the April 3 earthquake, Kumamoto Prefecture received 2 million yen from "
        "Nantou County on Friday.",
    ],
)
def test_english_disaster_days_read_in_session_13(text: str) -> None:
    assert extract_event(None, text, "2024-04-22").event_date == "2024-04-19"


# Read in session 13 on the hundred-and-seventh batch (our own sentence): a summit written with the city it
# met in (布里斯本亞太城市高峰會) has the summit as the partner, the city as its venue.
def test_a_summits_city_is_its_venue() -> None:
    event = extract_event(
        "臺中出席布里斯本亞太城市高峰會 副市長談智慧交通",
        "（中央社記者王大明布里斯本10日專電）亞太城市高峰會今天在澳洲布里斯本開幕，臺中市副市長率團出席並發表演說。"
        "亞太城市高峰會由布里斯本市政府發起，布里斯本也是臺中的友好城市。",
        "2025-09-10",
    )
    assert [p.name for p in event.partners] == ["亞太城市高峰會"]


# Read in session 13 on the hundred-and-eighth batch (our own sentence): romaji with macrons names the same
# place as without them (Japan's Ōma is 大間町, not its prefecture).
def test_romaji_with_macrons() -> None:
    event = extract_event(
        "Huwei delegation visits sister town Ōma",
        "A delegation from Huwei Township in Yunlin County visited Ōma, a fishing town at the tip of Aomori "
        "Prefecture, on Thursday. Ōma Mayor Nozaki welcomed the group.",
        "2024-10-12",
    )
    assert [p.name for p in event.partners] == ["大間町"]


# Read in session 13 on the hundred-and-third batch (our own sentence): two governments named as what lies
# across them (新竹市と新竹県にまたがる) are not one subject acting.
def test_a_park_across_two_places_joins_no_party() -> None:
    event = extract_event(
        "新竹県長が熊本県を訪問",
        "台湾北部・新竹県の楊文科県長ら訪問団が12日、熊本県庁を訪れ、知事と会談した。新竹サイエンスパークは新竹市と"
        "新竹県にまたがり、半導体関連の企業が集まる。",
        "2024-09-13",
    )
    assert event.taiwan_party == ("新竹縣",)


# Read in session 13 on the hundred-and-third batch (our own sentence): a Japanese report's stop still to
# come (翌日には松本市を訪れ、市長と懇談する予定) is not a partner beside the one visited.
def test_a_japanese_later_stop_is_no_partner() -> None:
    event = extract_event(
        "台湾の駐日代表が知事と懇談",
        "台北駐日経済文化代表処の代表が10日、長野県庁を訪れ、阿部守一知事と懇談した。代表は11日には松本市を訪れ、"
        "市長と懇談する予定。",
        "2024-06-11",
    )
    assert [p.name for p in event.partners] == ["長野縣"]


# Read in session 13 on the hundred-and-sixth batch (our own sentences): in English, the day a body reports
# its own deed (the city government said yesterday) is not the deed's day when the item gives it; a person's
# statement (the minister said Friday) stays the news.
@pytest.mark.parametrize(
    ("text", "day"),
    [
        (
            "Tainan has donated 50,000 masks to its sister city of Kanazawa, the city government said "
            "yesterday. The masks were handed to Kanazawa officials on Monday.",
            "2025-03-10",
        ),
        (
            "Japan welcomes Taiwan's bid to join the trade pact, the foreign minister said Friday.",
            "2025-03-14",
        ),
    ],
)
def test_english_speaking_days_read_in_session_13(text: str, day: str) -> None:
    assert extract_event(None, text, "2025-03-15").event_date == day


# Read in session 13 on the hundred-and-ninth and hundred-and-tenth batches (our own sentences): in
# English, disaster aid sent or books brought are a donation (talks "on disaster aid" are not); an honorary
# citizenship or a commendation, and a guide published jointly, are occasions; a siting pact and a fruit
# fair are trade.
@pytest.mark.parametrize(
    ("title", "text", "kind"),
    [
        (
            "Hokkaido town delivers quake aid to Hualien township",
            "A delegation from Urakawa visited Xincheng Township on Tuesday and delivered quake aid "
            "collected "
            "from the town's residents.",
            EventType.DONATION,
        ),
        (
            "Chiayi mayor brings 200 picture books to sister library in Onomichi",
            "Chiayi Mayor Huang Min-hui on Monday visited Onomichi and brought 200 picture books for the "
            "city "
            "library's children's corner.",
            EventType.DONATION,
        ),
        (
            "Pingtung magistrate meets Okinawa governor on tourism, disaster aid",
            "Pingtung County Magistrate Chou Chun-mi met Okinawa Governor Denny Tamaki in Naha on Monday.",
            EventType.VISIT_ABROAD,
        ),
        (
            "Kaohsiung makes Kumamoto's former exchange chief an honorary citizen",
            "Kaohsiung Mayor Chen Chi-mai on Friday presented the honorary citizen certificate to a former "
            "head of Kumamoto's international exchange office, who led a delegation to the city.",
            EventType.OTHER,
        ),
        (
            "Taipei, Kyoto publish joint walking guide",
            "Kyoto's deputy mayor visited Taipei on Monday to present the guide to walks in both cities, "
            "written by staff of the two city governments.",
            EventType.OTHER,
        ),
        (
            "Taiwanese chipmaker signs siting pact with Saga",
            "A Taiwanese chipmaker on Monday signed a siting pact with Saga Prefecture for a new plant.",
            EventType.TRADE_INVESTMENT,
        ),
        (
            "Aomori apples make Taiwan debut at Taichung fruit fair",
            "Aomori's governor flew to Taichung on Saturday to open an apple fruit fair at a department "
            "store.",
            EventType.TRADE_INVESTMENT,
        ),
    ],
)
def test_english_types_read_in_session_13(title: str | None, text: str, kind: EventType) -> None:
    assert extract_event(title, text, "2025-06-10").event_type == kind


# Read in session 13 on the hundred-and-eleventh batch (our own sentence): letters signed at a business
# matchmaking event (商機媒合會簽合作意向書) are the event's deals: trade.
def test_letters_signed_at_a_business_event_are_trade() -> None:
    event = extract_event(
        "熊本企業訪臺中 半導體產業商機媒合會簽2份合作意向書",
        "熊本縣12家企業昨天在臺中市參加半導體產業商機媒合會，與臺中廠商簽署2份合作意向書，市府經發局長到場致詞。",
        "2025-06-10",
    )
    assert event.event_type == EventType.TRADE_INVESTMENT
