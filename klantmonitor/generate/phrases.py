"""What people write and say (data only): sentences by service, mood and language, hard
negatives that look like PII but are not, and the templates that carry PII.

Placeholders in PII templates name the value they carry (see ``comments.PLACEHOLDERS``); a
template starting with ``~`` is a sign-off and goes at the end.
"""

from __future__ import annotations

from klantmonitor.generate.scores import NEGATIVE, NEUTRAL, POSITIVE


def lines(text: str) -> tuple[str, ...]:
    """The non-empty stripped lines of ``text``; a literal ``\\n`` in a line is a line break."""
    return tuple(s.strip().replace("\\n", "\n") for s in text.splitlines() if s.strip())


# (service or "" for any service, mood, language) -> sentences
SENTENCES: dict[tuple[str, int, str], tuple[str, ...]] = {
    ("", NEGATIVE, "nl"): lines("""
        Veel te lang moeten wachten.
        Telefonisch slecht bereikbaar, na 25 minuten in de wacht opgehangen.
        De website is onduidelijk, kon het formulier niet vinden.
        Ik word steeds van het kastje naar de muur gestuurd.
        Niemand belt terug terwijl dat wel was beloofd.
        De medewerker was kortaf en luisterde niet.
        Het "digitale loket" werkt gewoon niet op mijn telefoon.
        WAAROM DUURT DIT ZO LANG
        Slechte service, ik ben er klaar mee.
        Ze zeiden "binnen 5 werkdagen" maar het zijn er nu 15.
    """),
    ("", NEUTRAL, "nl"): lines("""
        Het ging wel.
        Gewoon goed, niet meer en niet minder.
        Redelijk geholpen, maar het kon sneller.
        Vriendelijk, maar ik moest wel twee keer terugkomen.
        Informatie op de website was ok, het formulier iets minder.
    """),
    ("", POSITIVE, "nl"): lines("""
        Snel en vriendelijk geholpen.
        Duidelijke informatie op de website.
        Prima service, dank jullie wel!
        Binnen 5 minuten aan de beurt, top.
        Heel fijn contact, alles werd goed uitgelegd.
        Keurig geregeld, complimenten.
    """),
    ("", NEGATIVE, "en"): lines("""
        Waited far too long.
        Nobody calls back even though that was promised.
        The website is confusing, could not find the form.
        Staff did not speak English and there was no information in English.
    """),
    ("", NEUTRAL, "en"): lines("""
        It was okay.
        Helpful, but it took a while.
        Fine, although the form is only in Dutch.
    """),
    ("", POSITIVE, "en"): lines("""
        Quick and friendly service.
        Very helpful staff, thank you!
        Clear information, easy to find.
    """),
    ("Melding Openbare Ruimte", NEGATIVE, "nl"): lines("""
        Al drie keer een melding gedaan over de kapotte lantaarnpaal, er gebeurt niks.
        Melding werd afgesloten zonder dat het probleem was opgelost.
        Geen terugkoppeling gekregen over mijn melding van de losliggende stoeptegels.
        Het zwerfvuil ligt er na twee weken nog steeds.
    """),
    ("Melding Openbare Ruimte", NEUTRAL, "nl"): lines("""
        Melding gedaan over een omgewaaide boom, nu afwachten.
        De melding is ontvangen, ik kreeg een bevestiging per mail.
    """),
    ("Melding Openbare Ruimte", POSITIVE, "nl"): lines("""
        Mijn melding over de kapotte lantaarnpaal is binnen twee dagen opgelost.
        Fijn dat ik via de app een foto kon meesturen.
        Het gat in de weg was dezelfde week al gerepareerd, super!
    """),
    ("Melding Openbare Ruimte", NEGATIVE, "en"): lines("""
        Reported the same broken streetlight three times, nothing happens.
    """),
    ("Melding Openbare Ruimte", POSITIVE, "en"): lines("""
        The pothole was fixed within a week, great.
    """),
    ("Paspoort en ID-kaart", NEGATIVE, "nl"): lines("""
        Pas na drie weken een afspraak kunnen maken voor mijn paspoort.
        De pasfoto werd afgekeurd, moest opnieuw terugkomen.
        ID-kaart kwijt en niemand kon me vertellen wat ik moest doen.
    """),
    ("Paspoort en ID-kaart", NEUTRAL, "nl"): lines("""
        Afspraak gemaakt voor een nieuwe ID-kaart.
        Paspoort aangevraagd, ophalen kan over een week.
    """),
    ("Paspoort en ID-kaart", POSITIVE, "nl"): lines("""
        Binnen 10 minuten klaar met mijn paspoortaanvraag.
        Vriendelijke medewerker aan de balie, alles goed uitgelegd.
        Paspoort en ID-kaart voor de kinderen in één keer geregeld, heel fijn.
    """),
    ("Paspoort en ID-kaart", POSITIVE, "en"): lines("""
        Passport renewal took ten minutes, excellent.
    """),
    ("Afval en reiniging", NEGATIVE, "nl"): lines("""
        De container is weer niet geleegd.
        Afvalpas werkt niet bij de milieustraat.
        Grofvuil is niet opgehaald terwijl de afspraak bevestigd was.
    """),
    ("Afval en reiniging", NEUTRAL, "nl"): lines("""
        Grofvuil afspraak gemaakt, het kan pas over drie weken.
    """),
    ("Afval en reiniging", POSITIVE, "nl"): lines("""
        Grofvuil is netjes op de afgesproken dag opgehaald.
        Nieuwe minicontainer binnen een week geleverd.
    """),
    ("Parkeren", NEGATIVE, "nl"): lines("""
        Onterechte parkeerboete gekregen terwijl ik wel had betaald.
        De parkeerapp rekent te veel af.
        Bezoekersvergunning werkt niet, mijn bezoek kreeg een naheffing.
    """),
    ("Parkeren", NEUTRAL, "nl"): lines("""
        Vergunning aangevraagd, duurde een week.
    """),
    ("Parkeren", POSITIVE, "nl"): lines("""
        Parkeervergunning was snel geregeld.
        Bezwaar tegen de naheffing is toegekend, dank.
    """),
    ("Parkeren", NEGATIVE, "en"): lines("""
        Got a parking fine although I paid in the app.
    """),
    ("Vergunningen", NEGATIVE, "nl"): lines("""
        Aanvraag voor een dakkapel ligt al maanden stil.
        Niemand kan mij vertellen wat de status van mijn aanvraag is.
        Het omgevingsloket is een doolhof.
    """),
    ("Vergunningen", NEUTRAL, "nl"): lines("""
        Aanvraag ingediend, de beslistermijn is acht weken.
    """),
    ("Vergunningen", POSITIVE, "nl"): lines("""
        Omgevingsvergunning sneller verleend dan verwacht.
        Goed vooroverleg gehad met de vergunningverlener.
    """),
    ("Belastingen (WOZ)", NEGATIVE, "nl"): lines("""
        WOZ-waarde veel te hoog en mijn bezwaar wordt niet serieus genomen.
        Aanslag klopt niet en ik krijg niemand aan de lijn.
        Kwijtschelding afgewezen zonder uitleg.
    """),
    ("Belastingen (WOZ)", NEUTRAL, "nl"): lines("""
        Taxatieverslag opgevraagd, dat kwam na een week.
    """),
    ("Belastingen (WOZ)", POSITIVE, "nl"): lines("""
        Bezwaar tegen de WOZ-waarde is goed afgehandeld.
        Betalingsregeling snel geregeld.
    """),
    ("Wmo en zorg", NEGATIVE, "nl"): lines("""
        Al maanden wachten op een traplift voor mijn moeder.
        Steeds een andere consulent, niemand weet wat er in mijn dossier staat.
        Huishoudelijke hulp is zonder overleg verminderd.
        De eigen bijdrage is veel te hoog en niemand legt uit waarom.
    """),
    ("Wmo en zorg", NEUTRAL, "nl"): lines("""
        Keukentafelgesprek gehad, nu wachten op de beschikking.
    """),
    ("Wmo en zorg", POSITIVE, "nl"): lines("""
        Het keukentafelgesprek was prettig en de hulp is snel geregeld.
        De scootmobiel is binnen twee weken geleverd, heel blij mee.
    """),
    ("Wmo en zorg", NEGATIVE, "en"): lines("""
        Still waiting for home care after three months.
    """),
}

