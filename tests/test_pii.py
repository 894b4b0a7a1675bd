"""The PII detector/scrubber: every category and notation, transcripts, hard negatives."""

from __future__ import annotations

import itertools

import pytest
from stdnum import iban, luhn
from stdnum.nl import bsn

from klantmonitor.pii import PLACEHOLDERS, Span, find_pii, pii_categories, scrub, scrub_many

# (text, expected scrubbed text), per category and notation
EMAIL = [
    ("Mail me op jan.devries@gmail.com aub", "Mail me op [EMAIL] aub"),
    ("Jan.De.Vries+klacht@Example.co.uk", "[EMAIL]"),
    ("MAIL: PIET@KPNMAIL.NL", "MAIL: [EMAIL]"),
    ("mijn mail is naam [at] gmail [dot] com", "mijn mail is [EMAIL]"),
    ("naam(at)ziggo(punt)nl", "[EMAIL]"),
    ("reageer via anouk at hotmail dot com", "reageer via [EMAIL]"),
    ("info @ bakkerij-jansen.nl", "[EMAIL]"),
    ("form?email=jan.devries%40gmail.com&x=1", "form?email=[EMAIL]&x=1"),
    ("6 info@bakkerij.nl graag", "6 [EMAIL] graag"),  # a score before it, not "6 info"
    ("reach me at oliver.smith@gmail.com", "reach me at [EMAIL]"),
]
PHONE = [
    ("Bel 06-12345678", "Bel [TELEFOON]"),
    ("bel 0612345678 graag", "bel [TELEFOON] graag"),
    ("06 12 34 56 78 is mijn nummer", "[TELEFOON] is mijn nummer"),
    ("tel: 06 1234 5678.", "tel: [TELEFOON]."),
    ("+31 6 1234 5678", "[TELEFOON]"),
    ("+31 (0)6 12345678", "[TELEFOON]"),
    ("+31612345678", "[TELEFOON]"),
    ("0031 6 12345678", "[TELEFOON]"),
    ("0031-6-12345678", "[TELEFOON]"),
    ("(035) 123 45 67", "[TELEFOON]"),
    ("020 - 123 45 67", "[TELEFOON]"),
    ("035-6123456 of 06-12345678/020-1234567", "[TELEFOON] of [TELEFOON]/[TELEFOON]"),
    ("Belgisch: +32 2 123 45 67", "Belgisch: [TELEFOON]"),
    ("Duits +49 30 12345678", "Duits [TELEFOON]"),
    ("UK +44 7911 123456", "UK [TELEFOON]"),
    ("US +1 (555) 123-4567", "US [TELEFOON]"),
    ("antwoord van 31612345678", "antwoord van [TELEFOON]"),
]
IBAN = [
    ("NL91ABNA0417164300", "[IBAN]"),
    ("Rekening NL91 ABNA 0417 1643 00 graag", "Rekening [IBAN] graag"),
    ("nl91 abna 0417 1643 00", "[IBAN]"),
    ("terug naar nl91abna0417164300.", "terug naar [IBAN]."),
    ("BE71 0961 2345 6769 is Belgisch", "[IBAN] is Belgisch"),
    ("DE89 3704 0044 0532 0130 00", "[IBAN]"),
    ("GB82WEST12345698765432", "[IBAN]"),
]
BSN = [
    ("BSN 123456782", "BSN [BSN]"),
    ("bsn: 1234.56.782", "bsn: [BSN]"),
    ("mijn bsn is 123 456 782 ok", "mijn bsn is [BSN] ok"),
    ("nummer 111222333 graag", "nummer [BSN] graag"),
    ("Burgerservicenummer: 12345678", "Burgerservicenummer: [BSN]"),  # any number after "BSN"
]
CARD = [
    ("Betaald met 4111 1111 1111 1111", "Betaald met [KAART]"),
    ("kaart 5500-0000-0000-0004", "kaart [KAART]"),
    ("Amex 3400 000000 00009", "Amex [KAART]"),
    ("4111111111111111", "[KAART]"),
]
IP = [
    ("Mijn ip is 192.168.1.10.", "Mijn ip is [IP]."),
    ("2001:0db8:85a3:0000:0000:8a2e:0370:7334", "[IP]"),
    ("vanaf 2001:db8::ff00:42:8329 ingelogd", "vanaf [IP] ingelogd"),
    ("fe80::1ff:fe23:4567:890a%eth0", "[IP]"),
    ("::ffff:192.0.2.128", "[IP]"),
]
ADDRESS = [
    ("Ik woon op de Kerkstraat 12", "Ik woon op de [ADRES]"),
    ("Kerkstraat 12a, 1234 AB Bussum", "[ADRES], [ADRES] Bussum"),
    ("Van Woustraat 101a", "[ADRES]"),
    ("Eerste Van der Helststraat 3-hs", "[ADRES]"),
    ("Burg. de Bruijnlaan 12 II", "[ADRES]"),
    ("Molenweg 7-2 en Dorpsstraat 4 bis", "[ADRES] en [ADRES]"),
    ("mijn adres is hoofdstraat 45b", "mijn adres is [ADRES]"),
    ("ik woon aan de Lange Voorhout 3", "ik woon aan de [ADRES]"),
    ("ik woon op Damrak 1", "ik woon op [ADRES]"),
    ("postcode 1234AB", "postcode [ADRES]"),
    ("postcode 1234 ab", "postcode [ADRES]"),
    ("3511 LK Utrecht", "[ADRES] Utrecht"),
    (
        "Hoogachtend,\nJ. Kok\nKerkstraat 1\n3063 KG Rotterdam",
        "Hoogachtend,\n[NAAM]\n[ADRES]\n[ADRES] Rotterdam",
    ),
    ("1234ab", "[ADRES]"),
]
LICENCE_PLATE = [
    ("kenteken AB-12-34", "kenteken [KENTEKEN]"),  # sidecode 1
    ("12-34-AB", "[KENTEKEN]"),  # 2
    ("12-AB-34", "[KENTEKEN]"),  # 3
    ("AB-12-CD", "[KENTEKEN]"),  # 4
    ("AB-CD-12", "[KENTEKEN]"),  # 5
    ("12-AB-CD", "[KENTEKEN]"),  # 6
    ("auto 12-ABC-3 staat fout", "auto [KENTEKEN] staat fout"),  # 7
    ("1-ABC-23", "[KENTEKEN]"),  # 8
    ("AB-123-C", "[KENTEKEN]"),  # 9
    ("A-123-BC", "[KENTEKEN]"),  # 10
    ("ABC-12-D", "[KENTEKEN]"),  # 11
    ("A-12-BCD", "[KENTEKEN]"),  # 12
    ("1-AB-234", "[KENTEKEN]"),  # 13
    ("123-AB-4", "[KENTEKEN]"),  # 14
    ("xx-99-xx", "[KENTEKEN]"),
    ("auto 12ABC3 geparkeerd", "auto [KENTEKEN] geparkeerd"),
    ("kenteken 12abc3", "kenteken [KENTEKEN]"),
    ("met kenteken 99 XXX 9 stond fout", "met kenteken [KENTEKEN] stond fout"),
]
DATE_OF_BIRTH = [
    ("geboren op 12-03-1985", "geboren op [DATUM]"),
    ("geboortedatum: 03/12/1985", "geboortedatum: [DATUM]"),
    ("geb. 1-1-1960", "geb. [DATUM]"),
    ("Geb. datum 1985-03-12", "Geb. datum [DATUM]"),
    ("geboren 12 maart 1985", "geboren [DATUM]"),
    ("date of birth: March 12, 1985", "date of birth: [DATUM]"),
    ("DOB 12/03/1985", "DOB [DATUM]"),
    (
        "geboren op 12-03-1985, afspraak op 14-05-2026 om 14:30",
        "geboren op [DATUM], afspraak op 14-05-2026 om 14:30",
    ),
]
NAME = [
    ("Groet, Jan de Vries", "Groet, [NAAM]"),
    ("mvg. P. Jansen", "mvg. [NAAM]"),
    ("mvg P.Jansen", "mvg [NAAM]"),
    ("Met vriendelijke groet,\nMevr. de Vries-Bakker", "Met vriendelijke groet,\nMevr. [NAAM]"),
    ("Met vriendelijke groeten, J.H. van der Berg", "Met vriendelijke groeten, [NAAM]"),
    ("8, snel opgelost. groet Piet", "8, snel opgelost. groet [NAAM]"),
    ("Top! Groetjes Els", "Top! Groetjes [NAAM]"),
    ("groetjes anna kowalska", "groetjes [NAAM]"),
    ("mijn naam is fatima el amrani", "mijn naam is [NAAM]"),
    ("mijn naam is anna kowalski ik bel over", "mijn naam is [NAAM] ik bel over"),
    ("Naam: Karin Smit", "Naam: [NAAM]"),
    ("My name is Oliver Brown", "My name is [NAAM]"),
    ("u spreekt met kees", "u spreekt met [NAAM]"),
    ("Meneer Yilmaz was erg vriendelijk", "Meneer [NAAM] was erg vriendelijk"),
    ("dhr. bakker belde terug", "dhr. [NAAM] belde terug"),
    ("Mw. Nguyen heeft geholpen", "Mw. [NAAM] heeft geholpen"),
    ("De heer van Dijk belde", "De heer [NAAM] belde"),
    ("de heer J. de Vries-Bakker", "de heer [NAAM]"),
    ("ik heb gesproken met mevrouw Öztürk", "ik heb gesproken met mevrouw [NAAM]"),
    ("mevrouw De Groot was aardig", "mevrouw [NAAM] was aardig"),
    ("Geachte heer Jansen, dank u", "Geachte heer [NAAM], dank u"),
    ("Beste Priya,", "Beste [NAAM],"),
    ("Hoi Sem, bedankt!", "Hoi [NAAM], bedankt!"),
    ("Dear Mrs. Thompson, kind regards, John", "Dear Mrs. [NAAM], kind regards, [NAAM]"),
    ("Ik ben geholpen door sanne", "Ik ben geholpen door [NAAM]"),
    ("Gesproken met Olena Shevchenko", "Gesproken met [NAAM]"),
    ("Jan de Vries heeft mij geholpen.", "[NAAM] heeft mij geholpen."),
    ("jan de vries heeft mij geholpen", "[NAAM] heeft mij geholpen"),
    ("piet bakker was aardig", "[NAAM] was aardig"),
    ("Kees van der Linden", "[NAAM]"),
    ("Anne-Marie van den Heuvel belde", "[NAAM] belde"),
    ("Ik sprak met Bakker over mijn melding", "Ik sprak met [NAAM] over mijn melding"),
    ("Mohammed was heel aardig", "[NAAM] was heel aardig"),
    ("Samen met Fatima en Youssef kwam ik", "Samen met [NAAM] en [NAAM] kwam ik"),
    ("Collega Lisa Janssen belde", "Collega [NAAM] belde"),
    ("Mijn buurman Ricardo Silva klaagt ook", "Mijn buurman [NAAM] klaagt ook"),
    ("Chen Wei heeft mij geholpen", "[NAAM] heeft mij geholpen"),
    ("Gesprek met Achmed El Idrissi was fijn", "Gesprek met [NAAM] was fijn"),
    ("Ayşe Öztürk en Rajesh Ramdin", "[NAAM] en [NAAM]"),
    ("Familie Jansen en fam. de Boer", "Familie [NAAM] en fam. [NAAM]"),
    ("Thanks, J. Groen", "Thanks, [NAAM]"),
    ("Best, Małgorzata", "Best, [NAAM]"),
    ("Complimenten voor Budi aan de balie!", "Complimenten voor [NAAM] aan de balie!"),
    ("Groet, Mei Tesfamariam", "Groet, [NAAM]"),
    ("Mijn buurman Henk klaagt ook", "Mijn buurman [NAAM] klaagt ook"),
    ("Dirk van Handhaving was aardig", "[NAAM] van Handhaving was aardig"),
    ("prima geholpen, dank, - Olena", "prima geholpen, dank, - [NAAM]"),
    (
        "Ik schrijf namens mijn moeder, mevrouw A. de Jong-van Vliet.",
        "Ik schrijf namens mijn moeder, mevrouw [NAAM].",
    ),
]
# after a role word the first name may also be a month or an ordinary word ("Mei", "Juni")
ROLE_NAME = [
    (
        "Medewerker Mei Tesfamariam heeft me super geholpen.",
        "Medewerker [NAAM] heeft me super geholpen.",
    ),
    (
        "Medewerker Mei Popescu heeft me super geholpen. Mijn afspraak is op 24-12-2026 om "
        "9.30 uur.",
        "Medewerker [NAAM] heeft me super geholpen. Mijn afspraak is op 24-12-2026 om 9.30 uur.",
    ),
    ("Medewerkster Juni de Vries hielp mij snel.", "Medewerkster [NAAM] hielp mij snel."),
    ("De behandelaar April Jansen was top", "De behandelaar [NAAM] was top"),
    ("Collega Rosa Tesfamariam hielp mij", "Collega [NAAM] hielp mij"),
    ("Medewerker Mohammed al-Amin belde terug", "Medewerker [NAAM] belde terug"),
    ("Medewerker Mei heeft me geholpen", "Medewerker [NAAM] heeft me geholpen"),
    ("Contactpersoon: Mei Tesfamariam, Burgerzaken", "Contactpersoon: [NAAM], Burgerzaken"),
    ("Ik werd geholpen door April Jansen.", "Ik werd geholpen door [NAAM]."),
    ("Mevrouw Mei Tesfamariam belde terug", "Mevrouw [NAAM] belde terug"),
    ("medewerker mei jansen heeft me geholpen", "medewerker [NAAM] heeft me geholpen"),
    ("de medewerker april de vries was aardig", "de medewerker [NAAM] was aardig"),
]
TRANSCRIPT = [
    (
        "mijn naam is jan de vries mijn nummer is nul zes een twee drie vier vijf zes zeven acht",
        "mijn naam is [NAAM] mijn nummer is [TELEFOON]",
    ),
    (
        "u spreekt met marieke bakker ik bel over mijn paspoort",
        "u spreekt met [NAAM] ik bel over mijn paspoort",
    ),
    (
        "mijn nummer is nul zes twaalf vierendertig zesenvijftig achtenzeventig bel me terug",
        "mijn nummer is [TELEFOON] bel me terug",
    ),
    (
        "mijn telefoonnummer is nul twintig een twee drie vier vijf zes zeven",
        "mijn telefoonnummer is [TELEFOON]",
    ),
    ("plus eenendertig zes een twee drie vier vijf zes zeven acht", "[TELEFOON]"),
    ("mijn bsn is een twee drie vier vijf zes zeven acht twee", "mijn bsn is [BSN]"),
    ("ik woon op de kerkstraat twaalf in bussum", "ik woon op de [ADRES] in bussum"),
    ("ik woon aan de molenweg drieëntwintig a", "ik woon aan de [ADRES]"),
    ("mijn postcode is twaalf vierendertig a b", "mijn postcode is [ADRES]"),
    ("ik ben geboren op drie april negentien zeventig", "ik ben geboren op [DATUM]"),
    ("ja dit is kevin van der meer van de kerkstraat", "ja dit is [NAAM] van de kerkstraat"),
    ("mijn e-mail is jan apenstaartje gmail punt com", "mijn e-mail is [EMAIL]"),
    (
        "mijn mail is niels underscore vandam vijf zeven apenstaartje xs vier all punt nl",
        "mijn mail is [EMAIL]",
    ),
    ("mijn kenteken is nul zes j f j een ik woon hier", "mijn kenteken is [KENTEKEN] ik woon hier"),
    ("ik woon op de van woustraat honderdzestien", "ik woon op de [ADRES]"),
    ("ik woon op de meent drieëntwintig", "ik woon op de [ADRES]"),
    ("ik woon op de tulpstraat een h s", "ik woon op de [ADRES]"),
    ("ik woon op de marktplein een", "ik woon op de [ADRES]"),
    (
        "ik heb één keer eerder gebeld met ioana hier",
        "ik heb één keer eerder gebeld met [NAAM] hier",
    ),
    ("u spreekt met mohamed ait taleb", "u spreekt met [NAAM]"),
    ("geboren op een juni negentien drieënnegentig", "geboren op [DATUM]"),
    ("ja goedemiddag met femke hier", "ja goedemiddag met [NAAM] hier"),
    ("u spreekt met imane el khatib", "u spreekt met [NAAM]"),
    ("mijn naam is annelies de jong-van vliet", "mijn naam is [NAAM]"),
]
POSITIVE = EMAIL + PHONE + IBAN + BSN + CARD + IP + ADDRESS + LICENCE_PLATE + DATE_OF_BIRTH
POSITIVE += NAME + ROLE_NAME + TRANSCRIPT

