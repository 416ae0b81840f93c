"""Java widgets in a real JupyterLab 4 (build/venv's jupyterlab with jupyterlab_widgets) and Debian's headless
Chromium, driven by playwright-core (src/test/browser/widgets.js).

The notebook is HandDesignFilters cut to what its blur slider needs (cells found by id: the photo, the averaging
kernel, the `widgets-blur` interact cell) plus a cell with a Button whose Java listener prints into an Output and
sets a Text, and one whose listener throws. Checked: moving the slider (keyboard, 3 -> 6) changes the filtered
image (the two screenshots' pixels differ, the <img> is replaced, not stacked) and moving it back to 3 gives the
first picture again, pixel for pixel; each click runs the Java listener (its print lands in the Output, the Text
shows the count set in Java; the other button's exception shows in the cell); a reloaded page gets the models back
from the kernel (comm_info, request_state) and its slider still works; after a kernel restart the new kernel holds
no widget (comm_info, asked from the page) and the old views, which Lab leaves on the page cut off, reach nothing;
running all again opens the same 20 models and shows one slider and two buttons, with no widget error.
Screenshots, report.json and the server log: build/browser-widgets/.

    build/venv/bin/python -m unittest src/test/python/test_browser_widgets.py   (or ./dlkit test test_browser_widgets)

Needs /usr/bin/chromium and node/npm (playwright-core from src/test/browser's lockfile, `npm ci`); skipped without.
"""
import json
import os
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
PYTHON = sys.executable
CHROMIUM = "/usr/bin/chromium"
DRIVER_DIR = REPO / "src" / "test" / "browser"
OUT = REPO / "build" / "browser-widgets"
CELLS = ["code-02", "code-04", "averaging_kernel", "widgets-blur"]
BUTTON_CELL = """Output clickLog = new Output();
Text clickCount = textField("clicks", "0");
int[] clicks = {0};
Button runJava = button("Run Java").onClick(() -> clickLog.capture(() -> {
    clicks[0]++;
    clickCount.value(String.valueOf(clicks[0]));
    System.out.println("Java ran: " + 6 * 7 + " (" + clicks[0] + (clicks[0] == 1 ? " click)" : " clicks)"));
}));
Button failing = button("Fail").onClick(() -> { throw new IllegalStateException("listener failed on purpose"); });
vbox(runJava, clickCount, clickLog, failing)"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def missing_tools():
    """Why the test cannot run here, or None."""
    if not os.access(CHROMIUM, os.X_OK):
        return f"{CHROMIUM} is missing; install it with: sudo apt-get install -y chromium"
    if not (DRIVER_DIR / "node_modules" / "playwright-core" / "package.json").is_file():
        npm = shutil.which("npm")
        if not npm:
            return "npm is missing; install Node.js (sudo apt-get install -y nodejs npm)"
        r = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=str(DRIVER_DIR), stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True, timeout=600)
        if r.returncode != 0:
            raise RuntimeError(f"npm ci in {DRIVER_DIR} failed:\n{r.stdout[-3000:]}")
    try:
        import jupyterlab  # noqa: F401
        import jupyterlab_widgets  # noqa: F401
    except ImportError as e:
        return f"{e.name} is not installed for {PYTHON}; run ./dlkit setup (requirements.txt has it)"
    return None


def widget_notebook(target):
    """HandDesignFilters' blur-slider cells (by id) plus the button cell, written to target."""
    nb = json.loads((REPO / "notebooks" / "HandDesignFilters.ipynb").read_text(encoding="utf-8"))
    by_id = {c.get("id"): c for c in nb["cells"]}
    missing = [i for i in CELLS if i not in by_id]
    if missing:
        raise AssertionError(f"HandDesignFilters.ipynb lacks cells {missing}")
    cells = [by_id[i] for i in CELLS]
    cells.append({"cell_type": "code", "execution_count": None, "id": "button", "metadata": {}, "outputs": [],
                  "source": BUTTON_CELL})
    nb["cells"] = cells
    target.write_text(json.dumps(nb, indent=1), encoding="utf-8")


