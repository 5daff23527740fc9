"""Synthetic minutes of Udvalget for Beskæftigelse, Egebjerg Kommune, 2021-2022.

Two layouts: A (SbSys-like text from PDF, with page headers in the flow) and B (markdown from
PDF with `### 96. Title`, Sagsid., Åben sag, and `Beslutning <udvalg> den dd-mm-yyyy`). The
figures quoted in the items are computed from the example tables, so they agree.
"""

from __future__ import annotations

from _texts_survey import tally

UDVALG = "Udvalget for Beskæftigelse"
FORMAND = "Birgitte Lund Holm"
MEMBERS = [
    "Birgitte Lund Holm",
    "Kasper Vinther",
    "Hanne Ravn Kjær",
    "Ole Bech Mikkelsen",
    "Sara Iversen",
    "Niels Overgaard",
    "Tina Hald Poulsen",
]


def _dk(n: float, d: int = 0) -> str:
    t = f"{abs(n):,.{d}f}".replace(",", "X").replace(".", ",").replace("X", ".")
    return ("-" if n < 0 else "") + t


def _pct(a: float, b: float) -> str:
    return _dk(100 * a / b, 1) if b else "0"


def MEETINGS(facts: dict) -> list[dict]:
    """The four meetings with their items, numbers filled in from the tables."""
    bench = [r for r in facts["benchmark"] if r[0] == "Egebjerg" and r[2] == "2019H2-2020H1"]
    bench_lines = "\n".join(f"{r[1]:<22}{r[3]:>4}{r[4]:>9}{r[5]:>9}{r[6]:>7}{r[7]:>13}" for r in bench)
    s2020 = [c for c in facts["sanctions"] if c[0] == "Egebjerg" and c[1].startswith("2020")]
    s2019 = [c for c in facts["sanctions"] if c[0] == "Egebjerg" and c[1].startswith("2019")]
    s2021 = [c for c in facts["sanctions"] if c[0] == "Egebjerg" and c[1].startswith("2021")]
    sum20, sum19, sum21 = (sum(c[5] for c in s) for s in (s2020, s2019, s2021))
    q2_2020 = sum(c[5] for c in s2020 if c[1] == "2020K2")
    akt20 = sum(c[5] for c in s2020 if c[3] == "aktivitetsparat")
    ap = {(r[1], r[2]): r for r in facts["appeals"] if r[0] == "Egebjerg"}

    def omg(year: str) -> tuple[int, int, str]:
        rows = [r for (y, _), r in ap.items() if y == year]
        total = sum(int(r[3]) for r in rows)
        changed = sum(int(r[4]) + int(r[5]) for r in rows)
        return total, changed, _pct(changed, total)

    a20, c20, p20 = omg("2020")
    a21, c21, p21 = omg("2021")
    land = [r for r in facts["appeals"] if r[0] == "Hele landet" and r[1] == "2020"]
    land_pct = _pct(sum(int(r[4]) + int(r[5]) for r in land), sum(int(r[3]) for r in land))
    counts = tally(facts["survey"])
    survey_lines = "\n".join(
        f"{g:<20}"
        + "".join(
            f"{counts.get(g, {}).get(s, 0):>8}"
            for s in ("Yderst tilfreds", "Meget tilfreds", "Tilfreds", "Mindre tilfreds")
        )
        for g in (
            "Kontanthjælp",
            "Uddannelseshjælp",
            "Sygedagpenge",
            "Forsikrede ledige",
            "Ressourceforløb",
        )
    )
    n_survey = sum(sum(v.values()) for v in counts.values())
    n_mindre = sum(v.get("Mindre tilfreds", 0) for v in counts.values())
    offers22 = {r[0]: r for r in facts["offers"] if r[3] == "2022"}
    offers21 = {r[0]: r for r in facts["offers"] if r[3] == "2021"}

    return [
        {
            "file": "ufb_2021-03-15.txt",
            "layout": "A",
            "date_long": "15. marts 2021",
            "date_short": "15-03-2021",
            "absent": "",
            "items": [
                {"nr": 31, "title": "Godkendelse af dagsorden", "decision": "Godkendt."},
                {
                    "nr": 32,
                    "title": "Analyse af beskæftigelsesindsatsen - afrapportering og otte anbefalinger",
                    "sagsid": "15.00.00-A00-2-21",
                    "Beslutningstema": "Konsulenthuset Kvist & Partnere fremlægger analysen af "
                    "beskæftigelsesindsatsen i Egebjerg Kommune.\nUdvalget skal tage stilling "
                    "til de otte anbefalinger og til, hvordan der følges op.",
                    "Økonomi": "Anbefalingerne gennemføres inden for den eksisterende ramme. "
                    "Forslag med udgifter forelægges udvalget særskilt.",
                    "Historik": "Udvalget besluttede den 30. november 2020 at få "
                    "beskæftigelsesindsatsen afdækket af en ekstern part.\nUdvalget godkendte "
                    "projektbeskrivelsen den 25. januar 2021, punkt 8.",
                    "Sagsfremstilling": "Analysen bygger på tal fra jobindsats.dk, en gennemgang "
                    "af 60 personsager, interviews med medarbejdere og en spørgeskemaundersøgelse "
                    "blandt borgere.\n\nAnalysen peger på otte områder, hvor indsatsen kan "
                    "styrkes:\n\n"
                    "1. Tidlig indsats tilbage på niveauet fra før Covid-19\n"
                    "2. Mere nytteindsats og skarpere praktikker for unge\n"
                    "3. Forecast på sygedagpengeområdet\n"
                    "4. Screening for funktionsnedsættelser\n"
                    "5. Harmonisering af sanktionspraksis og udvidet partshøring\n"
                    "6. Justeret praksis for mødeindkaldelser\n"
                    "7. Styrket rådgivning og kommunikation\n"
                    "8. Justering af tilbuddenes indhold og varighed\n\n"
                    "Sagsgennemgangen viste, at der i en stor del af sanktionssagerne mangler "
                    "dokumentation for skriftlig vejledning, og at partshøring ikke altid "
                    "gennemføres. Det hænger sammen med, at omgørelsesprocenten i ankesager har "
                    "ligget over landsgennemsnittet.\n\nBorgerne oplever indkaldelsesbrevene "
                    "som svære at læse og som truende. Flere ved ikke, hvad de skal medbringe.",
                    "Kommunikation": "Analysen offentliggøres på kommunens hjemmeside efter mødet.",
                    "Lovgrundlag": "Lov om ansvaret for og styringen af den aktive beskæftigelsesindsats.",
                    "indstilling": [
                        "anbefalingerne godkendes",
                        "forvaltningen udarbejder en handleplan for hver anbefaling",
                        "udvalget får status på anbefalingerne hvert halve år",
                    ],
                    "decision": "Indstillingen godkendt.\nUdvalget ønsker anbefaling 5 og "
                    "anbefaling 6 prioriteret først.",
                    "bilag": [
                        "Analyse af beskæftigelsesindsatsen, Kvist & Partnere, 2021.pdf",
                        "Oplæg UFB 15.03.2021.pptx",
                    ],
                },
                {
                    "nr": 33,
                    "title": "Beskæftigelsesministeriets benchmark",
                    "sagsid": "15.00.00-A00-11-15",
                    "Beslutningstema": "Kommunens placering på Beskæftigelsesministeriets "
                    "benchmark forelægges til drøftelse.",
                    "Økonomi": "Ingen bemærkninger.",
                    "Sagsfremstilling": "Benchmarket sammenligner det faktiske antal "
                    "fuldtidspersoner på offentlig forsørgelse med det antal, man kunne "
                    "forvente ud fra kommunens rammevilkår. Modellen er udviklet af VIVE. "
                    "En positiv forskel betyder, at kommunen har færre på ydelse end "
                    "forventet.\n\nEgebjerg Kommune, 2. halvår 2019 - 1. halvår 2020:\n\n"
                    f"{'Område':<22}{'Plac.':>4}{'Faktisk':>9}{'Forv.':>9}{'Forsk.':>7}"
                    f"{'Besparelse':>13}\n{bench_lines}\n\n"
                    "Kommunen sammenlignes med Favrskov, Skanderborg og Ringkøbing-Skjern, som "
                    "har lignende rammevilkår, og med nabokommunerne Vejle og Horsens.",
                    "Kommunikation": "Ingen bemærkninger.",
                    "Lovgrundlag": "Lov om ansvaret for og styringen af den aktive beskæftigelsesindsats.",
                    "indstilling": ["benchmarket drøftes"],
                    "decision": "Drøftet.",
                    "bilag": ["Kommunernes placering på ranglisten, alle ydelser.pdf"],
                },
                {
                    "nr": 34,
                    "title": "Månedsopfølgning februar 2021",
                    "sagsid": "00.30.10-S00-1-21",
                    "Beslutningstema": "Orientering om forventet regnskab 2021 for beskæftigelsesområdet.",
                    "Økonomi": "Der forventes et mindreforbrug på forsørgelsesydelser på 3,1 mio. "
                    "kr., primært på sygedagpenge, og et merforbrug på 0,8 mio. kr. til "
                    "tilbud efter genåbningen.",
                    "Sagsfremstilling": "Antallet af borgere på kontanthjælp er faldet siden "
                    "efteråret, mens antallet på uddannelseshjælp er steget. Udgifterne til "
                    "løntilskud ligger under budgettet, fordi færre virksomheder har taget "
                    "imod ledige under nedlukningen.",
                    "Kommunikation": "Ingen bemærkninger.",
                    "Lovgrundlag": "Styrelsesloven og kommunens principper for økonomistyring.",
                    "indstilling": ["orienteringen tages til efterretning"],
                    "decision": "Taget til efterretning.",
                    "bilag": ["Månedsopfølgning februar 2021.pdf"],
                },
                {
                    "nr": 35,
                    "title": "Sanktioner og ankesager 2020",
                    "sagsid": "15.20.00-A00-1-21",
                    "Beslutningstema": "Orientering om brugen af sanktioner og om Ankestyrelsens "
                    "afgørelser i 2020.",
                    "Økonomi": "Ingen bemærkninger.",
                    "Historik": "Udvalget får hvert år en opgørelse over sanktioner og klager.",
                    "Sagsfremstilling": f"Jobcentret traf i 2020 i alt {sum20} afgørelser om "
                    f"sanktion mod {sum19} i 2019. Sanktionerne var suspenderet i en periode "
                    f"i foråret 2020, og i 2. kvartal blev der kun givet {q2_2020}. Af "
                    f"sanktionerne i 2020 vedrørte {akt20} aktivitetsparate borgere.\n\n"
                    f"Ankestyrelsen behandlede {a20} klager fra Egebjerg i 2020. Heraf blev "
                    f"{c20} ændret eller hjemvist, svarende til en omgørelsesprocent på {p20}. "
                    f"For hele landet var den {land_pct} procent.\n\nDe hyppigste grunde til "
                    "omgørelse var, at borgeren ikke var vejledt skriftligt om konsekvensen, og "
                    "at der ikke var foretaget en konkret vurdering af den aktivitetsparate "
                    "borgers forhold.",
                    "Kommunikation": "Ingen bemærkninger.",
                    "Lovgrundlag": "Lov om aktiv socialpolitik §§ 13 og 35-40 a. Forvaltningsloven § 19.",
                    "indstilling": ["orienteringen tages til efterretning"],
                    "decision": "Taget til efterretning.\nUdvalget ser frem til arbejdet med anbefaling 5.",
                    "bilag": ["Sanktionsstatistik 2020.xlsx"],
                },
                {"nr": 36, "title": "Eventuelt", "decision": "Ingen bemærkninger."},
            ],
        },
        {
            "file": "ufb_2021-06-07.txt",
            "layout": "A",
            "date_long": "7. juni 2021",
            "date_short": "07-06-2021",
            "absent": "Sara Iversen",
            "items": [
                {"nr": 70, "title": "Godkendelse af dagsorden", "decision": "Godkendt."},
                {
                    "nr": 71,
                    "title": "Harmonisering af sanktionspraksis og udvidet partshøring (anbefaling 5)",
                    "sagsid": "15.20.00-A00-3-21",
                    "Beslutningstema": "Forslag til fælles retningslinje for sanktioner og "
                    "partshøring i jobcentret.",
                    "Økonomi": "Udvidet partshøring koster ca. 1,5 times sagsbehandling pr. sag. "
                    "Forvaltningen forventer, at tiden hentes ind ved færre klagesager.",
                    "Historik": "Udvalget godkendte den 15. marts 2021, punkt 32, de otte "
                    "anbefalinger og prioriterede anbefaling 5.",
                    "Sagsfremstilling": "Praksis for sanktioner varierer i dag mellem teams. "
                    "Retningslinjen fastlægger:\n\n"
                    "- at alle borgere får skriftlig vejledning om rettigheder, pligter og "
                    "konsekvenser ved første samtale og igen ved hvert nyt tilbud\n"
                    "- at der altid partshøres, før der træffes afgørelse om fradrag eller "
                    "nedsættelse, også når sagen virker klar\n"
                    "- at borgerens forklaring om rimelig grund vurderes konkret og noteres\n"
                    "- at der for aktivitetsparate foretages en vurdering af, om sanktionen "
                    "fremmer rådigheden\n"
                    "- at afgørelsen sendes med begrundelse og klagevejledning\n\n"
                    "Ledelsestilsynet udvides med 10 sanktionssager pr. team pr. kvartal. "
                    "Retningslinjen træder i kraft den 1. september 2021.",
                    "Kommunikation": "Retningslinjen gennemgås på teammøder i august.",
                    "Lovgrundlag": "Lov om aktiv socialpolitik § 35. Forvaltningsloven §§ 19, 22, 24 og 25.",
                    "indstilling": [
                        "retningslinjen godkendes",
                        ("udvalget får en opfølgning på sanktioner og omgørelser i januar 2022"),
                    ],
                    "decision": "Indstillingen godkendt.",
                    "bilag": ["Retningslinje for sanktioner og partshøring.docx"],
                },
                {
                    "nr": 72,
                    "title": "Nytteindsats for åbenlyst uddannelsesparate unge (anbefaling 2)",
                    "sagsid": "15.02.00-P20-1-21",
                    "Beslutningstema": "Etablering af Egebjerg-holdet, en nytteindsats for unge "
                    "på uddannelseshjælp.",
                    "Økonomi": "Holdet har 30 pladser og koster ca. 1,2 mio. kr. årligt, som "
                    "finansieres af færre udgifter til eksterne forløb.",
                    "Sagsfremstilling": "Unge, der vurderes åbenlyst uddannelsesparate, begynder "
                    "på Egebjerg-holdet i op til 13 uger, mens de søger ind på en uddannelse. "
                    "Holdet arbejder med opgaver for Park og Vej. Samtidig skal "
                    "virksomhedspraktikker for unge have et tydeligt mål om job eller "
                    "uddannelse.",
                    "Kommunikation": "Ungdommens Uddannelsesvejledning orienteres.",
                    "Lovgrundlag": "Lov om en aktiv beskæftigelsesindsats, kapitel 14 om nytteindsats.",
                    "indstilling": ["Egebjerg-holdet etableres fra 1. august 2021"],
                    "decision": "Godkendt.\nUdvalget ønsker en evaluering efter et år.",
                },
                {
                    "nr": 73,
                    "title": "Tidlig indsats og virksomhedspraktik efter genåbningen (anbefaling 1)",
                    "sagsid": "15.00.00-A00-5-21",
                    "Beslutningstema": "Status på aktiveringsniveauet efter genåbningen.",
                    "Økonomi": "Ingen bemærkninger.",
                    "Sagsfremstilling": "Andelen af ydelsesmodtagere i virksomhedspraktik er "
                    "på vej op, men er endnu ikke tilbage på niveauet fra 2019. "
                    "Virksomhedsservice har kontaktet 240 virksomheder siden april.",
                    "Kommunikation": "Ingen bemærkninger.",
                    "Lovgrundlag": "Lov om en aktiv beskæftigelsesindsats.",
                    "indstilling": ["orienteringen tages til efterretning"],
                    "decision": "Taget til efterretning.",
                },
                {"nr": 74, "title": "Eventuelt", "decision": "Ingen bemærkninger."},
            ],
        },
        {
            "file": "ufb_2021-08-09.md",
            "layout": "B",
            "date_long": "Mandag den 9. august 2021",
            "date_short": "09-08-2021",
            "absent": "Ole Bech Mikkelsen",
            "page_start": 112,
            "items": [
                {"nr": 95, "title": "Godkendelse af dagsorden", "decision": "Godkendt."},
                {
                    "nr": 96,
                    "title": "Justeret praksis for mødeindkaldelser (anbefaling 6)",
                    "sagsid": "15.20.00-A00-4-21",
                    "Sagsfremstilling": "Borgerne har i tilfredshedsmålingen og i analysen sagt, "
                    "at indkaldelserne er svære at læse, og at de ikke ved, hvad de skal "
                    "medbringe.\n\nForvaltningen foreslår, at den første indkaldelse til en ny "
                    "borger skrives i et venligt og enkelt sprog. Den fortæller, hvad mødet "
                    "handler om, hvad borgeren skal have med, og hvordan man melder afbud. Den "
                    "indeholder ikke teksten om ret og pligt. Rettigheder og pligter gennemgås "
                    "i stedet på det første møde, hvor borgeren kan stille spørgsmål.\n\n"
                    "Konsekvensen er, at jobcentret ikke kan sanktionere, hvis borgeren "
                    "udebliver fra det første møde. Det sker sjældent.\n\nBreve sendes ikke "
                    "længere fredag eftermiddag til møder mandag morgen.",
                    "vurdering": "Forvaltningen vurderer, at et venligere første brev giver "
                    "bedre fremmøde og en bedre start på samarbejdet. Skabelonerne i "
                    "fagsystemet er fælles for hele landet, så kun den første indkaldelse "
                    "ændres lokalt.",
                    "Retsgrundlag": "Lov om aktiv socialpolitik § 13, stk. 2, og § 35. "
                    "Forvaltningsloven § 7.",
                    "Økonomi": "Omskrivningen af skabelonen sker inden for den eksisterende ramme.",
                    "Høring": "Ingen.",
                    "bilag": ["Forslag til ny første indkaldelse.docx"],
                    "indstilling": ["den justerede praksis for mødeindkaldelser godkendes"],
                    "decision": "Godkendt.",
                },
                {
                    "nr": 97,
                    "title": "Udviklingsforløb for styrket borgerkontakt (anbefaling 7)",
                    "sagsid": "15.00.00-G01-2-21",
                    "Sagsfremstilling": "Forløbet skal give rådgiverne redskaber til den "
                    "jobrettede samtale og til at forklare rammerne for samarbejdet, herunder "
                    "hvad der kan føre til en sanktion. Forløbet består af tre kursusdage, "
                    "sparring i teams og et fælles sprogkursus i klarsprog for alle, der "
                    "skriver til borgere.",
                    "vurdering": "Forvaltningen vurderer, at forløbet understøtter både "
                    "anbefaling 6 og anbefaling 7.",
                    "Retsgrundlag": "Ingen.",
                    "Økonomi": "Forløbet koster 180.000 kr., som afholdes af kompetencemidlerne.",
                    "Høring": "MED-udvalget er orienteret.",
                    "indstilling": ["forløbets formål, rammer og indhold drøftes"],
                    "decision": "Drøftet.\nUdvalget bakker op om forløbet.",
                },
                {
                    "nr": 98,
                    "title": "Forecast på sygedagpengeområdet (anbefaling 3)",
                    "sagsid": "15.30.00-A00-1-21",
                    "Sagsfremstilling": "Analysen anbefalede et forecast-værktøj til at følge de "
                    "mest uafklarede sygedagpengesager. Forvaltningen har afprøvet værktøjet "
                    "i Team Sygedagpenge. Erfaringen er, at sagerne kan følges lige så godt i "
                    "fagsystemet med nye registreringer, og at det sparer dobbeltarbejde.",
                    "vurdering": "Det anbefales at følge sagerne i fagsystemet og ikke indkøbe et "
                    "særskilt værktøj.",
                    "Retsgrundlag": "Lov om sygedagpenge.",
                    "Økonomi": "Ingen udgifter.",
                    "Høring": "Ingen.",
                    "indstilling": ["orienteringen tages til efterretning"],
                    "decision": "Taget til efterretning.",
                },
                {
                    "nr": 99,
                    "title": "Screening for funktionsnedsættelser (anbefaling 4)",
                    "sagsid": "15.00.00-A00-7-21",
                    "Sagsfremstilling": "Alle rådgivere i Team Ressource og Team Sygedagpenge "
                    "har været på kursus i screening for funktionsnedsættelser og i brugen af "
                    "kompensationskort. Jobcentret følger op hver måned på, hvor mange "
                    "borgere der er screenet.",
                    "vurdering": "Arbejdet er i gang og følger planen.",
                    "Retsgrundlag": "Lov om kompensation til handicappede i erhverv m.v.",
                    "Økonomi": "Ingen bemærkninger.",
                    "Høring": "Ingen.",
                    "indstilling": ["orienteringen tages til efterretning"],
                    "decision": "Taget til efterretning.",
                },
                {
                    "nr": 100,
                    "title": "Gensidig orientering",
                    "decision": "Formanden orienterede om KL's beskæftigelseskonference.",
                },
            ],
        },
        {
            "file": "ufb_2022-01-31.md",
            "layout": "B",
            "date_long": "Mandag den 31. januar 2022",
            "date_short": "31-01-2022",
            "absent": "",
            "page_start": 4,
            "items": [
                {"nr": 5, "title": "Godkendelse af dagsorden", "decision": "Godkendt."},
                {
                    "nr": 6,
                    "title": "Status på de otte anbefalinger fra analysen af beskæftigelsesindsatsen",
                    "sagsid": "15.00.00-A00-2-21",
                    "Sagsfremstilling": "Udvalget godkendte de otte anbefalinger den 15. marts "
                    "2021, punkt 32. Status er:\n\n"
                    "Anbefaling 1, tidlig indsats: Aktiveringsniveauet for aktivitetsparate "
                    "er over niveauet fra 3. kvartal 2019, mens det for jobparate stadig er "
                    "lavere. I gang.\n\n"
                    "Anbefaling 2, nytteindsats for unge: Egebjerg-holdet startede 1. august "
                    "2021 (punkt 72 den 7. juni 2021). Gennemført.\n\n"
                    "Anbefaling 3, sygedagpengeforecast: Sagerne følges i fagsystemet, jf. "
                    "punkt 98 den 9. august 2021. I gang.\n\n"
                    "Anbefaling 4, screening for funktionsnedsættelser: Kurser gennemført, "
                    "månedlig opfølgning. I gang.\n\n"
                    "Anbefaling 5, harmonisering af sanktionspraksis: Retningslinjen gælder "
                    "fra 1. september 2021. Ledelsestilsynet viser, at der nu partshøres i "
                    "næsten alle sager. Gennemført.\n\n"
                    "Anbefaling 6, mødeindkaldelser: Ny første indkaldelse er i brug. "
                    "SMS-påmindelser forelægges under punkt 9. I gang.\n\n"
                    "Anbefaling 7, rådgivning og kommunikation: Udviklingsforløbet er "
                    "startet. I gang.\n\n"
                    "Anbefaling 8, tilbuddenes indhold og varighed: Forslag under punkt 7. "
                    "I gang.",
                    "vurdering": "Forvaltningen vurderer, at arbejdet skrider planmæssigt frem.",
                    "Retsgrundlag": "Ingen.",
                    "Økonomi": "Ingen bemærkninger.",
                    "Høring": "Ingen.",
                    "bilag": ["Status på anbefalingerne januar 2022.pdf"],
                    "indstilling": ["status tages til efterretning"],
                    "decision": "Taget til efterretning.",
                },
                {
                    "nr": 7,
                    "title": "Justering af tilbudsviften (anbefaling 8)",
                    "sagsid": "15.02.00-P20-4-21",
                    "Sagsfremstilling": "Opgørelsen af tilbuddene for 2021 viser, at "
                    "virksomhedspraktik og løntilskud giver flest i job én måned efter, mens "
                    "det generelle jobsøgningskursus giver få.\n\n"
                    f"Virksomhedspraktik havde {offers21['Virksomhedspraktik'][6]} deltagere i "
                    f"2021, jobsøgningskurset {offers21['Jobsøgningskursus'][6]}. Forvaltningen "
                    f"foreslår at reducere jobsøgningskurset til "
                    f"{offers22['Jobsøgningskursus'][5]} pladser og udvide "
                    f"virksomhedspraktikken til {offers22['Virksomhedspraktik'][5]} pladser i "
                    "2022. Varigheden af mentorforløb sættes ned fra 26 til 20 uger som "
                    "udgangspunkt.",
                    "vurdering": "Forvaltningen vurderer, at ændringen giver flere i job for de samme penge.",
                    "Retsgrundlag": "Lov om en aktiv beskæftigelsesindsats.",
                    "Økonomi": "Omlægningen er udgiftsneutral.",
                    "Høring": "Ingen.",
                    "indstilling": ["justeringen af tilbudsviften godkendes"],
                    "decision": "Godkendt.",
                },
                {
                    "nr": 8,
                    "title": "Brugertilfredshedsmåling 2021",
                    "sagsid": "15.00.00-A00-9-21",
                    "Sagsfremstilling": f"I oktober 2021 svarede {n_survey} borgere på, hvordan de "
                    "oplevede indkaldelsen, selve samtalen og aftalen om det videre forløb. "
                    "Den samlede tilfredshed fordeler sig sådan:\n\n"
                    f"{'Gruppe':<20}{'Yderst':>8}{'Meget':>8}{'Tilfr.':>8}{'Mindre':>8}\n"
                    f"{survey_lines}\n\n"
                    f"{n_mindre} borgere er mindre tilfredse. Kommentarerne handler især om "
                    "indkaldelsen: uklart formål, manglende oplysning om hvad man skal "
                    "medbringe, og kort varsel. Flere roser rådgivernes tone og tid.",
                    "vurdering": "Resultaterne bekræfter behovet for anbefaling 6 og 7.",
                    "Retsgrundlag": "Ingen.",
                    "Økonomi": "Ingen bemærkninger.",
                    "Høring": "Ingen.",
                    "bilag": ["Brugertilfredshed 2021 - alle kommentarer.pdf"],
                    "indstilling": ["resultaterne drøftes"],
                    "decision": "Drøftet.",
                },
                {
                    "nr": 9,
                    "title": "SMS-påmindelser om samtaler",
                    "sagsid": "15.20.00-A00-6-21",
                    "Sagsfremstilling": "Jobcentret kan købe et SMS-modul til fagsystemet, så "
                    "borgerne får en påmindelse dagen før en samtale og kan svare, hvis de "
                    "vil melde afbud. Modulet understøtter anbefaling 6 og 7.",
                    "vurdering": "Forvaltningen forventer færre udeblivelser og dermed færre sanktionssager.",
                    "Retsgrundlag": "Databeskyttelsesforordningen. Lov om aktiv socialpolitik § 13.",
                    "Økonomi": "Modulet koster 45.000 kr. årligt.",
                    "Høring": "Ingen.",
                    "indstilling": ["SMS-modulet indføres"],
                    "decision": "Godkendt.",
                },
                {
                    "nr": 10,
                    "title": "Sanktioner og omgørelser 2021",
                    "sagsid": "15.20.00-A00-1-21",
                    "Sagsfremstilling": f"I 2021 traf jobcentret {sum21} afgørelser om sanktion. "
                    f"Ankestyrelsen afgjorde {a21} klager, hvoraf {c21} blev ændret eller "
                    f"hjemvist. Omgørelsesprocenten faldt dermed fra {p20} i 2020 til {p21} i "
                    "2021. Faldet ses især efter 1. september, hvor den harmoniserede "
                    "praksis trådte i kraft.",
                    "vurdering": "Udviklingen følges i ledelsestilsynet.",
                    "Retsgrundlag": "Lov om aktiv socialpolitik § 35. Forvaltningsloven § 19.",
                    "Økonomi": "Ingen bemærkninger.",
                    "Høring": "Ingen.",
                    "indstilling": ["orienteringen tages til efterretning"],
                    "decision": "Taget til efterretning.",
                },
                {"nr": 11, "title": "Gensidig orientering", "decision": "Ingen bemærkninger."},
            ],
        },
    ]


