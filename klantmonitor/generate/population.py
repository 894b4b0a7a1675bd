"""The deterministic world of the demo: clients, services, channels and a population of people.

The same person (name, e-mail, mobile number, address) turns up in several sources: feedback
contact fields, SMS surveys, CRM, forms, applications. Subject requests look people up here.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

import numpy as np

from klantmonitor.generate import pii, seeds
from klantmonitor.generate.names import COMMON_STREETS, EMAIL_DOMAINS, ORIGINS, words


@dataclass(frozen=True)
class Town:
    """A town of a client municipality: its postcode range, area code and some streets."""

    name: str
    postcodes: tuple[int, int]
    area_code: str
    streets: tuple[str, ...]


@dataclass(frozen=True)
class Client:
    """A client organisation (a municipality, by CBS code)."""

    code: str
    name: str
    domain: str
    towns: tuple[Town, ...]
    locations: tuple[str, ...]  # counters with a SMILE kiosk
    weight: float  # share of the feedback volume
    effect: float  # satisfaction offset (latent scale)


@dataclass(frozen=True)
class Service:
    """A municipal service (GovMetric `Service`, IVR `Wachtrij`, ZIVVER `Onderwerp`)."""

    name: str
    case_prefix: str  # MOR-2026-004512, Z/26/118822, BZ-2026-001234
    departments: tuple[str, ...]
    path: str  # page of the web widget
    weight: float
    effect: float


CLIENTS: tuple[Client, ...] = (
    Client(
        "GM0363",
        "Amsterdam",
        "www.amsterdam.nl",
        (
            Town(
                "Amsterdam",
                (1011, 1109),
                "020",
                words("""
                Prinsengracht, Herengracht, Keizersgracht, Ferdinand Bolstraat, Javastraat,
                Bos en Lommerweg, Osdorpplein, Bijlmerdreef, Van Woustraat, Kinkerstraat
            """),
            ),
        ),
        ("Stadsloket Centrum", "Stadsloket Zuidoost", "Stadsloket Nieuw-West"),
        0.30,
        -0.10,
    ),
    Client(
        "GM0599",
        "Rotterdam",
        "www.rotterdam.nl",
        (
            Town(
                "Rotterdam",
                (3011, 3089),
                "010",
                words("""
                Coolsingel, Witte de Withstraat, Zwart Janstraat, Beijerlandselaan, Meent,
                Nieuwe Binnenweg, Groene Hilledijk
            """),
            ),
        ),
        ("Stadswinkel Centrum", "Stadswinkel Zuidplein"),
        0.22,
        -0.20,
    ),
    Client(
        "GM0518",
        "'s-Gravenhage",
        "www.denhaag.nl",
        (
            Town(
                "Den Haag",
                (2491, 2597),
                "070",
                words("""
                Laan van Meerdervoort, Frederik Hendriklaan, Loosduinseweg, Prinsegracht,
                Weimarstraat, Thorbeckelaan
            """),
            ),
        ),
        ("Stadhuis Spui", "Stadsdeelkantoor Escamp"),
        0.18,
        0.00,
    ),
    Client(
        "GM0344",
        "Utrecht",
        "www.utrecht.nl",
        (
            Town(
                "Utrecht",
                (3511, 3585),
                "030",
                words("""
                Oudegracht, Biltstraat, Amsterdamsestraatweg, Vleutenseweg, Kanaalstraat
            """),
            ),
        ),
        ("Stadskantoor", "Wijkbureau Overvecht"),
        0.15,
        0.10,
    ),
    Client(
        "GM0014",
        "Groningen",
        "gemeente.groningen.nl",
        (
            Town(
                "Groningen",
                (9711, 9747),
                "050",
                words("""
                Herestraat, Oosterstraat, Paterswoldseweg, Korreweg, Helperzoom
            """),
            ),
        ),
        ("Stadhuis Groningen", "Loket Kreupelstraat"),
        0.09,
        0.15,
    ),
    Client(
        "GM1942",
        "Gooise Meren",
        "www.gooisemeren.nl",
        (
            Town("Bussum", (1401, 1406), "035", words("Brinklaan, Havenstraat, Nassaulaan")),
            Town("Naarden", (1411, 1412), "035", words("Cattenhagestraat, Marktstraat")),
            Town("Muiden", (1398, 1398), "0294", words("Herengracht, Naarderstraat")),
        ),
        ("Stadhuis Bussum", "Servicepunt Naarden"),
        0.06,
        0.30,
    ),
)

SERVICES: tuple[Service, ...] = (
    Service(
        "Melding Openbare Ruimte",
        "MOR",
        ("Stadsbeheer", "Openbare Ruimte", "Buitendienst"),
        "/melding-openbare-ruimte/",
        0.22,
        -0.10,
    ),
    Service(
        "Paspoort en ID-kaart",
        "Z",
        ("Burgerzaken", "Publiekszaken"),
        "/paspoort-en-id-kaart/",
        0.18,
        0.55,
    ),
    Service(
        "Afval en reiniging",
        "MOR",
        ("Afvalbeheer", "Reiniging"),
        "/afval-en-hergebruik/",
        0.14,
        0.05,
    ),
    Service("Parkeren", "Z", ("Parkeerbeheer", "Handhaving"), "/parkeren/", 0.14, -0.40),
    Service(
        "Vergunningen",
        "Z",
        ("Vergunningen, Toezicht en Handhaving", "Omgevingsloket"),
        "/vergunningen/",
        0.10,
        -0.20,
    ),
    Service(
        "Belastingen (WOZ)",
        "BZ",
        ("Belastingen", "Team WOZ"),
        "/belastingen/woz-waarde/",
        0.10,
        -0.30,
    ),
    Service(
        "Wmo en zorg",
        "Z",
        ("Sociaal Domein", "Wmo-loket", "Wijkteam"),
        "/zorg-en-ondersteuning/wmo/",
        0.12,
        -0.70,
    ),
)

# GovMetric channel -> (share of answers, satisfaction offset); the counter beats the phone.
CHANNELS: dict[str, tuple[float, float]] = {
    "Face to face": (0.22, 0.35),
    "Telephone": (0.18, -0.30),
    "Website": (0.20, 0.00),
    "Web form": (0.14, -0.10),
    "Social media": (0.04, -0.50),
    "Email": (0.08, -0.20),
    "Post": (0.02, -0.25),
    "SMS": (0.04, 0.00),
    "Chat": (0.08, 0.10),
}
DIGITAL_CHANNELS = ("Website", "Web form", "Chat")  # these carry PageURL, UserAgent, IPAddress


def weights(items: tuple[Client, ...] | tuple[Service, ...]) -> np.ndarray:
    """Normalised volume weights of clients or services."""
    w = np.array([item.weight for item in items])
    return w / w.sum()


def effects(items: tuple[Client, ...] | tuple[Service, ...]) -> np.ndarray:
    """Satisfaction offsets of clients or services, by index."""
    return np.array([item.effect for item in items])


def format_case(prefix: str, year: int, number: int) -> str:
    """A zaak-/meldnummer in its service's style: ``MOR-2026-004512``, ``Z/26/118822``."""
    if prefix == "Z":
        return f"Z/{year % 100:02d}/{number:06d}"
    return f"{prefix}-{year}-{number:06d}"