class BrowserWidgets(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        why = missing_tools()
        if why:
            raise unittest.SkipTest(why)
        build = Path(os.environ.get("DLKIT_BUILD_DIR", REPO / "target"))
        spec = build / "kernelspec" / "dlkit"
        if not (spec / "launch.conf").is_file():
            raise RuntimeError(f"no staged kernelspec at {spec}; run ./dlkit setup")
        if OUT.exists():
            shutil.rmtree(OUT)
        OUT.mkdir(parents=True)
        cls.tmp = Path(tempfile.mkdtemp(prefix="dlkit-browser-widgets-"))
        root = cls.tmp / "root"
        root.mkdir()
        widget_notebook(root / "Widgets.ipynb")
        data = cls.tmp / "data"
        shutil.copytree(spec, data / "kernels" / "dlkit")
        settings = cls.tmp / "app-settings"
        settings.mkdir()
        # no "get notified about news?" toast over the page
        (settings / "overrides.json").write_text(json.dumps({"@jupyterlab/apputils-extension:notification": {
            "fetchNews": "false", "checkForUpdates": False}}))
        env = {**os.environ, "JUPYTER_CONFIG_DIR": str(cls.tmp / "config"), "JUPYTER_DATA_DIR": str(data),
               "JUPYTER_PATH": str(data), "JUPYTER_RUNTIME_DIR": str(cls.tmp / "runtime"),
               "JUPYTERLAB_SETTINGS_DIR": str(cls.tmp / "settings"),
               "JUPYTERLAB_WORKSPACES_DIR": str(cls.tmp / "workspaces"), "JUPYTER_PLATFORM_DIRS": "0"}
        cls.port = free_port()
        cls.log = open(OUT / "server.log", "w")
        cls.server = subprocess.Popen(
            [PYTHON, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={cls.port}", "--port-retries=0",
             "--ServerApp.token=", "--ServerApp.password=", "--ServerApp.disable_check_xsrf=True",
             f"--ServerApp.root_dir={root}", "--allow-root", "--LabApp.news_url=None",
             "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
             f"--LabApp.app_settings_dir={settings}", "--LabApp.expose_app_in_browser=True"],
            env=env, stdout=cls.log, stderr=subprocess.STDOUT)
        cls.base = f"http://127.0.0.1:{cls.port}"
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(cls.base + "/api/status", timeout=2).read()
                break
            except OSError:
                if cls.server.poll() is not None or time.monotonic() > deadline:
                    cls.tearDownClass()
                    raise RuntimeError(f"JupyterLab did not start; see {OUT / 'server.log'}")
                time.sleep(0.5)
        node = shutil.which("node")
        r = subprocess.run([node, str(DRIVER_DIR / "widgets.js"), cls.base, "Widgets.ipynb", str(OUT)],
                           cwd=str(DRIVER_DIR), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                           timeout=900)
        (OUT / "driver.log").write_text(r.stdout)
        cls.report = json.loads((OUT / "report.json").read_text())
        cls.steps = {s["name"]: s for s in cls.report["steps"]}

    @classmethod
    def tearDownClass(cls):
        server = getattr(cls, "server", None)
        if server and server.poll() is None:
            server.terminate()
            try:
                server.wait(30)
            except subprocess.TimeoutExpired:
                server.kill()
        if getattr(cls, "log", None):
            cls.log.close()
        if getattr(cls, "tmp", None):
            shutil.rmtree(cls.tmp, ignore_errors=True)

    def step(self, name):
        self.assertIn(name, self.steps, f"the driver stopped before '{name}': {self.report.get('error')}; "
                                        f"see {OUT}")
        return self.steps[name]

    def test_moving_the_slider_changes_the_image(self):
        from PIL import Image, ImageChops
        self.assertEqual("3", self.step("image before")["readout"].strip())
        after = self.step("image after")
        self.assertEqual("6", after["readout"].strip())
        self.assertTrue(after["srcChanged"])
        self.assertEqual(1, after["imagesInOutput"], "the new picture replaced the old one")
        a = Image.open(OUT / "before.png").convert("RGB")
        b = Image.open(OUT / "after.png").convert("RGB")
        self.assertEqual(a.size, b.size)
        box = ImageChops.difference(a, b).getbbox()
        self.assertIsNotNone(box, "the two screenshots are pixel-identical")
        changed = ImageChops.difference(a, b).convert("L").point(lambda v: 255 if v > 8 else 0).histogram()[255]
        self.assertGreater(changed, 2000, "a 3x3 vs 6x6 blur changes the photo's detail")
        self.assertEqual("3", self.step("image back")["readout"].strip())
        back = Image.open(OUT / "back.png").convert("RGB")
        self.assertIsNone(ImageChops.difference(a, back).getbbox(), "back at 3, the first picture again")

    def test_button_click_runs_java(self):
        clicked = self.step("clicked")
        self.assertEqual(["Java ran: 42 (1 click)\nJava ran: 42 (2 clicks)"], clicked["clickTexts"])
        self.assertEqual("2", clicked["textField"], "a value set in Java shows in the page")
        self.assertEqual(1, len(clicked["listenerErrors"]), clicked)
        self.assertIn("IllegalStateException: listener failed on purpose", clicked["listenerErrors"][0],
                      "a listener's exception shows under its widget, in the cell")

    def test_reloaded_page_gets_the_widgets_back_from_the_kernel(self):
        reloaded = self.step("reloaded")
        self.assertEqual("3", reloaded["readout"].strip())
        self.assertEqual((1, 2, 0), (reloaded["sliders"], reloaded["buttons"], reloaded["widgetErrors"]), reloaded)
        self.assertTrue(reloaded["movedAfterReload"], "the restored slider still drives the kernel")

    def test_restart_leaves_no_orphan_widgets(self):
        before = self.step("clicked")["comms"]
        self.assertEqual(20, before, "interact: slider, style, output, box + 3 layouts; 2 buttons, 2 styles, text, "
                                     "style, output, box + 5 layouts")
        restarted = self.step("restarted")
        self.assertEqual(0, restarted["comms"], "the new kernel holds no widget of the old one")
        self.assertTrue(restarted["oldImageUnchanged"], "an old view reaches no kernel")
        self.assertIn("Idle", restarted["status"])
        again = self.step("ran all again")
        self.assertEqual(before, again["comms"], "running again opens the same models, nothing left over")
        self.assertEqual(1, again["sliders"], "the old views were replaced, not kept beside the new")
        self.assertEqual(2, again["buttons"], again)
        self.assertEqual("3", again["readout"].strip())
        self.assertEqual(0, again["errors"])
        self.assertEqual(0, again["widgetErrors"], "no 'Error displaying widget: model not found'")
        self.assertTrue(self.report.get("ok"), self.report.get("error"))

if __name__ == "__main__":
    unittest.main()