# Look like PII to a careless scrubber, but are not: case numbers, amounts, times,
# appointment dates, the municipal 14 0xx number, 0900/0800 service numbers.
HARD_NEGATIVES: dict[str, tuple[str, ...]] = {
    "nl": lines("""
        Mijn zaaknummer is {case}.
        Het gaat om melding {case}.
        Ik heb {amount} betaald maar niets ontvangen.
        De leges waren {amount}, dat vind ik veel.
        Mijn afspraak is op {date} om {time}.
        Ik had om {time} een afspraak maar werd pas veel later geholpen.
        Ik heb 14 020 gebeld maar kreeg geen gehoor.
        Via {tel} kreeg ik alleen een bandje.
        Het loket is open van 9:00 tot 17:00 uur, dat is te kort.
        Ik had volgnummer {number} bij balie {desk}.
        Bezwaar ingediend onder {case}, nog steeds geen reactie.
        Ik kreeg een brief van {date} met kenmerk {case}.
    """),
    "en": lines("""
        My case number is {case}.
        I paid {amount} and got nothing.
        My appointment is on {date} at {time}.
        I called 14 020 twice, nobody answered.
    """),
}

EMOJI: dict[int, tuple[str, ...]] = {
    NEGATIVE: ("😡", "🙁", "🤬", "👎", "😤"),
    NEUTRAL: ("🤷", "😐", "🙂"),
    POSITIVE: ("👍", "😊", "🙏", "👏", "❤️"),
}

