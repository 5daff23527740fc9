"""Real notation in journals and exports: column names, shorthand, dates, conditions."""

from __future__ import annotations

from datetime import date

from click.testing import CliRunner

from cli import app
from textmining.domain.casenotes import looks_like_journal, read_journal


def _write(path, header, *rows):
    path.write_bytes(("\r\n".join([header, *rows]) + "\r\n").encode("utf-8-sig"))
    return path


def test_a_journal_number_column_is_the_case(tmp_path):
    path = _write(
        tmp_path / "udtraek.csv",
        "J.nr.;Notatdato;Art;Notat;Ydelsesgruppe",
        "JN-7;09.05.2022 08:40;Notat;Borger udeblev fra samtalen i dag.;KH",
        "JN-8;10.05.2022 13:15;Notat;Samtale afholdt.;SDP",
    )
    journal = read_journal(path)
    assert set(journal.notes) == {"JN-7", "JN-8"}
    assert journal.columns["sag"] == "J.nr."
    assert journal.notes["JN-7"][0].date == date(2022, 5, 9)
    assert journal.case_fields["JN-8"]["ydelse"] == "sygedagpenge"


def test_a_journal_without_a_known_case_column_is_still_a_journal():
    assert looks_like_journal(["Løbenr", "Dato", "Notattype", "Notattekst"])
    # a survey table with a date and a comment is not a journal
    assert not looks_like_journal(["Respondent", "Dato", "Tilfredshed", "Kommentar"])
    assert not looks_like_journal(["Kommune", "Periode", "Antal"])


def test_ingest_names_the_missing_case_column_instead_of_storing_another_table(tmp_path):
    db = tmp_path / "afdaek.db"
    runner = CliRunner()
    assert runner.invoke(app, ["--db", str(db), "init"]).exit_code == 0
    path = _write(
        tmp_path / "journal.csv",
        "Løbenr;Dato;Notattype;Notattekst",
        "1;03-03-2021 09:00;Notat;Borger mødte ikke op.",
    )
    result = runner.invoke(app, ["--db", str(db), "ingest", str(path)])
    out = result.output
    assert "journal.csv" in out
    assert "kolonnen for sag" in out
    assert "Løbenr" in out  # the columns it found are listed, so the user can rename one
    assert "spørgeskema" not in out
    assert "Traceback" not in out


def test_journal_shorthand_is_read_as_the_words_meant(nlp):
    from textmining.domain.sanctions import find_events

    text = (
        "04.10.2022 11:20 MK  Sanktionsvejl. givet skr. ved 1. samtale.\n"
        "12.10.2022 09:00 MK  Samtale-indk. sendt m/ konsekvensafsnit.\n"
        "20.10.2022 10:10 MK  Bg. ikke fremm. Ingen afb. modt.\n"
    )
    got = {(e.kind, e.date, e.negated) for e in find_events(text, nlp, document="x")}
    assert ("vejledning", date(2022, 10, 4), False) in got  # a compound cut at its last part
    assert ("indkaldelse", date(2022, 10, 12), False) in got  # a compound with its head cut
    assert ("afbud", date(2022, 10, 20), True) in got  # "Ingen afb."


def test_a_consequence_named_in_passing_is_no_failure(nlp):
    from textmining.domain.sanctions import find_events

    text = "05.05.2023 Indk. sendt m/ konsekvensafsnit (fradrag v. udebl. u. rimelig grund).\n"
    kinds = {e.kind for e in find_events(text, nlp, document="x")}
    assert "udeblivelse" not in kinds and "rimelig_grund" not in kinds


def test_a_note_header_with_day_month_and_year_apart_is_dated():
    from textmining.domain.casenotes import split_notes

    notes = split_notes("3/10 2019 PK\nbg ringet op ingen svar\n\n17/10 2019 PK\nmoede afholdt\n")
    assert [n.date for n in notes] == [date(2019, 10, 3), date(2019, 10, 17)]


def test_a_negation_in_a_condition_does_not_negate_the_guidance(nlp):
    from textmining.domain.sanctions import find_events

    text = "14.08.2018 indk sendt m/ konsekvensvejl. hvis han ikke kommer kan khj traekkes\n"
    guidance = [e for e in find_events(text, nlp, document="x") if e.kind == "vejledning"]
    assert guidance and not any(e.negated for e in guidance)


def test_benefits_ending_on_recovery_are_no_sanction(nlp):
    from textmining.domain.sanctions import find_events

    text = "22.01.2020 Orienteret om, at sygedagpengene ophører ved raskmelding.\n"
    kinds = {e.kind for e in find_events(text, nlp, document="x")}
    assert not kinds & {"vejledning", "afgoerelse"}


def test_a_summons_stating_the_consequence_is_written_guidance_on_it_that_day(nlp):
    from textmining.domain.sanctions import find_events

    text = "07.06.2022 KL  Mødeindk. sendt e-boks, med afsnit om konsekvens ved udeblivelse.\n"
    events = find_events(text, nlp, document="x")
    guidance = [e for e in events if e.kind == "vejledning"]
    assert [e.date for e in guidance] == [date(2022, 6, 7)]
    # only the letter's consequence, not the full guidance on rights and duties (V1 from 2020)
    assert guidance[0].details["omfang"] == "brevets_konsekvens"
    assert guidance[0].evidence == next(e for e in events if e.kind == "indkaldelse").evidence


def test_a_summons_without_the_consequence_is_no_guidance(nlp):
    from textmining.domain.sanctions import find_events

    text = "07.06.2022 KL  Mødeindk. sendt e-boks til samtale 14.06.\n"
    assert not [e for e in find_events(text, nlp, document="x") if e.kind == "vejledning"]


def test_a_decision_on_another_matter_is_no_sanction_decision(nlp):
    from textmining.domain.sanctions import find_events

    other = "02.11.2021 JB  Ansøgning om kursus bevilget. Afgørelse sendt m/ klagevejl.\n"
    assert not [e for e in find_events(other, nlp, document="x") if e.kind == "afgoerelse"]
    sanction = "02.11.2021 JB  Fradrag for udebl. 20.10. Afgørelse sendt m/ klagevejl.\n"
    assert [e for e in find_events(sanction, nlp, document="x") if e.kind == "afgoerelse"]


def test_a_category_column_beside_a_note_type_is_the_visitation_category(tmp_path):
    path = _write(
        tmp_path / "log.csv",
        "Sag;Dato;Notattype;Notat;Kategori",
        "S-1;01-06-2023 09:00;Samtale;Samtale afholdt.;Aktivitetsparat",
    )
    journal = read_journal(path)
    assert journal.case_fields["S-1"]["visitationskategori"] == "aktivitetsparat"
    assert journal.columns["type"] == "Notattype"


def test_a_failure_told_for_two_days_is_two_failures(nlp):
    from textmining.domain.sanctions import find_events

    text = "15.11.2022 Praktikstedet ringede: borger var ikke mødt i går tirsdag eller i dag.\n"
    days = sorted(e.date for e in find_events(text, nlp, document="x") if e.kind == "udeblivelse")
    assert days == [date(2022, 11, 14), date(2022, 11, 15)]
    text = "21.03.2023 Hun mødte ikke den 20. marts og heller ikke i dag.\n"
    days = sorted(e.date for e in find_events(text, nlp, document="x") if e.kind == "udeblivelse")
    assert days == [date(2023, 3, 20), date(2023, 3, 21)]


