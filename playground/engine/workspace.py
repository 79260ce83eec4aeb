"""Workspaces: ended runs kept on disk, so a page reload or a server restart loses nothing.

The Streamlit server keeps ``Run`` records in session state, which dies with the browser tab and the
server. A workspace is a folder holding a SQLite file (one row per run: configuration, status, error,
curves, results, all as JSON) and the run's models beside it (``models/<uid>.keras`` and
``models/<uid>-best.keras``). Each workspace id has its own folder, so two workspaces never see each
other's runs: a desktop has one (``"local"``), a class server one per browser.

Runs are keyed by ``Run.uid`` (random, stable across processes), never by ``Run.run_id`` (a counter that
restarts in every process): a restored run gets a fresh ``run_id`` from ``Run()`` like any other run.

SQLite is used with one connection per call, so any thread may call any method.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import json
import os
import re
import secrets
import shutil
import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

from playground.engine.runs import (
    FINAL_STATUSES, BatchPoint, EarlyStoppingConfig, Run, RunConfig, RunEvent, RunResults,
)
from playground.errors import Translated

HOME_VARIABLE = "PLAYGROUND_HOME"
SCHEDULER_VARIABLE = "PLAYGROUND_SCHEDULER"  # As in playground.engine.cluster, which imports Dask.
APP_NAME = "deep-learning-playground"
LOCAL = "local"
_ID_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,64}")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    uid TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    created REAL NOT NULL,
    status TEXT NOT NULL,
    config TEXT NOT NULL,
    error_key TEXT,
    error_fields TEXT NOT NULL,
    progress TEXT NOT NULL,
    batches TEXT NOT NULL,
    epochs TEXT NOT NULL,
    events TEXT NOT NULL,
    results TEXT
)
"""


def home(root: str | os.PathLike[str] | None = None) -> Path:
    """Returns the folder that holds every workspace: ``root``, else ``$PLAYGROUND_HOME``, else the user data folder."""
    if root is not None:
        return Path(root)
    if os.environ.get(HOME_VARIABLE):
        return Path(os.environ[HOME_VARIABLE])
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME))


def valid_workspace_id(workspace_id: str | None) -> bool:
    """Whether ``workspace_id`` may name a folder (it comes from a link, so it is checked before use)."""
    return bool(workspace_id) and _ID_PATTERN.fullmatch(workspace_id) is not None


def new_workspace_id() -> str:
    """Returns a fresh random workspace id, hard to guess (it is the only key to a learner's runs)."""
    return secrets.token_urlsafe(12)


def is_shared_server(server_address: str | None, scheduler: str | None) -> bool:
    """Whether the app serves a class (each browser its own workspace) rather than one desktop user.

    Args:
        server_address: Streamlit's ``server.address`` (the launcher passes 127.0.0.1 on a desktop);
            None or empty when unset (tests).
        scheduler: ``$PLAYGROUND_SCHEDULER``, set when trainings go to a shared Dask cluster.
    """
    if scheduler:
        return True
    if not server_address or server_address == "localhost":
        return False
    try:
        return not ipaddress.ip_address(server_address).is_loopback
    except ValueError:
        return True  # A host name other than localhost: reachable by others.


def choose_workspace_id(shared: bool, requested: str | None) -> str:
    """The workspace of one browser: ``"local"`` on a desktop; on a class server the link's id, or a new one."""
    if not shared:
        return LOCAL
    return requested if valid_workspace_id(requested) else new_workspace_id()


