"""Scores the minutes parser's JSON against hand-written gold (tests/data/minutes_realworld,
tests/data/minutes_blind).

`score(expected, got)` compares one document; `aggregate(scores)` adds documents up. `got` is
what `cli.py minutes parse FILE --format json` prints; a missing key counts as null.

Items are matched by number; items whose gold number is null are matched by title similarity,
and those left over (no number, no title) in document order. Figures:
- items F1: matched items against gold and parser item counts;
- titles clean: share of matched items whose title equals the gold title (whitespace collapsed);
- decisions exact: share of the gold items (not cut off) whose decision equals the gold decision
  exactly after whitespace collapse (null == null counts; an unmatched item counts as wrong);
- case numbers right / KLE right / closed right / absent right: among gold items that have a
  case number / a KLE / are closed / have a `fravaerende`;
- committee right and date right: among documents whose gold has them.

Gold for real documents does not hold their sentences: a title or decision there is a digest
`{"sha256", "chars", "words"}` of the text normalised by `normal_text` (NFC, whitespace
collapsed); a parser's text matches when its digest is the same. `digest(text)` makes one.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from difflib import SequenceMatcher

TITLE_MATCH = 0.6
COUNTS = (
    "gold_items",
    "got_items",
    "matched",
    "titles_n",
    "titles_ok",
    "decisions_n",
    "decisions_ok",
    "cases_n",
    "cases_ok",
    "kle_n",
    "kle_ok",
    "closed_n",
    "closed_ok",
    "absent_n",
    "absent_ok",
    "committee_n",
    "committee_ok",
    "date_n",
    "date_ok",
)


def norm(value: object) -> str | None:
    """Whitespace collapsed to single spaces; empty text counts as null."""
    if value is None:
        return None
    text = re.sub(r"\s+", " ", str(value)).strip()
    return text or None


def normal_text(value: object) -> str | None:
    """The text a digest is made of: NFC, whitespace collapsed to single spaces."""
    if value is None:
        return None
    return norm(unicodedata.normalize("NFC", str(value)))


def digest(value: object) -> dict | None:
    """A text's digest for gold that must not hold the text itself (null stays null)."""
    text = normal_text(value)
    if text is None:
        return None
    return {
        "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "chars": len(text),
        "words": len(text.split()),
    }


def _hashed(value: object) -> bool:
    return isinstance(value, dict) and "sha256" in value


def same_text(expected: object, got: object) -> bool:
    """Whether the parser's text equals the gold text (or the gold digest)."""
    if _hashed(expected):
        return digest(got) is not None and digest(got)["sha256"] == expected["sha256"]
    return norm(got) == norm(expected)


def shown(value: object) -> object:
    """The gold value as a report shows it (a digest as its size and the start of its hash)."""
    if _hashed(value):
        return f"<sha256 {value['sha256'][:10]}…, {value['chars']} tegn, {value['words']} ord>"
    return norm(value)


def _title_key(title: object) -> str:
    if _hashed(title):
        return ""
    return re.sub(r"[^\wæøå]+", " ", (norm(title) or "").lower()).strip()


def _number(item: dict) -> int | None:
    value = item.get("number")
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def match_items(expected: list[dict], got: list[dict]) -> list[tuple[int, int]]:
    """Pairs (gold index, parser index): by number, then title similarity, then order."""
    pairs: list[tuple[int, int]] = []
    used_e: set[int] = set()
    used_g: set[int] = set()
    for ei, e in enumerate(expected):
        n = _number(e)
        if n is None:
            continue
        for gi, g in enumerate(got):
            if gi not in used_g and _number(g) == n:
                pairs.append((ei, gi))
                used_e.add(ei)
                used_g.add(gi)
                break
    candidates = []
    for ei, e in enumerate(expected):
        if ei in used_e or _number(e) is not None or not _title_key(e.get("title")):
            continue
        for gi, g in enumerate(got):
            if gi in used_g or not _title_key(g.get("title")):
                continue
            ratio = SequenceMatcher(None, _title_key(e.get("title")), _title_key(g.get("title"))).ratio()
            if ratio >= TITLE_MATCH:
                candidates.append((ratio, -ei, -gi, ei, gi))
    for _ratio, _a, _b, ei, gi in sorted(candidates, reverse=True):
        if ei not in used_e and gi not in used_g:
            pairs.append((ei, gi))
            used_e.add(ei)
            used_g.add(gi)
    for ei, e in enumerate(expected):
        if ei in used_e or _number(e) is not None or not _hashed(e.get("title")):
            continue
        for gi, g in enumerate(got):
            if gi not in used_g and _number(g) is None and same_text(e.get("title"), g.get("title")):
                pairs.append((ei, gi))
                used_e.add(ei)
                used_g.add(gi)
                break
    rest_e = [ei for ei, e in enumerate(expected) if ei not in used_e and _number(e) is None]
    rest_g = [gi for gi, g in enumerate(got) if gi not in used_g and _number(g) is None]
    pairs.extend(zip(rest_e, rest_g))
    return sorted(pairs)