def test_the_decision_letter_in_the_folder_is_the_act_the_journal_line_reports(tmp_path, nlp):
    from screening.cases import screen_folder
    from screening.rules import evaluate

    (tmp_path / "sag.toml").write_text(
        'sag = "T-1"\nydelse = "kontanthjælp"\nvisitationskategori = "jobparat"\n', encoding="utf-8"
    )
    (tmp_path / "notater.txt").write_text(
        "02.05.2022 AB  Bg. udebl. fra jobsamtale. Ingen afbud.\n\n"
        "03.05.2022 AB  PH sendt.\n\n"
        "20.05.2022 AB  Ingen svar. Afg. sendt.\n",
        encoding="utf-8",
    )
    (tmp_path / "brev_afgoerelse.txt").write_text(
        "Dato: 20. maj 2022\n\nKære borger\n\nAfgørelse: Vi trækker dig i kontanthjælpen\n\n"
        "Vi trækker dig for 1 dag, den 2. maj 2022, fordi du ikke kom til jobsamtalen. Du fik at "
        "vide i indkaldelsen, hvad der sker, hvis du ikke kommer.\n\n"
        "Vi har truffet afgørelsen efter lov om aktiv socialpolitik § 37.\n\n"
        "Du kan klage inden 4 uger. Vi ser på sagen igen, og ellers sender vi klagen til "
        "Ankestyrelsen.\n",
        encoding="utf-8",
    )
    timeline = screen_folder(tmp_path, nlp)
    decisions = [e for e in timeline.events if e.kind == "afgoerelse"]
    assert [e.document for e in decisions] == ["brev_afgoerelse.txt"]
    assert not [e for e in timeline.events if e.kind == "indkaldelse"]  # "i indkaldelsen" is the past
    verdicts = {f.rule: f.verdict for f in evaluate(timeline)}
    assert verdicts["F1"] == "ok"  # the letter gives the rule and the failure


def test_words_typed_without_aeoeaa_as_plain_vowels_and_run_together_days(nlp):
    from textmining.domain.sanctions import find_events

    text = (
        "14.3.22 KB\npraktikstedet ringer bg ikke modt idag\n\n15.3.22 KB\nbg siger bussen kom ikke igaar\n"
    )
    events = find_events(text, nlp, document="x")
    assert ("udeblivelse", date(2022, 3, 14)) in {(e.kind, e.date) for e in events}
    from textmining.language.dates import find_dates

    assert [d for _, _, d in find_dates("bussen kom ikke igaar", today=date(2022, 3, 15))] == [
        date(2022, 3, 14)
    ]


def test_journal_slashes_and_dotted_abbreviations_are_read_word_by_word(nlp):
    """Shorthand glued with a slash ('rettigh./pligter', 'm/konsekvens') and the dotted-only
    'samt.' (samtale; 'samt' is the conjunction) are words of their own with their full form."""
    norms = [t.norm_ for t in nlp("Vejl. om rettigh./pligter m/konsekvens, indk. til samt. 4.3. samt brev")]
    joined = " ".join(norms)
    assert "rettigheder / pligter med konsekvens" in joined
    assert "til samtale" in joined and joined.endswith("samt brev")
    assert len(list(nlp("Indk. til samt. 04.03. kl. 11 sendt digitalt.").sents)) == 1


def test_guidance_on_rights_and_duties_is_guidance_without_naming_the_sanction(nlp):
    from textmining.domain.sanctions import find_events

    text = "09.01.2024 LM\nUdlev. skr. vejl. om rettigh./pligter ved opstart.\n"
    assert [e.date for e in find_events(text, nlp, document="x") if e.kind == "vejledning"] == [
        date(2024, 1, 9)
    ]


def test_the_consequence_at_a_failure_in_general_is_no_failure(nlp):
    from textmining.domain.sanctions import find_events

    general = "03.09.2019 LM\nIndk. sendt til 17.09., std.tekst m/ sanktion v/ udebl.\n"
    assert "udeblivelse" not in {e.kind for e in find_events(general, nlp, document="x")}
    # a particular failure named after the consequence is still told
    particular = "24.09.2019 LM\nFradrag for udebl. 17.09.\n"
    assert ("udeblivelse", date(2019, 9, 17)) in {
        (e.kind, e.date) for e in find_events(particular, nlp, document="x")
    }


def test_a_terse_decision_line_without_om_or_colon_is_a_decision(nlp):
    from textmining.domain.sanctions import find_events

    text = "30.10.2018 LM\nAfg. nedsættelse 2 dg. sendt m/ klagevejl.\n"
    assert [e.date for e in find_events(text, nlp, document="x") if e.kind == "afgoerelse"] == [
        date(2018, 10, 30)
    ]


def test_comments_to_an_earlier_partshoering_refer_to_it(tmp_path, nlp):
    from screening.cases import screen_folder

    (tmp_path / "notater.txt").write_text(
        "05.03.2021 LM\nPH sendt ang. påtænkt fradrag.\n\n15.03.2021 LM\nIngen bem. til PH modt.\n",
        encoding="utf-8",
    )
    timeline = screen_folder(tmp_path, nlp)
    assert [e.date for e in timeline.events if e.kind == "partshoering"] == [date(2021, 3, 5)]
    assert [r.mention.date for r in timeline.references if r.mention.kind == "partshoering"] == [
        date(2021, 3, 15)
    ]


def test_an_afbud_told_before_a_summoned_meeting_is_dated_on_the_meeting(tmp_path, nlp):
    from screening.cases import screen_folder

    (tmp_path / "notater.txt").write_text(
        "01.06.2023 LM\nIndk. til jobsamtale 12.06. kl. 9 sendt.\n\n"
        "09.06.2023 LM\nBg. har meldt afb. pr. sms, ny tid aftales.\n",
        encoding="utf-8",
    )
    afbud = [e for e in screen_folder(tmp_path, nlp).events if e.kind == "afbud"]
    assert [(e.date, e.negated) for e in afbud] == [(date(2023, 6, 12), False)]


def test_a_note_heading_over_the_failure_it_dates_is_the_same_failure(nlp):
    from textmining.domain.sanctions import find_events

    text = "21.11.2022 Fravær og telefon\nPraktikstedet meldte, at han ikke kom på arbejde i går.\n"
    failures = [e.date for e in find_events(text, nlp, document="x") if e.kind == "udeblivelse"]
    assert failures == [date(2022, 11, 20)]


def test_a_reason_under_an_assessment_heading_is_assessed(nlp):
    from textmining.domain.sanctions import find_events

    text = (
        "08.03.2024 LM – Vurdering\nBg. oplyser at hun var syg, men har ikke lægeerklæring.\n"
        "Fradrag indstilles.\n"
    )
    reasons = [e for e in find_events(text, nlp, document="x") if e.kind == "rimelig_grund"]
    assert reasons and reasons[0].details.get("vurderet") is True


def test_a_rule_told_in_one_sentence_is_no_failure_anywhere_in_it(nlp):
    from textmining.domain.sanctions import find_events

    text = (
        "02.05.2019 Brev\nI brevet står at fravær uden rimelig grund giver fradrag for hver dag, "
        "man udebliver.\n"
    )
    assert "udeblivelse" not in {e.kind for e in find_events(text, nlp, document="x")}


def test_failures_listed_with_weekdays_after_og_are_each_a_failure(nlp):
    from textmining.domain.sanctions import find_events

    text = "12.09.2018 LM\nHan var ikke i praktik torsdag 6/9 og fredag 7/9, ingen afbud.\n"
    got = {(e.kind, e.date, e.negated) for e in find_events(text, nlp, document="x")}
    assert {("udeblivelse", date(2018, 9, 6), False), ("udeblivelse", date(2018, 9, 7), False)} <= got
    assert {("afbud", date(2018, 9, 6), True), ("afbud", date(2018, 9, 7), True)} <= got


def test_no_sanction_said_with_the_verb_is_a_negated_decision(nlp):
    from textmining.domain.sanctions import find_events

    text = "14.01.2025 LM\nGrunden godtages, der foretages ikke fradrag.\n"
    decisions = [e for e in find_events(text, nlp, document="x") if e.kind == "afgoerelse"]
    assert [(e.date, e.negated) for e in decisions] == [(date(2025, 1, 14), True)]


def _letter(tmp_path, name, text):
    (tmp_path / name).write_text(text, encoding="utf-8")