HARD_NEGATIVES = [
    # case numbers, references, amounts, times, appointment dates
    "Zaak MOR-2026-004512 en Z/26/118822 zijn nog open.",
    "INV-GM1942-MOR-2026-004512",
    "Client GM1942 in de export",
    "De kosten van € 45,50 voor een paspoort vind ik te hoog.",
    "Het bedrag van € 1.250,00 is nog niet teruggestort.",
    "Kosten € 1.234.567,00 begroot, of 123456789 euro",
    "Mijn afspraak stond om 10:15, ik werd pas om 10.45 uur geholpen.",
    "Afspraak 12-03-2026 14:30 in het stadskantoor.",
    "Op 01-02-2026 10:30 had ik een afspraak",
    "Afspraak gemaakt voor 3 april 2026 om 09:30.",
    "Melding van 01/02/2026 is nog open",
    "Tussen 08:30 en 17:00 bereikbaar, om 12:30:00 gebeld.",
    "Factuurnummer 20260012345, ordernummer 1234567890123, klantnummer 123456",
    "Versie 10.0.19045.3803 van Windows, Chrome 120.0.6099.109",
    # municipal and business numbers
    "Bel 14 020 voor een afspraak",
    "bel 14020",
    "Via 0900-1234567 of 0900 8844 kreeg ik niemand te pakken.",
    "0800-0432 is gratis",
    # service names
    "Melding Openbare Ruimte: lantaarnpaal kapot bij de speeltuin.",
    "Paspoort en ID-kaart konden in één afspraak.",
    "Afval en reiniging: de container is nog steeds niet geleegd.",
    "Belastingen (WOZ): goed telefonisch uitgelegd.",
    "Wmo en zorg duurt erg lang. Vergunningen ook. Parkeren is duur.",
    # ordinary words that are also surnames
    "Ik ging naar de bakker en de visser, de groot vuil dienst kwam niet.",
    "De groot vuil afspraak was makkelijk te maken.",
    "Bakker om de hoek was dicht.",
    "Visser en jager, dat zijn hobby's van mijn man.",
    # everyday words with a capital at the start of a sentence
    "Graag een reactie. Super snel geholpen. Top service!",
    "Storm heeft de boom omgegooid.",
    "Roos in de tuin van het gemeentehuis is prachtig.",
    "Mark het alstublieft als spoed.",
    "Mooi zo. Fijn dat het geregeld is. Prima!",
    # context words without a name
    "Beste gemeente, de stoep is kapot",
    "Geachte heer/mevrouw, ik wil bezwaar maken.",
    "de meneer aan de balie was aardig",
    "een mevrouw van de Gemeente belde",
    "Met vriendelijke groet",
    "Groeten uit Bussum",
    "Ik ben erg tevreden. Ik ben blij met de snelle reactie.",
    "Ik heb gesproken met de afdeling vergunningen.",
    "Dit is de derde keer dat ik bel.",
    "De medewerker van het KCC wist er ook niets van.",
    # a role word before no name: a department, a month, a verb, a closed sentence
    "De medewerker Burgerzaken was vriendelijk, medewerker Parkeren ook.",
    "Ik sprak de medewerker van Parkeren.",
    "Medewerker was vriendelijk",
    "Mijn afspraak in Mei is verzet.",
    "Dank aan de medewerker. Mei is altijd druk.",
    "Medewerker April 2026 gesproken, nog niets gehoord",
    "de medewerker nam contact op met de afdeling",
    "de medewerker mei vorig jaar was beter",
    "medewerker mei hielp me niet",
    "Hallo, mijn container is niet geleegd",
    "ING bank overschrijving",
    "Ik woon in Huizen en moest naar Bussum voor mijn paspoort.",
    "Via DigiD inloggen lukte niet in Safari op iOS 17.",
    "Thanks for the quick help! The website was easy to use.",
    "Very helpful staff, thank you! Quick and friendly service.",
    "Fine, although the form is only in Dutch.",
    "Geachte heer, mevrouw,\n\nGrofvuil afspraak gemaakt.\n\nHoogachtend,",
    "Bezwaar tegen de WOZ-waarde is goed afgehandeld.",
    "Optie A. Graag snel een antwoord, plan B. Daarna bellen.",
    "Snel geholpen - geen klachten",
    "Complimenten voor de snelle hulp",
    "Groet, Team Parkeren",
    "Beste Klantenservice, de app werkt niet",
    "Hallo Gemeente, waarom is de milieustraat dicht?",
    "met de bus kwam ik te laat",
    "ik woon hier sinds 2019",
    "VvE De Linde heeft de bomen gesnoeid",
    # numbers next to words that are no address
    "onderweg 2 uur vertraging, 20 minuten op de snelweg",
    "Ik moest naar balie 3. Loket 4 was dicht.",
    "Lijn 5 en bus 101 reden niet.",
    "De Markt 2 dagen afgesloten, het park 3 weken dicht",
    "Windows 10 en iPhone 15",
    "1000km gereden",
    "Stap 2 van het formulier werkte niet",
    # short shapes that are no plate, IBAN or IP
    "A4 papier, MP3 speler, H2O, COVID-19 maatregelen, ISO27001 certificaat",
    # scores and transcripts with spelled-out numbers
    "8/10",
    "een 8",
    "acht, prima geholpen",
    "ik geef een negen want het ging snel",
    "ik heb drie keer gebeld en niemand nam op",
    "om drie uur had ik een afspraak",
    "het kostte vijfenveertig euro en vijftig cent",
    "mijn zaaknummer is twee nul twee zes nul nul vier vijf een twee",
    "ik heb op tien december gebeld",
    "ik kreeg een brief van nul negen twaalf tweeduizend zesentwintig met kenmerk",
    "via nul negen nul nul vier negen twee twee zeven acht vijf kreeg ik alleen een bandje",
    "ik had volgnummer tweehonderdvierentachtig bij balie twee",
    "ik kocht een huis op de markt een keer",
    "Mijn zoon is geboren en nu hebben we een kinderwagen",
    # odd input
    "",
    "   ",
    "😡😡😡 slechte service 👎",
    "n.v.t.",
]


