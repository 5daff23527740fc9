"""Case files the way caseworkers keep them: mail threads (quoted replies, forwarded letters,
mails dated by their Date header). Sentences written for these tests, not from a corpus."""

from __future__ import annotations

from datetime import date

from screening.cases import build_timeline, empty_meta, screen_folder
from textmining.domain.casenotes import split_notes
from textmining.domain.sanctions import find_events

EML = """From: Sofie Brandt <sb@jobcenter.example.dk>
To: Kasper Holm <kasper@example.dk>
Date: Mon, 6 May 2024 09:12:00 +0200
Subject: Indkaldelse til jobsamtale
Content-Type: text/plain; charset="utf-8"

Hej Kasper

Du er indkaldt til jobsamtale torsdag den 16. maj 2024 kl. 9.30 på jobcentret.

Mvh Sofie
"""


def _keys(events):
    return {(e.kind, e.date, e.negated) for e in events}


def test_an_eml_in_a_case_folder_is_read_and_dated_by_its_date_header(tmp_path, nlp):
    (tmp_path / "indkaldelse.eml").write_bytes(EML.encode("utf-8"))  # 8-bit, no CTE header
    timeline = screen_folder(tmp_path, nlp)
    assert ("indkaldelse", date(2024, 5, 6), False) in _keys(timeline.events)


def test_a_mail_is_notes_dated_by_its_date_header_not_a_letter():
    text = (
        "Fra: Sofie Brandt\nTil: Kasper Holm\nDato: 21. maj 2024 kl. 13.05\n"
        "Emne: Samtale 16. maj\n\nHej Kasper\nVi savnede dig til samtalen.\n"
    )
    notes = [n for n in split_notes(text) if n.date]
    assert [(n.date, n.source, n.title) for n in notes] == [(date(2024, 5, 21), "mail", "Samtale 16. maj")]


def test_quoted_lines_without_a_header_are_a_copy_not_new_events(nlp):
    text = (
        "From: Sofie Brandt\nTo: Kasper Holm\nDate: 22.05.2024 10:40\nSubject: SV: fravær\n\n"
        "Hej Kasper\nTak for din besked, jeg vender tilbage.\n\n"
        "> Jeg kom ikke til samtalen, fordi min søn var syg.\n"
        "> Kasper\n"
    )
    events = find_events(text, nlp, document="svar.txt")
    assert not any(e.kind in ("udeblivelse", "rimelig_grund") for e in events)


def test_a_quoted_mail_with_its_own_header_keeps_its_own_day(nlp):
    text = (
        "Fra: Sofie Brandt\nSendt: 23. maj 2024 08:15\nTil: Kasper Holm\nEmne: SV: SV: fravær\n\n"
        "Hej Kasper\nJeg har modtaget din forklaring og vender tilbage.\n\n"
        "-----Oprindelig meddelelse-----\n"
        "Fra: Sofie Brandt\nSendt: 16. maj 2024 11:02\nTil: Kasper Holm\nEmne: fravær\n\n"
        "Du mødte ikke op til jobsamtalen i dag kl. 9.30.\n\n"
        "Den 17. maj 2024 kl. 07.30 skrev Kasper Holm <kasper@example.dk>:\n"
        "> Undskyld, jeg lå hele natten på skadestuen med min søn.\n"
    )
    keys = _keys(find_events(text, nlp, document="traad.txt"))
    assert ("udeblivelse", date(2024, 5, 16), False) in keys
    assert ("rimelig_grund", date(2024, 5, 17), False) in keys
    assert not any(d == date(2024, 5, 23) for k, d, _ in keys if k != "kontakt")


def test_a_quote_of_a_mail_on_record_is_a_reference_to_it(nlp):
    first = (
        "Fra: Sofie Brandt\nSendt: 16. maj 2024 11:02\nEmne: fravær\n\n"
        "Du mødte ikke op til jobsamtalen i dag kl. 9.30.\n"
    )
    reply = (
        "Fra: Kasper Holm\nSendt: 17. maj 2024 07:30\nEmne: SV: fravær\n\nOk.\n\n"
        "-----Original Message-----\n" + first
    )
    events = find_events(first, nlp, document="1.txt") + find_events(reply, nlp, document="2.txt")
    timeline = build_timeline(empty_meta("x"), events)
    assert [e.date for e in timeline.events if e.kind == "udeblivelse"] == [date(2024, 5, 16)]
    assert any(r.mention.kind == "udeblivelse" for r in timeline.references)