def test_letters_in_plain_words_are_guidance_summons_partshoering_and_decision(tmp_path, nlp):
    from screening.cases import screen_folder

    (tmp_path / "sag.toml").write_text('sag = "S-1"\nydelse = "sygedagpenge"\n', encoding="utf-8")
    _letter(
        tmp_path,
        "brev_1.txt",
        "Dato: 3. februar 2025\n\nKære Ole\n\nHvis du uden rimelig grund "
        "ikke medvirker i opfølgningen, kan vi stoppe dine sygedagpenge.\n",
    )
    _letter(
        tmp_path,
        "brev_2.txt",
        "Dato: 10. marts 2025\n\nKære Ole\n\nDu skal til samtale den 24. marts "
        "2025 kl. 9.\n\nOBS: Udebliver du, og har du ikke en rimelig grund, kan dine sygedagpenge "
        "stoppe.\n",
    )
    _letter(
        tmp_path,
        "brev_3.txt",
        "Dato: 26. marts 2025\n\nKære Ole\n\nVi påtænker at stoppe dine "
        "sygedagpenge fra den 24. marts 2025. Send os dine bemærkninger inden 8 dage.\n",
    )
    _letter(
        tmp_path,
        "brev_4.txt",
        "Dato: 9. april 2025\n\nKære Ole\n\nAfgørelse\n\nDine sygedagpenge ophører fra den 24. marts 2025.\n",
    )
    got = {(e.kind, e.date) for e in screen_folder(tmp_path, nlp).events}
    assert ("vejledning", date(2025, 2, 3)) in got
    assert {("indkaldelse", date(2025, 3, 10)), ("vejledning", date(2025, 3, 10))} <= got
    assert ("rimelig_grund", date(2025, 3, 10)) not in got  # the condition names no reason given
    assert ("partshoering", date(2025, 3, 26)) in got
    assert ("afgoerelse", date(2025, 4, 9)) in got


def test_benefits_ending_on_recovery_told_the_sentence_before_are_no_sanction(nlp):
    from textmining.domain.sanctions import find_events

    text = "02.06.2025 LM\nLægen raskmelder hende fra 02.06. Sygedagpenge ophører.\n"
    assert "afgoerelse" not in {e.kind for e in find_events(text, nlp, document="x")}


def test_a_reason_quoted_after_the_citizen_and_a_colon_is_told(nlp):
    from textmining.domain.sanctions import find_events

    text = "15.05.2025 LM\nBg. udebl. i går. Sms fra bg.: var hos lægevagten med sønnen.\n"
    assert "rimelig_grund" in {e.kind for e in find_events(text, nlp, document="x")}


def test_headers_with_a_written_label_an_author_after_af_or_initials_in_brackets():
    from textmining.domain.casenotes import split_notes

    notes = split_notes(
        "Skrevet 3/2 2019 af Hanne K. – Telefon\nBg. ringede.\n\n"
        "14-02-2019 (HK) Samtale\nSamtale afholdt.\n\n"
        "Oprettet: 20.02.2019 af Hanne K.\n"
    )
    assert [n.date for n in notes] == [date(2019, 2, 3), date(2019, 2, 14)]  # "Oprettet:" is a field
    assert notes[0].title == "Telefon" and notes[1].text.startswith("Samtale")  # not "(HK)"


def test_a_possessive_before_a_known_act_still_refers_back(nlp):
    from textmining.domain.sanctions import find_events

    text = "30.05.2022 LM\nHun har ikke reageret på vores partshøring.\n"
    ph = [e for e in find_events(text, nlp, document="x") if e.kind == "partshoering"]
    assert ph and all(e.details.get("omtale") for e in ph)


def test_a_date_between_the_auxiliary_and_the_verb_dates_the_act(nlp):
    from textmining.domain.sanctions import find_events

    text = "20.06.2022 LM\nAnkestyrelsen har 17/6 hjemvist afgørelsen.\n"
    assert [e.date for e in find_events(text, nlp, document="x") if e.kind == "omgoerelse"] == [
        date(2022, 6, 17)
    ]


def test_the_duty_to_attend_meetings_in_general_is_no_summons(nlp):
    from textmining.domain.sanctions import find_events

    text = "Dato: 1. april 2022\n\nKære Sara\n\nDu skal møde til de samtaler og tilbud, du får.\n"
    assert "indkaldelse" not in {e.kind for e in find_events(text, nlp, document="brev.txt")}


def test_consequences_that_failures_can_lead_to_are_no_failure(nlp):
    from textmining.domain.sanctions import find_events

    text = "11.11.2021 LM\nBg. orienteret om, at fravær fra tilbuddet kan give træk i ydelsen.\n"
    assert "udeblivelse" not in {e.kind for e in find_events(text, nlp, document="x")}


def test_medhold_is_a_changed_decision(nlp):
    from textmining.domain.sanctions import find_events

    text = "07.03.2023 LM\nVi har genvurderet sagen og giver borger medhold.\n"
    assert "omgoerelse" in {e.kind for e in find_events(text, nlp, document="x")}


def test_a_case_column_named_as_the_citizens_case_is_the_case(tmp_path):
    path = _write(
        tmp_path / "j.csv",
        "Klientsag;Tidspunkt;Art;Notat",
        "K-7;03-04-2023 09:12;Notat;Bg. udebl. jobsamtale.",
    )
    journal = read_journal(path)
    assert set(journal.notes) == {"K-7"} and journal.columns["sag"] == "Klientsag"
    assert journal.notes["K-7"][0].date == date(2023, 4, 3)


def test_a_header_opened_by_den_with_a_dash_title_is_a_note_but_a_sentence_is_not():
    from textmining.domain.casenotes import split_notes

    notes = split_notes(
        "Den 02.02.2021 – samtale\nHun kom.\n\nDen 09.02.2021 – telefon\nDen 5. februar 2021 ringede hun.\n"
    )
    assert [(n.date, n.title) for n in notes] == [
        (date(2021, 2, 2), "samtale"),
        (date(2021, 2, 9), "telefon"),
    ]


def test_the_failure_a_partshoering_asks_about_is_no_new_failure(nlp):
    from textmining.domain.sanctions import find_events

    text = (
        "04.05.2021 LM\nBg. udeblev i går.\n\n"
        "06.05.2021 LM\nPH sendt, hvor han spørges om grunden til, at han ikke mødte.\n"
    )
    failures = [e.date for e in find_events(text, nlp, document="x") if e.kind == "udeblivelse"]
    assert failures == [date(2021, 5, 3)]


def test_no_failures_in_the_course_is_no_event(nlp):
    from textmining.domain.sanctions import find_events

    text = "30.06.2022 LM\nStatus: ingen udeblivelser i forløbet, hun møder stabilt.\n"
    assert "udeblivelse" not in {e.kind for e in find_events(text, nlp, document="x")}


def test_a_date_of_what_the_partshoering_is_about_is_not_its_own(nlp):
    from textmining.domain.sanctions import find_events

    text = (
        "12.04.2021 LM\nPH sendt ang. 09.04.\n\n"
        "14.10.2021 LM\nPH sendt om påtænkt fradrag for fraværet i mandags.\n\n"
        "20.10.2021 LM\nIngen reaktion fra borger på PH.\n"
    )
    ph = [
        (e.date, bool(e.details.get("omtale")))
        for e in find_events(text, nlp, document="x")
        if e.kind == "partshoering"
    ]
    assert ph == [(date(2021, 4, 12), False), (date(2021, 10, 14), False), (date(2021, 10, 20), True)]


def test_a_summons_described_in_the_past_is_known_not_sent(nlp):
    from textmining.domain.sanctions import find_events

    text = "01.09.2021 LM\nAfg. omgjort: første indk. manglede afsnit om konsekvens.\n"
    summons = [e for e in find_events(text, nlp, document="x") if e.kind == "indkaldelse"]
    assert summons and all(e.details.get("omtale") for e in summons)


