"""Rebuild fornavne.txt and efternavne.txt: the names already in them plus Faker's name lists.

Run by hand when the lists are to grow (Faker is not a dependency of afdaek):

    pip install faker==40.63.0 && python textmining/data/make_name_lists.py

Names from Faker's Danish and Norwegian providers are all kept; names from the other providers
(Swedish, Polish, Turkish, German: names common among people living in Denmark) are kept only
when they are not also a Danish word in spaCy's lookup table, so a foreign name never turns an
ordinary Danish word into a pseudonym. Names that are Danish words and still kept are listed in
navne_som_ord.txt, which the detector reads to decide such words by their context.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
DANISH_LOCALES = ("da_DK", "no_NO")
OTHER_LOCALES = ("sv_SE", "pl_PL", "tr_TR", "de_DE")
_NAME = re.compile(r"^[^\W\d_]{2,}(?:-[^\W\d_]{2,})*$")
_LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿĀ-ž-]+$")


def _header_and_names(path: Path) -> tuple[list[str], set[str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    header = [x for x in lines if x.startswith("#")]
    return header, {x.strip() for x in lines if x.strip() and not x.startswith("#")}


def _faker_names(locale: str, attrs: tuple[str, ...]) -> set[str]:
    provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
    out: set[str] = set()
    for attr in attrs:
        out |= set(getattr(provider, attr, ()) or ())
    return out


def main() -> None:
    from textmining.language.nlp import lemma_table

    words = lemma_table()
    firsts = ("first_names", "first_names_male", "first_names_female")
    lasts = ("last_names", "last_names_male", "last_names_female", "male_last_names", "unisex_last_names")
    for file, attrs in (("fornavne.txt", firsts), ("efternavne.txt", lasts)):
        header, names = _header_and_names(HERE / file)
        for locale in DANISH_LOCALES + OTHER_LOCALES:
            for name in _faker_names(locale, attrs):
                if locale in OTHER_LOCALES and name.lower() in words:
                    continue
                names.add(name)
        names = {n for n in names if _NAME.match(n) and _LATIN.match(n)}
        body = sorted(names, key=lambda n: (n.casefold(), n))
        (HERE / file).write_text("\n".join(header + body) + "\n", encoding="utf-8")
        print(f"{file}: {len(body)} navne")


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(HERE.parent.parent))
    main()