def score(expected: dict, got: dict) -> dict:
    """Counts for one document, and the mismatches (kind, item, expected, got) for a report."""
    gold_items = expected.get("items") or []
    got_items = got.get("items") or []
    pairs = match_items(gold_items, got_items)
    by_gold = dict(pairs)
    c = dict.fromkeys(COUNTS, 0)
    mismatches: list[tuple[str, str, object, object]] = []
    c["gold_items"] = len(gold_items)
    c["got_items"] = len(got_items)
    c["matched"] = len(pairs)

    def label(e: dict) -> str:
        n = e.get("number")
        if n is not None:
            return f"punkt {n}"
        return f"'{str(shown(e.get('title')) or '(uden titel)')[:40]}'"

    for ei, e in enumerate(gold_items):
        g = got_items[by_gold[ei]] if ei in by_gold else None
        if g is None:
            mismatches.append(("mangler", label(e), shown(e.get("title")), None))
        else:
            c["titles_n"] += 1
            if same_text(e.get("title"), g.get("title")):
                c["titles_ok"] += 1
            else:
                mismatches.append(("titel", label(e), shown(e.get("title")), norm(g.get("title"))))
        if not e.get("truncated"):
            c["decisions_n"] += 1
            got_dec = norm(g.get("beslutning")) if g is not None else "(punkt mangler)"
            if g is not None and same_text(e.get("beslutning"), g.get("beslutning")):
                c["decisions_ok"] += 1
            else:
                mismatches.append(("beslutning", label(e), shown(e.get("beslutning")), got_dec))
        for key, n_key, ok_key in (
            ("case_number", "cases_n", "cases_ok"),
            ("kle", "kle_n", "kle_ok"),
            ("fravaerende", "absent_n", "absent_ok"),
        ):
            if norm(e.get(key)) is None:
                continue
            c[n_key] += 1
            value = norm(g.get(key)) if g is not None else None
            if value == norm(e.get(key)):
                c[ok_key] += 1
            else:
                mismatches.append((key, label(e), norm(e.get(key)), value))
        if e.get("open") is False:
            c["closed_n"] += 1
            if g is not None and g.get("open") is False:
                c["closed_ok"] += 1
            else:
                mismatches.append(("lukket", label(e), False, g.get("open") if g is not None else None))
    matched_g = set(by_gold.values())
    for gi, g in enumerate(got_items):
        if gi not in matched_g:
            mismatches.append(("ekstra punkt", f"punkt {g.get('number')}", None, norm(g.get("title"))))
    for key, n_key, ok_key in (
        ("committee", "committee_n", "committee_ok"),
        ("meeting_date", "date_n", "date_ok"),
    ):
        if norm(expected.get(key)) is None:
            continue
        c[n_key] += 1
        if norm(got.get(key)) == norm(expected.get(key)):
            c[ok_key] += 1
        else:
            mismatches.append((key, "dokument", norm(expected.get(key)), norm(got.get(key))))
    c["mismatches"] = mismatches
    c["figures"] = figures(c)
    return c


def _share(ok: int, n: int) -> float | None:
    return ok / n if n else None


def figures(counts: dict) -> dict:
    """The ratios from summed counts (None where nothing was measured)."""
    precision = _share(counts["matched"], counts["got_items"])
    recall = _share(counts["matched"], counts["gold_items"])
    if counts["gold_items"] == 0 and counts["got_items"] == 0:
        f1 = 1.0
    elif not precision or not recall:
        f1 = 0.0
    else:
        f1 = 2 * precision * recall / (precision + recall)
    return {
        "items_f1": f1,
        "items_precision": precision,
        "items_recall": recall,
        "titles_clean": _share(counts["titles_ok"], counts["titles_n"]),
        "decisions_exact": _share(counts["decisions_ok"], counts["decisions_n"]),
        "case_numbers_right": _share(counts["cases_ok"], counts["cases_n"]),
        "kle_right": _share(counts["kle_ok"], counts["kle_n"]),
        "closed_right": _share(counts["closed_ok"], counts["closed_n"]),
        "absent_right": _share(counts["absent_ok"], counts["absent_n"]),
        "committee_right": _share(counts["committee_ok"], counts["committee_n"]),
        "date_right": _share(counts["date_ok"], counts["date_n"]),
    }


def aggregate(scores: list[dict]) -> dict:
    """Counts summed over documents (micro average) and the figures from them."""
    total = dict.fromkeys(COUNTS, 0)
    for s in scores:
        for key in COUNTS:
            total[key] += s[key]
    total["documents"] = len(scores)
    total["figures"] = figures(total)
    return total
