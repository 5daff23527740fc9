"""The data files and the code cite sources a person who clones the repository can check.

DOMAIN.md and the seed documents live outside the repository, so a data file, docstring or
comment that cites "DOMAIN.md" or "seed 00N" points at nothing. They cite the law, a
principmeddelelse, a public guide or page (with its address), a file in the repository, or
say "vurdering (projektet)".
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA_DIRS = ("textmining/data", "screening/data", "docgen/data")

# Citations of documents that are not in the repository.
UNRESOLVABLE = re.compile(r"DOMAIN\.md|\bseed\s*0\d*", re.IGNORECASE)

# Files allowed to cite DOMAIN.md or a seed (none: every source resolves for a clone).
KNOWN_EXCEPTIONS: set[str] = set()
# The code and prose a user or developer reads (CHANGELOG.md is history, tests quote examples).
SOURCE_ROOTS = ("cli.py", "cli_render.py", "README.md", "screening", "store", "docgen", "textmining")
SOURCE_ROOTS += ("bench", "examples", "templates_docx")
SOURCE_ENDINGS = (".py", ".md")

# An address as written in a source, up to the punctuation that ends it in running text.
ADDRESS = re.compile(r"https?://[^\s'\"<>()\[\]{},;»«]+")


def data_files() -> list[Path]:
    files = []
    for folder in DATA_DIRS:
        files += [p for p in (ROOT / folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    return sorted(files)


def relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8", errors="replace")


def unresolvable_citations(text: str) -> list[str]:
    """The lines of a text that cite DOMAIN.md or a seed, with their line numbers."""
    return [
        f"{number}: {line.strip()}"
        for number, line in enumerate(text.splitlines(), 1)
        if UNRESOLVABLE.search(line)
    ]


def test_the_data_folders_hold_the_files_the_tools_read():
    names = {relative(p) for p in data_files()}
    for expected in (
        "textmining/data/sanction_patterns.jsonl",
        "textmining/data/kancellisprog.jsonl",
        "textmining/data/klarsprog_rules.toml",
        "textmining/data/letters_checklist.toml",
        "screening/data/rules.toml",
        "docgen/data/rapporter.toml",
    ):
        assert expected in names


@pytest.mark.parametrize(
    "text",
    [
        'source = "DOMAIN.md afsnit 3"',
        "# Written from domain.md section 5",
        '{"source": "seed 002, anbefaling 6"}',
        'kilde = "Varde (seed 004: Fraværende:)"',
        "SbSys (seed 003)",
    ],
)
def test_a_citation_of_domain_md_or_a_seed_is_caught(text):
    assert unresolvable_citations(text)


@pytest.mark.parametrize(
    "text",
    [
        'source = "aktivloven § 36, https://danskelove.dk/aktivloven/35-40a"',
        'kilde = "vurdering (projektet): et afsnit bør handle om én ting"',
        "# 30 seeds of doubt; domain knowledge",
    ],
)
def test_a_checkable_source_is_not_caught(text):
    assert unresolvable_citations(text) == []


def citing_files(paths: list[Path]) -> dict[str, list[str]]:
    """file → its lines that cite DOMAIN.md or a seed (KNOWN_EXCEPTIONS left out)."""
    found = {}
    for path in paths:
        name = relative(path)
        lines = [] if name in KNOWN_EXCEPTIONS else unresolvable_citations(read(path))
        if lines:
            found[name] = lines
    return found


def test_no_data_file_cites_domain_md_or_a_seed():
    found = citing_files(data_files())
    assert found == {}, "Data files cite documents that are not in the repository: " + repr(found)


def source_files() -> list[Path]:
    files = []
    for name in SOURCE_ROOTS:
        root = ROOT / name
        found = [root] if root.is_file() else root.rglob("*")
        files += [
            p
            for p in found
            if p.is_file() and p.suffix in SOURCE_ENDINGS and "work" not in p.relative_to(ROOT).parts
        ]
    return sorted(files)


def test_the_source_files_include_the_packages_bench_and_examples():
    names = {relative(p) for p in source_files()}
    for expected in (
        "cli.py",
        "textmining/readers/tables.py",
        "bench/bench_letters.py",
        "examples/README.md",
    ):
        assert expected in names


def test_no_source_file_cites_domain_md_or_a_seed():
    found = citing_files(source_files())
    assert found == {}, "Code cites documents that are not in the repository: " + repr(found)


def test_addresses_in_data_files_are_whole_links():
    """An address that ends in a full stop or holds a space does not open when clicked."""
    bad = []
    for path in data_files():
        for number, line in enumerate(read(path).splitlines(), 1):
            for address in ADDRESS.findall(line):
                host = address.split("://", 1)[1].split("/", 1)[0]
                if address.endswith((".", ":")) or "." not in host:
                    bad.append(f"{relative(path)}:{number}: {address}")
    assert bad == []