@pytest.mark.parametrize(("text", "expected"), POSITIVE)
def test_scrub_replaces_pii_by_its_placeholder(text: str, expected: str) -> None:
    assert scrub(text) == expected


@pytest.mark.parametrize("text", HARD_NEGATIVES)
def test_hard_negatives_survive(text: str) -> None:
    assert scrub(text) == text
    assert pii_categories(text) == []


# fuzzed word salad where a replacement changes the context of what is left
TANGLED = [
    "postcode - - Vries van 12-ABC-3 van Ch. [at] P. İ",
    "12a mijn naam is woon op de tweeduizend ABNA 06",
    "J.H. bsn 00 AB zes van (0) honderd b 192.168.1.1 een tweeduizend tweeduizend",
    "u spreekt met zes mevrouw 12-ABC-3    P. Hoogachtend, zes 12-03-1985",
]


@pytest.mark.parametrize("text", [t for t, _ in POSITIVE] + HARD_NEGATIVES + TANGLED)
def test_scrub_is_idempotent(text: str) -> None:
    once = scrub(text)
    assert scrub(once) == once


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("IBAN BE71 0961 2345 6768", "IBAN BE71 0961 2345 6768"),  # mod-97 fails
        ("NL91ABNA0417164301", "[IBAN]"),  # a Dutch account with a typo is still personal data
        ("nummer 123456789", "nummer 123456789"),  # not 11-proof
        ("bsn 123456789", "bsn [BSN]"),  # ... unless the text says it is a BSN
        ("4111 1111 1111 1112", "4111 1111 1111 1112"),  # Luhn fails
        ("+999 12345678", "+999 12345678"),  # no such country code
    ],
)
def test_checksums_decide(text: str, expected: str) -> None:
    assert scrub(text) == expected


