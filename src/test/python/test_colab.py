"""Colab-style hosts: runs binder/colab-setup.sh (the bootstrap the README's first cell calls) against a clone
of this repository's HEAD, with the kernelspec going to a throw-away JUPYTER_DATA_DIR, then starts the kernel it
installed the way such hosts do, with the ipc transport, and runs a cell and a chart. The apt step is skipped here
because a JDK 17 is present; pip -r requirements.txt runs into the Python running the test, which has the pins
already (it installs nothing). The GPU branches (Colab's T4/L4/A100 get the CUDA build) are in
test_launcher.GpuTest, with a fake nvidia-smi.

    build/venv/bin/python -m unittest src/test/python/test_colab.py   (or ./dlkit test)
"""
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]


class ColabBootstrap(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.tmp = Path(tempfile.mkdtemp(prefix="dlkit-colab-"))
        origin = cls.tmp / "origin"
        subprocess.run(["git", "clone", "-q", str(REPO), str(origin)], check=True)
        cls.env = {**os.environ,
                   "JUPYTER_DATA_DIR": str(cls.tmp / "data"), "JUPYTER_PATH": str(cls.tmp / "data"),
                   "JUPYTER_CONFIG_DIR": str(cls.tmp / "config"), "JUPYTER_RUNTIME_DIR": str(cls.tmp / "runtime"),
                   "DLKIT_PYTHON": sys.executable}
        cls.env.pop("DLKIT_BUILD_DIR", None)
        cls.content = cls.tmp / "content" / "dlkit"
        cls.setup = subprocess.run(["bash", str(origin / "binder" / "colab-setup.sh"), str(origin), str(cls.content)],
                                   env=cls.env, capture_output=True, text=True, timeout=900)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_bootstrap_installs_the_kernel_and_it_serves_ipc(self):
        self.assertEqual(0, self.setup.returncode, self.setup.stdout + self.setup.stderr)
        self.assertIn("reload the page", self.setup.stdout)
        spec = self.tmp / "data" / "kernels" / "dlkit" / "kernel.json"
        self.assertTrue(spec.is_file(), f"no kernelspec at {spec}")
        self.assertIn(str(self.content), (spec.parent / "launch.conf").read_text())

        saved = dict(os.environ)
        os.environ.update({k: v for k, v in self.env.items() if k.startswith("JUPYTER")})
        from jupyter_client.manager import KernelManager
        km = KernelManager(kernel_name="dlkit", transport="ipc", ip=str(self.tmp / "kernel"))
        try:
            km.start_kernel()
            kc = km.client()
            kc.start_channels()
            kc.wait_for_ready(timeout=120)
            self.assertEqual({"text/plain": "42"}, self.result(kc, "6*7"))
            chart = self.result(kc, 'Plots.line("loss", "step", "loss", new double[] {3, 2, 1})')
            self.assertIn("image/png", chart)
            kc.stop_channels()
        finally:
            km.shutdown_kernel(now=True)
            os.environ.clear()
            os.environ.update(saved)

    @staticmethod
    def result(kc, code):
        msg_id = kc.execute(code)
        data = None
        while True:
            try:
                m = kc.get_iopub_msg(timeout=120)
            except queue.Empty:
                raise AssertionError(f"no reply to {code!r}")
            if m["parent_header"].get("msg_id") != msg_id:
                continue
            if m["msg_type"] == "execute_result":
                data = m["content"]["data"]
            if m["msg_type"] == "error":
                raise AssertionError(f"{code!r} failed: {m['content']['evalue']}")
            if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
                return data


if __name__ == "__main__":
    unittest.main(verbosity=2)
