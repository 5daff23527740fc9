"""The Danish spaCy pipeline, built offline and loaded once per process.

spacy.blank("da") with a rule sentencizer and spaCy's lookup lemmatizer. When a trained Danish
model (da_core_news_*) is installed it is used instead; nothing is ever downloaded.
"""

from __future__ import annotations

import functools
import importlib.util
import re

from spacy.language import Language
from spacy.tokens import Doc

TRAINED_MODELS = ("da_core_news_lg", "da_core_news_md", "da_core_news_sm", "da_core_news_trf")

# Tokens spaCy's Danish exceptions keep whole ("kr.", "3.", "stk.") whose dot may also end a
# sentence. A following capitalised word (not a month or a known name-like continuation) starts
# a new one.
_ORDINAL = re.compile(r"^\d+\.$")
_ABBREV_DOT = re.compile(r"^[^\W\d_][\w.]*\.$")
_NEVER_ENDS = {
    "jf.", "bl.a.", "kl.", "stk.", "nr.", "ca.", "evt.", "fx.", "f.eks.", "dvs.", "mv.", "osv.",
    "inkl.", "ekskl.", "vedr.", "iht.", "pga.", "tlf.", "mht.", "d.", "mvh.", "el.", "m.fl.",
    "ift.", "pkt.", "hr.", "fr.", "sdr.", "st.", "ang.", "att.",
}
_MONTHS = {
    "januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
    "oktober", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "okt", "nov", "dec", "kvt", "kvartal",
}


@Language.component("afdaek_sentences", assigns=["token.is_sent_start"])
def afdaek_sentences(doc: Doc) -> Doc:
    """Sentence boundaries for Danish case notes and letters.

    Ends at . ! ? and at a token whose own dot ends it ("kr.", "1.") when the next word starts
    with a capital letter; never after abbreviations such as "jf.", "kl.", "stk."; line breaks
    with a blank line between them always end a sentence.
    """
    if len(doc) == 0:
        return doc
    doc[0].is_sent_start = True
    for i in range(1, len(doc)):
        doc[i].is_sent_start = False
    for i, tok in enumerate(doc[:-1]):
        nxt = doc[i + 1]
        text = tok.text
        if tok.is_space and "\n\n" in tok.text.replace("\r", ""):
            nxt.is_sent_start = True
            continue
        if text in {"!", "?"} or text == ".":
            if nxt.text not in {".", "!", "?", ")", '"', "»"}:
                nxt.is_sent_start = True
            continue
        if text.lower() in _NEVER_ENDS:
            continue
        if (_ORDINAL.match(text) or _ABBREV_DOT.match(text)) and len(text) > 1:
            nt = nxt.text
            if nt[:1].isupper() and nt.lower().rstrip(".") not in _MONTHS:
                nxt.is_sent_start = True
        if tok.is_space and "\n" in text and nxt.text[:1].isupper() and i > 0:
            prev = doc[i - 1].text
            if prev.endswith((".", "!", "?", ":")) and prev.lower() not in _NEVER_ENDS:
                nxt.is_sent_start = True
    return doc


_LEMMA_TABLE: dict[str, object] = {}


@Language.component("afdaek_lemmas", assigns=["token.lemma"])
def afdaek_lemmas(doc: Doc) -> Doc:
    """Lower-cased lemmas from spaCy's Danish lookup table (spacy-lookups-data).

    The table is case-sensitive, so a word is looked up as written and then in lower case
    ("Samtalerne" at a sentence start → "samtale"); a word the table lacks keeps its lower-cased
    form. A trained model's own lemmas are kept when it has set them.
    """
    table = _LEMMA_TABLE.get("da")
    for tok in doc:
        if tok.lemma_ and tok.lemma_ != tok.text and table is None:
            tok.lemma_ = tok.lemma_.lower()
            continue
        low = tok.lower_
        lemma = None
        if table is not None:
            lemma = table.get(tok.text) or table.get(low)  # type: ignore[attr-defined]
        tok.lemma_ = (lemma or low).lower()
    return doc


def _load_lemma_table() -> None:
    """spaCy's Danish lookup table, loaded once per process through its lemmatizer."""
    if "da" in _LEMMA_TABLE:
        return
    from spacy.lookups import load_lookups

    _LEMMA_TABLE["da"] = load_lookups("da", ["lemma_lookup"]).get_table("lemma_lookup")


def trained_model_name() -> str | None:
    """The name of an installed trained Danish model, or None."""
    for name in TRAINED_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    return None


@functools.lru_cache(maxsize=2)
def load_pipeline(prefer_trained: bool = True) -> Language:
    """The Danish pipeline, loaded once. Offline: blank Danish plus rules and lookups."""
    import spacy

    name = trained_model_name() if prefer_trained else None
    if name:
        nlp = spacy.load(name, exclude=["ner"])
        nlp.add_pipe("afdaek_lemmas", last=True)
        return nlp
    _load_lemma_table()
    nlp = spacy.blank("da")
    nlp.add_pipe("afdaek_sentences")
    nlp.add_pipe("afdaek_lemmas")
    nlp.max_length = 60_000_000
    return nlp


def lemmas(text: str) -> list[str]:
    """Lower-cased lemmas of the words in text (no punctuation or spaces)."""
    doc = load_pipeline()(text)
    return [t.lemma_ for t in doc if not (t.is_punct or t.is_space)]
