"""CRM contacts: a full snapshot every day that changes slowly.

The CRM has a fixed number of slots; each holds a succession of contacts with a lifetime of
months to years, so a few contacts disappear (deleted) and appear each day. A contact's
``last_contact_at`` advances while it is active and freezes when it goes dormant, so snapshots
hold contacts whose retention (2 or 7 years) has expired as well as live ones.
"""

from __future__ import annotations

import datetime as dt
import random

from klantmonitor.generate import pii, seeds
from klantmonitor.generate.clock import ISO_UTC, UTC
from klantmonitor.generate.day import Day
from klantmonitor.generate.population import CLIENTS
from klantmonitor.sources.contract import SOURCES

SOURCE = SOURCES["crm"]
SLOTS = 1500
PROSPECTS = (
    ("Gemeente Hilversum", "hilversum.nl"),
    ("Gemeente Almere", "almere.nl"),
    ("Gemeente Eindhoven", "eindhoven.nl"),
    ("Waterschap Amstel, Gooi en Vecht", "agv.nl"),
    ("Provincie Utrecht", "provincie-utrecht.nl"),
    ("Woningcorporatie Ymere", "ymere.nl"),
    ("Omgevingsdienst Noordzeekanaalgebied", "odnzkg.nl"),
)


def _slot_life(seed: int, slot: int) -> tuple[int, int]:
    """(lifetime in days, phase) of a slot: contacts live 3 months to 12 years."""
    r = seeds.pyrandom(seed, None, f"crm-slot-{slot}")
    life = int(min(4400, max(90, r.lognormvariate(7.0, 0.8))))
    return life, r.randrange(life)


def _moment(r: random.Random, ordinal: int) -> dt.datetime:
    day = dt.date.fromordinal(ordinal)
    return dt.datetime(day.year, day.month, day.day, tzinfo=UTC) + dt.timedelta(
        seconds=r.randint(7 * 3600, 17 * 3600)
    )


def contact(day: Day, slot: int) -> dict[str, str]:
    """The contact in ``slot`` on ``day``."""
    people, today = day.people, day.date.toordinal()
    life, phase = _slot_life(day.seed, slot)
    generation = (today + phase) // life
    start = generation * life - phase
    r = seeds.pyrandom(day.seed, None, f"crm-{slot}-{generation}")
    i = r.randrange(len(people))
    org_pick = r.random()
    if org_pick < 0.45:
        client = CLIENTS[r.randrange(len(CLIENTS))]
        organisation, domain = f"Gemeente {client.name}", client.domain.removeprefix("www.")
    elif org_pick < 0.85:
        organisation, domain = r.choice(PROSPECTS)
    else:
        organisation, domain = "", ""
    is_client = org_pick < 0.45 and r.random() < 0.9  # the rest are former clients
    created = _moment(r, start)
    dormant = start + int(r.expovariate(1 / (1500 if is_client else 500)))
    period = r.randint(5, 90)
    latest = min(today, dormant)
    touched = start + (latest - start) // period * period
    last_contact = max(
        created, _moment(seeds.pyrandom(day.seed, None, f"{slot}-{touched}"), touched)
    )
    first, last = people.first[i], people.last[i]
    email = (
        f"{pii.slug(first)[0]}.{pii.slug(last)}@{domain}"
        if domain and r.random() < 0.55
        else people.email[i]
    )
    number = people.phone(i, r)
    has_address = r.random() < 0.7
    return {
        "contact_id": f"C{slot:04d}-{generation % 10_000:04d}",
        "first_name": first,
        "last_name": last,
        "email": email,
        "phone": pii.phone_notation(number, r) if r.random() < 0.9 else "",
        "street": people.street[i] if has_address else "",
        "house_number": people.house_number[i] if has_address else "",
        "postcode": people.postcode[i] if has_address else "",
        "city": people.town[i] if has_address else "",
        "iban": people.iban[i] if r.random() < (0.8 if is_client else 0.3) else "",
        "organisation": organisation,
        "is_client": "true" if is_client else "false",
        "last_contact_at": last_contact.strftime(ISO_UTC) if r.random() < 0.97 else "",
        "linkedin_url": (
            f"https://www.linkedin.com/in/{pii.slug(first)}-{pii.slug(last)}-{r.getrandbits(24):06x}/"
            if r.random() < 0.35
            else ""
        ),
        "created_at": created.strftime(ISO_UTC),
    }


# House numbers alone are not identifying and are not ledgered.
_PII = (
    ("first_name", "name"),
    ("last_name", "name"),
    ("email", "email"),
    ("phone", "phone"),
    ("street", "address"),
    ("postcode", "postcode"),
    ("iban", "iban"),
    ("linkedin_url", "name"),
)


def write(day: Day) -> None:
    """Write today's full snapshot ``crm_contacts.csv``."""
    contacts = [contact(day, slot) for slot in range(SLOTS)]
    columns = {name: [c[name] for c in contacts] for name in SOURCE.field_names}
    path = day.write_csv(SOURCE, SOURCE.pattern, columns)
    file, keys = day.rel(path), columns["contact_id"]
    for field, category in _PII:
        day.ledger.add_column(SOURCE.name, file, field, keys, columns[field], category)
