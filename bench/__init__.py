"""Benchmarks: `make bench` runs them and prints tables (figures, never pass/fail)."""
