"""End-to-end in a real browser: Debian's classic Jupyter Notebook server (127.0.0.1, with a token, isolated
JUPYTER_* dirs holding this checkout's dlkit kernelspec) and Debian's headless Chromium driven by playwright-core
(src/test/browser/run_notebook.js) open notebooks/HandDesignFilters.ipynb, run all cells, and check that every
plot cell shows a rendered <img> with a non-zero natural size and that no cell shows an error or stderr.
Screenshots: build/browser/. Fails when the kernel dies or hangs.

    /usr/bin/python3 -m unittest src/test/python/test_browser.py   (or ./dlkit test)

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

REPO = Path(__file__).resolve().parents[3]
PYTHON = "/usr/bin/python3"
CHROMIUM = "/usr/bin/chromium"
DRIVER_DIR = REPO / "src" / "test" / "browser"
# DLKIT_BROWSER_NOTEBOOK: another notebook (e.g. one made to fail, to check that this test notices).
NOTEBOOK = Path(os.environ.get("DLKIT_BROWSER_NOTEBOOK", REPO / "notebooks" / "HandDesignFilters.ipynb"))
SHOTS = REPO / "build" / "browser"
RUN_TIMEOUT_S = int(os.environ.get("DLKIT_BROWSER_TIMEOUT", 300))  # all cells; HandDesignFilters takes ~15-30 s


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


def staged_kernelspec():
    build = Path(os.environ.get("DLKIT_BUILD_DIR", REPO / "target"))
    spec = build / "kernelspec" / "dlkit"
    if not (spec / "launch.conf").is_file():
        raise RuntimeError(f"no staged kernelspec at {spec}; run ./dlkit setup")
    return spec


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
        shutil.copy(NOTEBOOK, root / NOTEBOOK.name)  # a copy: the UI must never write into notebooks/
        for d in ("config", "runtime"):
            (cls.tmp / d).mkdir()
        env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER")}
        env.update(JUPYTER_DATA_DIR=str(data), JUPYTER_PATH=str(data), JUPYTER_CONFIG_DIR=str(cls.tmp / "config"),
                   JUPYTER_RUNTIME_DIR=str(cls.tmp / "runtime"), JUPYTER_PLATFORM_DIRS="0",
                   IPYTHONDIR=str(cls.tmp / "ipython"), PYDEVD_DISABLE_FILE_VALIDATION="1")
        cls.token = secrets.token_hex(16)
        cls.port = free_port()
        cls.server_log = open(cls.tmp / "server.log", "w+")
        cls.server = subprocess.Popen(
            [PYTHON, "-m", "notebook", "--no-browser", "--ip=127.0.0.1", f"--port={cls.port}",
             "--port-retries=0", f"--NotebookApp.token={cls.token}", f"--notebook-dir={root}",
             "--log-level=INFO"] + (["--allow-root"] if os.geteuid() == 0 else []),
            cwd=str(root), env=env, stdout=cls.server_log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{cls.port}"
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
        url = f"{base}/notebooks/{NOTEBOOK.name}?token={cls.token}"
        t0 = time.monotonic()
        cls.driver = subprocess.run(["node", str(DRIVER_DIR / "run_notebook.js"), url, str(SHOTS),
                                     str(RUN_TIMEOUT_S), CHROMIUM], cwd=str(DRIVER_DIR), stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, text=True, timeout=RUN_TIMEOUT_S + 240)
        cls.elapsed = time.monotonic() - t0
        sys.stderr.write(cls.driver.stderr)
        lines = [ln for ln in cls.driver.stdout.splitlines() if ln.startswith("{")]
        cls.report = json.loads(lines[-1]) if lines else None
        if cls.report:
            print(f"browser: loaded in {cls.report.get('browserStartS')} s, cells ran in {cls.report.get('runS')} s,"
                  f" {cls.elapsed:.0f} s in all; screenshots in {SHOTS.relative_to(REPO)}/", file=sys.stderr)

    @classmethod
    def log_text(cls):
        cls.server_log.flush()
        cls.server_log.seek(0)
        return cls.server_log.read()[-5000:]

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
            (SHOTS / "server.log").write_text(cls.log_text())
            cls.server_log.close()
        if getattr(cls, "tmp", None):
            shutil.rmtree(cls.tmp, ignore_errors=True)

    def code_cells(self):
        self.assertIsNotNone(self.report, f"the browser driver gave no report (rc {self.driver.returncode}):\n"
                                          f"{self.driver.stderr[-3000:]}")
        self.assertEqual(0, self.driver.returncode, self.driver.stderr[-3000:])
        self.assertFalse(self.report["dead"], "the kernel died or restarted while the cells ran")
        self.assertFalse(self.report["timedOut"], f"cells still running or without an execution count after "
                                                  f"{RUN_TIMEOUT_S} s (kernel hung?); prompts in "
                                                  f"{SHOTS.relative_to(REPO)}/report.json")
        return self.report["cells"]

    def test_all_cells_ran(self):
        cells = self.code_cells()
        self.assertGreater(len(cells), 10)
        not_run = [(c["index"], c["prompt"]) for c in cells if not re.fullmatch(r"In\s*\[\d+\]:", c["prompt"])]
        self.assertEqual([], not_run, "cells without an execution count")
        self.assertEqual([], self.report["consoleErrors"], "JavaScript errors in the page")

    def test_no_error_or_stderr_output(self):
        cells = self.code_cells()
        self.assertEqual([], [(c["index"], c["errors"]) for c in cells if c["errors"]])
        self.assertEqual([], [(c["index"], c["stderr"]) for c in cells if c["stderr"]])
        self.assertEqual([], [c["index"] for c in cells if c["errorElements"]], "cells showing error/stderr areas")

    def test_every_plot_cell_shows_a_rendered_image(self):
        cells = self.code_cells()
        plots = [c for c in cells if c["pngOutputs"]]
        self.assertGreaterEqual(len(plots), 3, "expected the notebook's plot cells to produce image/png outputs")
        for c in plots:
            with self.subTest(cell=c["index"], source=c["source"]):
                self.assertGreaterEqual(len(c["images"]), c["pngOutputs"], "an image/png output has no <img>")
                for img in c["images"]:
                    self.assertTrue(img["complete"], img)
                    self.assertGreater(img["naturalWidth"], 0, img)
                    self.assertGreater(img["naturalHeight"], 0, img)
                    self.assertGreater(img["width"] * img["height"], 0, f"the <img> is not laid out: {img}")
        self.assertTrue((SHOTS / "notebook-full.png").is_file(), "no full-page screenshot")

    def test_server_log_shows_no_kernel_restart(self):
        self.code_cells()
        log = self.log_text()
        for bad in ("KernelRestarter: restarting kernel", "Kernel died", "kernel died"):
            self.assertNotIn(bad, log)


if __name__ == "__main__":
    unittest.main()
