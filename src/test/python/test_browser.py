"""The kernel in the real clients: JupyterLab 4 and Notebook 7 (from build/venv) in Debian's headless Chromium,
driven by playwright-core (src/test/browser/jupyter_ui.js, Galata's conventions).

JupyterLab (one `python -m jupyterlab` server for all, 127.0.0.1, a token, JUPYTER_* dirs in a temp dir holding this
checkout's dlkit kernelspec, windowing and autosave off in its user settings):
- the launcher shows "Java (DLKit)" with the kernel's own logo (the bytes the browser got = kernel/logo-64x64.png);
- a Java cell is highlighted by CodeMirror's Java mode (language_info gives text/x-java);
- in a scratch notebook: "Restart kernel and run all" (toolbar) restarts and runs, the toolbar's interrupt stops
  `while (true) {}` within 5 s and the variable defined before it is still there, Tab pops up `println(` for
  `System.out.prin`, Shift+Tab shows the Javadoc of `Math.max`;
- every notebook in notebooks/ (NOTEBOOKS), with the quick parameters of its test_notebook_*.py injected as
  `./dlkit run -p` does (src/test/browser/InjectParameters.java), opened and Run All (menu): every cell ran, no error
  and no stderr, every image/png output rendered as an <img> and as many per cell as nbconvert's execution of the
  same notebook gives (run alongside, in this test, unless the notebook tests have just left a fresh executed copy
  with the same parameters in build/), and each training progress bar one output updated in place.
Notebook 7 (`python -m notebook`): HandDesignFilters the same way, and the scratch notebook's checks.

Screenshots (one per notebook after Run All, the launcher, completion, tooltip) and report.json:
build/browser/lab/ and build/browser/notebook7/; the server logs next to them.

    ./dlkit test test_browser        (DLKIT_BROWSER_NOTEBOOK=path/X.ipynb: only that notebook, in Lab)

Needs /usr/bin/chromium (installed with apt-get when running as root; skipped otherwise) and node/npm
(playwright-core is installed with `npm ci` in src/test/browser from the committed lockfile).
"""
import base64
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
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
# name -> parameters injected as by `./dlkit run -p`, run in this order.
NOTEBOOKS = {
    "HandDesignFilters": {},
    "EdgeDetection": EDGE_SMALL,
    "dropout": DROPOUT_SMALL,
    "GPUMemory": GPUMEMORY_SMALL,
    "ResNet20": RESNET20_SMALL,
    "CIFAR10Classifier": CIFAR10CLASSIFIER_SMALL,
    "SimpleNN": SIMPLENN_SMALL,
}
NOTEBOOK7 = ["HandDesignFilters"]
ONLY = os.environ.get("DLKIT_BROWSER_NOTEBOOK")
SHOTS = REPO / "build" / "browser"
RUN_TIMEOUT_S = int(os.environ.get("DLKIT_BROWSER_TIMEOUT", 300))  # all cells of one notebook
SCRATCH = "Scratch"
# The scratch notebook's cells, by index (jupyter_ui.js relies on this order).
SCRATCH_CELLS = ["int before = 42;", 'System.out.println("before=" + before);', "while (true) {}", "before",
                 "System.out.prin", "Math.max(1, 2)"]
INTERRUPT_LIMIT_S = 5
# Lab's user settings: every cell in the DOM (no windowing), never write outputs back, no news pop-up.
USER_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
}
SERVER_CONFIG = """\
# Written by test_browser.py: as Galata's jupyter_server_test_config.py, but with a token.
c.LabApp.expose_app_in_browser = True
c.JupyterNotebookApp.expose_app_in_browser = True
c.FileContentsManager.delete_to_trash = False
c.LabApp.workspaces_dir = {workspaces!r}
c.JupyterNotebookApp.workspaces_dir = {workspaces!r}
c.LanguageServerManager.autodetect = False
"""


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


