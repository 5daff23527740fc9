"""Text mining: read documents and turn Danish text into facts. Pure functions, no database.

Three kinds, one subpackage each: `readers` (every file format, behind one guard; table and
survey exports into records), `language` (the Danish pipeline, dates, readability, names and
pseudonymisation) and `domain` (minutes, case notes, sanction events, letters and plain
language, recommendations, survey comments). Their data files are in `data/`; `errors` and
`config` serve all three.
"""

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
"""The data files of every text-mining module (patterns, word lists, vocabularies)."""