# ------------------------------------------------------------------------------------------
# Layout A: SbSys-like text from PDF

A_HEADINGS = [
    "Beslutningstema",
    "Økonomi",
    "Historik",
    "Sagsfremstilling",
    "Kommunikation",
    "Lovgrundlag",
]


def _page_header(meeting: dict, page: int, sagsid: str) -> list[str]:
    return [
        "",
        "Egebjerg Kommune  ",
        f"{UDVALG}  ",
        "",
        "Mødedato:  ",
        f"{meeting['date_long']} ",
        "",
        "Formand:  ",
        f"{FORMAND} ",
        "",
        f"Sidetal:  {page} ",
        "",
        f"{sagsid} ",
        "",
    ]


def render_layout_a(meeting: dict) -> str:
    """Minutes in layout A: `31.        Title`, headings on their own line, page headers."""
    body: list[tuple[str, str]] = []  # (line, sagsid of the item it belongs to)
    for item in meeting["items"]:
        sid = item.get("sagsid", "00.01.00-A00-1-21")
        body.append((f" {item['nr']}.        {item['title']} ", sid))
        body.append(("", sid))
        for heading in A_HEADINGS:
            if heading in item:
                body += [(f"{heading} ", sid), ("", sid)]
                body += [(line + " ", sid) for line in item[heading].split("\n")]
                body.append(("", sid))
        if "indstilling" in item:
            body += [("Administrationen indstiller, ", sid), ("", sid)]
            body += [(f"at {clause} ", sid) for clause in item["indstilling"]]
            body.append(("", sid))
        body += [("Beslutning ", sid), ("", sid)]
        body += [(line + " ", sid) for line in item["decision"].split("\n")]
        body.append(("", sid))
        if item.get("bilag"):
            body += [("Bilag ", sid), ("", sid)]
            body += [(f"• {b} ", sid) for b in item["bilag"]]
            body += [("", sid), ("  ", sid)]
            for i, b in enumerate(item["bilag"], start=1):
                safe = "".join(ch if ch.isalnum() else "_" for ch in b)
                link = f"file://egecifs/sbsys/Dagsorden/Bilag/Punkt_{item['nr']}_Bilag_{i}_{safe}.pdf"
                body.append((link, sid))
    out: list[str] = []
    page = 2
    for i, (line, sid) in enumerate(body):
        if i and i % 48 == 0:
            out += _page_header(meeting, page, sid)
            page += 1
        out.append(line)
    out += _page_header(meeting, page, body[-1][1])
    return "\n".join(out).rstrip() + "\n"


