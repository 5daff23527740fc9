"""Klarsprog rules: each rule finds what it should, with exact spans, and not what it should not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from textmining.domain.plainlanguage import (
    DATA,
    RULES,
    PlainLanguageConfig,
    check_text,
    load_config,
    rule_data,
)
from textmining.errors import InputError


def found(text: str, nlp, rule: str, config: PlainLanguageConfig | None = None) -> list[str]:
    issues = check_text(text, nlp, config)
    for i in issues:
        assert text[i.start : i.end] == i.text
    return [i.text for i in issues if i.rule == rule]


def only(rule: str) -> PlainLanguageConfig:
    return PlainLanguageConfig(disabled=frozenset(set(RULES) - {rule}))


# --- kancellisprog ---------------------------------------------------------------------------


def test_kancellisprog_finds_inflected_forms_with_suggestions(nlp):
    text = (
        "Brevet fremsendes i dag. Vi har fremsendt papirerne. Fremsendelsen sker hurtigt. "
        "Påbegyndelsen er i maj. Såfremt du er syg, så ring."
    )
    issues = [i for i in check_text(text, nlp) if i.rule == "kancellisprog"]
    assert [(i.text, i.suggestion) for i in issues] == [
        ("fremsendes", "sende"),
        ("fremsendt", "sende"),
        ("Fremsendelsen", "sende"),
        ("Påbegyndelsen", "begynde / start"),
        ("Såfremt", "hvis"),
    ]
    assert issues[0].message == "Gammeldags myndighedssprog (kancellisprog): 'fremsendes'."


def test_kancellisprog_prefers_the_longest_phrase(nlp):
    text = "Du bedes rette telefonisk henvendelse, hvis du i tilfælde af sygdom ikke kan komme."
    assert found(text, nlp, "kancellisprog") == [
        "Du bedes",
        "rette telefonisk henvendelse",
        "i tilfælde af",
    ]


def test_kancellisprog_leaves_plain_words_alone(nlp):
    text = "Hvis du er syg, så ring til os. Vi sender dig et brev, og du kan begynde i maj."
    assert found(text, nlp, "kancellisprog") == []


def test_every_kancellisprog_entry_has_a_source_and_a_suggestion():
    lines = (DATA / "kancellisprog.jsonl").read_text(encoding="utf-8").splitlines()
    entries = [json.loads(line) for line in lines if line.strip()]
    assert len(entries) >= 50
    for e in entries:
        assert e["source"] and e["suggestion"]
        assert e.get("phrase") or e.get("forms")
    sources = {e["source"] for e in entries}
    assert "(inference)" in sources


# --- passiv ----------------------------------------------------------------------------------


def test_passive_s_forms_and_bliver_are_found(nlp):
    text = "Du indkaldes til møde. Der henvises til loven. Din ydelse bliver trukket i maj."
    assert found(text, nlp, "passiv", only("passiv")) == ["indkaldes", "henvises", "bliver trukket"]


def test_du_bedes_is_passive_but_an_imperative_is_not(nlp):
    assert found("Du bedes ringe til os.", nlp, "passiv", only("passiv")) == ["bedes"]
    assert found("Ring til os. Send papirerne. Læs brevet.", nlp, "passiv") == []
    # with kancellisprog on, the same place is reported once, as kancellisprog
    issues = check_text("Du bedes ringe til os.", nlp)
    assert [(i.rule, i.text) for i in issues] == [("kancellisprog", "Du bedes")]


def test_deponents_and_genitives_are_not_passive(nlp):
    text = (
        "Vi synes, det er godt. Der findes hjælp. Det lykkes nok. Vi mødes i morgen. "
        "Vi ses. Du trives. Du færdes i byen. Ydelsens størrelse og kommunes regler."
    )
    assert found(text, nlp, "passiv") == []


def test_passive_suggestion_names_the_active_verb(nlp):
    issue = next(i for i in check_text("Du indkaldes til møde.", nlp) if i.rule == "passiv")
    assert issue.suggestion == "Skriv, hvem der gør det, fx 'vi indkalder'."


# --- lang_saetning ---------------------------------------------------------------------------


def test_long_sentences_warn_over_20_and_strong_over_30(nlp):
    s21 = "Ord " + " ".join(["ord"] * 19) + " slut."
    s31 = "Ord " + " ".join(["ord"] * 29) + " slut."
    s20 = "Ord " + " ".join(["ord"] * 18) + " slut."
    text = f"{s21} {s31} {s20}"
    issues = [i for i in check_text(text, nlp) if i.rule == "lang_saetning"]
    assert [(i.text, i.severity, i.message) for i in issues] == [
        (s21, "warn", "Lang sætning: 21 ord."),
        (s31, "strong", "Lang sætning: 31 ord."),
    ]


def test_long_sentence_threshold_from_config(nlp):
    s21 = " ".join(["ord"] * 20) + " slut."
    cfg = PlainLanguageConfig(disabled=frozenset(), whitelist=frozenset(), long_sentence_warn=25)
    assert found(s21, nlp, "lang_saetning", cfg) == []


# --- nominalisering --------------------------------------------------------------------------


def test_nominalisation_after_light_verbs(nlp):
    text = "Vi vil give dig en vejledning. Vi har truffet afgørelse. Vi foretager en beregning."
    issues = [i for i in check_text(text, nlp) if i.rule == "nominalisering"]
    assert [(i.text, i.suggestion) for i in issues] == [
        ("give dig en vejledning", "vejlede"),
        ("truffet afgørelse", "afgøre"),
        ("foretager en beregning", "beregne"),
    ]


def test_concrete_nouns_are_not_nominalisations(nlp):
    text = "Du kan tage en uddannelse. Vi giver dig din ydelse. Du skal tage stilling til det."
    assert found(text, nlp, "nominalisering") == []


# --- tiltaleform -----------------------------------------------------------------------------


def test_de_dem_deres_mid_sentence(nlp):
    text = "Vi har modtaget Deres brev og vil kontakte Dem, når De har tid."
    assert found(text, nlp, "tiltaleform") == ["Deres", "Dem", "De"]


def test_de_at_sentence_start_is_ambiguous_and_not_flagged(nlp):
    text = "De fleste får hjælp. De nye regler gælder fra maj. Du kan ringe til os."
    assert found(text, nlp, "tiltaleform") == []


def test_mixed_du_and_de(nlp):
    text = "Du skal komme til mødet. Vi sender Dem et brev."
    issues = [i for i in check_text(text, nlp) if i.rule == "tiltaleform"]
    assert [(i.text, i.message) for i in issues] == [("Dem", "Brevet blander du og De: 'Dem'.")]
    assert found("Vi beder Dig om at komme.", nlp, "tiltaleform") == ["Dig"]


# --- tredje_person ---------------------------------------------------------------------------


def test_third_person_about_the_reader(nlp):
    text = "Borgeren skal møde op. Ansøgerens papirer mangler. Alle borgere kan få hjælp."
    issues = [i for i in check_text(text, nlp) if i.rule == "tredje_person"]
    assert [(i.text, i.suggestion) for i in issues] == [
        ("Borgeren", "du / dig"),
        ("Ansøgerens", "din / dit / dine"),
    ]


def test_pagaeldende_as_adjective_is_not_the_reader(nlp):
    cfg = only("tredje_person")
    assert found("Den pågældende dag var du syg.", nlp, "tredje_person", cfg) == []
    assert found("Pågældende skal møde op.", nlp, "tredje_person", cfg) == ["Pågældende"]


# --- forkortelse -----------------------------------------------------------------------------


def test_abbreviations(nlp):
    text = "Tag bl.a. pas, f.eks. kørekort, evt. fx et sygesikringskort mv. med kl. 10."
    issues = [i for i in check_text(text, nlp) if i.rule == "forkortelse"]
    assert [(i.text, i.suggestion) for i in issues] == [
        ("bl.a.", "blandt andet"),
        ("f.eks.", "for eksempel"),
        ("evt.", "eventuelt / måske"),
        ("fx", "for eksempel"),
        ("mv.", "med videre (eller slet)"),
    ]


def test_abbreviation_rules_skip_words_and_law_references(nlp):
    text = "Vi fixer det. Mødet er kl. 10 i lokale nr. 2. Det står i aktivlovens § 13, stk. 7."
    assert found(text, nlp, "forkortelse") == []


# --- paragrafhenvisning ----------------------------------------------------------------------


def test_law_reference_early_in_the_letter(nlp):
    early = "Efter aktivlovens § 13, stk. 7, skal du stå til rådighed. " + "Du skal søge job. " * 10
    assert found(early, nlp, "paragrafhenvisning") == ["aktivlovens § 13, stk. 7"]


def test_law_reference_at_the_end_is_fine(nlp):
    late = "Du skal søge job. " * 10 + "Reglerne står i aktivlovens § 13, stk. 7."
    assert found(late, nlp, "paragrafhenvisning") == []


# --- langt_ord -------------------------------------------------------------------------------


def test_long_words_over_18_letters(nlp):
    text = "Beskæftigelsesforvaltningen og sygedagpengeopfølgningen er tunge, jobcentret er ikke."
    issues = [i for i in check_text(text, nlp) if i.rule == "langt_ord"]
    assert [(i.text, i.message) for i in issues] == [
        ("Beskæftigelsesforvaltningen", "Langt ord: 'Beskæftigelsesforvaltningen' (27 bogstaver)."),
        ("sygedagpengeopfølgningen", "Langt ord: 'sygedagpengeopfølgningen' (24 bogstaver)."),
    ]


def test_whitelist_keeps_a_word(nlp):
    cfg = PlainLanguageConfig(disabled=frozenset(), whitelist=frozenset({"beskæftigelsesforvaltningen"}))
    assert found("Beskæftigelsesforvaltningen svarer.", nlp, "langt_ord", cfg) == []
    cfg = PlainLanguageConfig(disabled=frozenset(), whitelist=frozenset({"samt"}))
    assert found("Pas samt kørekort.", nlp, "kancellisprog", cfg) == []


# --- inversion -------------------------------------------------------------------------------


def test_inverted_phrases(nlp):
    text = "Den i stk. 1 nævnte ydelse stopper. Vi ser på de af dig oplyste forhold."
    assert found(text, nlp, "inversion") == ["Den i stk. 1 nævnte", "de af dig oplyste"]


def test_ordinary_word_order_is_not_inversion(nlp):
    text = "Det er i orden. Vi har sendt det til dig i sidste uge. De på holdet mødes i dag."
    assert found(text, nlp, "inversion") == []


# --- saetningskaede --------------------------------------------------------------------------


def test_clause_chains(nlp):
    text = "Du kom ikke, hvilket betyder fradrag. Vi ringede, hvorfor vi skriver nu."
    issues = [i for i in check_text(text, nlp) if i.rule == "saetningskaede"]
    assert [(i.text, i.suggestion) for i in issues] == [
        ("hvilket", "Sæt punktum og skriv 'Det betyder, at …'"),
        ("hvorfor", "Sæt punktum og skriv 'Derfor …'"),
    ]
    cfg = only("saetningskaede")
    assert found("Vi skriver, idet du ringede.", nlp, "saetningskaede", cfg) == ["idet"]


def test_questions_are_not_clause_chains(nlp):
    assert found("Hvorfor kom du ikke? Vi ved ikke hvorfor.", nlp, "saetningskaede") == []


# --- langt_afsnit ----------------------------------------------------------------------------


def test_long_paragraph(nlp):
    long_para = "Du skal komme til mødet i morgen. " * 22  # 154 words
    short = "Du skal komme. " * 10
    text = long_para.strip() + "\n\n" + short.strip()
    issues = [i for i in check_text(text, nlp) if i.rule == "langt_afsnit"]
    assert [(i.start, i.end, i.message) for i in issues] == [
        (0, len(long_para.strip()), "Langt afsnit: 154 ord.")
    ]


# --- configuration ---------------------------------------------------------------------------


def test_rules_can_be_switched_off(nlp):
    cfg = PlainLanguageConfig(disabled=frozenset(RULES), whitelist=frozenset())
    assert check_text("Såfremt De bedes fremsende skrivelsen, jf. § 3.", nlp, cfg) == []


def test_load_config(tmp_path):
    path = tmp_path / "afdaek.toml"
    path.write_text(
        '[regler]\nfra = ["passiv"]\n[graenser]\nlang_saetning = 25\nlangt_ord = 20\n'
        '[hvidliste]\nord = ["Jobcenter", "ydelse"]\n',
        encoding="utf-8",
    )
    cfg = load_config(path)
    assert cfg.disabled == {"passiv"}
    assert cfg.whitelist == {"jobcenter", "ydelse"}
    assert (cfg.long_sentence_warn, cfg.long_sentence_strong, cfg.long_word_letters) == (25, 30, 20)
    assert load_config(None) == PlainLanguageConfig()


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("[regler\nfra = 1", "ugyldig TOML"),
        ('[regler]\nfra = ["passive"]', "ukendt regel passive i [regler] fra"),
        ("[graenser]\nlang_saetning = 0", "[graenser] lang_saetning skal være et helt tal over 0"),
        ("[graenser]\nsaetning = 3", "ukendt grænse 'saetning'"),
        ("[hvidliste]\nord = 3", "[hvidliste] ord skal være en liste af ord"),
    ],
)
def test_bad_config_gives_a_danish_line(tmp_path, content, problem):
    path = tmp_path / "afdaek.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_config(path)
    assert problem in str(err.value)
    assert "\n" not in str(err.value)


def test_missing_config_file(tmp_path):
    with pytest.raises(InputError, match="konfigurationsfilen findes ikke"):
        load_config(Path(tmp_path / "mangler.toml"))


def test_rule_data_lists_every_rule_with_a_source():
    rules = rule_data().rules
    assert set(rules) == set(RULES)
    assert all(rules[r]["kilde"] for r in RULES)


def test_rule_names_have_one_owner_the_rules_data():
    """The report's and the terminal's names of the klarsprog rules both come from
    klarsprog_rules.toml (navn, kort), one section per rule id and no other section."""
    from cli_render import _rule_label
    from docgen.context_screening import config
    from textmining.config import bundled_toml
    from textmining.domain.plainlanguage import rule_name, rule_names, rule_short_names

    data = bundled_toml(DATA / "klarsprog_rules.toml")
    assert set(data) == set(RULES)
    assert list(rule_names()) == list(RULES) == list(rule_short_names())
    assert all(rule_names().values()) and all(rule_short_names().values())
    assert rule_name("nominalisering") == "Navneordsstil"
    assert rule_name("tredje_person") == "Borgeren omtalt i tredje person"
    assert _rule_label("tredje_person") == "3. person"
    assert rule_name("gammel_regel") == "Gammel regel" and _rule_label("gammel_regel") == "gammel regel"
    assert "klarsprog" not in config()
