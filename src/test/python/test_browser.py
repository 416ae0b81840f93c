"""End-to-end in a real browser: Debian's classic Jupyter Notebook server (127.0.0.1, with a token, isolated
JUPYTER_* dirs holding this checkout's dlkit kernelspec) and Debian's headless Chromium driven by playwright-core
(src/test/browser/run_notebook.js) open each of the seven notebooks in notebooks/ (NOTEBOOKS) in turn, one server
for all, run all cells, and check that every code cell gets its execution count, every plot cell shows a rendered
<img> with a non-zero natural size and that no cell shows an error or stderr. Fails when the kernel dies, restarts
or hangs.

Small parameters: the browser cannot pass `-p`, so each notebook is copied into the server's root with the same
parameters the notebook tests pass to nbtest.execute (test_notebook_*.py) injected by the same code as
`./dlkit run -p` (dlkit.run.ParameterInjector, through src/test/browser/InjectParameters.java).
Screenshots and report.json: build/browser/<notebook>/; the server log: build/browser/server.log.

    build/venv/bin/python -m unittest src/test/python/test_browser.py   (or ./dlkit test)

Needs /usr/bin/chromium (installed with apt-get when running as root; skipped otherwise) and node/npm
(playwright-core is installed with `npm ci` in src/test/browser from the committed lockfile).
"""
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_notebook_cifar10classifier import SMALL as CIFAR10CLASSIFIER_SMALL  # noqa: E402
from test_notebook_dropout import SMALL as DROPOUT_SMALL  # noqa: E402
from test_notebook_edgedetection import SMALL as EDGE_SMALL  # noqa: E402
from test_notebook_gpumemory import PARAMS as GPUMEMORY_SMALL  # noqa: E402
from test_notebook_resnet20 import PARAMS as RESNET20_SMALL  # noqa: E402
from test_notebook_simplenn import SMALL as SIMPLENN_SMALL  # noqa: E402

REPO = Path(__file__).resolve().parents[3]
PYTHON = sys.executable  # the Python ./dlkit test runs (build/venv or DLKIT_PYTHON)
CHROMIUM = "/usr/bin/chromium"
DRIVER_DIR = REPO / "src" / "test" / "browser"
# name -> parameters injected as by `./dlkit run -p`, run in this order (3.5-5 min in all on 2 busy cores; the
# three CIFAR labs add 80-85 s: ResNet20 20-28 s, CIFAR10Classifier ~25 s, SimpleNN 32-36 s).
NOTEBOOKS = {
    "HandDesignFilters": {},
    "EdgeDetection": EDGE_SMALL,
    "dropout": DROPOUT_SMALL,
    "GPUMemory": GPUMEMORY_SMALL,
    "ResNet20": RESNET20_SMALL,
    "CIFAR10Classifier": CIFAR10CLASSIFIER_SMALL,
    "SimpleNN": SIMPLENN_SMALL,
}
# Cells drawing image/png expected at least, per notebook (3 when not named): these two draw a sample grid and one
# figure of curves each.
MIN_PLOT_CELLS = {"CIFAR10Classifier": 2, "ResNet20": 2}
# DLKIT_BROWSER_NOTEBOOK: only this notebook (e.g. one made to fail, to check that this test notices); it gets the
# small parameters above when its name is one of them.
ONLY = os.environ.get("DLKIT_BROWSER_NOTEBOOK")
SHOTS = REPO / "build" / "browser"
RUN_TIMEOUT_S = int(os.environ.get("DLKIT_BROWSER_TIMEOUT", 300))  # all cells of one notebook


def ensure_chromium():
    """Returns None when Chromium is there (installing it as root if needed), else why the test is skipped."""
    if os.access(CHROMIUM, os.X_OK):
        return None
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return f"{CHROMIUM} is missing; install it with: sudo apt-get install -y chromium"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-q"], env=env, stdout=subprocess.DEVNULL, timeout=600)
    r = subprocess.run(["apt-get", "install", "-y", "-q", "--no-install-recommends", "chromium"], env=env,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=1200)
    if r.returncode != 0 or not os.access(CHROMIUM, os.X_OK):
        raise RuntimeError(f"apt-get install chromium failed:\n{r.stdout[-3000:]}")
    return None


def ensure_playwright():
    if (DRIVER_DIR / "node_modules" / "playwright-core" / "package.json").is_file():
        return
    npm = shutil.which("npm")
    if not npm:
        raise RuntimeError("npm is missing; install Node.js (sudo apt-get install -y nodejs npm)")
    r = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=str(DRIVER_DIR), stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True, timeout=600)
    if r.returncode != 0:
        raise RuntimeError(f"npm ci in {DRIVER_DIR} failed:\n{r.stdout[-3000:]}")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_dir():
    return Path(os.environ.get("DLKIT_BUILD_DIR", REPO / "target"))


