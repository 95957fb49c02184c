"""Build the xlwings Lite bundle of Matrica: main.py, requirements.txt and Matrica's wheel.

Usage: python scripts/build_lite.py [--out DIR] [--wheel-url URL] [--no-wheel] [--no-build-isolation]

xlwings Lite (the free Excel add-in that runs Python in Excel's task pane, through Pyodide) keeps a workbook's
Python in the workbook: the code of `main.py` and the packages of `requirements.txt`, each in its own tab of Lite's
editor. This script writes both, into build/lite/ by default:

- main.py: one `@script` per button of the ribbon (addin/excel/customUI.xml is the one list of buttons: a button's
  tag names its module, whose `lite(book)` runs it; its label and tip become the script's name and help), and the
  worksheet functions ARRITJA, ARRITJA_KUFIZUAR, STATUSI, LEKE (addin/excel/functions.py, `@xw.func`, which Lite
  registers as custom functions once main.py imports them);
- requirements.txt: xlwings pinned to the version installed here (the one the tests ran), and Matrica: `--wheel-url`
  (the built wheel served from a web address that sends CORS headers), else `matrica==VERSION` from PyPI;
- the wheel itself, matrica-VERSION-py3-none-any.whl, to publish (PyPI) or to serve at that address.

The steps in Excel (paste the two files, App Mode) are in the README, section "Excel", "xlwings Lite".
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CUSTOM_UI = ROOT / "addin" / "excel" / "customUI.xml"
CUI = "{http://schemas.microsoft.com/office/2006/01/customui}"
FUNCTIONS = ("ARRITJA", "ARRITJA_KUFIZUAR", "LEKE", "STATUSI")  # addin/excel/functions.py


@dataclass(frozen=True)
class LiteButton:
    """A ribbon button as a Lite script."""

    module: str  # the button's tag: the module whose lite(book) runs it
    label: str
    tip: str

    @property
    def function(self) -> str:
        return self.module.rsplit(".", 1)[1]


def ribbon_buttons(xml: str | None = None) -> list[LiteButton]:
    """The buttons of the ribbon XML, in its order."""
    root = ET.fromstring(xml if xml is not None else CUSTOM_UI.read_text(encoding="utf-8"))
    out = []
    for b in root.iter(f"{CUI}button"):
        tag = b.get("tag") or ""
        if not re.fullmatch(r"addin\.excel\.[a-z_][a-z0-9_]*", tag):
            raise SystemExit(f"{CUSTOM_UI}: button {b.get('id')!r} has tag {tag!r}, not a module addin.excel.NAME")
        out.append(LiteButton(tag, b.get("label") or tag, b.get("supertip") or b.get("screentip") or ""))
    return out


def _docstring(text: str) -> list[str]:
    """A docstring (Lite shows it as the button's help in App Mode), wrapped for Lite's editor."""
    text = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    lines = textwrap.wrap(text, 100, initial_indent='    """', subsequent_indent="    ")
    return [*lines[:-1], lines[-1] + '"""'] if len(lines) == 1 else [*lines, '    """']


def main_py(buttons: list[LiteButton]) -> str:
    """The text of main.py for Lite's editor."""
    from addin.common.messages import t

    intro = t("lite_intro", "sq", buttons=", ".join(f"**{b.label}**" for b in buttons), functions=", ".join(FUNCTIONS))
    lines = [
        '"""' + intro.replace("\\", "\\\\"),
        '"""',
        "",
        "# Shkruar nga scripts/build_lite.py sipas addin/excel/customUI.xml: mos e ndryshoni këtu, rindërtojeni.",
        "# Written by scripts/build_lite.py from addin/excel/customUI.xml: rebuild it, do not edit it here.",
        "",
        "import xlwings as xw",
        "from xlwings import script",
        "",
        *(f"import {b.module}" for b in buttons),
        "",
        "# Worksheet functions: Lite registers every @xw.func it finds in main.py as an Excel custom function.",
        f"from addin.excel.functions import {', '.join(FUNCTIONS)}  # noqa: F401",
    ]
    for b in buttons:
        lines += [
            "",
            "",
            f"@script(name={json.dumps(b.label, ensure_ascii=False)})",
            f"def {b.function}(book: xw.Book):",
            *_docstring(f"**{b.label}**: {b.tip}"),
            f"    {b.module}.lite(book)",
        ]
    return "\n".join(lines) + "\n"


def requirements_txt(matrica: str) -> str:
    """requirements.txt for Lite: requirement lines only (Lite hands each line to micropip)."""
    return f"xlwings=={version('xlwings')}\n{matrica}\n"


def project_version() -> str:
    import tomllib

    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def build_wheel(out_dir: Path, isolation: bool = True) -> Path:
    """Matrica's wheel from a clean copy of the source (no stale build/ folder); `isolation=False` builds with this
    Python's setuptools and no network."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "matrica"
        src.mkdir()
        for name in ("pyproject.toml", "README.md"):
            shutil.copy2(ROOT / name, src / name)
        for name in ("addin", "templates"):
            shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "--disable-pip-version-check",
               "-w", str(out_dir), str(src)]
        if not isolation:
            cmd[5:5] = ["--no-build-isolation", "--no-index"]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode:
            raise SystemExit(f"building the wheel failed:\n{proc.stderr[-3000:]}")
    return out_dir / f"matrica-{project_version()}-py3-none-any.whl"


def build(out_dir: Path, wheel_url: str | None = None, wheel: bool = True, isolation: bool = True) -> list[Path]:
    """Write the bundle into `out_dir`; returns the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in (("main.py", main_py(ribbon_buttons())),
                       ("requirements.txt", requirements_txt(wheel_url or f"matrica=={project_version()}"))):
        (out_dir / name).write_text(text, encoding="utf-8", newline="\n")
        written.append(out_dir / name)
    if wheel:
        written.append(build_wheel(out_dir, isolation))
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=ROOT / "build" / "lite")
    ap.add_argument("--wheel-url", help="where Lite downloads Matrica's wheel (the address must send CORS headers)")
    ap.add_argument("--no-wheel", action="store_true", help="write main.py and requirements.txt only")
    ap.add_argument("--no-build-isolation", action="store_true", help="build the wheel with this Python's setuptools")
    args = ap.parse_args(argv)
    if args.wheel_url and not re.search(r"/matrica-[^/]+-py3-none-any\.whl$", args.wheel_url):
        raise SystemExit("--wheel-url must end with the wheel's file name, e.g. …/matrica-0.1.0-py3-none-any.whl")
    for path in build(args.out, args.wheel_url, wheel=not args.no_wheel, isolation=not args.no_build_isolation):
        print(path)
    if not args.wheel_url:
        print(f"requirements.txt asks for matrica=={project_version()} from PyPI: publish the wheel there, or serve it "
              "at a web address that sends CORS headers and rebuild with --wheel-url (README, Excel).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
