"""Type into workbooks through LibreOffice itself (python3-uno), the way a person does, and save them as .xlsx.

Run by Debian's /usr/bin/python3 (the Python that has `import uno`), not by the project's venv:

    /usr/bin/python3 tests/lo_type.py JOBS.json

JOBS.json is a list of jobs {"src": …, "out": …, "edits": [{"sheet": …, "cell": "H14", "text": "70%",
"how": "type" | "paste" | "formula"}], "recalculate": true}. One LibreOffice is started for all the jobs
(headless, its own user profile, a pipe connection) and stopped at the end.

- "type" enters the text as typed into the cell (the dispatcher's EnterString: LibreOffice's own input
  recognition, so "70%" becomes 0.7 shown as a percentage and "1.200" becomes 1.2 on an English-locale
  installation);
- "paste" puts the text into the cell as text, which is what pasting a copied text does;
- "formula" reads the text with LibreOffice's input parser but without the cell's validation (what pasting a
  value copied from another spreadsheet does).

Each document is recalculated and stored with the filter "Calc MS Excel 2007 XML". Prints one line per job
written; exits non-zero with a message on any failure.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import uno
from com.sun.star.beans import PropertyValue


def prop(name: str, value: object) -> PropertyValue:
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(pipe: str, process: subprocess.Popen, timeout: float = 90.0):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + timeout
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"LibreOffice did not start (exit {process.poll()})") from None
            time.sleep(0.25)


def run(jobs: list[dict]) -> None:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        raise SystemExit("LibreOffice is not installed: run scripts/test.sh, which installs it")
    profile = Path(tempfile.gettempdir()) / f"matrica-uno-{uuid.uuid4().hex}"
    pipe = f"matrica_{uuid.uuid4().hex}"
    process = subprocess.Popen(
        [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible", "--norestore", "--nologo",
         "--nodefault", f"--accept=pipe,name={pipe};urp;"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    desktop = None
    try:
        ctx = connect(pipe, process)
        smgr = ctx.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        for job in jobs:
            doc = desktop.loadComponentFromURL(Path(job["src"]).resolve().as_uri(), "_blank", 0,
                                               (prop("Hidden", True),))
            if doc is None:
                raise SystemExit(f"LibreOffice could not open {job['src']}")
            try:
                controller = doc.getCurrentController()
                for edit in job.get("edits", []):
                    cell = doc.Sheets.getByName(edit["sheet"]).getCellRangeByName(edit["cell"])
                    how = edit.get("how", "type")
                    if how == "paste":
                        cell.setString(edit["text"])
                    elif how == "formula":  # LibreOffice's input parser without the cell's validation
                        cell.setFormula(edit["text"])
                    else:
                        controller.select(cell)
                        dispatcher.executeDispatch(controller.getFrame(), ".uno:EnterString", "", 0,
                                                   (prop("StringName", edit["text"]),))
                if job.get("recalculate", True):
                    doc.calculateAll()
                doc.storeToURL(Path(job["out"]).resolve().as_uri(), (prop("FilterName", "Calc MS Excel 2007 XML"),))
            finally:
                doc.close(True)
            print(f"written {job['out']}")
    finally:
        if desktop is not None:
            try:
                desktop.terminate()
            except Exception:  # the bridge goes away with the office
                pass
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    run(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")))
