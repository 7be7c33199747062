"""Sessions as xAPI 1.0.3 statements in a Learning Record Store, sent exactly once, and read back.

`profile` turns a verified log into statements (and names every IRI Rapport owns), `client` speaks
HTTP to an LRS with the standard library, `ledger` remembers what the LRS holds, `sync` sends, and
`rebuild` turns statements back into session logs for the report. No pygame here.
"""