def test_a_letter_forwarded_in_a_mail_is_a_letter_of_its_own():
    text = (
        "From: Sofie Brandt\nDate: 24.05.2024 09:00\nSubject: VS: brev\n\nHej Kasper, se brevet.\n\n"
        "---------- Videresendt brev ----------\nDato: 24. maj 2024\n"
        "Emne: Partshøring\n\nKære Kasper\nVi overvejer at trække i din ydelse.\n"
    )
    notes = [n for n in split_notes(text) if n.date]
    assert [n.source for n in notes] == ["mail", "brev"]
    assert "Partshøring" in notes[1].text


def test_a_bracketed_date_heads_a_journal_note():
    text = "[02.09.2024] Jobsamtale  (SB)\nMødt.\n\n[09.09.2024] Udeblivelse  (SB)\nIkke mødt.\n"
    assert [n.date for n in split_notes(text)] == [date(2024, 9, 2), date(2024, 9, 9)]


# Forms: fields and check boxes are statements ("Afbud: Nej"); an unticked option is not said.

FORM = """12.03.2025 – Skema: Samtale udeblevet
Mødetype: Jobsamtale
Afbud: [ ] Ja  [x] Nej
Kontakt efterfølgende: [x] Ja  [ ] Nej
Partshøring: [x] Sendt 12.03.2025  [ ] Mundtlig
Sanktion: [ ] Skærpet rådighedssanktion
"""


def test_check_boxes_read_as_the_answers_they_record():
    from textmining.domain.casenotes import plain_text

    read = plain_text("Afbud: [ ] Ja  [x] Nej\nKlagevejledning: [x]\nTolk: [ ]\n[ ] Fradrag\n")
    assert len(read) == len("Afbud: [ ] Ja  [x] Nej\nKlagevejledning: [x]\nTolk: [ ]\n[ ] Fradrag\n")
    assert read.split() == ["Afbud:", "Nej", "Klagevejledning:", "Ja", "Tolk:", "Nej"]


def test_form_fields_are_statements_and_unticked_options_are_not(nlp):
    keys = _keys(find_events(FORM, nlp, document="skema.txt"))
    assert ("afbud", date(2025, 3, 12), True) in keys  # "Afbud: [ ] Ja [x] Nej"
    assert ("afbud", date(2025, 3, 12), False) not in keys
    assert ("partshoering", date(2025, 3, 12), False) in keys
    assert not any(k == "afgoerelse" for k, _, _ in keys)  # "[ ] Skærpet ..." not ticked


def test_a_field_answered_no_negates_its_event_but_not_a_field_verb(nlp):
    text = "03.06.2025 – Skema\nMødetype: Opfølgning\nFremmødt: Ja\nAfbud: Nej\nPartshøring besvaret: Nej\n"
    keys = _keys(find_events(text, nlp, document="s.txt"))
    assert ("afbud", date(2025, 6, 3), True) in keys
    assert ("partshoering", date(2025, 6, 3), True) not in keys


def test_a_form_is_one_record_for_what_a_field_requires(nlp):
    text = (
        "20.06.2025 – Skema: Afgørelse\nSanktionstype: [x] Fradrag  [ ] Nedsættelse\n"
        "Antal dage: 1\nAfgørelse sendt: [x] Ja\nKlagevejledning: [x]\n"
    )
    keys = _keys(find_events(text, nlp, document="a.txt"))
    assert ("afgoerelse", date(2025, 6, 20), False) in keys


# Journal exports with system codes: the ydelse and target group columns say "KH", "KAT2".


