"""The store: one SQLite file through sqlite-utils, with migrations and full-text search."""

from store.db import Store, StoreError, default_db_path, open_store

__all__ = ["Store", "StoreError", "open_store", "default_db_path"]
