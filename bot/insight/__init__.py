"""The councils' insight report (issue 13): the anonymous counts (pathways/insight) read back, suppressed like
official statistics, as CSV, JSON or a printable HTML page with charts. `python -m bot insight`; managers see it
in the console at /coach/insight."""
