"""The hand-labelled evaluation set of the PII detector (``tests/pii_eval/comments.jsonl``).

One comment per line: ``text``, ``pii`` (``[{"category", "text"}]``) and ``keep``
(``[{"text"}]``), labelled by substring. :mod:`klantmonitor.pii.bench` scores the detector on
it; :mod:`klantmonitor.pii.training` keeps it out of the profile-guided build's workload.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

EVAL_SET = Path(__file__).resolve().parents[2] / "tests" / "pii_eval" / "comments.jsonl"


@dataclass(frozen=True, slots=True)
class Comment:
    """One labelled comment of the evaluation set."""

    text: str
    pii: tuple[tuple[str, str], ...]  # (category, labelled text)
    keep: tuple[str, ...]  # texts that must survive


def load_eval_set(path: Path = EVAL_SET) -> list[Comment]:
    """The labelled comments of ``path`` (JSON lines)."""
    comments = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                row = json.loads(line)
                comments.append(
                    Comment(
                        text=row["text"],
                        pii=tuple((span["category"], span["text"]) for span in row["pii"]),
                        keep=tuple(span["text"] for span in row["keep"]),
                    )
                )
    return comments