def case_numbers(rng: np.random.Generator, services: np.ndarray, year: int) -> list[str]:
    """A case number per row, in the style of the row's service."""
    numbers = rng.integers(1, 999_999, len(services)).tolist()
    return [
        format_case(SERVICES[s].case_prefix, year, n)
        for s, n in zip(services.tolist(), numbers, strict=True)
    ]


@dataclass(frozen=True)
class Population:
    """People, column by column (index ``i`` is one person)."""

    first: list[str]
    last: list[str]
    email: list[str]
    mobile: list[str]  # national digits, 06xxxxxxxx
    landline: list[str]  # national digits or ""
    client: np.ndarray  # index into CLIENTS of the municipality they live in
    town: list[str]
    street: list[str]
    house_number: list[str]
    postcode: list[str]
    iban: list[str]
    bsn: list[str]
    birth: list[dt.date]
    plate: list[str]
    card: list[str]

    def __len__(self) -> int:
        return len(self.first)

    def full_name(self, i: int) -> str:
        """``Jan de Vries``."""
        return f"{self.first[i]} {self.last[i]}"

    def initial_name(self, i: int) -> str:
        """``J. de Vries``."""
        return f"{self.first[i][0]}. {self.last[i]}"

    def phone(self, i: int, r: random.Random) -> str:
        """The number person ``i`` gives (national digits): mostly the mobile, now and then
        the landline."""
        landline = self.landline[i]
        return landline if landline and r.random() < 0.3 else self.mobile[i]

    def street_address(self, i: int) -> str:
        """``Kerkstraat 12a``."""
        return f"{self.street[i]} {self.house_number[i]}"

    def postal_address(self, i: int) -> str:
        """``Kerkstraat 12a, 1012 AB Amsterdam``."""
        return f"{self.street_address(i)}, {self.postcode[i]} {self.town[i]}"

    def pick(
        self, rng: np.random.Generator, clients: np.ndarray, local: float = 0.85
    ) -> np.ndarray:
        """A person per row, living in the row's client municipality with probability ``local``."""
        out = rng.integers(0, len(self), len(clients))
        stay = rng.random(len(clients)) < local
        for c in range(len(CLIENTS)):
            residents = np.flatnonzero(self.client == c)
            rows = np.flatnonzero(stay & (clients == c))
            if len(residents) and len(rows):
                out[rows] = residents[rng.integers(0, len(residents), len(rows))]
        return out


