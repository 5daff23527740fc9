"""Synthetic case folders for Jobcenter Egebjerg: metadata (sag.toml) and dated case notes.

Each case follows a story: no sanction at all, an afbud, a lawful sanction, or a sanction with a
deficiency (no partshøring, no written vejledning, a friendly first summons without the
consequence text, a claimed reason not assessed, no assessment for an aktivitetsparat citizen,
no klagevejledning or begrundelse, a decision more than three months late, an appeal that
Ankestyrelsen changed). Names, CPR numbers, phone numbers and e-mails are invented; the CPR
numbers have a valid date part so that pseudonymisation has something to find.
"""

from __future__ import annotations

import datetime as dt
import random

from textmining.language.dates import long_date

FEMALE = [
    "Camilla",
    "Lotte",
    "Sara",
    "Maria",
    "Louise",
    "Amalie",
    "Fatima",
    "Tina",
    "Julie",
    "Nadia",
    "Helle",
    "Emma",
    "Sofie",
    "Anja",
    "Zainab",
    "Rikke",
    "Line",
    "Ida",
]
MALE = [
    "Mads",
    "Anders",
    "Yusuf",
    "Henrik",
    "Kasper",
    "Mikkel",
    "Jesper",
    "Ali",
    "Rasmus",
    "Thomas",
    "Oliver",
    "Bo",
    "Kim",
    "Emil",
    "Mohammed",
    "Peter",
    "Jonas",
    "Frederik",
]
LAST = [
    "Holm",
    "Jensen",
    "Nielsen",
    "Dalgaard",
    "Kristensen",
    "Mortensen",
    "Bach",
    "Lund",
    "Møller",
    "Thomsen",
    "Kaya",
    "Poulsen",
    "Svendsen",
    "Ahmadi",
    "Frandsen",
    "Winther",
    "Krogh",
    "Damgaard",
    "Olsen",
    "Sørensen",
    "Hussein",
    "Iversen",
    "Laursen",
    "Skov",
]
MIDDLE = ["", "", "", "Holm", "Bæk", "Juul", "Ravn", "Skov"]
FIRMS = [
    "Brugsen i Egebjerg",
    "Egebjerg Tømrer- og Snedkerforretning ApS",
    "Rema 1000 Egebjerg",
    "Plejecenter Bøgely",
    "Nordlys Lager A/S",
    "Egebjerg Genbrugsplads",
    "Café Torvet",
    "Autoværkstedet Vestergade",
]

TEAMS = {
    ("kontanthjælp", "jobparat"): (
        "Team Job",
        ["Jonas Bjerre", "Mette Kragh", "Karen Vestergaard"],
    ),
    ("kontanthjælp", "aktivitetsparat"): (
        "Team Aktiv",
        ["Pia Søgaard", "Ahmad Rasuli", "Susanne Kjeldsen"],
    ),
    ("uddannelseshjælp", None): ("Team Unge", ["Ahmad Rasuli", "Pia Søgaard", "Morten Lyng"]),
    ("sygedagpenge", None): ("Team Sygedagpenge", ["Lone Thygesen", "Birthe Hvid"]),
    ("ressourceforløb", None): ("Team Ressource", ["Hanne Friis", "Lone Thygesen"]),
}