# ------------------------------------------------------------------------------------------
# Layout B: markdown from PDF (Varde-like)


def render_layout_b(meeting: dict) -> str:
    """Minutes in layout B: `### **96. Title**`, Sagsid., Åben sag, Beslutning <udvalg> den ..."""
    absent = meeting["absent"]
    present = [m for m in MEMBERS if m != absent]
    lines = [
        "",
        "## Åbent referat til",
        "",
        f"### {UDVALG}",
        "",
        f"- Mødedato: {meeting['date_long']}",
        "- Mødetidspunkt: 15:00 - 17:30",
        "- Mødested: Mødelokale 2, Rådhuset",
        f"- Deltagere: {', '.join(present)}",
        f"- Fraværende: {absent}",
        "- Referent: Louise Dam",
        "",
        "**Indholdsfortegnelse**",
        "",
        "\tSide",
    ]
    page = meeting["page_start"]
    for item in meeting["items"]:
        lines.append(f"{item['nr']}. {item['title']} .....\t{page}")
        page += 1 if len(item) <= 3 else 2
    lines += [f"Bilagsliste .....\t{page}", f"Underskriftsblad .....\t{page + 1}", ""]
    doc = 1000 + meeting["page_start"] * 37
    for item in meeting["items"]:
        doc += 7
        lines += [
            "",
            "## **Egebjerg Kommune**",
            "",
            f"**{UDVALG}**",
            "",
            f"**{meeting['date_short']}**",
            "",
            f"### **{item['nr']}. {item['title']}**",
            "",
            f"Dok.nr.: {doc}",
            "",
            f"Sagsid.: {item.get('sagsid', '')}",
            "",
            "Initialer: LDAM",
            "",
            "**Åben sag**",
            "",
        ]
        if "Sagsfremstilling" in item:
            lines += ["#### **Sagsfremstilling**", "", item["Sagsfremstilling"], ""]
        if "vurdering" in item:
            lines += ["#### Forvaltningens vurdering", "", item["vurdering"], ""]
        for heading in ("Retsgrundlag", "Økonomi", "Høring"):
            if heading in item:
                lines += [f"#### {heading}", "", item[heading], ""]
        if item.get("bilag"):
            lines += ["#### Bilag:", ""]
            lines += [f"{i}\tÅben\t{b}\t{doc * 31 % 99991}/21" for i, b in enumerate(item["bilag"], start=1)]
            lines.append("")
        if "indstilling" in item:
            lines += ["#### Anbefaling", "", "Forvaltningen anbefaler,", ""]
            lines.append(" og ".join(f"**at** {c}" for c in item["indstilling"]) + ".")
            lines.append("")
        lines += [
            f"#### Beslutning {UDVALG} den {meeting['date_short']}",
            "",
            f"Fraværende: {absent}",
            "",
            item["decision"].replace("\n", "\n\n"),
            "",
        ]
    lines += ["", "### Underskriftsblad", ""]
    for member in present:
        lines += ["\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_", member, ""]
    for item in meeting["items"]:
        for i, b in enumerate(item.get("bilag", []), start=1):
            lines += [
                f"**Bilag: {item['nr']}.{i}. {b}**",
                "",
                f"**Udvalg:** {UDVALG}",
                "",
                f"**Mødedato:** {meeting['date_long']} - Kl. 15:00",
                "",
                "**Adgang:** Åben",
                "",
                "(Bilaget er ikke gengivet i eksemplet.)",
                "",
            ]
    return "\n".join(lines).rstrip() + "\n"