def test_sample_numbers_are_valid() -> None:
    """The positive examples above use real check digits (so the rules are tested honestly)."""
    assert all(iban.is_valid(n) for n in ("NL91ABNA0417164300", "BE71096123456769"))
    assert all(bsn.is_valid(n) for n in ("123456782", "111222333"))
    assert all(luhn.is_valid(n) for n in ("4111111111111111", "5500000000000004"))


def test_find_pii_spans_are_sorted_and_disjoint() -> None:
    text = "Jan de Vries (jan.devries@gmail.com, 06-12345678) woont op Kerkstraat 12, 1234 AB"
    spans = find_pii(text)
    assert [s.category for s in spans] == ["name", "email", "phone", "address", "address"]
    assert text[spans[1].start : spans[1].end] == "jan.devries@gmail.com"
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))
    assert all(isinstance(s, Span) for s in spans)


def test_pii_categories_names_categories_not_values() -> None:
    text = "bel 0612345678 of mail jan@example.nl, groet Jan"
    assert pii_categories(text) == ["email", "phone", "name"]
    assert pii_categories(None) == []


def test_placeholders_are_never_pii() -> None:
    text = " ".join(PLACEHOLDERS.values()) + " mijn naam is [NAAM], groet [NAAM], dhr. [NAAM]"
    assert find_pii(text) == []
    assert set(PLACEHOLDERS) == {
        *("name", "email", "phone", "iban", "bsn", "address", "licence_plate", "ip", "date"),
        "card",
    }


def test_odd_input_never_raises() -> None:
    assert scrub(None) is None
    assert scrub(float("nan")) is None  # a missing value from pandas
    assert scrub("😀 Jan 😀 06-12345678 🎉") == "😀 [NAAM] 😀 [TELEFOON] 🎉"
    long_text = "Prima geholpen door de balie. " * 20_000 + "Bel 06-12345678"
    assert scrub(long_text).endswith("Bel [TELEFOON]")
    assert scrub("Jan " * 5_000).count("[NAAM]") > 0
    assert scrub("\x00\u200b\ufeff") == "\x00\u200b\ufeff"


def test_scrub_many_keeps_order_and_none() -> None:
    assert scrub_many(["snel geholpen", None, "mail jan@example.nl"]) == [
        "snel geholpen",
        None,
        "mail [EMAIL]",
    ]