# story: (ydelser it can happen in, visitationskategorier, has sanction, deficiency)
STORIES = {
    "ingen": ["kontanthjælp", "sygedagpenge", "ressourceforløb", "uddannelseshjælp"],
    "afbud": ["kontanthjælp", "uddannelseshjælp"],
    "hypotetisk": ["kontanthjælp", "uddannelseshjælp"],
    "rimelig_accepteret": ["kontanthjælp", "uddannelseshjælp"],
    "korrekt": ["kontanthjælp", "uddannelseshjælp"],
    "aktivitetsparat_vurderet": ["kontanthjælp"],
    "sdp_korrekt": ["sygedagpenge"],
    "ikke_partshoert": ["kontanthjælp", "uddannelseshjælp"],
    "venlig_foerste": ["kontanthjælp", "uddannelseshjælp"],
    "rimelig_ignoreret": ["kontanthjælp", "uddannelseshjælp"],
    "aktivitetsparat_uden_vurdering": ["kontanthjælp"],
    "uden_klagevejledning": ["kontanthjælp"],
    "uden_begrundelse": ["uddannelseshjælp"],
    "for_sent": ["kontanthjælp"],
    "klage_omgjort": ["kontanthjælp", "uddannelseshjælp"],
    "uden_vejledning": ["kontanthjælp"],
    "sdp_uden_partshoering": ["sygedagpenge"],
}
EXPECTED = {
    "ikke_partshoert": "P1",
    "venlig_foerste": "I2",
    "rimelig_ignoreret": "R1",
    "aktivitetsparat_uden_vurdering": "A1",
    "uden_klagevejledning": "F2",
    "uden_begrundelse": "F1 F2",
    "for_sent": "T1",
    "klage_omgjort": "V1",
    "uden_vejledning": "V1",
    "sdp_uden_partshoering": "P1",
}
"""The screening rule each deficient story should trip (the rules of screening/data/rules.toml,
`afdaek screen rules`)."""
UNHEARD = {"ikke_partshoert", "sdp_uden_partshoering"}
"""Stories decided without partshøring: unless the jobcentre tried to reach the citizen after
the failure, nothing shows that it looked into a rimelig grund either (R2)."""
DEFICIENT = {
    "ikke_partshoert",
    "venlig_foerste",
    "rimelig_ignoreret",
    "aktivitetsparat_uden_vurdering",
    "uden_klagevejledning",
    "uden_begrundelse",
    "for_sent",
    "klage_omgjort",
    "uden_vejledning",
    "sdp_uden_partshoering",
}

CASE_PLAN: list[str] = (
    ["ingen"] * 7
    + ["afbud"] * 3
    + ["hypotetisk"] * 2
    + ["rimelig_accepteret"] * 3
    + ["korrekt"] * 5
    + ["aktivitetsparat_vurderet"] * 2
    + ["sdp_korrekt"] * 2
    + ["ikke_partshoert"] * 3
    + ["venlig_foerste"] * 2
    + ["rimelig_ignoreret"] * 2
    + ["aktivitetsparat_uden_vurdering"] * 2
    + ["uden_klagevejledning"] * 1
    + ["uden_begrundelse"] * 1
    + ["for_sent"]
    + ["klage_omgjort"] * 2
    + ["uden_vejledning"]
    + ["sdp_uden_partshoering"]
    # five more cases that exist only in cases_export.csv
    + [
        "export:korrekt",
        "export:ikke_partshoert",
        "export:ingen",
        "export:rimelig_ignoreret",
        "export:klage_omgjort",
    ]
)


# ------------------------------------------------------------------------------------------
# Dates and people


def fmt_date(rng: random.Random, d: dt.date) -> str:
    """A note header date in one of the formats caseworkers use."""
    style = rng.choices(["dots", "slash", "long"], [0.55, 0.25, 0.2])[0]
    if style == "dots":
        return d.strftime("%d.%m.%Y")
    if style == "slash":
        return f"{d.day}/{d.month}-{d:%y}"
    return long_date(d)


def weekday_after(d: dt.date, days: int) -> dt.date:
    d = d + dt.timedelta(days=days)
    while d.weekday() >= 5:
        d += dt.timedelta(days=1)
    return d


def person(rng: random.Random, ydelse: str) -> dict:
    female = rng.random() < 0.5
    first = rng.choice(FEMALE if female else MALE)
    middle = rng.choice(MIDDLE)
    last = rng.choice(LAST)
    name = " ".join(p for p in (first, middle, last) if p)
    low, high = (18, 29) if ydelse == "uddannelseshjælp" else (25, 62)
    age = rng.randint(low, high)
    born = dt.date(2023 - age, 1, 1) + dt.timedelta(days=rng.randrange(0, 365))
    serial = rng.randrange(0, 1000) * 10 + rng.choice([0, 2, 4, 6, 8] if female else [1, 3, 5, 7, 9])
    cpr = f"{born:%d%m%y}-{serial:04d}"
    phone = f"{rng.choice([20, 22, 26, 28, 30, 40, 42, 50, 53, 60, 61, 71, 81])} " + " ".join(
        f"{rng.randrange(10, 100)}" for _ in range(3)
    )
    mail_name = first.lower().replace("ø", "oe").replace("æ", "ae").replace("å", "aa")
    mail = f"{mail_name}{rng.randrange(10, 99)}@{rng.choice(['eksempel.dk', 'post.eksempel.dk'])}"
    return {
        "name": name,
        "first": first,
        "cpr": cpr,
        "phone": phone,
        "mail": mail,
        "female": female,
        "han": "hun" if female else "han",
        "ham": "hende" if female else "ham",
        "hans": "hendes" if female else "hans",
    }


