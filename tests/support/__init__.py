"""Helpers the tests import: servers, the browser, services, figures and artifacts, the kinds of test.
Fixtures live in the conftest.py files."""
