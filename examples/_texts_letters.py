"""Synthetic letters from Jobcenter Egebjerg: summons, partshøring and decisions.

Old officialese (kancellisprog) next to plain language, a friendly first summons without the
consequence text, and decisions with and without klagevejledning. All names are invented.
"""

from __future__ import annotations

HEAD = "Jobcenter Egebjerg\nTorvegade 12\n8799 Egebjerg\nTlf. 72 14 30 00\njobcenter@egebjerg.dk"

LETTERS: list[tuple[str, str]] = [
    (
        "01_indkaldelse_kancellisprog.txt",
        f"""{HEAD}

Dato: 3. februar 2022
J.nr.: 15.20.00-G01-118-22

Indkaldelse til samtale

De bedes give møde til samtale i Jobcenter Egebjerg torsdag den 17. februar 2022 kl. 10.30, lokale 2.14.

Samtalen afholdes med henblik på en vurdering af Deres rådighed samt opfølgning på Deres jobplan, jf. lov om aktiv socialpolitik § 13 og lov om en aktiv beskæftigelsesindsats § 30.

Såfremt De er forhindret i at give møde, skal De forinden samtalen rette telefonisk henvendelse til undertegnede, idet udeblivelse uden rimelig grund vil medføre, at der foretages fradrag i Deres hjælp for de dage, hvor De ikke har givet møde.

De bedes medbringe eventuel dokumentation for Deres jobsøgning.

Opmærksomheden henledes på, at det påhviler Dem at holde Deres CV opdateret på Jobnet.

Der henvises i øvrigt til den tidligere fremsendte vejledning om Deres rettigheder og pligter.

Med venlig hilsen

Karen Vestergaard
Sagsbehandler
""",
    ),
    (
        "02_indkaldelse_kancellisprog.docx",
        f"""{HEAD}

Dato: 14. september 2022
J.nr.: 15.20.00-G01-311-22

Indkaldelse til virksomhedspraktik

Hermed fremsendes indkaldelse til opstart i virksomhedspraktik hos Egebjerg Tømrer- og Snedkerforretning ApS, Industrivej 4, mandag den 26. september 2022 kl. 7.00.

Praktikken iværksættes i medfør af lov om en aktiv beskæftigelsesindsats § 42 og har til formål at afklare Deres beskæftigelsesmål. Den i jobplanen nævnte arbejdstid finder anvendelse.

Såfremt De uden rimelig grund udebliver fra praktikken, vil der i henhold til lov om aktiv socialpolitik § 36 blive foretaget fradrag i hjælpen svarende til den tid, De er udeblevet. Ved gentagen udeblivelse kan hjælpen nedsættes, jf. § 40.

Eventuelle bemærkninger bedes fremsendt skriftligt inden opstart. De bedes ligeledes medbringe sikkerhedssko.

Med venlig hilsen

Ib Rasmussen
Virksomhedskonsulent
""",
    ),
    (
        "03_indkaldelse_klarsprog.txt",
        f"""{HEAD}

Dato: 2. maj 2023

Hej Camilla

Du skal til samtale i Jobcentret

Hvornår: Tirsdag den 16. maj 2023 kl. 9.30. Samtalen tager cirka en halv time.
Hvor: Jobcenter Egebjerg, Torvegade 12. Du melder dig i receptionen.
Med hvem: Din rådgiver Jonas Bjerre.

Hvad skal vi tale om?
Vi skal tale om dine ønsker til job og om, hvordan det går med at søge. Vi laver en plan sammen.

Hvad skal du have med?
- dit sundhedskort
- en liste over de job, du har søgt den sidste måned
- gerne dit CV, hvis du har det på papir

Kan du ikke komme?
Ring til mig på 72 14 31 22 senest dagen før kl. 12. Er du syg på dagen, så ring om morgenen, før samtalen begynder.

Hvis du ikke kommer og ikke har en rimelig grund, bliver der trukket penge i din kontanthjælp for den dag. Det står i lov om aktiv socialpolitik § 36.

Du kan læse mere om dine rettigheder og pligter i den vejledning, du fik ved din første samtale. Den ligger også på Min Side.

Venlig hilsen

Jonas Bjerre
Rådgiver, Team Job
""",
    ),
    (
        "04_indkaldelse_klarsprog_video.txt",
        f"""{HEAD}

Dato: 7. marts 2023

Kære Mads

Vi holder en videosamtale med dig

Du har en videosamtale med mig onsdag den 15. marts 2023 kl. 13.00. Du får et link i en sms en time før. Du skal bruge en telefon eller computer med kamera.

Vi skal tale om din praktik hos Brugsen i Egebjerg, og om du vil fortsætte med løntilskud bagefter.

Du skal ikke have noget med. Sørg for at sidde et sted, hvor du kan tale i fred.

Kan du ikke? Så skriv til mig på Min Side eller ring på 72 14 31 40 inden kl. 12 dagen før.

Hvis du ikke deltager og ikke har en rimelig grund, kan du få et fradrag i din uddannelseshjælp.

Venlig hilsen

Pia Søgaard
Rådgiver, Team Unge
""",
    ),
    (
        "05_foerste_indkaldelse_venlig.txt",
        f"""{HEAD}

Dato: 6. september 2021

Velkommen til Jobcenter Egebjerg

Hej Lotte

Vi vil gerne møde dig til en første snak. Du har fået tid mandag den 20. september 2021 kl. 11.00 hos Mette Kragh i Jobcentret, Torvegade 12.

Til mødet fortæller du om dig selv, din uddannelse og dine ønsker. Mette fortæller om, hvordan vi kan hjælpe dig, og hvilke regler der gælder for dig.

Tag gerne dit sundhedskort og dit CV med.

Passer tiden dig ikke, så ring til Mette på 72 14 31 05. Så finder vi en ny tid.

Vi glæder os til at møde dig.

Venlig hilsen

Mette Kragh
Rådgiver, Team Job
""",
    ),
    (
        "06_foerste_indkaldelse_venlig_kort.txt",
        f"""{HEAD}

Dato: 11. januar 2023

Hej Yusuf

Du er velkommen til et første møde i Jobcentret torsdag den 19. januar 2023 kl. 10.00.

Vi skal lære hinanden at kende og tale om, hvad du gerne vil. Mødet holdes i Ungeporten, Skolegade 3.

Skriv eller ring til Ahmad på 72 14 31 77, hvis du ikke kan komme.

Hilsen

Ahmad Rasuli
Ungerådgiver
""",
    ),
    (
        "07_partshoering_kancellisprog.txt",
        f"""{HEAD}

Dato: 22. februar 2022
J.nr.: 15.20.00-G01-118-22

Partshøring vedrørende påtænkt fradrag i kontanthjælp

Jobcentret har konstateret, at De ikke gav møde til den af jobcentret indkaldte samtale torsdag den 17. februar 2022 kl. 10.30.

Forinden sagen afgøres, skal De i henhold til forvaltningslovens § 19 have lejlighed til at fremkomme med bemærkninger til sagen. Jobcentret påtænker at foretage fradrag i Deres hjælp for 1 dag, jf. lov om aktiv socialpolitik § 36, stk. 1.

Eventuelle bemærkninger bedes fremsendt skriftligt til undertegnede senest den 4. marts 2022. Såfremt der ikke er modtaget bemærkninger inden fristens udløb, vil sagen blive afgjort på det foreliggende grundlag.

Med venlig hilsen

Karen Vestergaard
Sagsbehandler
""",
    ),
    (
        "08_partshoering_klarsprog.txt",
        f"""{HEAD}

Dato: 24. maj 2023

Hej Camilla

Vi overvejer at trække dig i kontanthjælp

Du kom ikke til samtalen hos mig tirsdag den 16. maj 2023 kl. 9.30. Vi har ikke hørt fra dig.

Før vi beslutter noget, vil vi gerne høre din forklaring. Var du for eksempel syg, eller var dit barn sygt? Så fortæl os det. Har du en rimelig grund, bliver du ikke trukket.

Hvis du ikke har en rimelig grund, vil vi trække dig 1 dags kontanthjælp. Det er 597 kr. før skat.

Svar senest fredag den 2. juni 2023. Du kan ringe til mig på 72 14 31 22, skrive på Min Side eller komme forbi.

Venlig hilsen

Jonas Bjerre
Rådgiver, Team Job
""",
    ),
    (
        "09_afgoerelse_fradrag_med_klagevejledning.txt",
        f"""{HEAD}

Dato: 6. juni 2023

Hej Camilla

Afgørelse: Du bliver trukket 1 dag i kontanthjælp

Vi trækker 597 kr. før skat i din kontanthjælp, fordi du ikke kom til samtalen den 16. maj 2023. Pengene bliver trukket i udbetalingen den 30. juni 2023.

Hvorfor?
Du var indkaldt med et brev den 2. maj 2023. I brevet stod det, hvad der sker, hvis man ikke kommer. Du fik også vejledningen om dine pligter ved din første samtale den 3. april 2023. Vi sendte dig et brev om sagen den 24. maj 2023, men vi har ikke fået et svar. Vi har derfor ikke oplysninger om, at du havde en rimelig grund til ikke at komme.

Reglerne står i lov om aktiv socialpolitik § 36, stk. 1.

Hvis du vil klage
Du kan klage over afgørelsen. Klagen skal være hos os inden 4 uger efter, at du har fået dette brev. Du kan klage skriftligt eller mundtligt til Jobcenter Egebjerg. Vi ser på sagen igen. Hvis vi ikke giver dig ret, sender vi klagen videre til Ankestyrelsen. Reglerne om klage står i lov om retssikkerhed og administration på det sociale område § 67.

Venlig hilsen

Jonas Bjerre
Rådgiver, Team Job
""",
    ),
    (
        "10_afgoerelse_fradrag_uden_klagevejledning.docx",
        f"""{HEAD}

Dato: 7. marts 2022
J.nr.: 15.20.00-G01-118-22

Afgørelse om fradrag i hjælp

Idet De ikke gav møde til samtale den 17. februar 2022, og idet der ikke er modtaget bemærkninger til partshøringen af 22. februar 2022, er det besluttet at foretage fradrag i Deres kontanthjælp for 1 dag, svarende til 612 kr., jf. lov om aktiv socialpolitik § 36.

Fradraget foretages i udbetalingen pr. 31. marts 2022.

Med venlig hilsen

Karen Vestergaard
Sagsbehandler
""",
    ),
    (
        "11_afgoerelse_nedsaettelse_kancellisprog.txt",
        f"""{HEAD}

Dato: 19. oktober 2022
J.nr.: 15.20.00-G01-311-22

Afgørelse vedrørende nedsættelse af kontanthjælp

Jobcentret har truffet afgørelse om, at Deres kontanthjælp nedsættes med 2.345 kr. for perioden 1. november 2022 til 30. november 2022.

Begrundelse
De er gentagne gange udeblevet fra virksomhedspraktik hos Egebjerg Tømrer- og Snedkerforretning ApS, senest den 3., 4. og 5. oktober 2022, uden at have givet meddelelse herom. De blev ved skrivelse af 14. september 2022 vejledt om konsekvenserne heraf. De har i forbindelse med partshøringen af 10. oktober 2022 anført, at De ikke var i stand til at møde grundet transportproblemer. Jobcentret har foretaget en vurdering af de anførte forhold og finder ikke, at transportproblemer udgør en rimelig grund, idet De har bil til rådighed, jf. Deres egne oplysninger af 26. september 2022.

Afgørelsen er truffet i medfør af lov om aktiv socialpolitik § 40, stk. 1, jf. § 13, stk. 7.

Klagevejledning
Såfremt De ønsker at klage over afgørelsen, skal klagen være modtaget i Jobcenter Egebjerg senest 4 uger efter, at De har modtaget denne afgørelse. Jobcentret vil genvurdere sagen, og såfremt afgørelsen fastholdes, videresendes klagen til Ankestyrelsen, jf. retssikkerhedslovens §§ 66 og 67.

Med venlig hilsen

Ib Rasmussen
Virksomhedskonsulent
""",
    ),
    (
        "12_afgoerelse_sygedagpenge_ophoer.txt",
        f"""{HEAD}

Dato: 28. august 2023

Hej Anders

Dine sygedagpenge stopper

Vi stopper dine sygedagpenge fra den 1. september 2023.

Hvorfor?
Du har ikke sendt det oplysningsskema, vi bad om den 20. juli 2023. Vi sendte en påmindelse den 3. august 2023 og ringede til dig den 10. august. I brevet af 14. august 2023 spurgte vi, om der var en grund til, at skemaet ikke var kommet. Vi har ikke fået svar. Når du ikke medvirker, kan vi ikke følge op på din sygemelding, og så har du ikke ret til sygedagpenge. Det står i sygedagpengeloven § 21, stk. 1, nr. 1.

Hvis du sender skemaet, ser vi på sagen igen.

Hvis du vil klage
Du kan klage inden 4 uger efter, at du har fået dette brev. Send klagen til Jobcenter Egebjerg. Vi ser på sagen igen, og hvis vi ikke giver dig ret, sender vi den til Ankestyrelsen.

Venlig hilsen

Lone Thygesen
Rådgiver, Team Sygedagpenge
""",
    ),
    (
        "13_indkaldelse_blandet_form.txt",
        f"""{HEAD}

Dato: 9. november 2022

Indkaldelse til opfølgningssamtale

Kære Henrik Dalgaard

Du indkaldes hermed til samtale mandag den 21. november 2022 kl. 14.00. De bedes medbringe lægeerklæring, såfremt De har en sådan.

Samtalen foretages med henblik på opfølgning på borgerens ressourceforløb. Pågældende skal være opmærksom på, at udeblivelse kan få konsekvenser for ydelsen.

Ved afbud kontakt undertegnede.

Med venlig hilsen

Team Ressource
""",
    ),
]