def staged_kernelspec():
    spec = build_dir() / "kernelspec" / "dlkit"
    if not (spec / "launch.conf").is_file():
        raise RuntimeError(f"no staged kernelspec at {spec}; run ./dlkit setup")
    return spec


def inject(source, target, params):
    """Copies SOURCE to TARGET with PARAMS injected by dlkit.run.ParameterInjector, as `./dlkit run -p` does."""
    if not params:
        shutil.copy(source, target)
        return
    build = build_dir()
    cmd = ["java", "-cp", f"{build / 'dlkit.jar'}:{build / 'lib'}/*", str(DRIVER_DIR / "InjectParameters.java"),
           str(source), str(target)] + [f"{k}={'true' if v is True else 'false' if v is False else v}"
                                        for k, v in params.items()]
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=180)
    if r.returncode != 0 or not target.is_file():
        raise RuntimeError(f"injecting parameters into {source} failed (exit {r.returncode}):\n{r.stdout[-3000:]}")


class BrowserEndToEnd(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.skip_reason = ensure_chromium()
        if cls.skip_reason:
            raise unittest.SkipTest(cls.skip_reason)
        ensure_playwright()
        cls.tmp = Path(tempfile.mkdtemp(prefix="dlkit-browser-test-"))
        data, root = cls.tmp / "data", cls.tmp / "root"
        shutil.copytree(staged_kernelspec(), data / "kernels" / "dlkit")
        root.mkdir()
        if ONLY:
            only = Path(ONLY)
            cls.notebooks = {only.stem: (only, NOTEBOOKS.get(only.stem, {}))}
        else:
            cls.notebooks = {name: (REPO / "notebooks" / f"{name}.ipynb", params) for name, params in NOTEBOOKS.items()}
        # Copies (the UI must never write into notebooks/), with the small parameters injected.
        for name, (source, params) in cls.notebooks.items():
            if "logDir" in params:  # this run's own log folder, not the notebook test's
                params = {**params, "logDir": str(cls.tmp / f"{name}-logs")}
            try:
                inject(source, root / f"{name}.ipynb", params)
            except Exception:
                shutil.rmtree(cls.tmp, ignore_errors=True)
                raise
        for d in ("config", "runtime"):
            (cls.tmp / d).mkdir()
        env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER")}
        env.update(JUPYTER_DATA_DIR=str(data), JUPYTER_PATH=str(data), JUPYTER_CONFIG_DIR=str(cls.tmp / "config"),
                   JUPYTER_RUNTIME_DIR=str(cls.tmp / "runtime"), JUPYTER_PLATFORM_DIRS="0",
                   IPYTHONDIR=str(cls.tmp / "ipython"), PYDEVD_DISABLE_FILE_VALIDATION="1")
        env.setdefault("OMP_NUM_THREADS", "1")  # as test_notebook_edgedetection runs it
        cls.token = secrets.token_hex(16)
        cls.port = free_port()
        cls.server_log = open(cls.tmp / "server.log", "w+")
        cls.server = subprocess.Popen(
            [PYTHON, "-m", "notebook", "--no-browser", "--ip=127.0.0.1", f"--port={cls.port}",
             "--port-retries=0", f"--NotebookApp.token={cls.token}", f"--notebook-dir={root}",
             "--log-level=INFO"] + (["--allow-root"] if os.geteuid() == 0 else []),
            cwd=str(root), env=env, stdout=cls.server_log, stderr=subprocess.STDOUT)
        cls.base = base = f"http://127.0.0.1:{cls.port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={cls.token}", timeout=5) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if cls.server.poll() is not None or time.monotonic() > deadline:
                text = cls.log_text()
                cls.tearDownClass()
                raise RuntimeError(f"the notebook server did not start:\n{text}")
            time.sleep(0.5)
        specs = json.load(urllib.request.urlopen(f"{base}/api/kernelspecs?token={cls.token}", timeout=10))
        assert "dlkit" in specs["kernelspecs"], specs
        if SHOTS.exists():
            shutil.rmtree(SHOTS)
        cls.runs = {}
        for name in cls.notebooks:
            cls.runs[name] = cls.run_notebook(name)

    @classmethod
    def run_notebook(cls, name):
        """Runs one notebook in a fresh Chromium; returns (driver result, report or None, shot dir)."""
        shots = SHOTS / name
        url = f"{cls.base}/notebooks/{name}.ipynb?token={cls.token}"
        t0 = time.monotonic()
        driver = subprocess.run(["node", str(DRIVER_DIR / "run_notebook.js"), url, str(shots),
                                 str(RUN_TIMEOUT_S), CHROMIUM], cwd=str(DRIVER_DIR), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, timeout=RUN_TIMEOUT_S + 240)
        elapsed = time.monotonic() - t0
        sys.stderr.write(driver.stderr)
        lines = [ln for ln in driver.stdout.splitlines() if ln.startswith("{")]
        report = json.loads(lines[-1]) if lines else None
        if report:
            print(f"browser: {name}: loaded in {report.get('browserStartS')} s, cells ran in {report.get('runS')} s,"
                  f" {elapsed:.0f} s in all; screenshots in {shots.relative_to(REPO)}/", file=sys.stderr)
        cls.shutdown_kernels()  # one JVM at a time: the next notebook starts its own kernel
        return driver, report, shots

    @classmethod
    def shutdown_kernels(cls):
        try:
            with urllib.request.urlopen(f"{cls.base}/api/sessions?token={cls.token}", timeout=10) as r:
                sessions = json.load(r)
            for s in sessions:
                req = urllib.request.Request(f"{cls.base}/api/sessions/{s['id']}?token={cls.token}", method="DELETE")
                urllib.request.urlopen(req, timeout=60).close()
        except OSError as e:
            print(f"browser: could not shut the kernels down: {e}", file=sys.stderr)

    @classmethod
    def log_text(cls, tail=5000):
        cls.server_log.flush()
        cls.server_log.seek(0)
        text = cls.server_log.read()
        return text[-tail:] if tail else text

    @classmethod
    def tearDownClass(cls):
        server = getattr(cls, "server", None)
        if server and server.poll() is None:
            server.terminate()  # SIGTERM: the classic server shuts its kernels down
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        if getattr(cls, "server_log", None):
            SHOTS.mkdir(parents=True, exist_ok=True)
            (SHOTS / "server.log").write_text(cls.log_text(tail=None))
            cls.server_log.close()
        if getattr(cls, "tmp", None):
            shutil.rmtree(cls.tmp, ignore_errors=True)

    def ran(self, name):
        """NAME's report, after checking that its run finished: report given, kernel alive, nothing still running."""
        driver, report, shots = self.runs[name]
        self.assertIsNotNone(report, f"the browser driver gave no report (rc {driver.returncode}):\n"
                                     f"{driver.stderr[-3000:]}")
        self.assertEqual(0, driver.returncode, driver.stderr[-3000:])
        self.assertFalse(report["dead"], "the kernel died or restarted while the cells ran")
        self.assertFalse(report["timedOut"], f"cells still running or without an execution count after "
                                             f"{RUN_TIMEOUT_S} s (kernel hung?); prompts in "
                                             f"{shots.relative_to(REPO)}/report.json")
        return report

    def test_all_cells_ran(self):
        for name in self.runs:
            with self.subTest(notebook=name):
                report = self.ran(name)
                cells = report["cells"]
                self.assertGreater(len(cells), 10)
                not_run = [(c["index"], c["prompt"]) for c in cells
                           if not re.fullmatch(r"In\s*\[\d+\]:", c["prompt"])]
                self.assertEqual([], not_run, "cells without an execution count")
                self.assertEqual([], report["consoleErrors"], "JavaScript errors in the page")

    def test_no_error_or_stderr_output(self):
        for name in self.runs:
            with self.subTest(notebook=name):
                cells = self.ran(name)["cells"]
                self.assertEqual([], [(c["index"], c["errors"]) for c in cells if c["errors"]])
                self.assertEqual([], [(c["index"], c["stderr"]) for c in cells if c["stderr"]])
                self.assertEqual([], [c["index"] for c in cells if c["errorElements"]],
                                 "cells showing error/stderr areas")

    def test_every_plot_cell_shows_a_rendered_image(self):
        for name in self.runs:
            with self.subTest(notebook=name):
                self.plots_render(name)

    def plots_render(self, name):
        shots = self.runs[name][2]
        plots = [c for c in self.ran(name)["cells"] if c["pngOutputs"]]
        self.assertGreaterEqual(len(plots), MIN_PLOT_CELLS.get(name, 3),
                                "expected the notebook's plot cells to produce image/png outputs")
        for c in plots:
            with self.subTest(notebook=name, cell=c["index"], source=c["source"]):
                self.assertGreaterEqual(len(c["images"]), c["pngOutputs"], "an image/png output has no <img>")
                for img in c["images"]:
                    self.assertTrue(img["complete"], img)
                    self.assertGreater(img["naturalWidth"], 0, img)
                    self.assertGreater(img["naturalHeight"], 0, img)
                    self.assertGreater(img["width"] * img["height"], 0, f"the <img> is not laid out: {img}")
        self.assertTrue((shots / "notebook-full.png").is_file(), "no full-page screenshot")

    def test_server_log_shows_no_kernel_restart(self):
        for name in self.runs:
            with self.subTest(notebook=name):
                self.ran(name)
        log = self.log_text(tail=None)
        for bad in ("KernelRestarter: restarting kernel", "Kernel died", "kernel died"):
            self.assertNotIn(bad, log)


if __name__ == "__main__":
    unittest.main()
