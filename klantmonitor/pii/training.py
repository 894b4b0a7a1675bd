"""The workload that a profile-guided build of the detector is trained on.

``pii_engine/build-module`` first builds an instrumented detector, runs it here, then builds
the module again with the branch and call counts it recorded (``-Cprofile-use``): hot paths laid
out together, cold ones out of the way. The texts are the demo generator's comments of every
style in both languages, half of them with PII, from fixed seeds (the same profile every
build). The texts of the labelled evaluation set of ``make bench-pii`` are left out (a short
clean comment can be both): the benchmark measures the build on texts it was not trained on.

``python -m klantmonitor.pii.training MODULE`` runs the workload through the compiled module at
the path ``MODULE`` (not the installed one).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import random
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

import numpy as np

from klantmonitor.generate.comments import PII_RATE, Commenter
from klantmonitor.generate.population import build_population
from klantmonitor.pii.engine import build
from klantmonitor.pii.eval_set import load_eval_set

PER_KIND = 2500  # comments per style and language
PII_SHARE = 0.5  # of the comments, the share that carries PII


def workload(per_kind: int = PER_KIND) -> list[str]:
    """Generated comments: ``per_kind`` rows per style and language, ``PII_SHARE`` with PII;
    none of the evaluation set's texts."""
    held_out = {comment.text.casefold() for comment in load_eval_set()}
    people = build_population(7, 5000)
    texts: list[str] = []
    for style in PII_RATE:
        for lang in ("nl", "en"):
            rng = np.random.default_rng(len(texts))
            commenter = Commenter(
                style, people, random.Random(f"{style}:{lang}"), dt.date(2026, 1, 1)
            )
            commenter.rate = PII_SHARE
            rows = np.ones(per_kind, bool)
            moods = rng.integers(0, 3, per_kind)
            persons = rng.integers(0, len(people), per_kind)
            langs = np.full(per_kind, lang)
            made = commenter.texts(rng, rows, moods, langs, None, persons).text
            texts += [t for t in made if t and t.casefold() not in held_out]
    return texts


def load_module(path: Path) -> ModuleType:
    """The compiled detector module at ``path``."""
    spec = importlib.util.spec_from_file_location("_engine", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"no extension module at {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def train(module: ModuleType, texts: Sequence[str]) -> None:
    """Every call the project makes of the detector, over ``texts``: ``scrub`` one at a time,
    ``scrub_many`` (the pseudonymisation UDF), ``categories_many`` and ``find`` (the PII-absence
    checks)."""
    detector = build(module)
    for text in texts:
        detector.scrub(text)
    # in batches that the detector does not split over threads: the same counts every build
    size = 2 * module.MIN_PER_THREAD - 1
    for start in range(0, len(texts), size):
        batch = list(texts[start : start + size])
        detector.scrub_many(batch)
        detector.categories_many(batch, True)
    for text in texts[::4]:
        detector.find(text, True)


def main(argv: Sequence[str] | None = None) -> None:
    """Command line: the workload through the module at the given path."""
    args = sys.argv[1:] if argv is None else list(argv)
    if len(args) != 1:
        raise SystemExit("usage: python -m klantmonitor.pii.training MODULE")
    texts = workload()
    train(load_module(Path(args[0])), texts)
    print(f"trained the detector on {len(texts):,} generated comments")


if __name__ == "__main__":
    main()