SMS: dict[tuple[int, str], tuple[str, ...]] = {
    (NEGATIVE, "nl"): lines("""
        duurde veel te lang
        nog steeds niet opgelost
        niks meer van gehoord
        slecht, niemand belt terug
    """),
    (NEUTRAL, "nl"): lines("""
        ging wel
        redelijk
        oke maar kon sneller
    """),
    (POSITIVE, "nl"): lines("""
        snel opgelost
        Top!
        prima geholpen, dank
        heel tevreden
    """),
    (NEGATIVE, "en"): lines("""
        took too long
        still not fixed
    """),
    (NEUTRAL, "en"): lines("""
        ok
    """),
    (POSITIVE, "en"): lines("""
        great, thanks
        quick and easy
    """),
}

SPEECH_OPENINGS = lines("""
    ja goedemiddag
    hallo
    eh ja
    goedemorgen
    ja hoi
""")
# Said as is (speech-to-text keeps the euro sign and accents): é, ë and € in cp1252 files.
SPEECH_EXTRAS = lines("""
    ik heb één keer eerder gebeld
    het gaat om de financiële bijdrage
    ik moest €{n} betalen
    de wachtmuziek is ook niet je-van-hét
    dat is toch niet oké
""")

LETTER_OPENINGS = lines("""
    Geachte heer, mevrouw,
    Geacht college,
    Beste medewerker,
    Aan de afdeling klachten,
""")
LETTER_CLOSINGS = lines("""
    Met vriendelijke groet,
    Hoogachtend,
    In afwachting van uw reactie,
""")