def test_instructions_to_cancel_are_no_afbud(nlp):
    from textmining.domain.sanctions import find_events

    letter = "Dato: 2. maj 2023\n\nKære Bo\n\nRing og meld afbud på 70 10 20 30, hvis du er syg.\n"
    assert "afbud" not in {e.kind for e in find_events(letter, nlp, document="brev.txt")}
    note = "09.05.2023 LM\nAftalt at han skal ringe og melde afbud, hvis han får arbejde.\n"
    assert "afbud" not in {e.kind for e in find_events(note, nlp, document="x")}


def test_the_jobcentres_handling_of_a_known_klage_is_a_mention(nlp):
    from textmining.domain.sanctions import find_events

    text = "15.06.2024 LM\nKlagen er genvurderet og sendt videre til Ankestyrelsen.\n"
    klage = [e for e in find_events(text, nlp, document="x") if e.kind == "klage"]
    assert klage and all(e.details.get("omtale") for e in klage)


def test_a_promised_summons_or_guidance_is_not_yet_an_act(nlp):
    from textmining.domain.sanctions import find_events

    text = (
        "20.02.2020 LM\nSamtale afh. Ny indk. følger. Skr. vejl. om rettigheder og pligter sendes senere.\n"
    )
    kinds = {e.kind for e in find_events(text, nlp, document="x")}
    assert not kinds & {"indkaldelse", "vejledning"}


def test_a_partshoering_letter_in_plain_words_says_what_is_considered(tmp_path, nlp):
    from screening.cases import screen_folder

    _letter(
        tmp_path,
        "brev.txt",
        "Dato: 7. marts 2022\n\nKære Ali\n\nVi overvejer at trække i din ydelse\n\nDu kom ikke til "
        "samtalen den 3. marts 2022. Ring til mig senest den 14. marts, hvis du havde en grund.\n",
    )
    assert ("partshoering", date(2022, 3, 7)) in {
        (e.kind, e.date) for e in screen_folder(tmp_path, nlp).events
    }


def test_ik_typed_for_ikke_negates(nlp):
    from textmining.domain.sanctions import find_events

    text = "05.10.2020 pk\npraktikstedet ringede bg ik modt idag\n"
    assert ("udeblivelse", date(2020, 10, 5)) in {
        (e.kind, e.date) for e in find_events(text, nlp, document="x")
    }


def test_a_failure_at_a_place_typed_without_aeoeaa_is_from_a_tilbud(nlp):
    from textmining.domain.sanctions import find_events

    text = "02.11.2020 pk\nbeskaeftigelsesvaerkstedet ringede bg ik modt idag\n"
    failures = [e for e in find_events(text, nlp, document="x") if e.kind == "udeblivelse"]
    assert failures and failures[0].details.get("fra") == "tilbud"


def test_klagevejledning_in_plain_words_is_the_decisions_klagevejledning(tmp_path, nlp):
    from screening.cases import screen_folder

    _letter(
        tmp_path,
        "brev.txt",
        "Dato: 1. august 2022\n\nKære Eva\n\nAfgørelse om fradrag i din kontanthjælp\n\nVi trækker dig "
        "for 1 dag, fordi du ikke kom til samtalen den 20. juli 2022.\n\nSådan klager du\n\nEr du "
        "uenig, kan du klage inden 4 uger. Vi ser på sagen igen, og giver vi dig ikke ret, sender vi "
        "klagen til Ankestyrelsen.\n",
    )
    (decision,) = [e for e in screen_folder(tmp_path, nlp).events if e.kind == "afgoerelse"]
    assert decision.details["klagevejledning"] is True


def test_guidance_after_a_condition_in_a_new_main_clause_is_given(nlp):
    from textmining.domain.sanctions import find_events

    text = (
        "03.03.2021 LM\nVi talte om, hvad der sker, hvis han ikke dukker op, og han fik "
        "vejledningen om rettigheder og pligter med hjem.\n"
    )
    assert "vejledning" in {e.kind for e in find_events(text, nlp, document="x")}
    # a condition put to the citizen goes on with "og du": still a condition, no decision
    letter = (
        "Dato: 1. marts 2021\n\nHvis du bliver væk, og du ikke har en rimelig grund, trækker vi i "
        "din ydelse.\n"
    )
    kinds = {e.kind for e in find_events(letter, nlp, document="brev.txt")}
    assert "vejledning" in kinds and "afgoerelse" not in kinds and "rimelig_grund" not in kinds


def test_the_failure_a_reason_would_be_for_is_no_failure(nlp):
    from textmining.domain.sanctions import find_events

    text = "15.03.2021 LM\nDet vurderes, at travlhed ikke er en rimelig grund til at udeblive.\n"
    assert "udeblivelse" not in {e.kind for e in find_events(text, nlp, document="x")}


def test_hverken_eller_tells_two_failures(nlp):
    from textmining.domain.sanctions import find_events

    text = "10.03.2021 LM\nVærkstedet oplyser, at han hverken mødte i går eller i dag.\n"
    days = {e.date for e in find_events(text, nlp, document="x") if e.kind == "udeblivelse"}
    assert days == {date(2021, 3, 9), date(2021, 3, 10)}


def test_an_indsatskategori_column_is_the_visitation_category(tmp_path):
    path = _write(
        tmp_path / "j.csv",
        "JournalNr;Registreret;Notatart;Journaltekst;Forsørgelse;Indsatskategori",
        "S-3;04-05-2021 10:00;Notat;Samtale afholdt.;KH;aktivitetsparat",
    )
    journal = read_journal(path)
    assert journal.case_fields["S-3"]["visitationskategori"] == "aktivitetsparat"
    assert journal.case_fields["S-3"]["ydelse"] == "kontanthjælp"


def test_a_compound_cut_at_its_first_part_with_the_dot_inside_is_read_whole(nlp):
    from textmining.domain.sanctions import find_events

    assert [t.norm_ for t in nlp("konsekv.afsnit tlf.samtale")] == ["konsekvensafsnit", "telefonsamtale"]
    text = "04.03.2019 LM\nNy indk. jobsamt. 18.03 sendt, std.-skab. m/ konsekv.afsnit.\n"
    summons = [e for e in find_events(text, nlp, document="x") if e.kind == "indkaldelse"]
    assert summons and summons[0].details.get("konsekvens") is True


def test_a_time_of_day_is_no_date_months_away():
    from textmining.language.dates import find_dates

    note_day = date(2019, 2, 26)
    assert find_dates("Ingen afb. 13.10 bg. ringede selv", today=note_day) == []
    assert [d for _, _, d in find_dates("Ny samt. 22.02", today=note_day)] == [date(2019, 2, 22)]
    assert [d for _, _, d in find_dates("fravær 13.10.", today=note_day)] == [date(2018, 10, 13)]


def test_words_the_patterns_match_by_stem_are_restored_without_aeoeaa(nlp):
    from textmining.domain.sanctions import find_events

    assert [t.norm_ for t in nlp("partshoert partshoeringen")] == ["partshørt", "partshøringen"]
    text = "12.06.2024 pk\nafg om fradrag sendt bg ikke partshoert\n"
    ph = [e for e in find_events(text, nlp, document="x") if e.kind == "partshoering"]
    assert [(e.date, e.negated) for e in ph] == [(date(2024, 6, 12), True)]


def test_a_thing_that_did_not_come_is_no_failure(nlp):
    from textmining.domain.sanctions import find_events

    text = "03.05.2022 LM\nDer er ikke kommet noget svar fra ham.\n"
    assert "udeblivelse" not in {e.kind for e in find_events(text, nlp, document="x")}


def test_a_pjece_named_for_rådighed_is_written_guidance(nlp):
    from textmining.domain.sanctions import find_events

    text = '04.02.2019 LM\nRådighedspjece "Sådan er reglerne" udl. og gennemg.\n'
    guidance = [e for e in find_events(text, nlp, document="x") if e.kind == "vejledning"]
    assert guidance and guidance[0].details.get("form") == "skriftlig"