def scratch_notebook():
    cells = [{"cell_type": "code", "id": f"scratch-{i}", "metadata": {}, "execution_count": None, "outputs": [],
              "source": src} for i, src in enumerate(SCRATCH_CELLS)]
    return {"nbformat": 4, "nbformat_minor": 5, "cells": cells, "metadata": {
        "kernelspec": {"name": "dlkit", "display_name": "Java (DLKit)", "language": "java"},
        "language_info": {"name": "java"}}}


def is_progress(output):
    return output.get("output_type") == "display_data" and "<progress" in str(output.get("data", {}).get("text/html"))


def outputs_by_cell(nb):
    """cell id -> (image/png outputs, progress-bar outputs) of an executed notebook (nbformat dict)."""
    counts = {}
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            outs = cell.get("outputs", [])
            counts[cell["id"]] = (sum(1 for o in outs if "image/png" in o.get("data", {})),
                                  sum(1 for o in outs if is_progress(o)))
    return counts


def parameter_lines(nb):
    """The injected-parameters cell's lines (logDir left out: each run logs to its own folder)."""
    for cell in nb["cells"]:
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            return [ln for ln in src.splitlines() if "logDir" not in ln]
    return []


def notebook_test_copy(source, injected):
    """The notebook tests' executed copy (build/NAME.ipynb, from `./dlkit run` with the same parameters) when it is
    newer than SOURCE and the build, else None."""
    out = REPO / "build" / f"{source.stem}.ipynb"
    try:
        if out.stat().st_mtime < max(source.stat().st_mtime, (build_dir() / "dlkit.jar").stat().st_mtime):
            return None
        nb = json.loads(out.read_text())
    except (OSError, ValueError):
        return None
    return nb if parameter_lines(nb) == parameter_lines(json.loads(injected.read_text())) else None