# ------------------------------------------------------------------------------------------
# Notes


class Notes:
    """A running list of dated notes for one case."""

    def __init__(self, rng: random.Random, start: dt.date, p: dict, sb: str) -> None:
        self.rng, self.d, self.p, self.sb = rng, start, p, sb
        self.items: list[tuple[dt.date, str, str]] = []

    def add(self, days: int, title: str, text: str) -> dt.date:
        self.d = weekday_after(self.d, days) if days else self.d
        self.items.append((self.d, title, text.format(**self.p, sb=self.sb)))
        return self.d

    def later(self, days: int) -> dt.date:
        return weekday_after(self.d, days)


def first_meeting(n: Notes, vejledning: bool = True, pii: bool = False) -> None:
    intro = "Borger: {name}, cpr {cpr}. " if pii else ""
    contact = " Tlf. {phone}, mail {mail}." if n.rng.random() < 0.5 else ""
    if vejledning:
        text = (
            intro + "{first} mødte til første samtale. Vi gennemgik uddannelse, "
            "erhvervserfaring og ønsker til job. {first} fik udleveret den skriftlige "
            "vejledning om rettigheder og pligter, herunder at udeblivelse fra samtaler "
            "og tilbud uden rimelig grund giver fradrag i hjælpen. Vejledningen er også "
            "sendt til e-Boks." + contact
        )
    else:
        text = (
            intro + "{first} mødte til første samtale. Vi talte om jobmål og CV. "
            "{first} er orienteret mundtligt om, at det er vigtigt at møde op til "
            "aftalerne." + contact
        )
    n.add(0, n.rng.choice(["Første samtale", "Jobsamtale", "Visitationssamtale"]), text)


def summons(n: Notes, meeting: dt.date, consequence: bool = True, friendly: bool = False) -> None:
    when = f"{long_date(meeting)} kl. {n.rng.choice(['9.00', '9.30', '10.00', '13.00'])}"
    if friendly:
        text = (
            f"Første indkaldelse sendt i den venlige skabelon til samtale {when}. Brevet "
            "har ingen tekst om ret og pligt og ingen oplysning om konsekvens ved "
            "udeblivelse."
        )
    elif consequence:
        text = (
            f"Indkaldelse til jobsamtale {when} sendt i e-Boks. Brevet oplyser, at "
            "udeblivelse uden rimelig grund medfører fradrag i hjælpen."
        )
    else:
        text = f"Indkaldelse til samtale {when} sendt."
    sent = max(weekday_after(n.d, 1), weekday_after(meeting, -n.rng.randint(8, 16)))
    n.d = min(sent, weekday_after(meeting, -3))
    n.add(0, "Indkaldelse", text)


NO_SHOW_TEXTS = [  # (text, whether the jobcentre tried to reach the citizen after the failure)
    (
        "{first} mødte ikke til samtalen. Der er ikke meldt afbud. Ringet to gange til {phone} uden svar.",
        True,
    ),
    ("Udeblevet fra dagens samtale uden afbud. Sms sendt med besked om at kontakte jobcentret.", True),
    ("{first} kom ikke til den aftalte samtale og har ikke givet besked.", False),
]


def no_show(n: Notes, meeting: dt.date) -> None:
    n.d = meeting
    text, contacted = n.rng.choice(NO_SHOW_TEXTS)
    n.p["_kontaktet"] = n.p.get("_kontaktet", False) or contacted
    n.add(0, "Udeblivelse", text)


