"""A latent satisfaction per answer, so every scale tells the same story.

Satisfaction = base + client offset + service offset + channel offset + noise: Paspoort scores
higher than Wmo, the counter higher than the phone, Gooise Meren higher than Rotterdam. Each
source maps the latent value to its own scale.
"""

from __future__ import annotations

import numpy as np

from klantmonitor.generate.population import CLIENTS, SERVICES, effects

BASE = 0.45
NEGATIVE, NEUTRAL, POSITIVE = 0, 1, 2


def latent(
    rng: np.random.Generator,
    clients: np.ndarray,
    services: np.ndarray | None,
    channel_effect: np.ndarray | float = 0.0,
    shift: float = 0.0,
) -> np.ndarray:
    """The latent satisfaction of each answer (about standard normal around the offsets)."""
    z = BASE + shift + effects(CLIENTS)[clients] + channel_effect
    if services is not None:
        z = z + effects(SERVICES)[services]
    return z + rng.normal(0.0, 1.0, len(clients))


def mood(z: np.ndarray) -> np.ndarray:
    """NEGATIVE, NEUTRAL or POSITIVE (what a comment will sound like)."""
    return np.digitize(z, [-0.2, 0.8]).astype(np.int8)


def scale(z: np.ndarray, low: int, high: int, centre: float, spread: float) -> np.ndarray:
    """``z`` on an integer scale ``low..high`` (``centre`` is where z = 0 lands)."""
    return np.clip(np.rint(centre + spread * z), low, high).astype(np.int64)