def test_system_codes_in_an_export_map_to_ydelser_and_categories(tmp_path):
    from textmining.domain.casenotes import read_journal

    path = tmp_path / "eksport.csv"
    path.write_bytes(
        "CaseNo;Timestamp;Type;Title;Body;Benefit;Category\r\n"
        "A-1;2025-02-03T09:00:00;NOTAT;Samtale;Mødt til samtale.;SDP;KAT2\r\n"
        "B-2;2025-02-04T10:30:00;BREV_UD;Indkaldelse;Indkaldelse sendt.;UDD;AKTIVITETSPARAT\r\n"
        "C-3;2025-02-05T11:00:00;NOTAT;Samtale;Mødt.;XYZ;Jobparat\r\n".encode("utf-8")
    )
    journal = read_journal(path)
    assert journal.case_fields["A-1"] == {"ydelse": "sygedagpenge", "visitationskategori": "kategori 2"}
    assert journal.case_fields["B-2"]["ydelse"] == "uddannelseshjælp"
    assert journal.case_fields["B-2"]["visitationskategori"] == "aktivitetsparat"
    assert journal.case_fields["C-3"]["ydelse"] == "xyz"  # an unknown code is kept as written
    assert journal.columns["visitationskategori"] == "Category"
    assert journal.notes["B-2"][0].is_letter  # BREV_UD: an outgoing letter
    assert journal.notes["A-1"][0].date == date(2025, 2, 3)


def test_a_form_fields_date_is_the_date_of_the_act_it_names(nlp):
    text = (
        "09.10.2025 – Skema: Opfølgning\nMødetype: Samtale\nIndkaldelse sendt: 29.09.2025   "
        "Konsekvens ved udeblivelse angivet: [x] Ja\nFremmødt: [x] Ja\n"
    )
    keys = _keys(find_events(text, nlp, document="f.txt"))
    assert ("indkaldelse", date(2025, 9, 29), False) in keys
    assert ("indkaldelse", date(2025, 10, 9), False) not in keys


def test_a_field_that_does_not_apply_is_no_event_at_all(nlp):
    text = "14.10.2025 – Skema\nMødetype: Opfølgning\nFremmødt: Ja\nPartshøring: ikke aktuelt\n"
    assert not any(e.kind == "partshoering" for e in find_events(text, nlp, document="f.txt"))


# Phone logs and terse notes: the rule in shorthand, an assessment in a subordinate clause.


def test_a_rule_written_with_signs_is_not_a_failure(nlp):
    text = "03.11.2025 10.15  Indkaldelse\nIndk. sendt m/ vejl.: udebl. uden rimelig grund = fradrag.\n"
    assert not any(e.kind == "udeblivelse" for e in find_events(text, nlp, document="t.txt"))


def test_an_assessment_in_a_subordinate_clause_is_an_assessment(nlp):
    text = (
        "18.11.2025 09.05  Opkald fra bg.\nBg. siger at bussen ikke kom. "
        "Forklaret at det ikke er en rimelig grund, da hun kunne have ringet.\n"
    )
    reasons = [e for e in find_events(text, nlp, document="t.txt") if e.kind == "rimelig_grund"]
    assert reasons and not any(e.negated for e in reasons)
    assert any(e.details.get("vurdering") == "ikke_rimelig" for e in reasons)


# Failures over several days written as a range: one udeblivelse (and one afbud) per day.


def test_a_range_of_days_is_dates():
    from textmining.language.dates import find_dates

    def days(text):
        return [d for _, _, d in find_dates(text, today=date(2025, 12, 1))]

    assert days("fravær 3.-5.11.") == [date(2025, 11, 3), date(2025, 11, 5)]
    assert days("udeblev 27.-28. oktober") == [date(2025, 10, 27), date(2025, 10, 28)]
    assert days("fradrag for 29.09.-01.10.2025") == [date(2025, 9, 29), date(2025, 10, 1)]
    assert days("praktik man-tors kl. 8-12") == []


def test_a_failure_over_a_range_is_one_failure_a_day_and_no_word_of_it_one_afbud_a_day(nlp):
    text = (
        "30.10.2025 – Notat\nOk.\n\n06.11.2025 – Notat\n"
        "Værkstedet ringer: bg. ikke mødt 3.-5.11. Ingen besked.\n"
    )
    keys = _keys(find_events(text, nlp, document="n.txt"))
    for day in (3, 4, 5):
        assert ("udeblivelse", date(2025, 11, day), False) in keys
        assert ("afbud", date(2025, 11, day), True) in keys
    assert ("udeblivelse", date(2025, 11, 6), False) not in keys