def test_what_the_caseworker_cannot_find_on_file_is_no_event(nlp):
    from textmining.domain.sanctions import find_events

    text = (
        "11.11.2022 LM\nJeg kan ikke finde i journalen, at hun har fået skriftlig vejledning om sanktioner.\n"
    )
    assert "vejledning" not in {e.kind for e in find_events(text, nlp, document="x")}


def _kinds_dates(text, nlp):
    from textmining.domain.sanctions import find_events

    return {(e.kind, e.date, e.negated) for e in find_events(text, nlp, document="x")}


def test_a_failure_told_with_the_verb_before_its_subject(nlp):
    # a fronted date or weekday puts the verb before the subject (V2 word order)
    text = "09.10.2024 PB\nTorsdag den 3. og fredag den 4. oktober kom han ikke på værkstedet.\n"
    found = _kinds_dates(text, nlp)
    assert ("udeblivelse", date(2024, 10, 3), False) in found
    assert ("udeblivelse", date(2024, 10, 4), False) in found
    text = "09.10.2024 PB\nI går mødte hun ikke op til samtalen.\n"
    assert ("udeblivelse", date(2024, 10, 8), False) in _kinds_dates(text, nlp)


def test_a_failure_left_out_after_a_day_the_citizen_came(nlp):
    text = (
        "11.04.2019 PB\nHolger var på værkstedet den 8. og 9. april, men ikke onsdag den 10. "
        "april. Ingen afbud.\n"
    )
    found = _kinds_dates(text, nlp)
    assert ("udeblivelse", date(2019, 4, 10), False) in found
    assert ("afbud", date(2019, 4, 10), True) in found
    assert not {d for k, d, _ in found if k == "udeblivelse"} & {date(2019, 4, 8), date(2019, 4, 9)}


def test_another_persons_cancellation_is_not_the_citizens(nlp):
    text = "02.12.2021 PB\nMødet blev flyttet, da den mentor, vi havde aftalt, havde meldt afbud.\n"
    assert "afbud" not in {k for k, _, _ in _kinds_dates(text, nlp)}
    # told by the mentor, the failure is still the citizen's
    text = "02.12.2021 PB\nMentor oplyser: ikke mødt i dag.\n"
    assert ("udeblivelse", date(2021, 12, 2), False) in _kinds_dates(text, nlp)


def test_note_headers_with_a_label_or_a_weekday_before_the_date():
    from textmining.domain.casenotes import split_notes

    text = (
        "Journalnotat – 3. marts 2022\nSamtale med borger om praktik.\n\n"
        "Torsdag d. 10. marts 2022 (AJ)\nBorger ringede.\n"
    )
    notes = split_notes(text)
    assert [n.date for n in notes] == [date(2022, 3, 3), date(2022, 3, 10)]
    assert notes[1].text.strip() == "Borger ringede."


def test_a_one_line_note_after_a_dash_is_the_notes_text():
    from textmining.domain.casenotes import split_notes

    text = (
        "02.05.2023 AJ – Ikke mødt til samtalen kl. 9. Ingen afbud.\n"
        "03.05.2023 AJ – Ringet op\n"
        "08.05.2023 – Partshøring\nPH sendt i e-Boks.\n"
    )
    notes = split_notes(text)
    assert [n.text.strip() for n in notes] == [
        "Ikke mødt til samtalen kl. 9. Ingen afbud.",
        "Ringet op",
        "PH sendt i e-Boks.",
    ]
    assert notes[2].title == "Partshøring"


def test_a_meeting_set_out_in_a_letter_is_no_note_header():
    from textmining.domain.casenotes import split_notes

    text = (
        "Dato: 2. maj 2023\n\nDu er indkaldt til samtale\n\n   onsdag den 10. maj 2023 kl. 9.00\n\nHilsen\n"
    )
    assert [n.date for n in split_notes(text)] == [date(2023, 5, 2)]


def test_a_date_that_opens_the_sentence_dates_the_failure_it_tells(nlp):
    text = (
        "14.06.2022 AJ\nTirsdag den 7. juni ringede praktikstedet og fortalte, at Bo ikke var mødt, "
        "og at han ikke havde meldt fra.\n"
    )
    found = _kinds_dates(text, nlp)
    assert ("udeblivelse", date(2022, 6, 7), False) in found
    assert ("afbud", date(2022, 6, 7), True) in found


def test_a_row_whose_last_cell_is_the_note_is_read_as_the_note():
    from textmining.domain.casenotes import split_notes

    text = (
        "2022-09-01 | AJ | Borger ikke mødt til samtalen. Ingen afbud.\n"
        "2022-09-05 | Samtale | AJ |\nHun kom.\n"
    )
    notes = split_notes(text)
    assert [(n.title, n.text.strip()) for n in notes] == [
        (None, "Borger ikke mødt til samtalen. Ingen afbud."),
        ("Samtale", "Hun kom."),
    ]


def test_a_decision_letter_that_retells_the_partshøring_is_the_decision(nlp):
    text = (
        "Dato: 9. juni 2023\n\nAfgørelse: Dine sygedagpenge stoppes\n\n"
        "Vi har truffet afgørelse om, at dine sygedagpenge stoppes fra den 1. juni 2023.\n\n"
        "Den 2. juni 2023 skrev vi til dig, at vi overvejede at stoppe dine sygedagpenge.\n"
    )
    kinds = {k for k, _, _ in _kinds_dates(text, nlp)}
    assert "afgoerelse" in kinds
    assert "partshoering" not in kinds


def test_a_bus_named_by_its_number_that_did_not_come_is_the_reason_not_a_failure(nlp):
    text = "12.02.2020 AJ\nHan sagde at bussen 14 ikke kom pga. sneen og at han så gik hjem.\n"
    assert "udeblivelse" not in {k for k, _, _ in _kinds_dates(text, nlp)}


def test_no_reply_to_the_partshøring_is_a_reference_not_a_new_one(nlp):
    text = "10.01.2024 JB\nPH sendt.\n\n22.01.2024 JB\nIngen retur på PH.\n"
    from textmining.domain.sanctions import find_events

    later = [e for e in find_events(text, nlp, document="x") if e.date == date(2024, 1, 22)]
    assert [(e.kind, e.details.get("omtale")) for e in later] == [("partshoering", True)]


def test_a_payment_month_for_a_deduction_is_no_new_decision(nlp):
    text = "02.05.2021 AJ\nfradrag for udeblivelsen 20/4 trækkes i juni, bg. orienteret.\n"
    assert "afgoerelse" not in {k for k, _, _ in _kinds_dates(text, nlp)}


def test_the_duty_to_come_when_summoned_is_no_summons(nlp):
    text = (
        "Dato: 5. januar 2017\n\nDe har pligt til at møde til de samtaler, De indkaldes til, "
        "og De skal møde op, når De bliver indkaldt til et tilbud.\n"
    )
    assert "indkaldelse" not in {k for k, _, _ in _kinds_dates(text, nlp)}


def test_the_benefit_named_in_a_compound_is_a_word_of_consequence(nlp):
    text = (
        "22.03.2018 AJ\nHenvisningen er sendt, og det fremgår af brevet, hvad det betyder for hans "
        "ledighedsydelse, hvis han udebliver uden rimelig grund.\n"
    )
    assert ("vejledning", date(2018, 3, 22), False) in _kinds_dates(text, nlp)


def test_a_letters_section_on_the_consequence_is_written_guidance(nlp):
    text = "20.01.2026 AJ\ntilbudsbrev sendt, brevet har konsekvensafsnit om fradrag\n"
    assert ("vejledning", date(2026, 1, 20), False) in _kinds_dates(text, nlp)