class Workspace:
    """The temp dir every server and nbconvert run uses: notebooks with their parameters, Jupyter dirs, config."""

    def __init__(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="dlkit-browser-test-"))
        self.root, self.data = self.tmp / "root", self.tmp / "data"
        self.config, self.runtime = self.tmp / "config", self.tmp / "runtime"
        for d in (self.root, self.config, self.runtime, self.tmp / "workspaces", self.tmp / "nbconvert"):
            d.mkdir(parents=True)
        shutil.copytree(staged_kernelspec(), self.data / "kernels" / "dlkit")
        (self.config / "jupyter_server_config.py").write_text(
            SERVER_CONFIG.format(workspaces=str(self.tmp / "workspaces")))
        for plugin, settings in USER_SETTINGS.items():
            f = self.config / "lab" / "user-settings" / f"{plugin}.jupyterlab-settings"
            f.parent.mkdir(parents=True, exist_ok=True)
            f.write_text(json.dumps(settings))
        if ONLY:
            only = Path(ONLY)
            self.notebooks = {only.stem: (only, NOTEBOOKS.get(only.stem, {}))}
        else:
            self.notebooks = {n: (REPO / "notebooks" / f"{n}.ipynb", p) for n, p in NOTEBOOKS.items()}
        # Copies (the UI must never write into notebooks/), with the small parameters injected; nbconvert gets its
        # own copies in its own folder (its kernel's working directory).
        for name, (source, params) in self.notebooks.items():
            if "logDir" in params:  # this run's own log folder, not the notebook test's
                params = {**params, "logDir": str(self.tmp / f"{name}-logs")}
            inject(source, self.root / f"{name}.ipynb", params)
            shutil.copy(self.root / f"{name}.ipynb", self.tmp / "nbconvert" / f"{name}.ipynb")
        (self.root / f"{SCRATCH}.ipynb").write_text(json.dumps(scratch_notebook()))
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER")}
        self.env.update(JUPYTER_DATA_DIR=str(self.data), JUPYTER_PATH=str(self.data),
                        JUPYTER_CONFIG_DIR=str(self.config), JUPYTER_RUNTIME_DIR=str(self.runtime),
                        JUPYTER_PLATFORM_DIRS="0", IPYTHONDIR=str(self.tmp / "ipython"),
                        PYDEVD_DISABLE_FILE_VALIDATION="1")
        self.env.setdefault("OMP_NUM_THREADS", "1")  # as test_notebook_edgedetection runs it
        # every kernel's protocol trace (dlkit.kernel.wire.Trace), kept for a run that stalls
        self.env["DLKIT_TRACE"] = str(REPO / "build" / "traces" / "browser-%p.trace")
        self.executed = {}  # name -> (cell id -> counts) or an error string, from nbconvert
        self._proc = None
        self._closing = False
        self._nbconvert = threading.Thread(target=self._execute_all, daemon=True)
        self._nbconvert.start()

    def _execute_all(self):
        """nbconvert's execution of each notebook, one after the other, alongside the browser runs; a fresh
        executed copy from the notebook tests (when they ran first) is used instead."""
        folder = self.tmp / "nbconvert"
        for name, (source, _) in self.notebooks.items():
            out = folder / f"{name}.executed.ipynb"
            reused = notebook_test_copy(source, folder / f"{name}.ipynb")
            if reused:
                self.executed[name] = outputs_by_cell(reused)
                print(f"browser: {name}: expected outputs from build/{name}.ipynb (the notebook test's run)",
                      file=sys.stderr)
                continue
            if self._closing:
                return
            self._proc = subprocess.Popen([PYTHON, "-m", "nbconvert", "--to", "notebook", "--execute",
                                           "--allow-errors", "--ExecutePreprocessor.kernel_name=dlkit",
                                           "--ExecutePreprocessor.timeout=900", f"--output={out.name}",
                                           str(folder / f"{name}.ipynb")], cwd=str(folder), env=self.env,
                                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            output, _ = self._proc.communicate()
            if self._proc.returncode != 0 or not out.is_file():
                self.executed[name] = f"nbconvert failed (exit {self._proc.returncode}):\n{output[-3000:]}"
            else:
                self.executed[name] = outputs_by_cell(json.loads(out.read_text()))

    def nbconvert_counts(self, name, timeout=1800):
        """Waits for nbconvert's run of NAME; returns cell id -> (png outputs, progress outputs)."""
        deadline = time.monotonic() + timeout
        while name not in self.executed and self._nbconvert.is_alive() and time.monotonic() < deadline:
            time.sleep(1)
        result = self.executed.get(name)
        if not isinstance(result, dict):
            raise AssertionError(result or f"nbconvert did not run {name}")
        return result

    def close(self):
        self._closing = True
        if self._nbconvert.is_alive() and self._proc:
            self._proc.terminate()  # its kernel exits with it (the kernel watches its parent)
        self._nbconvert.join(timeout=60)
        shutil.rmtree(self.tmp, ignore_errors=True)


class Server:
    """`python -m MODULE` (jupyterlab or notebook) on 127.0.0.1 with a token, in the workspace."""

    def __init__(self, ws, module):
        env = ws.env
        self.token = secrets.token_hex(16)
        self.port = free_port()
        self.log = open(ws.tmp / f"{module}-server.log", "w+")
        self.module = module
        self.proc = subprocess.Popen(
            [PYTHON, "-m", module, "--no-browser", "--ip=127.0.0.1", f"--port={self.port}", "--port-retries=0",
             f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={ws.root}", "--log-level=INFO"]
            + (["--allow-root"] if os.geteuid() == 0 else []),
            cwd=str(ws.root), env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self.base = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{self.base}/api/status?token={self.token}", timeout=5) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                text = self.text()
                self.stop()
                raise RuntimeError(f"`python -m {module}` did not start:\n{text}")
            time.sleep(0.5)
        with urllib.request.urlopen(f"{self.base}/api/kernelspecs?token={self.token}", timeout=10) as r:
            specs = json.load(r)
        assert "dlkit" in specs["kernelspecs"], specs

    def text(self, tail=None):
        self.log.flush()
        self.log.seek(0)
        text = self.log.read()
        return text[-tail:] if tail else text

    def stop(self, keep_log_in=None):
        if self.proc.poll() is None:
            self.proc.terminate()  # SIGTERM: the server shuts its kernels down
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if keep_log_in:
            keep_log_in.mkdir(parents=True, exist_ok=True)
            (keep_log_in / "server.log").write_text(self.text())
        self.log.close()


def drive(server, ui, out_dir, notebooks, launcher, restart):
    """Runs jupyter_ui.js against SERVER; returns its report (raises with its stderr when it gave none)."""
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    plan = {"base": server.base, "token": server.token, "ui": ui, "outDir": str(out_dir), "chromium": CHROMIUM,
            "runTimeoutS": RUN_TIMEOUT_S, "notebooks": list(notebooks), "features": SCRATCH, "launcher": launcher,
            "restart": restart}
    plan_file = out_dir / "plan.json"
    plan_file.write_text(json.dumps(plan))
    t0 = time.monotonic()
    driver = subprocess.run(["node", str(DRIVER_DIR / "jupyter_ui.js"), str(plan_file)], cwd=str(DRIVER_DIR),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            timeout=(RUN_TIMEOUT_S + 120) * len(notebooks) + 400)
    sys.stderr.write(driver.stderr)
    lines = [ln for ln in driver.stdout.splitlines() if ln.startswith("{")]
    if driver.returncode != 0 or not lines:
        raise RuntimeError(f"jupyter_ui.js failed (exit {driver.returncode}):\n{driver.stderr[-3000:]}")
    print(f"browser: {ui}: {time.monotonic() - t0:.0f} s in Chromium; screenshots in {out_dir.relative_to(REPO)}/",
          file=sys.stderr)
    return json.loads(lines[-1])


_ws = None


def setUpModule():
    global _ws
    reason = ensure_chromium()
    if reason:
        raise unittest.SkipTest(reason)
    ensure_playwright()
    _ws = Workspace()


def tearDownModule():
    if _ws:
        _ws.close()


class ClientCase:
    """The checks both UIs get. Subclasses set UI, MODULE, OUT and NOTEBOOK_NAMES."""
    UI = MODULE = OUT = None
    LAUNCHER = False
    RESTART = False  # "Restart kernel and run all" in the scratch notebook (a second kernel start, ~15 s)

    @classmethod
    def setUpClass(cls):
        cls.ws = _ws
        cls.names = [n for n in cls.NOTEBOOK_NAMES if n in cls.ws.notebooks]
        cls.server = Server(cls.ws, cls.MODULE)
        try:
            cls.report = drive(cls.server, cls.UI, cls.OUT, cls.names, cls.LAUNCHER, cls.RESTART)
        finally:
            cls.server.stop(keep_log_in=cls.OUT)
            cls.log = (cls.OUT / "server.log").read_text()

    # ---- the scratch notebook: restart and run all, interrupt, completion, contextual help ----------------------

    def features(self):
        f = self.report["features"]
        self.assertNotIn("failure", f, f.get("failure"))
        return f

    def test_toolbar_interrupt_stops_an_endless_loop_and_keeps_state(self):
        f = self.features()
        self.assertTrue(f["loopStillRunning"], "`while (true) {}` was not running when interrupted")
        self.assertLess(f["interruptS"], INTERRUPT_LIMIT_S, "the interrupt took too long")
        [error] = f["loopOutputs"]
        self.assertEqual(("error", "Interrupted"), (error["output_type"], error["ename"]), error)
        self.assertEqual([{"execution_count": 4, "output_type": "execute_result", "data": {"text/plain": "42"},
                           "metadata": {}}], f["afterInterrupt"])

    def test_tab_completion_pops_up_println(self):
        self.assertIn("println(", self.features()["completions"])

    def test_shift_tab_shows_the_javadoc_of_math_max(self):
        tip = self.features()["tooltip"] or ""
        self.assertIn("int Math.max(int a, int b)", tip)
        self.assertIn("Returns the greater of two int values.", tip,
                      "no Javadoc: the JDK's lib/src.zip (Debian: openjdk-17-source) is missing?")
        self.assertNotIn("{@", tip, "raw Javadoc markup")

    def test_java_cells_are_syntax_highlighted(self):
        h = self.features()["highlight"]
        self.assertEqual("text/x-java", h["mimeType"])
        self.assertEqual("while (true) {}", h["text"])
        colors = {t["text"]: t["color"] for t in h["tokens"]}
        for word in ("while", "true"):
            self.assertIn(word, colors, f"no highlight token for {word!r}: {h['html']}")
            self.assertNotEqual(h["plainColor"], colors[word], f"{word!r} drawn in the plain text colour")

    # ---- every notebook, Run All ----------------------------------------------------------------------------

    def setUp(self):
        per_notebook = ("notebook", "image", "progress")
        if any(k in self._testMethodName for k in per_notebook) and not self.names:
            self.skipTest(f"DLKIT_BROWSER_NOTEBOOK={ONLY} is not one of {self.NOTEBOOK_NAMES}")

    def notebook(self, name):
        r = self.report["notebooks"][name]
        self.assertNotIn("failure", r, r.get("failure"))
        self.assertFalse(r["dead"], "the kernel died or restarted while the cells ran")
        self.assertFalse(r["timedOut"], f"cells still running after {RUN_TIMEOUT_S} s (kernel hung?)")
        return r

    def test_every_notebook_runs_all_without_error_or_stderr(self):
        self.assertTrue(self.names)
        for name in self.names:
            with self.subTest(notebook=name):
                cells = self.notebook(name)["cells"]
                self.assertGreater(len(cells), 10)
                self.assertEqual([], [(c["index"], c["source"]) for c in cells
                                      if c["source"].strip() and c["executionCount"] is None], "cells not run")
                self.assertEqual([], [(c["index"], c["errors"]) for c in cells if c["errors"]])
                self.assertEqual([], [(c["index"], c["stderr"]) for c in cells if c["stderr"]])
                self.assertEqual([], [c["index"] for c in cells if c["errorElements"]], "stderr areas shown")
        self.assertEqual([], [e for e in self.report["consoleErrors"] if not self.known_page_error(e)],
                         "JavaScript errors in the page")

    def test_every_image_renders_as_many_as_nbconvert_gives(self):
        for name in self.names:
            with self.subTest(notebook=name):
                cells = self.notebook(name)["cells"]
                # widgets cells: Lab draws their figure inside the widget (checked below); headless nbconvert
                # leaves it in the cell (no widget front end: dlkit.widgets.Output does not capture)
                widget_cells = {c["id"] for c in cells if "widgets" in c["tags"]}
                expected = {cid: png for cid, (png, _) in self.ws.nbconvert_counts(name).items()
                            if png and cid not in widget_cells}
                self.assertGreater(sum(expected.values()), 0, "nbconvert's run drew no image")
                plain = {c["id"]: n for c in cells if (n := sum(not i["inWidget"] for i in c["images"]))}
                self.assertEqual(expected, plain, "rendered <img> per cell id vs nbconvert's image/png outputs")
                in_widgets = {c["id"] for c in cells if any(i["inWidget"] for i in c["images"])}
                # Every widgets-tagged cell of these notebooks is an interact(...) that draws a figure.
                self.assertEqual(widget_cells, in_widgets, "widgets cells whose interact() figure is drawn")
                self.assertEqual(expected, {c["id"]: c["pngOutputs"] for c in cells if c["pngOutputs"]})
                for c in cells:
                    for img in c["images"]:
                        self.assertTrue(img["complete"] and img["naturalWidth"] > 0 and img["naturalHeight"] > 0,
                                        f"cell {c['index']}: image not decoded: {img}")
                        self.assertGreater(img["width"] * img["height"], 0, f"cell {c['index']}: not laid out")
                self.assertGreater((self.OUT / f"{name}.png").stat().st_size, 20000, "no screenshot")

    def test_training_progress_bars_are_one_output_updated_in_place(self):
        trained = changing = 0
        for name in self.names:
            with self.subTest(notebook=name):
                r = self.notebook(name)
                expected = {cid: n for cid, (_, n) in self.ws.nbconvert_counts(name).items() if n}
                shown = {c["id"]: len(c["progress"]) for c in r["cells"] if c["progress"]}
                self.assertEqual(expected, shown, "progress bars per cell id vs nbconvert's")
                for c in r["cells"]:
                    for bar in c["progress"]:
                        self.assertEqual(bar["max"], bar["value"], f"cell {c['index']}: the bar did not reach "
                                                                   f"its end: {bar}")
                # While the cells ran a bar never had a second copy next to it.
                for key, seen in r["progressSeen"].items():
                    index = int(key.split("/")[0])
                    final = next(len(c["progress"]) for c in r["cells"] if c["index"] == index)
                    self.assertLessEqual(seen["maxCount"], final, f"cell {index}: more bars during the run")
                trained += len(shown)
                changing += sum(1 for seen in r["progressSeen"].values() if len(seen["values"]) > 1)
        if any(n != "HandDesignFilters" for n in self.names):
            self.assertGreater(trained, 0, "no notebook showed a training progress bar")
            self.assertGreater(changing, 0, "no bar was seen at two different values while the cells ran")

    def known_page_error(self, error):
        return False

    def test_server_log_shows_no_kernel_death(self):
        for bad in ("KernelRestarter: restarting kernel", "Kernel died", "kernel died"):
            self.assertNotIn(bad, self.log)


class JupyterLab4(ClientCase, unittest.TestCase):
    UI, MODULE, OUT = "lab", "jupyterlab", SHOTS / "lab"
    NOTEBOOK_NAMES = list(NOTEBOOKS)
    LAUNCHER = RESTART = True

    def test_restart_kernel_and_run_all(self):
        f = self.features()
        self.assertIn("restarting", f["restartEvents"], "the kernel was not restarted")
        # Cell 0 had run once before (count 1); after the restart the counts start again from 1.
        self.assertEqual([1, 2], [c["count"] for c in f["afterRestart"]], f["afterRestart"])
        self.assertEqual([{"name": "stdout", "text": "before=42\n", "output_type": "stream"}],
                         f["afterRestart"][1]["outputs"])

    def test_launcher_shows_the_java_kernel_with_its_logo(self):
        launcher = self.report["launcher"]
        self.assertNotIn("failure", launcher, launcher.get("failure"))
        [card] = [c for c in launcher["cards"] if c["category"] == "Notebook" and c["label"] == "Java (DLKit)"]
        logo = card["logo"]
        self.assertIsNotNone(logo, "the card has no logo image")
        self.assertTrue(logo["src"].endswith("/kernelspecs/dlkit/logo-64x64.png"), logo["src"])
        self.assertEqual((REPO / "kernel" / "logo-64x64.png").read_bytes(), base64.b64decode(logo["base64"]),
                         "the launcher's image is not kernel/logo-64x64.png")
        self.assertEqual((64, 64), (logo["naturalWidth"], logo["naturalHeight"]))
        self.assertTrue(logo["complete"] and logo["width"] > 0, logo)


class Notebook7(ClientCase, unittest.TestCase):
    UI, MODULE, OUT = "notebook", "notebook", SHOTS / "notebook7"
    NOTEBOOK_NAMES = NOTEBOOK7

    def known_page_error(self, error):
        # Notebook 7.6.5's shortcuts plugin, on the first page load with a fresh JUPYTER_CONFIG_DIR, with any
        # kernel and no user settings (its pluginChanged handler reads the schema of a plugin it has not loaded).
        return "TypeError: Cannot read properties of undefined (reading 'schema')" in error


if __name__ == "__main__":
    unittest.main()
