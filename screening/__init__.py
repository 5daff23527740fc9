"""Workflows over the store: ingest, case timelines, legal checks, samples and reviews.

This package sits above `textmining` (pure text functions) and `store` (SQLite) and is the
only place where the two meet.
"""
