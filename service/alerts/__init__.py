"""Alerts: rules in config, an outbox written with the classification, delivery through Apprise.

rules.py   which rules an item or a feed meets, and the message (pure)
stage.py   evaluate the rules for classified items (inside the classification's transaction) and for
           feeds in trouble, and write the matches to the outbox (``service.storage.alerts``)
job.py     the sender: claim, deliver, mark; retries with backoff; batching (why never twice, never lost)
send.py    Apprise, and nothing else
"""
