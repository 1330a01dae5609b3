"""The semi-annual chapter: a draft of the 國際事務 (international affairs) chapter of a Taiwanese city's
policy report, for one party and one period, in Traditional Chinese with ROC dates.

The pipeline, one module per step::

    load.py      storage -> stories (I/O): relevant stories of the period by the label rule, each with its
                 effective event (a reviewer's correction, else the stored event, else the events stage run
                 now) and every copy as a source
    select.py    stories -> events of one party (pure): grouped by ``service.digest.events.group_events``
                 (one entry per event, in any language), kept when the party takes part and the event's
                 day falls in the period
    compose.py   events -> Chapter (pure): sections by event type, totals, principal visitors, one entry
                 (heading + paragraph + sources) per event
    markdown.py, table.py, word.py   Chapter -> Markdown, CSV, DOCX (pure; python-docx lives in word.py)

``types.py`` holds the plain dataclasses passed between the steps.
"""