def test_a_klagevejledning_that_speaks_of_the_citizens_klage_still_names_ankestyrelsen(nlp):
    from textmining.domain.sanctions import find_events

    text = (
        "Dato: 3. oktober 2022\n\nAfgørelse om fradrag\n\nVi har besluttet at trække dig 2 dage.\n\n"
        "Klagevejledning\nDu kan klage inden 4 uger. Klagen går til Ankestyrelsen, hvis vi holder fast "
        "i afgørelsen.\n"
    )
    decision = [e for e in find_events(text, nlp, document="x") if e.kind == "afgoerelse"]
    assert decision and decision[0].details.get("klage_ankestyrelsen") is True


def test_a_negation_of_another_act_or_of_a_far_noun_does_not_reach_the_klagevejledning(nlp):
    from textmining.domain.sanctions import find_events

    for text in (
        "04.04.2019 PB\nafg om fradrag sendt eboks m klagevejl. ikke partshoert da bg har forklaret sig\n",
        "04.04.2019 PB\ningen nye oplysn fra bg afg om fradrag 1 dag sendt eboks m klagevejl\n",
    ):
        decision = [e for e in find_events(text, nlp, document="x") if e.kind == "afgoerelse"]
        assert decision and decision[0].details.get("klagevejledning") is True, text
    text = "04.04.2019 PB\nAfg. om fradrag sendt. Klagevejl. ikke vedlagt.\n"
    decision = [e for e in find_events(text, nlp, document="x") if e.kind == "afgoerelse"]
    assert decision and decision[0].details.get("klagevejledning") is False


def test_a_reason_after_a_label_or_in_a_message_from_the_citizen(nlp):
    for text in (
        "14.02.2017 MH\nBg. udebl. i går. Bg. ringer. Forkl.: havde glemt samt. pga. flytning.\n",
        "14.02.2017 MH\nBg. udebl. i går. Sms fra bg. kl. 21.40: var på skadestuen m/ sin søn.\n",
    ):
        assert "rimelig_grund" in {k for k, _, _ in _kinds_dates(text, nlp)}, text


def test_a_reply_to_the_partshøring_is_a_mention_whatever_else_the_sentence_records(nlp):
    from textmining.domain.sanctions import find_events

    text = (
        "01.03.2021 PB\nPH sendt.\n\n12.03.2021 PB\n"
        "intet svar paa ph. afg om fradrag 1 dag sendt eboks m begrundelse\n"
    )
    later = [e for e in find_events(text, nlp, document="x") if e.date == date(2021, 3, 12)]
    assert {(e.kind, bool(e.details.get("omtale"))) for e in later} == {
        ("partshoering", True),
        ("afgoerelse", False),
    }
    # a remark that does not point at the act with "på"/"til" leaves the decision a decision
    text = "12.03.2021 PB\ningen bemærkn fra bg. afg fradrag 1 dag sendt m klagevejl.\n"
    decision = [e for e in find_events(text, nlp, document="x") if e.kind == "afgoerelse"]
    assert decision and not decision[0].details.get("omtale")


def test_no_need_for_the_act_is_the_act_not_done(nlp):
    text = "20.09.2021 AB\nDer er ikke grundlag for partshøring, da vi ikke sanktionerer.\n"
    assert ("partshoering", date(2021, 9, 20), True) in _kinds_dates(text, nlp)
    text = "20.09.2021 AB\nDer bliver ikke tale om nogen nedsættelse af hjælpen.\n"
    assert ("afgoerelse", date(2021, 9, 20), True) in _kinds_dates(text, nlp)


def test_the_citizens_own_klage_and_a_decision_withdrawn(nlp):
    text = "03.11.2025 AB\nHej. Jeg vil klage over at I har trukket mig i hjælpen for mandag.\n"
    assert ("klage", date(2025, 11, 3), False) in _kinds_dates(text, nlp)
    text = "10.11.2025 AB\nVi har trukket afgørelsen om fradrag tilbage.\n"
    assert ("omgoerelse", date(2025, 11, 10), False) in _kinds_dates(text, nlp)
    # a deduction made is no withdrawal
    text = "10.11.2025 AB\nFradrag trukket i novemberudbetalingen.\n"
    assert "omgoerelse" not in {k for k, _, _ in _kinds_dates(text, nlp)}


def test_a_happy_account_after_a_failure_is_no_reason(nlp):
    text = (
        "05.03.2020 AB\nBorger udeblev fra samtalen i går. Hun ringede i dag. "
        "Hun var glad for den nye praktik og trives med kollegerne.\n"
    )
    reasons = [e for e in _kinds_dates(text, nlp) if e[0] == "rimelig_grund"]
    assert reasons == []


def test_an_abbreviation_inside_a_phrase_keeps_its_dot_and_the_phrase(nlp):
    from textmining.domain.sanctions import find_events

    # "rimel. grund": the phrase "rimelig grund" with its first word shortened
    text = "22.02.2018 EJ\nIngen dok. modt. Det er ikke rimel. grund. Afg. fradrag sendt.\n"
    reasons = [e for e in find_events(text, nlp, document="x") if e.kind == "rimelig_grund"]
    assert reasons and reasons[0].details.get("vurderet") is True
    # the dot of "ph." ends the clause a negation reaches: the reply is missing, not the assessment
    text = (
        "30.05.2022 RL\nintet svar paa ph. vurd: hun har det godt nu, et fradrag vil fremme "
        "hendes rådighed. afg om fradrag sendt m begrundelse\n"
    )
    decision = [e for e in find_events(text, nlp, document="x") if e.kind == "afgoerelse"]
    assert decision and decision[0].details.get("a1_vurdering") is True


def test_a_benefit_that_ends_because_the_citizen_is_well_is_no_sanction(nlp):
    for text in (
        "21.05.2024 AB\nSdp. ophører 26.05 pga. raskm.\n",
        "21.05.2024 AB\nSygedagpengene ophører 26.05 grundet raskmelding.\n",
    ):
        assert "afgoerelse" not in {k for k, _, _ in _kinds_dates(text, nlp)}, text
    text = "21.05.2024 AB\nSdp. ophører 26.05, da bg. ikke deltog i opfølgningen.\n"
    assert "afgoerelse" in {k for k, _, _ in _kinds_dates(text, nlp)}


def test_a_compound_cut_at_both_parts_is_the_compound(nlp):
    from textmining.domain.sanctions import find_events

    for text in (
        "08.01.2018 EJ\nRådigh.vejl. udl. skriftl. og gennemgået.\n",
        "08.01.2018 EJ\nRådighedsvejl. udl. skriftl. og gennemgået.\n",
    ):
        guidance = [e for e in find_events(text, nlp, document="x") if e.kind == "vejledning"]
        # one sentence to its end: the form ("skriftl.") belongs to the guidance
        assert guidance and guidance[0].details.get("form") == "skriftlig", text


def test_the_citizens_own_message_that_she_cannot_come_is_an_afbud_with_its_reason(nlp):
    for text in (
        '03.02.2026 DK\nbg sms kl 0740 "kan ikke komme idag har feber undskyld"\n',
        "03.02.2026 DK\nBorger ringer kl. 7.40 og oplyser, at hun ikke kan komme i dag. Hun har feber.\n",
    ):
        found = {(k, d) for k, d, _ in _kinds_dates(text, nlp)}
        assert ("afbud", date(2026, 2, 3)) in found, text
        assert ("rimelig_grund", date(2026, 2, 3)) in found, text
    # afterwards, in the past tense, it is the account of a failure, not an afbud
    text = "04.02.2026 DK\nBg. udeblev i går. Bg. ringer: kunne ikke komme, havde feber.\n"
    assert "afbud" not in {k for k, _, _ in _kinds_dates(text, nlp)}


def test_a_summons_the_citizen_says_she_never_got_is_her_reason(nlp):
    for text in (
        "15.01.2018 JK\nBg. udebl. 19.12. Bg. ringer. Siger hun aldrig har fået indkaldelsen.\n",
        "15.01.2018 JK\nBorger udeblev i går. Han oplyser, at han ikke har modtaget brevet.\n",
    ):
        assert ("rimelig_grund", date(2018, 1, 15)) in {(k, d) for k, d, _ in _kinds_dates(text, nlp)}, text
    # the kommune's own remark is no reason
    text = "15.01.2018 JK\nBorger udeblev i går. Der er ikke modtaget nogen besked fra borger.\n"
    assert "rimelig_grund" not in {k for k, _, _ in _kinds_dates(text, nlp)}


