"""Synthetic survey answers (SurveyXact-style export) for Egebjerg Kommune's jobcenter.

Every comment is invented. Some name a (fictional) caseworker or a phone number on purpose, so
that pseudonymisation of quotes can be shown in the report.
"""

from __future__ import annotations

import datetime as dt
import random

SCALE = ["Yderst tilfreds", "Meget tilfreds", "Tilfreds", "Mindre tilfreds", ""]

GROUPS = {
    # group: number of answers, probabilities for SCALE (incl. blank)
    "Kontanthjælp": (40, [0.15, 0.30, 0.33, 0.17, 0.05]),
    "Uddannelseshjælp": (25, [0.12, 0.30, 0.35, 0.19, 0.04]),
    "Sygedagpenge": (35, [0.25, 0.38, 0.27, 0.07, 0.03]),
    "Forsikrede ledige": (35, [0.35, 0.32, 0.25, 0.06, 0.02]),
    "Ressourceforløb": (15, [0.20, 0.34, 0.30, 0.12, 0.04]),
}

CASEWORKERS = ["Mette Kragh", "Jonas Bjerre", "Lone Thygesen", "Ahmad Rasuli", "Pia Søgaard"]

BEFORE_GOOD = [
    "Brevet var tydeligt, jeg vidste hvornår og hvor jeg skulle møde.",
    "Fik en sms dagen før, det var en god påmindelse.",
    "Fint.",
    "God tid til at forberede mig.",
    "Indkaldelsen var kort og til at forstå.",
    "Det stod klart hvad vi skulle tale om, og at jeg skulle have mit CV med.",
    "Nemt at finde mødet i e-Boks og i kalenderen på Min Side.",
    "{cw} ringede inden og fortalte hvad mødet gik ud på. Det gjorde mig mere rolig.",
    "OK",
    "Jeg kunne selv vælge om det skulle være et video- eller fremmødemøde, dejligt.",
]
BEFORE_BAD = [
    "Jeg forstod ikke hvad mødet skulle handle om.",
    "Der stod ikke at jeg skulle medbringe lønsedler, så vi måtte lave en ny aftale.",
    "Brevet var fuld af paragraffer og lød som en trussel om at miste pengene.",
    "Indkaldelsen kom fredag aften til et møde mandag morgen. Alt for kort varsel.",
    "Meget svært sprog. Min datter måtte læse det for mig.",
    "Jeg prøvede at ringe på 72 14 30 00 for at flytte tiden, men kom ikke igennem.",
    "Vidste ikke om jeg skulle have noget med.",
    "Der var ikke noget navn på en sagsbehandler jeg kunne kontakte.",
    "Brevet sagde at jeg kunne miste hjælpen, selvom det var mit første møde. Jeg blev bange.",
    "Jeg fik to breve med forskellige tidspunkter.",
]
DURING_GOOD = [
    "Rådgiveren lyttede og var venlig.",
    "{cw} var rigtig god til at forklare mine muligheder.",
    "Samtalen var konkret, og jeg fik svar på mine spørgsmål.",
    "God og åben samtale, jeg følte mig taget alvorligt.",
    "Fint, passende længde.",
    "Jeg fik snakket om min sygdom uden at føle mig presset.",
    "Rart at tale med den samme person som sidst.",
    "Hun tog sig tid og forklarede reglerne så jeg forstod dem.",
    "Godt",
    "Vi lagde en plan sammen, og jeg fik lov at komme med egne idéer.",
]
DURING_BAD = [
    "Jeg ventede 25 minutter i venteværelset uden at få besked.",
    "Tonen var kold, og jeg følte mig mistænkeliggjort.",
    "Samtalen handlede mest om regler og pligter, ikke om hvad jeg kan.",
    "Jeg skulle fortælle min historie forfra til endnu en ny sagsbehandler.",
    "Alt for kort. Ti minutter og så var det slut.",
    "{cw} kiggede mest på skærmen, jeg følte ikke at han hørte efter.",
    "Jeg blev afbrudt hele tiden.",
    "For meget fagsprog, jeg forstod ikke halvdelen.",
]
AFTER_GOOD = [
    "Klar aftale om praktik.",
    "Jeg ved hvad jeg selv skal gøre, og hvad jobcentret gør.",
    "Planen står på Min Plan, så jeg kan se den igen.",
    "Fin aftale. Jeg kan skrive til {cw} på {mail} hvis der er noget.",
    "Fik en tid til næste samtale med det samme.",
    "Godt, jeg starter på kursus om to uger.",
    "Tydeligt.",
    "Jeg har fået et direkte nummer, 30 45 67 89, hvis jeg bliver i tvivl.",
]
AFTER_BAD = [
    "Uklart hvad der nu skal ske.",
    "Har ikke hørt noget siden, selvom jeg fik lovet et opkald.",
    "Ventetiden på danskundervisning er alt for lang.",
    "Jeg ved stadig ikke hvem min sagsbehandler er.",
    "Aftalen blev ændret uden at nogen sagde det til mig.",
    "Der blev ikke aftalt noget konkret.",
    "Jeg synes ikke tilbuddet passer til mig, men fik ikke noget valg.",
]


def _pick(rng: random.Random, good: list[str], bad: list[str], satisfaction: str) -> str:
    """A comment whose tone follows the overall satisfaction, sometimes left blank."""
    if rng.random() < 0.18:
        return rng.choice(["", "", "-", "Ingen kommentarer"])
    p_bad = {
        "Yderst tilfreds": 0.03,
        "Meget tilfreds": 0.1,
        "Tilfreds": 0.35,
        "Mindre tilfreds": 0.8,
        "": 0.4,
    }[satisfaction]
    text = rng.choice(bad if rng.random() < p_bad else good)
    cw = rng.choice(CASEWORKERS)
    mail = cw.split()[0].lower().replace("ø", "oe") + "@egebjerg.dk"
    return text.format(cw=cw, mail=mail)


def survey_rows(rng: random.Random) -> list[list[str]]:
    """About 150 answers as rows: respondent, date, group, before, during, after, satisfaction."""
    rows = []
    number = 0
    start = dt.date(2021, 10, 4)
    for group, (count, probs) in GROUPS.items():
        for _ in range(count):
            number += 1
            satisfaction = rng.choices(SCALE, probs)[0]
            answered = start + dt.timedelta(days=rng.randrange(0, 26))
            rows.append(
                [
                    f"R{number:03d}",
                    answered.strftime("%d-%m-%Y"),
                    group,
                    _pick(rng, BEFORE_GOOD, BEFORE_BAD, satisfaction),
                    _pick(rng, DURING_GOOD, DURING_BAD, satisfaction),
                    _pick(rng, AFTER_GOOD, AFTER_BAD, satisfaction),
                    satisfaction,
                ]
            )
    rng.shuffle(rows)
    rows.sort(key=lambda r: (r[1][6:], r[1][3:5], r[1][:2], r[0]))
    for i, row in enumerate(rows, start=1):
        row[0] = f"R{i:03d}"
    return rows


def tally(rows: list[list[str]]) -> dict[str, dict[str, int]]:
    """Satisfaction counts per group (blank answers left out)."""
    out: dict[str, dict[str, int]] = {}
    for row in rows:
        if row[6]:
            out.setdefault(row[2], {}).setdefault(row[6], 0)
            out[row[2]][row[6]] += 1
    return out
