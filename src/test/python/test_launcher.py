"""The launcher pieces that are not Java: kernel/kernel.json, kernel/launch.sh, ./dlkit run's refusals,
./dlkit's build lock, and the nbtest helpers.

Run: ./dlkit test, or PYTHONPATH=src/test/python build/venv/bin/python -m unittest -v test_launcher
"""
import fcntl
import json
import os
import shutil
import subprocess
import tempfile
import time
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


FAKE_JAVA = """#!/bin/sh
if [ "$1" = -XshowSettings:properties ]; then echo "    java.specification.version = 17" >&2; exit 0; fi
# A JVM started by ./dlkit: does it hold the shared build lock? (then an exclusive try fails)
if flock -n -x "$DLKIT_BUILD_DIR/.dlkit-lock" true; then held=unlocked; else held=locked; fi
echo "$held $*" >> "$FAKE_LOG/java"
"""
FAKE_MVN = """#!/bin/sh
echo "$*" >> "$FAKE_LOG/mvn"
sleep "${FAKE_MVN_SLEEP:-0}"
for a in "$@"; do case $a in -Dbuild.dir=*) d=${a#-Dbuild.dir=} ;; esac; done
mkdir -p "$d/lib" && touch "$d/dlkit.jar"
"""


class BuildLockTest(unittest.TestCase):
    """The real ./dlkit in a copy of a minimal checkout, with fake mvn, java (a JDK 17 with jshell), python
    (Jupyter present) and apt-get, and no class-data-sharing archive: what rebuilds, waits and refuses."""

    def setUp(self):
        self.dir = Path(tempfile.mkdtemp(prefix="dlkit-lock-"))
        self.addCleanup(shutil.rmtree, self.dir, True)
        repo, fake = self.dir / "repo", self.dir / "bin"
        (repo / "src/main/java").mkdir(parents=True)
        shutil.copy(REPO / "dlkit", repo / "dlkit")
        shutil.copytree(KERNEL, repo / "kernel")
        (repo / "pom.xml").write_text("<project/>\n")
        self.source = repo / "src/main/java/A.java"
        self.source.write_text("class A {}\n")
        (self.dir / "jdk/bin").mkdir(parents=True)
        fake.mkdir()
        (self.dir / "log").mkdir()
        for path, text in [(fake / "mvn", FAKE_MVN), (fake / "apt-get", "#!/bin/sh\n"),
                           (fake / "python", "#!/bin/sh\n"), (self.dir / "jdk/bin/java", FAKE_JAVA),
                           (self.dir / "jdk/bin/jshell", "#!/bin/sh\n")]:
            path.write_text(text)
            path.chmod(0o755)
        self.dlkit = repo / "dlkit"
        self.build = self.dir / "build"
        self.lock_file = self.build / ".dlkit-lock"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DLKIT_", "JUPYTER_", "FAKE_"))}
        self.env = {**env, "PATH": f"{fake}:{env['PATH']}", "JAVA_HOME": str(self.dir / "jdk"),
                    "DLKIT_PYTHON": str(fake / "python"), "DLKIT_BUILD_DIR": str(self.build), "DLKIT_CDS": "0",
                    "JUPYTER_DATA_DIR": str(self.dir / "jupyter"), "FAKE_LOG": str(self.dir / "log")}

    def start(self, *args, **env):
        return subprocess.Popen([str(self.dlkit), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, env={**self.env, **env})

    def dlkit_cmd(self, *args, **env):
        p = self.start(*args, **env)
        out, err = p.communicate(timeout=120)
        return p.returncode, out, err

    def calls(self, tool):
        log = self.dir / "log" / tool
        return log.read_text().splitlines() if log.exists() else []

    def make_stale(self):
        later = time.time() + 5
        os.utime(self.source, (later, later))

    def hold_shared_lock(self):
        """Stands for another ./dlkit command that uses the build."""
        f = open(self.lock_file, "a")
        fcntl.flock(f, fcntl.LOCK_SH)
        self.addCleanup(f.close)
        return f

    def test_stale_build_rebuilds_once(self):
        rc, out, err = self.dlkit_cmd("setup")
        self.assertEqual((0, ""), (rc, err))
        self.assertIn("building (mvn package into", out)
        self.assertEqual(1, len(self.calls("mvn")))
        self.assertEqual(0, self.dlkit_cmd("setup")[0])
        self.assertEqual(1, len(self.calls("mvn")), "a fresh build is not rebuilt")
        self.make_stale()
        self.assertEqual(0, self.dlkit_cmd("setup")[0])
        self.assertEqual(2, len(self.calls("mvn")))

    def test_run_holds_the_shared_lock_while_its_jvm_runs(self):
        rc, _, err = self.dlkit_cmd("run", "x.ipynb")
        self.assertEqual((0, ""), (rc, err))
        java = self.calls("java")
        self.assertEqual(1, len(java), java)
        self.assertTrue(java[0].startswith("locked -cp "), java[0])
        self.assertTrue(java[0].endswith("dlkit.run.RunCommand --python " + self.env["DLKIT_PYTHON"]
                                         + f" --build-dir {self.dir}/repo/build x.ipynb"), java[0])

    def test_stale_build_in_use_is_not_rebuilt_and_says_why(self):
        self.assertEqual(0, self.dlkit_cmd("setup")[0])
        self.hold_shared_lock()
        self.make_stale()
        t = time.monotonic()
        rc, out, err = self.dlkit_cmd("run", "x.ipynb", DLKIT_LOCK_WAIT="1")
        self.assertGreaterEqual(time.monotonic() - t, 1)
        self.assertNotEqual(0, rc)
        self.assertEqual(1, len(self.calls("mvn")), "no rebuild under a running command")
        self.assertEqual([], self.calls("java"))
        self.assertIn(f"dlkit: waiting for other ./dlkit commands using {self.build} to finish before rebuilding",
                      out)
        lines = err.splitlines()
        self.assertEqual(1, len(lines), err)
        self.assertRegex(lines[0], rf"^dlkit: other \./dlkit commands .* still use {self.build} after 1 s, "
                                   r"so it cannot be rebuilt; end them, then run this again")

    def test_bad_lock_wait_is_named(self):
        self.assertEqual(0, self.dlkit_cmd("setup")[0])
        self.hold_shared_lock()
        self.make_stale()
        rc, _, err = self.dlkit_cmd("setup", DLKIT_LOCK_WAIT="soon")
        self.assertNotEqual(0, rc)
        self.assertEqual(["dlkit: DLKIT_LOCK_WAIT='soon' is not a whole number of seconds; e.g. DLKIT_LOCK_WAIT=600"],
                         err.splitlines())

    def test_stale_build_rebuilds_when_the_other_command_ends(self):
        self.assertEqual(0, self.dlkit_cmd("setup")[0])
        holder = self.hold_shared_lock()
        self.make_stale()
        p = self.start("setup", DLKIT_LOCK_WAIT="60")
        self.assertIn("waiting for other ./dlkit commands", p.stdout.readline())
        self.assertEqual(1, len(self.calls("mvn")))
        holder.close()
        out, err = p.communicate(timeout=60)
        self.assertEqual((0, ""), (p.returncode, err))
        self.assertIn("building", out)
        self.assertEqual(2, len(self.calls("mvn")))

    def test_fresh_build_in_use_does_not_wait(self):
        self.assertEqual(0, self.dlkit_cmd("setup")[0])
        self.hold_shared_lock()
        rc, out, err = self.dlkit_cmd("run", "x.ipynb", DLKIT_LOCK_WAIT="30")
        self.assertEqual((0, ""), (rc, err))
        self.assertNotIn("waiting", out)
        self.assertEqual(1, len(self.calls("mvn")))
        self.assertEqual(1, len(self.calls("java")))

    def test_concurrent_stale_setups_build_once(self):
        procs = [self.start("setup", FAKE_MVN_SLEEP="2") for _ in range(2)]
        results = [p.communicate(timeout=60) + (p.returncode,) for p in procs]
        self.assertEqual([0, 0], [r[2] for r in results], results)
        self.assertEqual(1, len(self.calls("mvn")), "the second re-checks after waiting and finds it fresh")

    def test_nested_command_does_not_wait_for_its_parent(self):
        """./dlkit test holds the shared lock while its python tests run ./dlkit run: a stale build there is used
        as it is (a rebuild would have to wait for the parent, which waits for the child)."""
        self.assertEqual(0, self.dlkit_cmd("setup")[0])
        self.hold_shared_lock()
        self.make_stale()
        rc, out, err = self.dlkit_cmd("run", "x.ipynb", DLKIT_LOCK_WAIT="30", DLKIT_BUILD_IN_USE=str(self.build))
        self.assertEqual((0, ""), (rc, err))
        self.assertIn(f"note: the sources changed, but {self.build} is not rebuilt", out)
        self.assertEqual(1, len(self.calls("mvn")))
        self.assertEqual(1, len(self.calls("java")))

    def test_stale_parent_marker_does_not_stop_a_rebuild(self):
        """DLKIT_BUILD_IN_USE left in the environment after its command ended: nobody holds the lock, so rebuild."""
        self.assertEqual(0, self.dlkit_cmd("setup")[0])
        self.make_stale()
        rc, _, err = self.dlkit_cmd("setup", DLKIT_BUILD_IN_USE=str(self.build))
        self.assertEqual((0, ""), (rc, err))
        self.assertEqual(2, len(self.calls("mvn")))


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
