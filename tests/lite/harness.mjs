// Run tests/lite/driver.py under Pyodide in Node, offline: Pyodide from the npm package's folder, every package
// from local wheel files, Lite's folder /data and the job folder mounted from the host (NODEFS).
// Usage: node harness.mjs PYODIDE_FOLDER JOB_FOLDER WHEEL...   (PYODIDE_FOLDER holds node_modules/pyodide)
// Prints one JSON line with the start-up times; the driver writes JOB_FOLDER/results.json.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideFolder, jobFolder, ...wheels] = process.argv.slice(2);
const indexURL = path.join(path.resolve(pyodideFolder), "node_modules", "pyodide") + path.sep;
const { loadPyodide } = await import(pathToFileURL(path.join(indexURL, "pyodide.mjs")).href);

const t0 = performance.now();
const pyodide = await loadPyodide({ indexURL, stdout: (s) => console.error(s), stderr: (s) => console.error(s) });
const loaded = performance.now();
await pyodide.loadPackage(wheels.map((w) => path.resolve(w)), {
  messageCallback: () => {},
  errorCallback: (s) => console.error(s),
});
const installed = performance.now();

const job = path.resolve(jobFolder);
fs.mkdirSync(path.join(job, "data"), { recursive: true });
pyodide.FS.mkdirTree("/job");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: job }, "/job");
pyodide.FS.mkdirTree("/data");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: path.join(job, "data") }, "/data");
await pyodide.runPythonAsync(`
import sys
sys.path.insert(0, "/job")
import driver
await driver.run("/job")
`);
console.log(JSON.stringify({
  pyodide: pyodide.version,
  load_s: (loaded - t0) / 1000,
  packages_s: (installed - loaded) / 1000,
  total_s: (performance.now() - t0) / 1000,
}));