class Workspace:
    """The runs of one workspace id, on disk."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.models = folder / "models"
        self.models.mkdir(parents=True, exist_ok=True)
        self.database = folder / "runs.sqlite"
        with self._connect() as connection:
            connection.execute(_SCHEMA)

    @classmethod
    def open(cls, workspace_id: str = LOCAL, root: str | os.PathLike[str] | None = None) -> Workspace:
        """Opens (creating if needed) the workspace ``workspace_id`` under ``home(root)``.

        Raises:
            ValueError: If the id could escape its folder (anything but letters, digits, ``-`` and ``_``).
        """
        if not valid_workspace_id(workspace_id):
            raise ValueError(f"Not a workspace id: {workspace_id!r}")
        return cls(home(root) / "workspaces" / workspace_id)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """One connection per call (safe from any thread), committed on success."""
        with closing(sqlite3.connect(self.database, timeout=30)) as connection:
            with connection:
                yield connection

    def model_path(self, run: Run, best: bool = False) -> Path:
        """Where the run's model (or its best checkpoint) is kept."""
        return self.models / f"{run.uid}{'-best' if best else ''}.keras"

    def save(self, run: Run) -> bool:
        """Keeps an ended run: its record and its model files. Saving it again does nothing.

        Model files are written first, then the record: a record never points at a missing file.

        Returns:
            True when the run was written now, False when it was already kept.

        Raises:
            ValueError: If the run has not ended (an active run still changes).
        """
        snapshot = run.snapshot()
        if snapshot.status not in FINAL_STATUSES:
            raise ValueError(f"Only an ended run can be kept; this one is {snapshot.status!r}.")
        with self._connect() as connection:
            if connection.execute("SELECT 1 FROM runs WHERE uid = ?", (run.uid,)).fetchone():
                return False
        for data, best in ((run.model_bytes, False), (run.checkpoint_bytes, True)):
            if data is not None:
                _write_atomically(self.model_path(run, best), data)
        row = (
            run.uid, snapshot.config.label, time.time(), snapshot.status, _dumps(dataclasses.asdict(snapshot.config)),
            snapshot.error_key, _dumps(_encode_fields(snapshot.error_fields)),
            _dumps({"epoch": snapshot.epoch, "batch": snapshot.batch, "steps": snapshot.steps_per_epoch,
                    "elapsed": snapshot.elapsed}),
            _dumps([[point.position, point.logs] for point in snapshot.batches]),
            _dumps(list(snapshot.epochs)),
            _dumps([dataclasses.asdict(event) for event in snapshot.events]),
            None if snapshot.results is None else _dumps(dataclasses.asdict(snapshot.results)),
        )
        with self._connect() as connection:
            connection.execute("INSERT OR IGNORE INTO runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row)
        return True

    def runs(self) -> list[Run]:
        """Returns the kept runs, oldest first, as fresh ``Run`` objects (new ``run_id``, same ``uid``)."""
        with self._connect() as connection:
            rows = connection.execute(
                "SELECT uid, status, config, error_key, error_fields, progress, batches, epochs, events, results"
                " FROM runs ORDER BY created, rowid"
            ).fetchall()
        return [self._restore(*row) for row in rows]

    def delete(self, run: Run | str) -> None:
        """Forgets one run (a ``Run`` or its ``uid``): its record and its model files."""
        uid = run if isinstance(run, str) else run.uid
        with self._connect() as connection:
            connection.execute("DELETE FROM runs WHERE uid = ?", (uid,))
        for name in (f"{uid}.keras", f"{uid}-best.keras"):
            (self.models / name).unlink(missing_ok=True)

    def clear(self) -> None:
        """Forgets every run of this workspace."""
        with self._connect() as connection:
            connection.execute("DELETE FROM runs")
        shutil.rmtree(self.models, ignore_errors=True)
        self.models.mkdir(parents=True, exist_ok=True)

    def _restore(self, uid: str, status: str, config: str, error_key: str | None, error_fields: str,
                 progress: str, batches: str, epochs: str, events: str, results: str | None) -> Run:
        run = Run(_config(json.loads(config)))
        run.uid = uid
        position = json.loads(progress)
        change: dict[str, Any] = {
            "steps": position["steps"],
            "batches": [BatchPoint(point, logs) for point, logs in json.loads(batches)],
            "epochs": json.loads(epochs),
            "events": [RunEvent(**event) for event in json.loads(events)],
            "position": (position["epoch"], position["batch"]),
            "status": status,
        }
        if error_key is not None:
            change["error"] = (error_key, _decode_fields(json.loads(error_fields)))
        if results is not None:
            change["results"] = RunResults(**json.loads(results))
        run.apply(change)
        run.set_elapsed(position["elapsed"])
        for best in (False, True):
            path = self.model_path(run, best)
            if path.exists():
                setattr(run, "checkpoint_bytes" if best else "model_bytes", path.read_bytes())
        return run


def _config(data: dict[str, Any]) -> RunConfig:
    """Rebuilds a ``RunConfig`` from its JSON form (the nested EarlyStopping options included)."""
    early = data.get("early_stopping")
    known = {field.name for field in dataclasses.fields(RunConfig)}
    values = {name: value for name, value in data.items() if name in known}  # Tolerates a dropped field.
    values["early_stopping"] = None if early is None else EarlyStoppingConfig(**early)
    return RunConfig(**values)


def _encode_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """Error fields as JSON: a ``Translated`` field keeps its key so it still follows the learner's language."""
    return {name: {"__translated__": value.key, "fields": _encode_fields(value.fields)}
            if isinstance(value, Translated) else value for name, value in fields.items()}


def _decode_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """The inverse of ``_encode_fields``."""
    return {name: Translated(value["__translated__"], **_decode_fields(value["fields"]))
            if isinstance(value, dict) and "__translated__" in value else value for name, value in fields.items()}


def _dumps(value: Any) -> str:
    """JSON text; NaN and infinity stay as they are (a diverged run's loss), odd values become text."""
    return json.dumps(value, default=str)


def _write_atomically(path: Path, data: bytes) -> None:
    """Writes a file whole or not at all (a crash never leaves half a model)."""
    partial = path.with_suffix(".partial")
    partial.write_bytes(data)
    os.replace(partial, path)
