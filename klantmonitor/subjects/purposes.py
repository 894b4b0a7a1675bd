"""Why each dataset holds personal data and on what legal basis, in Dutch, for the answer to
an access request; and how long it is kept, from the retention policy table."""

from __future__ import annotations

from dataclasses import dataclass

from klantmonitor.retention.policy import Policy, load_policies
from klantmonitor.retention.rules import TABLE_RULES
from klantmonitor.sources.contract import SOURCES


@dataclass(frozen=True)
class Purpose:
    """What a dataset is for: title, purpose, legal basis (Dutch), and whether the subject gave
    the data by consent or contract (then it is part of a portability export)."""

    title: str
    purpose: str
    basis: str
    portable: bool


FEEDBACK = Purpose(
    "Feedback op de dienstverlening van uw gemeente of organisatie",
    "klanttevredenheidsonderzoek in opdracht van uw gemeente of organisatie",
    "verwerking in opdracht van onze klant; contactgegevens alleen als u om contact vroeg",
    False,
)
REQUESTS = Purpose(
    "Uw privacyverzoeken",
    "afhandelen van uw verzoeken en verantwoording daarover aan de toezichthouder en auditor",
    "wettelijke verplichting (AVG)",
    False,
)
PURPOSES: dict[str, Purpose] = {
    **{name: FEEDBACK for name, source in SOURCES.items() if source.feedback},
    "crm": Purpose(
        "Contactgegevens in ons klantsysteem (CRM)",
        "onderhouden van de klantrelatie, offertes en facturatie",
        "uitvoering van een overeenkomst en ons gerechtvaardigd belang; "
        "factuurgegevens vanwege de fiscale bewaarplicht",
        True,
    ),
    "newsletter": Purpose(
        "Inschrijving op onze nieuwsbrief", "toezenden van de nieuwsbrief", "uw toestemming", True
    ),
    "forms": Purpose(
        "Formulieren op onze website",
        "beantwoorden van uw vraag of toesturen van een download",
        "uw toestemming",
        True,
    ),
    "applications": Purpose(
        "Uw sollicitatie",
        "de sollicitatieprocedure",
        "voorbereiding van een arbeidsovereenkomst; langer bewaren alleen met uw toestemming",
        True,
    ),
    "subject_requests": REQUESTS,
}
LAYERS: dict[str, str] = {
    "landing": "bestanden zoals aangeleverd",
    "raw": "ingelezen gegevens",
    "quarantine": "afgekeurde regels",
    "staging": "opgeschoonde gegevens",
    "pseudonymised": "gepseudonimiseerd: e-mailadres en telefoonnummer vervangen door een code",
    "reporting": "rapportages",
    "reference": "referentietabellen",
    "subjects": "correcties en beperkingen op uw verzoek",
    "audit": "logboek van uw verzoeken (alleen een code, geen e-mailadres of telefoonnummer)",
}


def purpose_of(layer: str, dataset: str) -> Purpose:
    """The purpose of a dataset (a source, a ``stg_<source>`` model or a warehouse table)."""
    if layer in ("subjects", "audit"):
        return REQUESTS
    return PURPOSES.get(dataset.removeprefix("stg_"), FEEDBACK)


# Which rows of the retention policy table (``klantmonitor.retention.policy``) cover a dataset.
_FEEDBACK_POLICY = ("identified_feedback",)
_OWN_POLICIES: dict[str, tuple[str, ...]] = {
    "crm": ("crm_contact", "crm_contact_client"),
    "forms": ("form_submission", "form_submission_client"),
    "newsletter": ("newsletter_unsubscribed",),
    "applications": ("application", "application_consent"),
    "subject_requests": ("subject_request_intake",),
}
_LAYER_POLICIES: dict[str, tuple[str, ...]] = {
    "landing": ("landing_files",),
    "quarantine": ("quarantine",),
    "pseudonymised": ("pseudonymised_feedback",),
    "audit": ("subject_request_log",),
}


def policy_names(layer: str, dataset: str) -> tuple[str, ...]:
    """The retention policy rows that govern ``layer.dataset`` (none for the restriction and
    objection flags: they hold while the subject has not lifted them)."""
    if layer in _LAYER_POLICIES:
        return _LAYER_POLICIES[layer]
    if layer in ("reporting", "subjects") and (rules := TABLE_RULES.get((layer, dataset))):
        return tuple(rule.dataset for rule in rules)
    if layer == "reporting":
        return ("reporting",)
    if layer in ("raw", "staging"):
        return _OWN_POLICIES.get(dataset.removeprefix("stg_"), _FEEDBACK_POLICY)
    return ()


def _describe(policy: Policy) -> str:
    days = policy.window_days
    if days is None:
        window = "onbeperkt"
    elif days == 0:
        window = "tot de eerstvolgende nachtelijke verwerking"
    elif days % 365 == 0:
        window = f"{days // 365} jaar"
    else:
        window = f"{days} dagen"
    anchor = f" na {policy.anchor}" if policy.anchor and days else ""
    condition = f" ({policy.condition})" if policy.condition else ""
    return f"{window}{anchor}{condition}"


def retention_term(layer: str, dataset: str) -> str | None:
    """How long ``layer.dataset`` is kept, from the single retention policy table."""
    policies = load_policies()
    terms = [_describe(policies[name]) for name in policy_names(layer, dataset)]
    return "; ".join(terms) or None
