"""`afdaek search`: the query's words and their lemmas (textmining), matched in the store.

The words are matched as written or as their lemma, so an inflected form finds the stored
text (store.documents.search holds the full-text query)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from store import Store
from store.documents import SearchHit


@dataclass(frozen=True)
class SearchResult:
    """A search: the words searched for and the hits, best first."""

    words: tuple[str, ...]
    hits: tuple[SearchHit, ...]

    def to_json(self) -> list[dict[str, Any]]:
        """The hits as `afdaek search --format json` prints them."""
        return [hit.to_json() for hit in self.hits]


def search(store: Store, query: Iterable[str], *, limit: int = 20) -> SearchResult:
    """The documents and agenda items matching every word of the query (arguments split on
    white space), best first; StoreError in Danish for a query without a word."""
    from store.documents import search as find
    from textmining.language.nlp import query_lemmas

    words = [word for part in query for word in part.split()]
    return SearchResult(tuple(words), tuple(find(store, words, query_lemmas(words), limit=limit)))