def test_a_sanction_left_undone_is_a_decision_not_to_sanction(nlp):
    for text in (
        "20.09.2021 AB\nDer træffes ikke afgørelse om standsning af sygedagpengene.\n",
        "15.05.2019 AB\nUndertegnede har derfor besluttet at undlade at sanktionere fraværet.\n",
    ):
        assert ("afgoerelse", date.fromisoformat(text[6:10] + "-" + text[3:5] + "-" + text[:2]), True) in (
            _kinds_dates(text, nlp)
        ), text


def test_a_weekday_makes_a_short_day_and_month_a_date(nlp):
    text = "01.10.2018 TS\nForløbsleder ringer: bg. ikke mødt onsdag 26-9 og torsdag 27-9.\n"
    failures = {d for k, d, _ in _kinds_dates(text, nlp) if k == "udeblivelse"}
    assert failures == {date(2018, 9, 26), date(2018, 9, 27)}


def test_no_word_from_the_citizen_after_a_failure_is_a_failure_without_afbud(nlp):
    text = (
        "10.05.2016 PK\nPraktikstedet oplyser, at borger ikke er mødt i dag. Borger har ikke givet besked.\n"
    )
    assert ("afbud", date(2016, 5, 10), True) in _kinds_dates(text, nlp)


def test_written_material_on_sanctions_handed_out_is_guidance(nlp):
    text = "11.04.2016 PK\nSkriftligt materiale om sanktioner ved udeblivelse fra samtaler udleveret.\n"
    assert ("vejledning", date(2016, 4, 11), False) in _kinds_dates(text, nlp)
    # the benefit ending when the wage begins is no consequence of a failure
    text = "20.06.2016 PK\nOrienteret om, at ydelsen ophører fra den dag lønnen begynder.\n"
    assert "vejledning" not in {k for k, _, _ in _kinds_dates(text, nlp)}


def test_what_the_citizen_could_not_do_is_her_reason_but_what_the_kommune_cannot_is_the_rule(nlp):
    text = "02.10.2018 TS\nBg. udeblev i går. Bg. fortæller, at han ikke kunne overskue at stå op.\n"
    assert ("rimelig_grund", date(2018, 10, 2)) in {(k, d) for k, d, _ in _kinds_dates(text, nlp)}
    text = "12.06.2019 TS\nVi kan ikke sanktionere på en indkaldelse uden vejledning om konsekvens.\n"
    assert {k for k, _, _ in _kinds_dates(text, nlp)} <= {"afgoerelse"}


def test_a_summons_to_an_appointment_elsewhere_is_the_citizens_reason_not_the_cases_summons(nlp):
    text = (
        "23.05.2022 PS\nBg. ringer og melder afbud til i morgen - er indkaldt til MR-scanning "
        "samme formiddag.\n"
    )
    found = {k for k, _, _ in _kinds_dates(text, nlp)}
    assert "indkaldelse" not in found
    assert {"afbud", "rimelig_grund"} <= found


def test_the_consequence_of_not_taking_part_stated_in_a_summons_is_guidance(nlp):
    text = (
        "11.05.2022 PS\nIndk. t. opf.samtale sendt. Brevet oplyser at sdp. kan standses ved "
        "manglende deltagelse uden rimelig grund.\n"
    )
    assert ("vejledning", date(2022, 5, 11), False) in _kinds_dates(text, nlp)
    text = "03.10.2022 MK\nemil ikk modt, ingen afbud.\n"
    assert ("udeblivelse", date(2022, 10, 3), False) in _kinds_dates(text, nlp)


def _reason_assessed(text, nlp):
    from textmining.domain.sanctions import find_events

    return [
        e.details.get("vurderet") for e in find_events(text, nlp, document="x") if e.kind == "rimelig_grund"
    ]


def test_missing_evidence_or_a_denied_noun_is_no_missing_assessment(nlp):
    # the citizen's evidence is missing, the reason is assessed
    for text in (
        "27.03.2019 KL\nmavepine ikke dokumenteret og bg har ikke ringet -> ikke rimelig grund.\n",
        "26.04.2024 KL\nVi vurderer, at du ikke har dokumenteret en rimelig grund til ikke at deltage.\n",
        "25.02.2022 KL\nbarns sygdom + ingen pasning godtages som rimelig grund.\n",
    ):
        assert _reason_assessed(text, nlp)[-1:] == [True], text
    # an assessment denied is still denied
    for text in (
        "25.02.2022 KL\nBorger har oplyst en rimelig grund, men der er ingen konkret vurdering af den.\n",
        "25.02.2022 KL\nBorgers grund er ikke vurderet, selv om hun oplyste en rimelig grund.\n",
    ):
        assert False in _reason_assessed(text, nlp), text


def test_acts_named_with_a_definite_determiner_are_the_known_acts(nlp):
    from screening.cases import build_timeline, empty_meta
    from textmining.domain.sanctions import find_events

    text = (
        "13.09.2021 SK\nBorger kom ikke til samtalen.\n\n04.10.2021 SK\nBorger kom ikke til samtalen.\n\n"
        "28.01.2022 SK\nDer er i dag truffet afgørelse om fradrag for de to udeblivelser.\n"
    )
    timeline = build_timeline(empty_meta("x"), find_events(text, nlp, document="x"))
    failures = [e.date for e in timeline.events if e.kind == "udeblivelse"]
    assert failures == [date(2021, 9, 13), date(2021, 10, 4)]


def test_a_letter_that_does_not_contain_the_consequence_in_a_subordinate_clause(nlp):
    from textmining.domain.sanctions import find_events

    for text in (
        "28.01.2019 BD\nIndkaldelse sendt i skabelonen, som ikke indeholder oplysning om konsekvenser.\n",
        "28.01.2019 BD\nIndkaldelse sendt. Skabelonen indeholder ikke oplysning om konsekvenser.\n",
    ):
        summons = [e for e in find_events(text, nlp, document="x") if e.kind == "indkaldelse"]
        assert summons and summons[0].details.get("konsekvens") is False, text
    # the summons itself is not denied by what it does not say
    text = "28.01.2019 BD\nIndkaldelsen ikke nævnte konsekvensen.\n"
    assert [e.negated for e in find_events(text, nlp, document="x") if e.kind == "indkaldelse"] == [False]


def test_no_afbud_marks_the_failure_and_gives_an_earlier_talk_no_reason_window():
    from screening.cases import build_timeline, empty_meta
    from textmining.domain.sanctions import CaseEvent

    def event(kind, day, negated=False, **details):
        return CaseEvent(kind, day, negated, "x", "x", 0, 1, kind, details)

    talk = event("rimelig_grund", date(2019, 1, 15), hverdagsgrund=True)  # "sover dårligt" at intake
    failure = [event("udeblivelse", date(2019, 2, 7)), event("afbud", date(2019, 2, 7), negated=True)]
    kinds = [e.kind for e in build_timeline(empty_meta("x"), [talk, *failure]).events]
    assert "rimelig_grund" not in kinds
    # an afbud given is told days before the meeting: its reason counts
    given = event("afbud", date(2019, 2, 7))
    kinds = [e.kind for e in build_timeline(empty_meta("x"), [talk, given]).events]
    assert "rimelig_grund" in kinds


def test_a_decision_whose_sanction_is_in_the_sentence_before(nlp):
    text = "27.01.2023 RG\n=> Fradrag 1 dag. Afgørelsen er sendt i e-Boks med begrundelse.\n"
    assert ("afgoerelse", date(2023, 1, 27), False) in _kinds_dates(text, nlp)


