"""The console script as a user runs it: settings, errors, and a real end-to-end day."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq

from klantmonitor.paths import DataPaths
from klantmonitor.sources.contract import SOURCES

CLI = str(Path(sys.executable).parent / "klantmonitor")
REPO = Path(__file__).resolve().parents[1]


def _run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("KLANTMONITOR_")}
    base.pop("DAGSTER_HOME", None)
    return subprocess.run(
        [CLI, *args], cwd=cwd, env={**base, **env}, capture_output=True, text=True, timeout=600
    )


def test_a_missing_secret_key_is_a_clear_error_not_a_default(tmp_path: Path) -> None:
    done = _run(["run", "--date", "2026-06-01"], tmp_path)
    assert done.returncode == 2
    assert "KLANTMONITOR_SECRET_KEY is not set" in done.stderr
    assert not (tmp_path / "data").exists()


def test_a_weak_key_is_refused_without_echoing_it(tmp_path: Path) -> None:
    done = _run(["run", "--date", "2026-06-01"], tmp_path, KLANTMONITOR_SECRET_KEY="hunter2-key")
    assert done.returncode == 2
    assert "too short" in done.stderr
    assert "hunter2" not in done.stderr + done.stdout


def test_the_definitions_refuse_to_load_without_a_key(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "KLANTMONITOR_SECRET_KEY"}
    done = subprocess.run(
        [sys.executable, "-c", "import orchestration.definitions"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode != 0
    assert "KLANTMONITOR_SECRET_KEY is not set" in done.stderr


def test_a_date_outside_the_partitions_is_a_clear_error(tmp_path: Path) -> None:
    done = _run(["run", "--date", "2099-01-01"], tmp_path, KLANTMONITOR_SECRET_KEY="k" * 40)
    assert done.returncode == 2
    assert "not a complete day partition" in done.stderr


def test_generate_then_run_one_day_end_to_end(tmp_path: Path) -> None:
    key = "cli-secret-" + "f" * 40
    dagster_home = tmp_path / "dagster_home"
    dagster_home.mkdir()
    (tmp_path / ".env").write_text(f"KLANTMONITOR_SECRET_KEY={key}\n")
    env = {"DAGSTER_HOME": str(dagster_home)}
    gen = _run(
        ["generate", "--start", "2026-11-01", "--days", "2", "--rows-per-day", "300"],
        tmp_path,
        **env,
    )
    assert gen.returncode == 0, gen.stderr
    done = _run(["run", "--date", "2026-11-02"], tmp_path, **env)
    assert done.returncode == 0, done.stderr
    assert "succeeded for 2026-11-02" in done.stdout
    paths = DataPaths(tmp_path / "data")
    for name in SOURCES:
        assert pq.read_metadata(paths.raw / name / "date=2026-11-02" / "data.parquet")
    # the key never reaches output or the Dagster instance's storage
    assert key not in done.stdout + done.stderr + gen.stdout + gen.stderr
    for stored in dagster_home.rglob("*"):
        if stored.is_file():
            assert key.encode() not in stored.read_bytes(), stored