def test_attendance_answered_no_is_a_failure_on_the_days_of_the_forms_date_field(nlp):
    text = (
        "24.11.2025 – Skema: Fravær\nAktivitet: Praktik i kantinen\nFremmøde: [ ] Ja  [x] Nej\n"
        "Dato(er): 19.11.2025, 20.11.2025\nAfbud: Nej\n"
    )
    keys = _keys(find_events(text, nlp, document="f.txt"))
    for day in (19, 20):
        assert ("udeblivelse", date(2025, 11, day), False) in keys
        assert ("afbud", date(2025, 11, day), True) in keys
    assert ("udeblivelse", date(2025, 11, 24), False) not in keys


def test_a_forms_attendance_field_is_not_a_place_reporting(nlp):
    text = (
        "Dato: 01.12.2025   Notattype: Fremmøde\nSamtale: Jobsamtale kl. 10\n"
        "Fremmøde: Nej\nAfbud: Nej\n\nDato: 02.12.2025   Notattype: Opfølgning\n"
        "Mødetype: Telefon\nKontakt: Ja\nNæste: uge 50\n"
    )
    failures = [e for e in find_events(text, nlp, document="f.txt") if e.kind == "udeblivelse"]
    assert [(e.date, e.details.get("fra")) for e in failures] == [(date(2025, 12, 1), "samtale")]


def test_dates_in_brackets_say_which_days_the_clause_before_is_about(nlp):
    text = (
        "Fra: Værkstedet\nDato: 5. november 2025 12:00\nEmne: fravær\n\n"
        "Bg. har ikke været her tirsdag og onsdag (28. og 29. oktober). Ingen besked.\n"
    )
    keys = _keys(find_events(text, nlp, document="m.eml"))
    assert ("udeblivelse", date(2025, 10, 28), False) in keys
    assert ("udeblivelse", date(2025, 10, 29), False) in keys
    assert ("udeblivelse", date(2025, 11, 5), False) not in keys


def test_the_consequence_named_in_guidance_is_not_a_decision(nlp):
    text = (
        "02.12.2025 – Opfølgning\nVejledt skriftligt om pligten til at medvirke og om "
        "konsekvens (stop af sygedagpenge), hvis hun udebliver.\n"
    )
    events = find_events(text, nlp, document="n.txt")
    assert any(e.kind == "vejledning" for e in events)
    assert not any(e.kind == "afgoerelse" for e in events)


def test_dot_leaders_are_the_colon_of_a_form_field(nlp):
    from textmining.domain.casenotes import plain_text

    assert plain_text("Han tøvede... og gik.\n") == "Han tøvede... og gik.\n"
    text = (
        "01.12.2025 10:00  Oprettet af: KL   Skabelon: Afgørelse\n"
        "  Sanktion ..................... Fradrag 1 dag\n"
        "  Afgørelse sendt .............. 01.12.2025 (e-Boks)\n"
        "  Klagevejledning .............. Ja\n\n"
        "24.11.2025 09:00  Oprettet af: KL   Skabelon: Fremmøde\n"
        "  Aktivitet .................... Jobsamtale 9.00\n"
        "  Fremmøde ..................... Nej\n"
        "  Afbud ........................ Nej\n"
    )
    keys = _keys(find_events(text, nlp, document="f.txt"))
    assert ("afgoerelse", date(2025, 12, 1), False) in keys
    assert ("udeblivelse", date(2025, 11, 24), False) in keys
    assert ("afbud", date(2025, 11, 24), True) in keys


def test_a_condition_with_the_verb_first_in_a_summons_is_guidance_on_the_consequence(nlp):
    text = (
        "Dato: 3. november 2025\n\nIndkaldelse til samtale\n\nDu indkaldes til samtale "
        "mandag den 17. november 2025 kl. 9.00.\n\nMøder du ikke op uden en rimelig grund, "
        "kan vi trække i din kontanthjælp.\n"
    )
    events = find_events(text, nlp, document="brev_indkaldelse.txt")
    summons = [e for e in events if e.kind == "indkaldelse"]
    assert summons and summons[0].details.get("konsekvens") is True
    assert ("vejledning", date(2025, 11, 3), False) in _keys(events)