def no_show_offer(n: Notes, firm: str) -> dt.date:
    start = n.later(n.rng.randint(10, 25))
    n.add(
        n.rng.randint(2, 6),
        "Henvisning til tilbud",
        f"{{first}} er henvist til virksomhedspraktik hos {firm} fra {long_date(start)}, "
        "13 uger, 25 timer om ugen. Indkaldelse med vejledning om konsekvenser ved "
        "udeblivelse er sendt.",
    )
    n.d = n.later(20)
    n.add(
        0,
        "Besked fra praktiksted",
        f"{firm} ringer: {{first}} er ikke mødt i praktikken i tre dage og har ikke givet besked.",
    )
    return n.d


def dk_int(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def fradrag_text(ydelse: str) -> str:
    return "uddannelseshjælpen" if ydelse == "uddannelseshjælp" else "kontanthjælpen"


def build_notes(
    rng: random.Random,
    story: str,
    ydelse: str,
    kategori: str | None,
    p: dict,
    sb: str,
    start: dt.date,
) -> list[tuple[dt.date, str, str]]:
    n = Notes(rng, start, p, sb)
    firm = rng.choice(FIRMS)
    pii = rng.random() < 0.4
    amount = rng.choice([548, 597, 612, 634, 689])
    hj = fradrag_text(ydelse)

    if story == "ingen":
        if ydelse == "sygedagpenge":
            n.add(
                0,
                "Første opfølgningssamtale",
                ("Borger: {name}, cpr {cpr}. " if pii else "")
                + "{first} er sygemeldt med rygsmerter efter et løft på arbejdet. Arbejdsgiver "
                "er positiv over for delvis raskmelding. Lægeattest bestilt.",
            )
            n.add(
                rng.randint(14, 30),
                "Lægeattest",
                "Lægeattest modtaget. Forventet varighed 6-8 uger. Delvis raskmelding med "
                "15 timer om ugen aftalt med arbejdsgiver.",
            )
            n.add(
                rng.randint(20, 40),
                "Opfølgning",
                "{first} arbejder nu 25 timer om ugen og forventer fuld raskmelding om to uger.",
            )
            n.add(
                rng.randint(10, 20),
                "Raskmelding",
                "{first} er raskmeldt fra i dag. Sagen afsluttes.",
            )
        elif ydelse == "ressourceforløb":
            n.add(
                0,
                "Rehabiliteringsteam",
                "Rehabiliteringsteamet har indstillet til ressourceforløb i 2 år. "
                "Koordinerende sagsbehandler er {sb}.",
            )
            n.add(
                rng.randint(10, 20),
                "Samtale",
                "Indsatsplan lavet sammen med {first}. Fokus på at få struktur på hverdagen "
                "og afklare skånehensyn. Mentor bevilget 3 timer om ugen.",
            )
            n.add(
                rng.randint(30, 50),
                "Opfølgning",
                "Mentor fortæller, at {first} møder stabilt. Vi aftaler praktik på "
                f"{firm} 6 timer om ugen.",
            )
            n.add(
                rng.randint(30, 50),
                "Opfølgning",
                "Praktikken går godt. {first} vil gerne op på 8 timer.",
            )
        else:
            first_meeting(n, True, pii)
            n.add(
                rng.randint(14, 28),
                "Jobsamtale",
                "Vi har gennemgået CV og jobsøgning. {first} søger job inden for lager og "
                "detail. Aftalt 4 ansøgninger om ugen.",
            )
            n.add(
                rng.randint(20, 40),
                "Mail fra borger",
                "{first} skriver fra {mail}, at "
                + ("hun" if p["female"] else "han")
                + f" har fået job 20 timer om ugen hos {firm}. Supplerende hjælp beregnes.",
            )
            n.add(
                rng.randint(20, 40),
                "Opfølgning",
                "Timerne er sat op til 30 om ugen. {first} er ude af hjælpen fra næste måned.",
            )
        return n.items

    if story in ("sdp_korrekt", "sdp_uden_partshoering"):
        n.add(
            0,
            "Første opfølgningssamtale",
            ("Borger: {name}, cpr {cpr}. " if pii else "")
            + "{first} er sygemeldt med stress. Vi aftaler, at "
            + p["han"]
            + " sender oplysningsskema og samtykke til at indhente lægeoplysninger.",
        )
        n.add(
            rng.randint(5, 10),
            "Oplysningsskema",
            "Oplysningsskema sendt til {first} med frist på 8 dage.",
        )
        n.add(
            rng.randint(12, 16),
            "Rykker",
            "Skemaet er ikke modtaget. Rykker sendt, og telefonbesked lagt på {phone}.",
        )
        n.add(
            rng.randint(8, 12),
            "Manglende medvirken",
            "Skemaet er stadig ikke modtaget, og {first} svarer ikke.",
        )
        if story == "sdp_korrekt":
            n.add(
                1,
                "Partshøring",
                "Partshøring sendt om, at sygedagpengene påtænkes stoppet efter "
                "sygedagpengelovens § 21, fordi {first} ikke medvirker. Frist 10 dage.",
            )
            stop = n.later(14)
            n.add(
                14,
                "Afgørelse",
                f"Ingen svar på partshøringen. Afgørelse om ophør af sygedagpenge fra "
                f"{long_date(stop)} sendt med begrundelse og klagevejledning.",
            )
        else:
            stop = n.later(3)
            n.add(
                2,
                "Afgørelse",
                f"Sygedagpengene stoppes fra {long_date(stop)}, da {{first}} ikke medvirker. "
                "Der er ikke partshørt forud for afgørelsen. Afgørelsen er sendt med "
                "klagevejledning.",
            )
        return n.items

    # Everything below: kontanthjælp / uddannelseshjælp stories around a summons.
    first_meeting(n, vejledning=story not in ("uden_vejledning", "klage_omgjort"), pii=pii)
    if story == "venlig_foerste":
        # the friendly summons goes out before the first meeting: restart the notes
        n.items.clear()
        meeting = n.later(14)
        summons(n, meeting, friendly=True)
        no_show(n, meeting)
        n.add(
            3,
            "Partshøring",
            f"Partshøringsbrev sendt om påtænkt fradrag for udeblivelsen den {long_date(meeting)}.",
        )
        n.add(
            11,
            "Afgørelse",
            f"Ingen bemærkninger modtaget. Afgørelse om fradrag i {hj} for 1 dag, "
            f"{amount} kr., sendt med begrundelse og klagevejledning.",
        )
        return n.items

    if story == "afbud":
        meeting = n.later(21)
        summons(n, meeting)
        n.d = weekday_after(meeting, -1) if meeting.weekday() > 0 else meeting
        reason = rng.choice(["tandlægetid", "jobsamtale hos en virksomhed", "sygdom"])
        n.add(
            0,
            "Afbud",
            f"{{first}} ringer og melder afbud til samtalen pga. {reason}. Ny tid aftalt "
            f"til {long_date(n.later(7))}.",
        )
        n.add(7, "Jobsamtale", "{first} mødte. Vi fulgte op på jobsøgningen, der går fint.")
        return n.items

    if story == "hypotetisk":
        n.add(
            rng.randint(14, 28),
            "Jobsamtale",
            f"Praktik hos {firm} aftalt. Vi har talt om, at hvis {{first}} udebliver fra "
            "praktikken uden at melde afbud, kan det føre til fradrag i hjælpen. {first} "
            "siger, at det er forstået.",
        )
        n.add(
            rng.randint(20, 30),
            "Opfølgning",
            "Praktikken går godt. Praktikværten roser {first} for at møde stabilt. Der har "
            "ikke været fravær.",
        )
        n.add(
            rng.randint(20, 30),
            "Opfølgning",
            "Der er ikke grundlag for at overveje sanktion. Løntilskud drøftes med virksomheden.",
        )
        return n.items

    meeting = n.later(rng.randint(20, 35))
    if (
        story
        in (
            "korrekt",
            "ikke_partshoert",
            "rimelig_accepteret",
            "rimelig_ignoreret",
            "uden_klagevejledning",
            "for_sent",
            "klage_omgjort",
            "uden_vejledning",
        )
        or kategori == "aktivitetsparat"
        and rng.random() < 0.5
    ):
        summons(n, meeting, consequence=True)
        no_show(n, meeting)
        failure = meeting
    else:
        failure = no_show_offer(n, firm)

    if story == "rimelig_accepteret":
        child = rng.choice(["datter", "søn"])
        n.add(
            1,
            "Telefonsamtale",
            f"{{first}} ringer og fortæller, at {p['hans']} {child} var syg med feber, og at "
            f"{p['han']} ikke kunne nå at melde afbud før mødet.",
        )
        n.add(
            1,
            "Vurdering af rimelig grund",
            "Forklaringen om barnets sygdom er troværdig og passer med tidligere afbud. "
            "Det vurderes at være rimelig grund, jf. aktivlovens § 13, stk. 7. Der træffes "
            "ikke afgørelse om sanktion. Ny samtale aftalt.",
        )
        return n.items

    if story == "rimelig_ignoreret":
        n.add(
            1,
            "Telefonsamtale",
            "{first} ringer og siger, at " + p["han"] + " var syg med influenza og lå i sengen på dagen.",
        )

    if kategori == "aktivitetsparat" and story != "aktivitetsparat_uden_vurdering":
        n.add(
            2,
            "Vurdering",
            "{first} er aktivitetsparat. Vi har set på helbred, boligsituation og misbrug. "
            "Der er ingen oplysninger om forhold, der forklarer udeblivelsen. Det vurderes, "
            "at et fradrag kan fremme "
            + p["hans"]
            + " rådighed, fordi "
            + p["han"]
            + " selv siger, at det var en forglemmelse.",
        )

    if story == "ikke_partshoert":
        n.add(
            rng.randint(2, 6),
            "Afgørelse",
            rng.choice(
                [
                    "Udeblivelsen er dokumenteret, så der er ikke partshørt. ",
                    "Ikke partshørt pga. travlhed i teamet. ",
                    "Der er ikke foretaget partshøring, da sagen vurderes at være klar. ",
                ]
            )
            + f"Afgørelse om fradrag i {hj} for 1 dag, {amount} kr., sendt med "
            "begrundelse og klagevejledning.",
        )
        return n.items

    if story == "for_sent":
        n.add(
            rng.randint(3, 5),
            "Partshøring",
            f"Partshøringsbrev sendt om påtænkt fradrag for udeblivelsen den {long_date(failure)}.",
        )
        n.add(
            rng.randint(30, 40),
            "Opfølgning",
            "Sagen om udeblivelsen er ikke afsluttet. Afventer ledelsens gennemgang.",
        )
        late = weekday_after(failure, rng.randint(110, 130))
        n.d = late
        n.add(
            0,
            "Afgørelse",
            f"Afgørelse om fradrag i {hj} for udeblivelsen den {long_date(failure)}, "
            f"{amount} kr., sendt med begrundelse og klagevejledning.",
        )
        return n.items

    n.add(
        rng.randint(2, 5),
        "Partshøring",
        f"Partshøringsbrev sendt om påtænkt fradrag for udeblivelsen den "
        f"{long_date(failure)}. Svarfrist 8 dage.",
    )
    if story != "rimelig_ignoreret":
        n.add(
            9,
            "Partshøring, svar",
            rng.choice(
                [
                    "Ingen bemærkninger modtaget inden fristen.",
                    "{first} har ikke svaret på partshøringen.",
                    "{first} skriver fra {mail}, at "
                    + p["han"]
                    + " har glemt aftalen. Ingen øvrige bemærkninger.",
                ]
            ),
        )
    else:
        n.d = n.later(9)

    if story == "uden_klagevejledning":
        n.add(
            2,
            "Afgørelse",
            f"Afgørelse om fradrag i {hj} for 1 dag, {amount} kr., sendt i e-Boks med "
            "begrundelse. Der er ikke vedlagt klagevejledning.",
        )
        return n.items
    if story == "uden_begrundelse":
        n.add(
            2,
            "Afgørelse",
            f"Kort besked sendt om nedsættelse af {hj} med {dk_int(amount * 4)} kr. Brevet "
            "angiver ingen begrundelse og har ingen klagevejledning.",
        )
        return n.items

    kind = "nedsættelse" if failure != meeting and rng.random() < 0.6 else "fradrag"
    sum_text = dk_int(amount * 3) if kind == "nedsættelse" else str(amount)
    n.add(
        2,
        "Afgørelse",
        f"Afgørelse om {kind} i {hj}, {sum_text} kr., sendt i e-Boks. Afgørelsen er "
        "begrundet og indeholder klagevejledning.",
    )

    if story == "klage_omgjort":
        n.add(
            rng.randint(8, 20),
            "Klage",
            "{first} klager over afgørelsen og siger, at " + p["han"] + " aldrig har fået "
            "at vide, at " + p["han"] + " ville blive trukket. Sagen er genvurderet. "
            "Afgørelsen fastholdes, og klagen er sendt til Ankestyrelsen.",
        )
        outcome = rng.choice(
            [
                (
                    f"Ankestyrelsen har ændret afgørelsen. Der var ikke dokumentation for, at {{first}} "
                    f"var vejledt skriftligt om konsekvensen. De {sum_text} kr. udbetales igen."
                ),
                (
                    "Ankestyrelsen har hjemvist sagen til ny behandling, fordi det ikke fremgår, at "
                    "{first} har fået skriftlig vejledning om konsekvensen af at udeblive."
                ),
            ]
        )
        n.add(rng.randint(60, 90), "Ankestyrelsen", outcome)
    return n.items


def notes_text(rng: random.Random, items: list[tuple[dt.date, str, str]]) -> str:
    out = []
    for d, title, text in items:
        head = fmt_date(rng, d)
        style = rng.random()
        if style < 0.75:
            head = f"{head} – {title}"
        elif style < 0.9:
            head = f"{head} - {title}"
        out.append(f"{head}\n{text}\n")
    return "\n".join(out)


def build_case(rng: random.Random, number: int, story: str, used: set[str]) -> dict:
    """One case: id, sag.toml text, notes text (or CSV rows for an exported case)."""
    export = story.startswith("export:")
    story = story.removeprefix("export:")
    ydelse = rng.choice(STORIES[story])
    if ydelse == "kontanthjælp":
        kategori = {
            "aktivitetsparat_vurderet": "aktivitetsparat",
            "aktivitetsparat_uden_vurdering": "aktivitetsparat",
        }.get(story, rng.choice(["jobparat", "jobparat", "aktivitetsparat"]))
    elif ydelse == "uddannelseshjælp":
        kategori = rng.choice(["uddannelsesparat", "åbenlyst uddannelsesparat", "aktivitetsparat"])
    else:
        kategori = None
    team, workers = TEAMS.get(
        (ydelse, kategori if ydelse == "kontanthjælp" else None),
        TEAMS[("kontanthjælp", "jobparat")],
    )
    sb = rng.choice(workers)
    p = person(rng, ydelse)
    start = dt.date(2022, 1, 10) + dt.timedelta(days=rng.randrange(0, 520))
    start = weekday_after(start, 0)
    while True:
        case_id = f"EG-{start:%y}-{rng.randrange(100, 9999):04d}"
        if case_id not in used:
            used.add(case_id)
            break
    items = build_notes(rng, story, ydelse, kategori, p, sb, start)
    toml = [f"# Syntetisk eksempelsag ({story})", f'ydelse = "{ydelse}"']
    if kategori:
        toml.append(f'visitationskategori = "{kategori}"')
    toml += [
        f'borger = "{p["name"]}"',
        f'cpr = "{p["cpr"]}"',
        f'sagsbehandler = "{sb}"',
        f'team = "{team}"',
        f"start = {start.isoformat()}",
    ]
    case = {
        "id": case_id,
        "export": export,
        "story": story,
        "deficient": story in DEFICIENT,
        "expected": " ".join(
            filter(
                None, [EXPECTED.get(story, ""), "R2" if story in UNHEARD and not p.get("_kontaktet") else ""]
            )
        ),
        "toml": "\n".join(toml) + "\n",
        "notes": notes_text(rng, items),
    }
    if export:
        case["notes_rows"] = [(d.strftime("%d.%m.%Y"), title, text) for d, title, text in items]
    if story == "uden_klagevejledning":
        decision = items[-1][0]
        case["extra"] = {
            "afgoerelse.txt": (
                f"Jobcenter Egebjerg\n\nDato: {long_date(decision)}\n\nAfgørelse om fradrag\n\n"
                f"Kære {p['name']}\n\nDa du udeblev fra samtalen uden at melde afbud, og da du "
                f"ikke har svaret på vores brev, trækker vi 1 dag i din {fradrag_text(ydelse)[:-2]}. "
                "Det følger af lov om aktiv socialpolitik § 36.\n\nMed venlig hilsen\n\n"
                f"{sb}\n"
            )
        }
    return case