def test_a_long_line_typed_without_stops_ends_at_its_line_break(nlp):
    text = (
        "24.05.2022 JB\nvurd ifht aktivitetsparat: bg har vaeret stabil siden jan og moeder fint i "
        "vaerkstedet, vurd at et fradrag kan hjaelpe hende til at huske at melde afbud\n"
        "afg fradrag 1 dag sendt eboks m begrundelse og klagevejl\n"
    )
    # the modal of the line before ("kan hjaelpe") does not reach the decision on the next line
    assert ("afgoerelse", date(2022, 5, 24), False) in _kinds_dates(text, nlp)


def test_a_summons_sent_for_a_day_is_dated_when_sent_and_afmelding_is_afbud(nlp):
    text = "21.11.2019 NF\nny indk sendt til 3/12 kl 10 m konsekvenstekst\n"
    assert ("indkaldelse", date(2019, 11, 21), False) in _kinds_dates(text, nlp)
    text = "03.12.2019 NF\nBorger udeblev igen, ingen afmelding.\n"
    assert ("afbud", date(2019, 12, 3), True) in _kinds_dates(text, nlp)


def test_income_deducted_and_the_object_of_a_klage_are_no_sanction_decisions(nlp):
    for text in (
        "07.05.2019 AB\nJeg har truffet afgørelse om fradrag i ydelsen for maj for feriepengene.\n",
        "30.10.2018 AB\nKlage fra bg. pr. mail over stop af SDP + erkl.\n",
    ):
        assert "afgoerelse" not in {k for k, _, _ in _kinds_dates(text, nlp)}, text
    text = "30.10.2018 AB\nKlage fra bg. pr. mail over stop af SDP.\n"
    assert "klage" in {k for k, _, _ in _kinds_dates(text, nlp)}


def test_no_afbud_in_short_forms_and_a_message_from_the_citizen_by_name(nlp):
    for text in (
        "09.03.2021 AB\nM. udebl. Afb. ikke modt.\n",  # modt. with its dot: modtaget
        "15.06.2021 AB\nM. udebl. kl. 10. 0 afbud.\n",
        "12.08.2025 ML\nsofie ik modt kl 9 ,ikke afmeldt.\n",
    ):
        assert "afbud" in {k for k, _, n in _kinds_dates(text, nlp) if n}, text
    text = '29.08.2025 ML\nik modt igen..\nsms fra sofie kl 13.02 "sorry vaagnede forst nu havde nattevagt"\n'
    assert ("rimelig_grund", date(2025, 8, 29)) in {(k, d) for k, d, _ in _kinds_dates(text, nlp)}


def test_the_rule_a_letter_states_is_no_decision_and_a_typo_without_oe_is_mended(nlp):
    text = (
        "20.02.2017 CH\nTilbudsbrevet er sendt i dag, og det står i brevet, at der trækkes i ydelsen "
        "for de dage, han uden rimelig grund ikke møder.\n"
    )
    assert "afgoerelse" not in {k for k, _, _ in _kinds_dates(text, nlp)}
    text = "06.06.2018 PN\nAfgorlse om fradrag for 23/5 sendt m begrundelse og klagevejl.\n"
    assert ("afgoerelse", date(2018, 6, 6), False) in _kinds_dates(text, nlp)


def test_the_decision_letter_as_subject_gives_the_decision_its_form(nlp):
    from textmining.domain.sanctions import find_events

    text = (
        "26.04.2019 SF\nAfgørelsen er truffet og sendt i dag: sygedagpengene stopper fra den 11. april "
        "2019. Brevet har en begrundelse, der gennemgår indkaldelsen af 2. april og partshøringen, og "
        "det har den almindelige klagevejledning.\n"
    )
    decision = [e for e in find_events(text, nlp, document="x") if e.kind == "afgoerelse"]
    assert decision and decision[0].details.get("begrundelse") is True
    assert decision[0].details.get("klagevejledning") is True
    # a sentence about the partshøring still says nothing of the decision's form
    text = (
        "04.03.2019 SF\nBorger har ikke sendt skriftlige bemærkninger til partshøringen. Der er "
        "truffet afgørelse om fradrag. Sendt i e-Boks.\n"
    )
    decision = [e for e in find_events(text, nlp, document="x") if e.kind == "afgoerelse"]
    assert decision and decision[0].details.get("skriftlig") is not False


def test_what_a_template_lacked_is_absent_from_the_decision(nlp):
    from textmining.domain.sanctions import find_events

    text = "16.10.2018 PV\nAfg. ophør SDP sendt e-boks m/ begr. NB skabelon manglede klagevejl.afsnit.\n"
    decision = [e for e in find_events(text, nlp, document="x") if e.kind == "afgoerelse"]
    assert decision and decision[0].details.get("klagevejledning") is False
    # the failure itself is no negation ("manglende fremmøde")
    text = "16.10.2018 PV\nBorger udeblev. Afgørelse om fradrag for manglende fremmøde sendt.\n"
    assert ("afgoerelse", date(2018, 10, 16), False) in _kinds_dates(text, nlp)


def test_the_kommunes_opinion_is_an_assessment_and_the_citizens_is_a_claim(nlp):
    text = "25.01.2023 AB\nHan har fundet alle møder før, så jeg mener ikke, at det er en rimelig grund.\n"
    assert _reason_assessed(text, nlp) == [True]
    text = "25.01.2023 AB\nBorger ringer. Hun mener, at hun havde en rimelig grund, fordi bussen ikke kom.\n"
    assert True not in _reason_assessed(text, nlp)


def test_a_relative_day_after_the_meeting_word_is_the_meetings(nlp):
    text = "10.01.2024 HK\nPH pr. tlf. om påtænkt fradrag for samtalen i går.\n"
    assert ("partshoering", date(2024, 1, 10), False) in _kinds_dates(text, nlp)


def test_a_decision_repealed_is_mentioned_by_the_repeal(nlp):
    from textmining.domain.sanctions import find_events

    text = "14.03.2017 JV\nAnkestyrelsen har ophævet afg. om ophør: dagsfradrag skulle være anvendt.\n"
    found = {e.kind: e for e in find_events(text, nlp, document="x")}
    assert "omgoerelse" in found and not found["omgoerelse"].details.get("omtale")
    assert found["afgoerelse"].details.get("omtale") is True


def test_the_duty_to_cancel_is_no_afbud(nlp):
    text = (
        "02.11.2016 HD\nSagsbehandleren gennemgik hans pligt til at stå til rådighed, til at møde til "
        "samtaler og i tilbud og til at melde afbud.\n"
    )
    assert "afbud" not in {k for k, _, _ in _kinds_dates(text, nlp)}


def test_a_strong_verbs_participle_is_the_act_and_a_deduction_carried_out_is_no_new_decision(nlp):
    text = "14.11.2017 HB\nBorger udeblevet fra samtalen kl. 10. Har ikke meldt afbud.\n"
    assert ("udeblivelse", date(2017, 11, 14), False) in _kinds_dates(text, nlp)
    for text in (
        "16.03.2020 AB\nFradraget for 11. februar er trukket i marts-udbetalingen.\n",
        "30.04.2018 AB\nHan skriver, at han ikke havde råd til at blive trukket.\n",
    ):
        assert "afgoerelse" not in {k for k, _, _ in _kinds_dates(text, nlp)}, text


def test_a_line_opening_with_an_arrow_is_a_statement_of_its_own(nlp):
    text = (
        "10.12.2019 NF\nvurd: glemt det = ikke rimelig grund\n"
        "=> afg sendt fradrag 1 dag m begrundelse og klagevejl\n"
    )
    # the negation of the assessment on the line before does not deny the decision
    assert ("afgoerelse", date(2019, 12, 10), False) in _kinds_dates(text, nlp)


def test_ej_is_ikke(nlp):
    text = "10.11.2020 MK\nBgr. ej mødt 9.30. Tlf. x1, u/ svar.\n"
    assert ("udeblivelse", date(2020, 11, 10), False) in _kinds_dates(text, nlp)
