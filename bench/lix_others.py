"""Run in the comparison venv only (textstat, textdescriptives): LIX of each text in a JSON file.

Usage: python lix_others.py IN.json OUT.json. Reads {"texts": [...]} and writes each tool's
LIX, A, B, C where the tool exposes them, plus its time for all texts.
"""

from __future__ import annotations

import json
import sys
import time


def main() -> None:
    texts = json.load(open(sys.argv[1], encoding="utf-8"))["texts"]
    out: dict = {}
    try:
        import textstat

        textstat.set_lang("da")
        t0 = time.perf_counter()
        out["textstat"] = {
            "lix": [textstat.lix(t) for t in texts],
            "words": [textstat.lexicon_count(t) for t in texts],
            "sentences": [textstat.sentence_count(t) for t in texts],
        }
        out["textstat"]["seconds_lix_only"] = time.perf_counter() - t0
        import importlib.metadata as md

        out["textstat"]["version"] = md.version("textstat")
    except Exception as exc:  # reported, not fatal
        out["textstat"] = {"error": repr(exc)}
    try:
        import spacy
        import textdescriptives  # noqa: F401  (registers the components)

        nlp = spacy.blank("da")
        nlp.add_pipe("sentencizer")
        nlp.add_pipe("textdescriptives/readability")
        t0 = time.perf_counter()
        lix, words, sents = [], [], []
        for doc in nlp.pipe(texts):
            lix.append(doc._.readability.get("lix"))
            stats = doc._.counts if doc.has_extension("counts") else {}
            words.append(stats.get("n_tokens"))
            sents.append(stats.get("n_sentences"))
        import importlib.metadata as md

        out["textdescriptives"] = {
            "lix": lix,
            "words": words,
            "sentences": sents,
            "seconds_lix_only": time.perf_counter() - t0,
            "version": md.version("textdescriptives"),
        }
    except Exception as exc:
        out["textdescriptives"] = {"error": repr(exc)}
    json.dump(out, open(sys.argv[2], "w", encoding="utf-8"))


if __name__ == "__main__":
    main()
