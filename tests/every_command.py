"""Run every `matrica` command on one (damaged or awkward) workbook and check what any input must never break:
no traceback, an exit code the README documents (0, 1, 2; never 3 or a crash), a sentence naming the file
whenever the input cannot be used, the input's bytes unchanged, and nothing half-written beside it."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
from dataclasses import dataclass
from pathlib import Path

from addin.cli import main

DOCUMENTED = (0, 1, 2)


@dataclass
class Run:
    args: list[str]
    code: int
    out: str
    err: str


def matrica(*args: str) -> Run:
    """One command in this process (as the console script runs it), its exit code and output."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse
            code = exc.code if isinstance(exc.code, int) else 2
    return Run(list(args), code, out.getvalue(), err.getvalue())


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _temporaries(folder: Path) -> list[str]:
    """Files a write in progress leaves (write_atomic's ".name-xxxx.ext")."""
    return sorted(p.name for p in folder.rglob(".*") if p.is_file())


def every_command(path: Path, year: int, out: Path, lang: str = "sq") -> dict[str, Run]:
    """Every command over `path` (reports and copies go to `out`); asserts the invariants and returns the runs by
    name, so a test can also check what each one said."""
    out.mkdir(parents=True, exist_ok=True)
    before = _digest(path)
    y = str(year)
    commands = {
        "overview": ["overview", str(path)],
        "validate": ["validate", str(path), "--out", str(out / "kontrolluar.xlsx")],
        "validate --no-copy": ["validate", str(path), "--no-copy"],
        "validate --year": ["validate", str(path), "--year", y, "--no-copy"],
        "validate json": ["validate", str(path), "--format", "json", "--no-copy"],
        "summary": ["summary", str(path), "--year", y],
        "summary json": ["summary", str(path), "--year", y, "--format", "json"],
        "report": ["report", str(path), "--year", y, "--out", str(out / "report")],
        "report html": ["report", str(path), "--year", y, "--out", str(out / "draft"), "--format", "html",
                        "--allow-errors"],
        "report docx": ["report", str(path), "--year", y, "--out", str(out / "draft"), "--format", "docx",
                        "--allow-errors"],
        "new-year": ["new-year", str(path), "--year", y, "--out", str(out / "new-year.xlsx")],
        "split": ["split", str(path), "--year", y, "--out", str(out / "parts")],
        "validate --institution": ["validate", str(path), "--institution", "QKR", "--no-copy"],
        "merge": ["merge", str(path), str(path), "--out", str(out / "merged.xlsx")],  # the workbook is no part
        "budget": ["budget", str(path)],
        "budget json": ["budget", str(path), "--format", "json"],
        "budget xlsx": ["budget", str(path), "--out", str(out / "buxheti.xlsx")],
    }
    runs = {}
    for name, args in commands.items():
        run = matrica(*args, "--lang", lang)
        runs[name] = run
        said = run.out + run.err
        assert run.code in DOCUMENTED, f"{name}: exit {run.code}\n{said}"
        assert "Traceback" not in said, f"{name}: {said}"
        if run.code == 2:
            assert path.name in run.err, f"{name}: the message does not name the file: {run.err}"
        if name.endswith("json") and run.code != 2:
            json.loads(run.out, parse_constant=_reject)  # strict JSON: no NaN / Infinity
        assert _digest(path) == before, f"{name} changed the input"
        assert _temporaries(path.parent) == [] and _temporaries(out) == [], f"{name} left a temporary file"
    return runs


def _reject(token: str):
    raise ValueError(f"not JSON: {token}")
