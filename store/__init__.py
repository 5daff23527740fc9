"""The store: one SQLite file through sqlite-utils, with migrations and full-text search."""

from store.db import Store, StoreError, db_path, open_store

__all__ = ["Store", "StoreError", "open_store", "db_path"]
