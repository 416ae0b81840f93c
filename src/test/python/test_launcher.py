"""The launcher pieces that are not Java: kernel/kernel.json, kernel/launch.sh, ./dlkit run's refusals,
and the nbtest helpers.

Run: ./dlkit test, or PYTHONPATH=src/test/python /usr/bin/python3 -m unittest -v test_launcher
"""
import json
import os
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

import nbtest

REPO = Path(__file__).resolve().parents[3]
KERNEL = REPO / "kernel"


class KernelJsonTest(unittest.TestCase):
    def test_kernelspec(self):
        spec = json.loads((KERNEL / "kernel.json").read_text())
        self.assertEqual("java", spec["language"])
        self.assertEqual("Java (DLKit)", spec["display_name"])
        self.assertEqual("message", spec["interrupt_mode"])
        self.assertIn("{connection_file}", spec["argv"])
        self.assertTrue(any("{resource_dir}" in a for a in spec["argv"]), spec["argv"])
        self.assertIn("-Djava.awt.headless=true", spec["argv"])
        for logo in ("logo-32x32.png", "logo-64x64.png"):
            self.assertTrue((KERNEL / logo).read_bytes().startswith(b"\x89PNG"), logo)


class LaunchShTest(unittest.TestCase):
    """launch.sh with /bin/echo as java: the command line it would run."""

    def setUp(self):
        self.dir = Path(tempfile.mkdtemp(prefix="dlkit-launch-"))
        self.addCleanup(shutil.rmtree, self.dir, True)
        shutil.copy(KERNEL / "launch.sh", self.dir / "launch.sh")
        (self.dir / "launch.conf").write_text("java_bin='/bin/echo'\nclass_path='/opt/d l/dlkit.jar:/opt/d l/lib/*'\n")

    def launch(self, *args, **env):
        clean = {k: v for k, v in os.environ.items()
                 if k not in ("DLKIT_HEAP", "MEM_LIMIT", "DLKIT_JAVA_OPTS", "DLKIT_JIT")}
        p = subprocess.run(["sh", str(self.dir / "launch.sh"), *args], capture_output=True, text=True,
                           env={**clean, **env})
        return p.returncode, p.stdout.strip(), p.stderr.strip()

    def test_default_command(self):
        rc, out, err = self.launch("-Djava.awt.headless=true", "/tmp/conn 1.json")
        self.assertEqual((0, ""), (rc, err))
        self.assertTrue(out.endswith("-cp /opt/d l/dlkit.jar:/opt/d l/lib/* dlkit.kernel.Main /tmp/conn 1.json"), out)
        self.assertIn("-Djava.awt.headless=true", out)
        self.assertIn("-XX:+UseSerialGC", out)
        self.assertNotIn("-Xmx", out)

    def test_dlkit_heap(self):
        rc, out, _ = self.launch("c.json", DLKIT_HEAP="4g", MEM_LIMIT="1073741824")
        self.assertEqual(0, rc)
        self.assertIn("-Xmx4g", out)
        self.assertNotIn("maxbytes", out)

    def test_mem_limit(self):
        rc, out, _ = self.launch("c.json", MEM_LIMIT=str(4 * 1024 ** 3))
        self.assertEqual(0, rc)
        self.assertIn("-Xmx2867m", out)  # 70 %
        self.assertIn("-Dorg.bytedeco.javacpp.maxbytes=2457m", out)  # 60 %
        self.assertIn("-Dorg.bytedeco.javacpp.maxphysicalbytes=3686m", out)  # 90 %

    def test_bad_heap_is_refused(self):
        rc, _, err = self.launch("c.json", DLKIT_HEAP="lots")
        self.assertNotEqual(0, rc)
        self.assertIn("DLKIT_HEAP", err)

    def test_collector_in_java_opts_replaces_serial(self):
        rc, out, _ = self.launch("c.json", DLKIT_JAVA_OPTS="-XX:+UseG1GC -ea")
        self.assertEqual(0, rc)
        self.assertNotIn("UseSerialGC", out)
        self.assertIn("-XX:+UseG1GC -ea -cp", out)

    def test_missing_conf_names_the_fix(self):
        (self.dir / "launch.conf").unlink()
        rc, _, err = self.launch("c.json")
        self.assertNotEqual(0, rc)
        self.assertIn("./dlkit setup", err)


