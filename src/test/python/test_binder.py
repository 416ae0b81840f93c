"""Binder (repo2docker) path: clones this repository's HEAD into a temp folder (what Binder checks out; without
git, the checkout itself is used), runs its binder/postBuild there the way repo2docker would (its one step is
./dlkit setup: a fresh Maven build, the kernelspec into a throw-away JUPYTER_DATA_DIR, the CDS archive), then
executes a small notebook with the kernel that postBuild installed under Binder's 2 GB MEM_LIMIT and checks
the JVM was sized from it. Takes about a minute (half of it the build).

    build/venv/bin/python -m unittest src/test/python/test_binder.py   (or ./dlkit test)

Not simulated: apt.txt, runtime.txt and requirements.txt (installed by repo2docker; here the Python running the
test already has requirements.txt's pins) and the ~/.m2 clean-up (DLKIT_BINDER_CLEAN=0 keeps this machine's Maven
cache).
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
PYTHON = sys.executable  # the Python ./dlkit test runs (build/venv or DLKIT_PYTHON)
NOTEBOOK = REPO / "notebooks" / "HandDesignFilters.ipynb"
MEM_LIMIT = 2 * 1024 ** 3  # mybinder.org's limit
# the kernel's heap ceiling and JavaCPP's limits in force (ND4J has loaded them: the notebook ran), in MB
PROBE = ('var hs = java.lang.management.ManagementFactory.getPlatformMXBean('
         'com.sun.management.HotSpotDiagnosticMXBean.class);\n'
         'Long.parseLong(hs.getVMOption("MaxHeapSize").getValue()) / 1048576 + " " + '
         'org.bytedeco.javacpp.Pointer.maxBytes() / 1048576 + " " + '
         'org.bytedeco.javacpp.Pointer.maxPhysicalBytes() / 1048576')


def expected_limits_mb(mem_limit):
    """dlkit.kernel.MemoryBudget: heap 70 % (the JVM rounds up to 2 MB), JavaCPP off-heap 60 %, whole process 90 %."""
    mb = mem_limit // 1048576
    return mb * 70 // 100, mb * 60 // 100, mb * 90 // 100


class BinderPostBuild(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.tmp = Path(tempfile.mkdtemp(prefix="dlkit-binder-test-"))
        cls.saved_env = dict(os.environ)
        jupyter = {"JUPYTER_DATA_DIR": str(cls.tmp / "data"), "JUPYTER_PATH": str(cls.tmp / "data"),
                   "JUPYTER_CONFIG_DIR": str(cls.tmp / "config"), "JUPYTER_RUNTIME_DIR": str(cls.tmp / "runtime"),
                   "JUPYTER_PLATFORM_DIRS": "0"}
        for d in ("data", "config", "runtime"):
            (cls.tmp / d).mkdir()
        cls.checkout = REPO
        if shutil.which("git") and subprocess.run(["git", "-C", str(REPO), "rev-parse", "HEAD"],
                                                  capture_output=True).returncode == 0:
            cls.checkout = cls.tmp / "repo"
            subprocess.run(["git", "clone", "-q", str(REPO), str(cls.checkout)], check=True, timeout=300)
        env = {k: v for k, v in os.environ.items() if k not in ("DLKIT_BUILD_DIR", "JAVA_TOOL_OPTIONS")}
        env.update(jupyter, DLKIT_PYTHON=PYTHON, DLKIT_BINDER_CLEAN="0")
        t0 = time.monotonic()
        cls.post_build = subprocess.run(["bash", str(cls.checkout / "binder" / "postBuild")], cwd=str(cls.checkout),
                                        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                        timeout=1800)
        cls.post_build_s = time.monotonic() - t0
        print(f"postBuild: rc={cls.post_build.returncode} in {cls.post_build_s:.0f} s\n{cls.post_build.stdout}",
              file=sys.stderr)
        os.environ.update(jupyter)

    @classmethod
    def tearDownClass(cls):
        os.environ.clear()
        os.environ.update(cls.saved_env)
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_1_post_build_installs_the_kernelspec(self):
        self.assertEqual(0, self.post_build.returncode, self.post_build.stdout)
        spec = self.tmp / "data" / "kernels" / "dlkit"
        self.assertTrue((spec / "kernel.json").is_file(), f"postBuild left no kernelspec in {spec}")
        self.assertEqual("java", json.loads((spec / "kernel.json").read_text())["language"])
        conf = (spec / "launch.conf").read_text()
        self.assertIn("java_bin=", conf)
        self.assertIn(str(self.checkout / "target" / "lib"), conf, "the kernelspec must use the clone's build")

    def test_2_binder_files(self):
        binder = self.checkout / "binder"
        # apt only for what PyPI does not give: the JDK, its sources (Javadoc in contextual help), fonts, data
        apt = (binder / "apt.txt").read_text().split()
        self.assertEqual(["openjdk-17-jdk-headless", "openjdk-17-source", "fontconfig", "fonts-dejavu-core",
                          "dataset-fashion-mnist"], apt)
        # the Python side: exactly the pins ./dlkit setup installs, on a Python they support (>= 3.11)
        req = [l.split("#")[0].strip() for l in (binder / "requirements.txt").read_text().splitlines()]
        self.assertEqual(["-r ../requirements.txt"], [l for l in req if l])
        runtime = (binder / "runtime.txt").read_text().strip()
        self.assertRegex(runtime, r"^python-3\.(1[1-9])$")
        self.assertIn("DLKIT_PYTHON", (binder / "postBuild").read_text())
        for script in ("postBuild", "start"):
            self.assertTrue(os.access(binder / script, os.X_OK), f"binder/{script} must be executable")
            self.assertTrue((binder / script).read_text().startswith("#!/bin/bash"))
        self.assertIn("dlkit\" setup", (binder / "postBuild").read_text(), "postBuild must call ./dlkit setup")
        self.assertFalse((self.checkout / ".binder").exists(), "binder/ plus .binder/ is an error for repo2docker")
        # start must pass the launcher's command through and keep a MEM_LIMIT the spawner set.
        out = subprocess.run([str(binder / "start"), "sh", "-c", 'echo "$MEM_LIMIT"'], text=True,
                             stdout=subprocess.PIPE, env={**os.environ, "MEM_LIMIT": str(MEM_LIMIT)}, timeout=30)
        self.assertEqual((0, str(MEM_LIMIT)), (out.returncode, out.stdout.strip()))

    def test_3_notebook_runs_under_binder_memory_limit(self):
        self.assertEqual(0, self.post_build.returncode, "postBuild failed; see test_1")
        import nbformat
        from nbclient import NotebookClient
        notebook = self.checkout / NOTEBOOK.relative_to(REPO)
        nb = nbformat.read(str(notebook), as_version=4)
        nb.cells.append(nbformat.v4.new_code_cell(PROBE))
        os.environ["MEM_LIMIT"] = str(MEM_LIMIT)
        os.environ.pop("DLKIT_HEAP", None)
        try:
            t0 = time.monotonic()
            NotebookClient(nb, kernel_name="dlkit", timeout=600, startup_timeout=120,
                           resources={"metadata": {"path": str(notebook.parent)}}).execute()
            print(f"{NOTEBOOK.name} with MEM_LIMIT=2 GiB: {time.monotonic() - t0:.0f} s", file=sys.stderr)
        finally:
            os.environ.pop("MEM_LIMIT", None)
            out = self.tmp / "HandDesignFilters.binder.ipynb"
            nbformat.write(nb, str(out))
            build = REPO / "build"
            build.mkdir(exist_ok=True)
            shutil.copy(out, build / out.name)
        errors, stderr = [], []
        for cell in nb.cells:
            for o in cell.get("outputs", []):
                if o["output_type"] == "error":
                    errors.append(f"{o['ename']}: {o['evalue']}")
                elif o["output_type"] == "stream" and o["name"] == "stderr":
                    stderr.append(o["text"])
        self.assertEqual([], errors)
        self.assertEqual([], stderr)
        probe = "".join(o.get("data", {}).get("text/plain", "") for o in nb.cells[-1].outputs)
        heap, off_heap, process = (int(v) for v in probe.strip().strip('"').split())
        want = expected_limits_mb(MEM_LIMIT)
        self.assertIn(heap, (want[0], want[0] + 1, want[0] + 2), f"heap {probe} against {want}")
        self.assertEqual(want[1:], (off_heap, process), f"the kernel's memory does not follow MEM_LIMIT: {probe}")


if __name__ == "__main__":
    unittest.main()
