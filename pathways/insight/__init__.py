"""The anonymised insight counts (issue 13): what residents asked for, borough by borough.

The actions build a record when recommendations are given (record.py) and hand it to a background writer
(writer.py), which adds it to a count in the console's database (store.py). bot/insight/ reads the counts back
into the suppressed report. Nothing here holds a conversation id, free text or a time finer than the ISO week.
"""
