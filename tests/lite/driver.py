"""Run the xlwings Lite bundle's main.py the way Lite's runtime does (xlwings-server's wasm/wasm_runtime.py):
XLWINGS_ON_SERVER set before xlwings is imported, main.py loaded as the module `main`, each script called through
`xlwings.server.custom_scripts_call` on `xw.Book(json=payload)` and answered with `book.json()`, each worksheet
function through `xlwings.server.custom_functions_call`.

The same file runs inside Pyodide (tests/lite/harness.mjs, Lite's folder /data mounted from the job folder) and
under CPython (`python driver.py JOB DATA`, where DATA stands in for /data and the libraries `without` lists are
hidden, so both sides have the same packages). It reads JOB/cases.json and writes JOB/results.json: the actions
of each script (folder names written as /data), the files it wrote there (name and SHA-256), the functions'
results, and how long each step took.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import sys
import time
from pathlib import Path

LITE_FOLDER = "/data"


def _files(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


async def run(job: str, data: str = LITE_FOLDER) -> None:
    job_dir, data_dir = Path(job), Path(data)
    cases = json.loads((job_dir / "cases.json").read_text(encoding="utf-8"))
    for name in cases.get("without", []):
        sys.modules.setdefault(name, None)  # importing it fails, find_spec finds nothing: as if not installed
    os.environ["XLWINGS_ON_SERVER"] = "true"  # Lite's runtime sets it before importing xlwings
    os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
    t0 = time.perf_counter()
    import xlwings as xw
    import xlwings.server

    if str(data_dir) != LITE_FOLDER:  # CPython: a temporary folder stands in for Lite's /data
        import dataclasses

        from addin.excel import buttons

        buttons.LITE = dataclasses.replace(buttons.LITE, report_dir=data_dir)
    spec = importlib.util.spec_from_file_location("main", job_dir / "main.py")
    main = importlib.util.module_from_spec(spec)
    sys.modules["main"] = main
    spec.loader.exec_module(main)
    from addin.excel.buttons import missing_word_libraries

    results = {"python": sys.version.split()[0], "platform": sys.platform, "import_s": time.perf_counter() - t0,
               "missing_word_libraries": missing_word_libraries(),
               "scripts": sorted((m["function_name"], m["name"]) for m in xlwings.server.custom_scripts_meta(main)),
               "functions": sorted(f["name"] for f in xlwings.server.custom_functions_meta(main)["functions"]),
               "cases": {}, "calls": {}}
    for case in cases["scripts"]:
        text = (job_dir / case["payload"]).read_text(encoding="utf-8")
        before, seconds = _files(data_dir), []
        for _ in range(cases.get("repeat", 1)):  # scripts/benchmark.py repeats; each run gets a fresh Book
            t = time.perf_counter()
            book = xw.Book(json=json.loads(text))
            book = await xlwings.server.custom_scripts_call(module=main, script_name=case["script"],
                                                            typehint_to_value={xw.Book: book}, args=[])
            answer = book.json()
            seconds.append(time.perf_counter() - t)
        answer = json.loads(json.dumps(answer, default=str).replace(str(data_dir), LITE_FOLDER))
        written = {k: v for k, v in _files(data_dir).items() if before.get(k) != v}
        results["cases"][case["id"]] = {"actions": answer["actions"], "files": written, "seconds": seconds}
    for call in cases["functions"]:
        data = {"func_name": call["name"], "args": call["args"], "version": xw.__version__, "client": "Office.js",
                "runtime": "1.4", "culture_info_name": "sq-AL", "date_format": "d.m.yyyy"}
        results["calls"][call["id"]] = await xlwings.server.custom_functions_call(data, main)
    (job_dir / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    import asyncio

    asyncio.run(run(sys.argv[1], sys.argv[2]))