# (style, language) -> category -> templates carrying PII.
PII_TEMPLATES: dict[tuple[str, str], dict[str, tuple[str, ...]]] = {
    ("web", "nl"): {
        "name": lines(r"""
            Mijn naam is {full}.
            ~Groet, {full}
            ~mvg. {initial}
            ~Met vriendelijke groet,\n{full}
            ~Gr. {first}
            ~groetjes {first}
            Complimenten voor {first} aan de balie!
            Medewerker {full} heeft me super geholpen.
        """),
        "email": lines("""
            Mail mij op {email}
            Mijn e-mailadres is {email}.
            Reageer graag via {email}
        """),
        "phone": lines("""
            Bel me terug op {phone}.
            Ik ben bereikbaar op {phone}
            Graag terugbellen: {phone}
        """),
        "address": lines("""
            Het gaat om de lantaarnpaal voor {street}.
            Ik woon op {street} en de container staat al weken vol.
            Adres: {street}, {town}
        """),
        "postcode": lines("""
            Postcode {postcode}.
            Het gaat om {postcode}, de stoep ligt open.
        """),
        "iban": lines("""
            Graag het bedrag terugstorten op {iban}.
            Het is afgeschreven van {iban}.
        """),
        "bsn": lines("""
            Mijn BSN is {bsn}.
            BSN: {bsn}
        """),
        "licence_plate": lines("""
            Mijn auto met kenteken {plate} kreeg een bon terwijl ik een vergunning heb.
            Kenteken {plate} staat wel geregistreerd!
        """),
        "ip": lines("""
            Foutmelding 500 op de site, mijn IP-adres is {ip}.
            Kreeg 'toegang geweigerd' vanaf IP {ip}
        """),
        "date_of_birth": lines("""
            Geboortedatum {dob}.
            Ik ben geboren op {dob} en kan toch geen DigiD aanvragen?
        """),
        "card_number": lines("""
            Betaald met creditcard {card} maar geen bevestiging ontvangen.
            Kaartnummer {card} is twee keer belast.
        """),
    },
    ("web", "en"): {
        "name": lines("""
            My name is {full}.
            ~Kind regards, {full}
            ~Best, {first}
            ~Thanks, {initial}
        """),
        "email": lines("""
            Please email me at {email}
            Contact: {email}
        """),
        "phone": lines("""
            Call me back on {phone}.
            My number is {phone}
        """),
        "address": ("I live at {street}.",),
        "postcode": ("Postcode {postcode}.",),
        "iban": ("Please refund to {iban}.",),
        "bsn": ("My BSN is {bsn}.",),
        "licence_plate": ("My car {plate} got a fine although I have a permit.",),
        "ip": ("Error on the website, my IP is {ip}.",),
        "date_of_birth": ("Date of birth {dob}.",),
        "card_number": ("Paid by card {card} but no confirmation.",),
    },
    ("sms", "nl"): {
        "name": lines("""
            ~groet {first}
            ~gr {first}
            ~mvg {full}
            ~- {first}
            ~Groeten, {initial}
        """),
        "phone": lines("""
            bel me even op {phone}
            graag terugbellen {phone}
        """),
        "email": ("mail me op {email}",),
    },
    ("sms", "en"): {
        "name": ("~thanks, {first}", "~{first}"),
        "phone": ("call me {phone}",),
        "email": ("email {email}",),
    },
    ("speech", "nl"): {
        "name": lines("""
            mijn naam is {full}
            u spreekt met {full}
            met {first} hier
        """),
        "phone": lines("""
            mijn nummer is {phone}
            u kunt me terugbellen op {phone}
        """),
        "email": ("mijn mail is {email}",),
        "address": ("ik woon op de {street}",),
        "postcode": ("mijn postcode is {postcode}",),
        "bsn": ("mijn bsn is {bsn}",),
        "date_of_birth": ("ik ben geboren op {dob}",),
        "licence_plate": ("mijn kenteken is {plate}",),
    },
    ("letter", "nl"): {
        "name": lines(r"""
            ~{full}
            ~{initial}
            ~{full}\n{street}\n{pc} {town}
            Ik schrijf u namens mijn moeder, mevrouw {initial}.
        """),
        "phone": ("U kunt mij bereiken op {phone}.", "~Tel. {phone}"),
        "email": ("~E-mail: {email}", "Reageren kan ook per e-mail: {email}."),
        "address": ("Het betreft de woning aan de {street} te {town}.",),
        "bsn": ("Mijn burgerservicenummer is {bsn}.",),
        "iban": ("Ik verzoek u het bedrag terug te storten op rekeningnummer {iban}.",),
        "date_of_birth": ("Mijn geboortedatum is {dob}.",),
        "licence_plate": ("Het gaat om mijn auto met kenteken {plate}.",),
    },
}

# (style) -> category -> weight of PII kinds in free text.
PII_MIX: dict[str, dict[str, float]] = {
    "web": {
        "name": 0.28, "email": 0.14, "phone": 0.18, "address": 0.08, "postcode": 0.06,
        "iban": 0.05, "bsn": 0.04, "licence_plate": 0.07, "ip": 0.02, "date_of_birth": 0.05,
        "card_number": 0.03,
    },
    "sms": {"name": 0.6, "phone": 0.3, "email": 0.1},
    "speech": {
        "name": 0.35, "phone": 0.3, "email": 0.08, "address": 0.1, "postcode": 0.05,
        "bsn": 0.05, "date_of_birth": 0.05, "licence_plate": 0.02,
    },
    "letter": {
        "name": 0.35, "address": 0.15, "phone": 0.15, "email": 0.1, "bsn": 0.07, "iban": 0.07,
        "date_of_birth": 0.06, "licence_plate": 0.05,
    },
}  # fmt: skip