class RunRefusalsTest(unittest.TestCase):
    """./dlkit run stops with one line and exit 2 before executing anything."""

    def setUp(self):
        self.dir = Path(tempfile.mkdtemp(prefix="dlkit-run-"))
        self.addCleanup(shutil.rmtree, self.dir, True)

    def run_dlkit(self, name, text, *args):
        nb = self.dir / name
        nb.write_text(text)
        out = REPO / "build" / nb.name.replace(".ipynb", ".html")
        before = out.stat().st_mtime if out.exists() else None
        p = subprocess.run([str(REPO / "dlkit"), "run", str(nb), *args], capture_output=True, text=True, cwd=REPO)
        after = out.stat().st_mtime if out.exists() else None
        self.assertEqual(before, after, "nothing may be overwritten")
        lines = [l for l in p.stderr.splitlines() if l.startswith("dlkit run:")]
        return p.returncode, lines

    @staticmethod
    def notebook(language="java", nbformat=4, source="int epochs = 1;"):
        return json.dumps({"nbformat": nbformat, "nbformat_minor": 5, "metadata": {
            "kernelspec": {"name": "dlkit", "display_name": "Java (DLKit)", "language": language}},
            "cells": [{"cell_type": "code", "id": "p", "execution_count": None, "outputs": [], "source": source,
                       "metadata": {"tags": ["parameters"]}}]})

    def test_malformed_json(self):
        rc, lines = self.run_dlkit("broken_nb_test.ipynb", '{"nbformat": 4, "cells": [')
        self.assertEqual(2, rc)
        self.assertEqual(1, len(lines), lines)
        self.assertIn("not valid JSON", lines[0])

    def test_not_nbformat_4(self):
        rc, lines = self.run_dlkit("old_nb_test.ipynb", self.notebook(nbformat=3))
        self.assertEqual(2, rc)
        self.assertIn("nbformat 3", lines[0])

    def test_not_java(self):
        rc, lines = self.run_dlkit("py_nb_test.ipynb", self.notebook(language="python"))
        self.assertEqual(2, rc)
        self.assertIn("not java", lines[0])

    def test_unknown_parameter_lists_the_known_ones(self):
        rc, lines = self.run_dlkit("param_nb_test.ipynb", self.notebook(), "-p", "epoch=2")
        self.assertEqual(2, rc)
        self.assertIn('unknown parameter "epoch"', lines[0])
        self.assertIn("epochs", lines[0])


class NbtestHelpersTest(unittest.TestCase):
    NB = {"cells": [
        {"cell_type": "markdown", "source": ["# Title"]},
        {"cell_type": "code", "source": ["int a = 1;\n", "a"], "outputs": [
            {"output_type": "stream", "name": "stdout", "text": ["x\n"]},
            {"output_type": "execute_result", "data": {"text/plain": "1", "image/png": "..."}},
            {"output_type": "stream", "name": "stderr", "text": "warn\n"}]},
        {"cell_type": "code", "source": "boom()", "outputs": [
            {"output_type": "error", "ename": "E", "evalue": "v", "traceback": []}]}]}

    def test_helpers(self):
        cell = nbtest.find_cell(self.NB, "int a")
        self.assertEqual("x\n1warn\n", nbtest.cell_text(cell))
        self.assertEqual(1, len(nbtest.stderr_outputs(self.NB)))
        self.assertEqual("E", nbtest.error_outputs(self.NB)[0]["ename"])
        with self.assertRaises(AssertionError):
            nbtest.find_cell(self.NB, "nowhere")


if __name__ == "__main__":
    unittest.main(verbosity=2)