def population_size(rows_per_day: int) -> int:
    """A few thousand people, more for big runs so one person is not everywhere."""
    return max(4000, min(50_000, rows_per_day // 20))


_DOMAINS, _DOMAIN_WEIGHTS = zip(*EMAIL_DOMAINS, strict=True)


def _email(r: random.Random, first: str, last: str, birth: dt.date, taken: set[str]) -> str:
    given, family = pii.slug(first), pii.slug(last)
    yy = f"{birth.year % 100:02d}"
    local = r.choice((
        f"{given}.{family}", f"{given[0]}.{family}", f"{given}{family}",
        f"{given}.{family}{yy}", f"{family}{given[0]}", f"{given}_{family}",
        f"{given}{birth.year}", f"{given}{family}{r.randrange(1, 99)}",
    ))  # fmt: skip
    email = f"{local}@{r.choices(_DOMAINS, _DOMAIN_WEIGHTS)[0]}"
    while email in taken:
        email = f"{local}{r.randrange(1, 999)}@{r.choices(_DOMAINS, _DOMAIN_WEIGHTS)[0]}"
    taken.add(email)
    return email


def build_population(seed: int, size: int) -> Population:
    """``size`` people, the same for the same seed and size."""
    r = random.Random(f"population:{seed}")
    rng = seeds.rng(seed, None, "population")
    origins = list(ORIGINS.values())
    origin_w = [o[0] for o in origins]
    dutch_last = ORIGINS["dutch"][2]
    client_w = weights(CLIENTS).tolist()
    cols: dict[str, list] = {k: [] for k in _PER_PERSON}
    taken: set[str] = set()
    for _ in range(size):
        origin = r.choices(origins, origin_w)[0]
        first_from = origin if r.random() < 0.9 else r.choices(origins, origin_w)[0]
        first = r.choice(first_from[1])
        last = r.choice(origin[2])
        if r.random() < 0.07:
            last = f"{last}-{r.choice(dutch_last)}"
        client = r.choices(range(len(CLIENTS)), client_w)[0]
        town = r.choice(CLIENTS[client].towns)
        birth = pii.date_of_birth(r)
        landline = ""
        if r.random() < 0.35:
            digits = 10 - len(town.area_code)
            landline = f"{town.area_code}{r.randrange(2 * 10 ** (digits - 1), 10**digits)}"
        values = (
            first,
            last,
            _email(r, first, last, birth, taken),
            landline,
            client,
            town.name,
            r.choice(town.streets if r.random() < 0.5 else COMMON_STREETS),
            pii.house_number(r),
            pii.postcode(r, *town.postcodes),
            birth,
        )
        for key, value in zip(_PER_PERSON, values, strict=True):
            cols[key].append(value)
    return Population(
        **cols | {"client": np.array(cols["client"], dtype=np.int64)},
        mobile=[f"06{n:08d}" for n in r.sample(range(10**7, 10**8), size)],
        iban=pii.ibans(rng, size),
        bsn=pii.bsns(rng, size),
        plate=pii.licence_plates(rng, size),
        card=pii.card_numbers(rng, size),
    )


_PER_PERSON = (
    "first", "last", "email", "landline", "client", "town", "street", "house_number",
    "postcode", "birth",
)  # fmt: skip
