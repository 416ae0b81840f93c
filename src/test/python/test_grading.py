"""Adversarial end-to-end tests of ./dlkit release and ./dlkit grade on a tiny assignment
(dlkit-tools/src/test/resources/grade/tiny.ipynb: square 2 pts, mean 1 pt, total 1 pt, a manually graded answer 1 pt).

Every submission is generated here from the source or its released version; they are all graded by ONE
./dlkit grade run (one sandboxed kernel per submission, as many at a time as the cores allow) with a short
per-cell timeout. The attack classes of issue #15 each have a submission here: obscuring the test package,
reflection/Unsafe, Runtime.exit, a detached process, tampering with the kernelspec, reading the instructor source
and hidden tests, writing to /tmp and $HOME. The copy of the source used here allows ProcessBuilder in its
metadata (dlkit.grading.allow) so that the detached process meets the sandbox, not just the kernel's guard. The run is tagged
with an environment variable that the kernels inherit, so "no kernel left running" is checked exactly for the
processes this test started (other sessions may run DLKit kernels on the same machine).
"""
import copy
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import unittest
import uuid

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
DLKIT = os.path.join(REPO, "dlkit")
TINY = os.path.join(REPO, "dlkit-tools", "src", "test", "resources", "grade", "tiny.ipynb")
TAG = "DLKIT_GRADE_TEST_TAG"
CELL_TIMEOUT = 20

ANSWERS = {
    "square": "int square(int x) {\n    return x * x;\n}",
    "mean": "double mean;\nmean = Arrays.stream(data).average().getAsDouble();",
    "total": "long total(int n) {\n    long sum = 0;\n    for (int i = 1; i <= n; i++) sum += i;\n    return sum;\n}",
    "explain": "An int overflows past 2^31 - 1; the sums get large.",
}
WRONG_SQUARE = "int square(int x) {\n    return x + x;\n}"


def gid(cell):
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def cell(nb, grade_id):
    return next(c for c in nb["cells"] if gid(c) == grade_id)


def answered(released, **overrides):
    nb = copy.deepcopy(released)
    for key, text in {**ANSWERS, **overrides}.items():
        cell(nb, key)["source"] = text
    return nb


def processes_with(tag_value):
    """PIDs (and command lines) of processes whose environment carries TAG=tag_value."""
    found = []
    needle = ("%s=%s" % (TAG, tag_value)).encode()
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open("/proc/%s/environ" % pid, "rb") as f:
                if needle in f.read().split(b"\0"):
                    with open("/proc/%s/cmdline" % pid, "rb") as g:
                        found.append((int(pid), g.read().replace(b"\0", b" ").decode(errors="replace")[:120]))
        except OSError:
            continue
    return found


def run_dlkit(*args, env=None, timeout=600):
    return subprocess.run([DLKIT, *args], cwd=REPO, capture_output=True, text=True, env=env, timeout=timeout)


BUILD = os.environ.get("DLKIT_BUILD_DIR", os.path.join(REPO, "target"))
JAVA = os.path.join(os.environ["JAVA_HOME"], "bin", "java") if os.environ.get("JAVA_HOME") else "java"
MAINS = {"grade": ["dlkit.tools.Tools", "grade", "--python", sys.executable],
         "release": ["dlkit.tools.Tools", "release"]}


def run_direct(command, *args, timeout=300):
    """What ./dlkit COMMAND runs after its setup step (quick checks that start no kernel; setup is exercised by
    the ./dlkit calls of GradingTest)."""
    cp = os.path.join(BUILD, "dlkit.jar") + ":" + os.path.join(BUILD, "lib", "*")
    return subprocess.run([JAVA, "-cp", cp, *MAINS[command], *args], cwd=REPO, capture_output=True, text=True,
                          timeout=timeout)


class GradingTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="dlkit-grading-test-")
        cls.src_dir = os.path.join(cls.tmp, "source")
        os.makedirs(cls.src_dir)
        cls.source = os.path.join(cls.src_dir, "tiny.ipynb")
        with open(TINY) as f:
            src = json.load(f)
        src["metadata"].setdefault("dlkit", {})["grading"] = {"allow": ["java.lang.ProcessBuilder",
                                                                        "java.lang.Process"]}
        with open(cls.source, "w") as f:
            json.dump(src, f, indent=1)
        with open(cls.source, "rb") as f:
            cls.source_bytes = f.read()
        cls.release_dir = os.path.join(cls.tmp, "release")
        r = run_dlkit("release", cls.source, "-o", cls.release_dir)
        if r.returncode != 0:
            raise AssertionError("release failed: " + r.stdout + r.stderr)
        with open(os.path.join(cls.release_dir, "tiny.ipynb")) as f:
            cls.released = json.load(f)
        with open(cls.source) as f:
            source = json.load(f)

        subs = {}
        subs["reference"] = source
        subs["released"] = cls.released

        nb = answered(cls.released, square=WRONG_SQUARE)
        nb["cells"] = [c for c in nb["cells"] if gid(c) not in ("square_check", "total_check")]
        subs["tests_deleted"] = nb

        nb = answered(cls.released, square=WRONG_SQUARE)
        c = cell(nb, "square_check")
        c["source"] = 'check(true, "square works");'
        c["metadata"]["nbgrader"].update({"grade": False, "solution": True, "locked": False, "points": 100})
        subs["tests_edited"] = nb

        subs["hidden_targeted"] = answered(
            cls.released,
            square="int square(int x) {\n    if (x == 3) return 9;\n    if (x == -4) return 16;\n    return 0;\n}",
            total="long total(int n) {\n    return n == 4 ? 10 : 0;\n}")

        subs["system_exit"] = answered(
            cls.released,
            square="int square(int x) {\n    System.exit(0);\n    return x * x;\n}",
            mean=ANSWERS["mean"] + "\nSystem.exit(0);")

        subs["halt"] = answered(cls.released, total=ANSWERS["total"] + "\nRuntime.getRuntime().halt(0);")

        subs["infinite_loop"] = answered(cls.released, square="int square(int x) {\n    while (true) { }\n}")

        subs["stderr_spam"] = answered(
            cls.released,
            square='int square(int x) {\n    System.err.println("debug: square(" + x + ")");\n    return x * x;\n}',
            mean=ANSWERS["mean"] + '\nfor (int i = 0; i < 2000; i++) System.err.println("noise " + i);')

        subs["big_output"] = answered(
            cls.released,
            mean=ANSWERS["mean"] + '\nString mb = "x".repeat(1 << 20);\n'
                                   'for (int i = 0; i < 50; i++) System.out.println(mb);')

        cls.planted = os.path.join(cls.src_dir, "planted.txt")
        subs["file_escape"] = answered(
            cls.released,
            mean=ANSWERS["mean"] + "\n"
            'Files.writeString(Path.of("inside.txt"), "fine");\n'
            'Files.writeString(Path.of("../escaped.txt"), "out");\n'
            'Files.writeString(Path.of(%s), "planted");\n'
            'String stolen = Files.readString(Path.of(%s));\n'
            'Files.writeString(Path.of(%s), "{}");\n'
            'System.out.println("read " + stolen.length() + " characters of the source");'
            % (json.dumps(cls.planted), json.dumps(cls.source), json.dumps(cls.source)))

        subs["redefine_check"] = answered(
            cls.released,
            square=WRONG_SQUARE + '\nvoid check(boolean ok, String what) { System.out.println("OK: " + what); }\n'
                                  'void checkEquals(Object a, Object b, String what) { System.out.println("OK: " + what); }',
            mean="double mean;\nmean = 2.5;\n"
                 "void checkClose(double a, double e, double tol, String what) { }")

        wrong = WRONG_SQUARE + "\n"
        # JLS 6.4.2: a class or a variable named like the package hides it from dlkit.grade.Checks.check(...)
        subs["obscure_class"] = answered(
            cls.released, square=wrong + "class dlkit { static class grade { static class Checks {\n"
            "    static void check(boolean ok, String w) { }\n"
            "    static void checkEquals(Object a, Object b, String w) { } } } }")
        subs["obscure_var"] = answered(
            cls.released, square=wrong + "class G { C Checks = new C(); } class C { void check(boolean b, String w) { }"
            " void checkEquals(Object a, Object b, String w) { } }\nclass D { G grade = new G(); }\nD dlkit = new D();")
        subs["unsafe"] = answered(
            cls.released, square=wrong + 'var f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");\n'
                                         "f.setAccessible(true);")
        subs["runtime_exit"] = answered(cls.released, mean=ANSWERS["mean"] + "\nRuntime.getRuntime().exit(0);")
        subs["socket"] = answered(cls.released, mean=ANSWERS["mean"] + '\nnew java.net.Socket("127.0.0.1", 22);')
        cls.late = "late-" + uuid.uuid4().hex[:8]
        subs["detached"] = answered(
            cls.released, mean=ANSWERS["mean"] + "\n"
            'new ProcessBuilder("setsid", "sh", "-c", "sleep 90; echo late > %s.txt").start();\n'
            'new ProcessBuilder("setsid", "sh", "-c", "sleep 90; echo late > /tmp/%s.txt").start();' % (cls.late, cls.late))
        cls.kernel_conf = os.path.join(BUILD, "kernelspec", "dlkit", "launch.conf")
        with open(cls.kernel_conf, "rb") as f:
            cls.kernel_conf_bytes = f.read()
        subs["tamper_kernel"] = answered(
            cls.released, mean=ANSWERS["mean"] + "\n"
            'try { Files.writeString(Path.of("/kernel/launch.conf"), "class_path=/tmp/fake.jar"); }\n'
            'catch (Exception e) { System.out.println("kernel copy: " + e); }\n'
            'Files.writeString(Path.of(%s), "class_path=/tmp/fake.jar");' % json.dumps(cls.kernel_conf))
        cls.spy_name = "spy-" + uuid.uuid4().hex[:8]
        subs["spy"] = answered(
            cls.released, mean=ANSWERS["mean"] + "\n"
            'for (var p : new java.io.File("/proc").listFiles()) { try { System.out.println(p + " " + '
            'Files.readString(Path.of(p.toString(), "cmdline")).replace((char) 0, (char) 32)); } catch (Exception e) { } }\n'
            'List<Path> found = new ArrayList<>();\n'
            'for (String root : List.of("/home", "/tmp", "/work", "/root", "/kernel", "/etc", "/run")) {\n'
            '    if (!Files.isDirectory(Path.of(root))) continue;\n'
            '    try (var s = Files.walk(Path.of(root), 12)) { s.filter(p -> p.toString().endsWith(".ipynb"))'
            '.forEach(found::add); } catch (Exception e) { }\n'
            '}\n'
            'System.out.println("found: " + found);\n'
            'for (Path p : found) if (!p.endsWith("spy.ipynb") && !p.toString().contains("/site-packages/"))\n'
            '    System.out.println(p + ": " + Files.readString(p));\n'
            'Files.writeString(Path.of("/tmp/%s"), "x");\n'
            'Files.writeString(Path.of(System.getProperty("user.home"), "%s"), "x");' % (cls.spy_name, cls.spy_name))

        cls.sub_dir = os.path.join(cls.tmp, "submitted")
        os.makedirs(cls.sub_dir)
        paths = []
        for name, nb in subs.items():
            p = os.path.join(cls.sub_dir, name + ".ipynb")
            with open(p, "w") as f:
                json.dump(nb, f, indent=1)
            paths.append(p)
        cls.out = os.path.join(cls.tmp, "grades")
        cls.tag = uuid.uuid4().hex
        env = dict(os.environ, **{TAG: cls.tag})
        start = time.time()
        cls.result = run_dlkit("grade", "--source", cls.source, *paths, "-o", cls.out,
                               "--timeout", str(CELL_TIMEOUT), "--wall", "150", env=env, timeout=1500)
        cls.seconds = time.time() - start
        cls.left = processes_with(cls.tag)
        print("\n./dlkit grade: %d submissions in %.0f s\n%s%s" % (len(paths), cls.seconds, cls.result.stdout,
                                                                  cls.result.stderr[-3000:]))
        cls.grades = {}
        path = os.path.join(cls.out, "grades.json")
        if os.path.exists(path):
            with open(path) as f:
                cls.grades = {s["student"]: s for s in json.load(f)["submissions"]}

    @classmethod
    def tearDownClass(cls):
        for pid, _ in processes_with(cls.tag):
            try:
                os.kill(pid, 9)
            except OSError:
                pass
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def scores(self, student):
        self.assertIn(student, self.grades, self.result.stdout + self.result.stderr)
        return {c["grade_id"]: c["score"] for c in self.grades[student]["cells"]}

    def flags(self, student):
        return " | ".join(self.grades[student]["flags"])

    # ---- the run as a whole --------------------------------------------------------------------------------

    def test_grade_run_succeeded_and_left_no_kernel(self):
        self.assertEqual(self.result.returncode, 0, self.result.stdout + self.result.stderr)
        self.assertEqual(self.left, [], "processes of this grading run still alive")

    def test_one_summary_line_per_submission(self):
        lines = self.result.stdout.splitlines()
        for s in self.grades:
            mine = [l for l in lines if l.startswith("dlkit grade: %s: " % s)]
            self.assertEqual(len(mine), 1, (s, self.result.stdout))

    def test_reports_written(self):
        with open(os.path.join(self.out, "grades.csv")) as f:
            rows = {r["student"]: r for r in csv.DictReader(f)}
        self.assertEqual(set(rows), set(self.grades))
        self.assertEqual(rows["reference"]["score"], "4")
        self.assertEqual(rows["reference"]["explain"], "manual")
        for student in self.grades:
            html = os.path.join(self.out, "feedback", student + ".html")
            self.assertTrue(os.path.exists(html), html)
        with open(os.path.join(self.out, "feedback", "released.html")) as f:
            page = f.read()
        self.assertIn("Score: 0 / 5", page)
        self.assertIn("your code here", page)

    # ---- scores ----------------------------------------------------------------------------------------------

    def test_reference_solution_full_marks(self):
        self.assertEqual(self.scores("reference"),
                         {"square_check": 2, "mean_check": 1, "total_check": 1, "explain": None})
        self.assertEqual(self.grades["reference"]["needs_manual_grade"], ["explain"])

    def test_released_notebook_scores_zero_everywhere(self):
        self.assertEqual(self.scores("released"),
                         {"square_check": 0, "mean_check": 0, "total_check": 0, "explain": 0})

    def test_deleted_tests_are_put_back(self):
        self.assertEqual(self.scores("tests_deleted"),
                         {"square_check": 0, "mean_check": 1, "total_check": 1, "explain": None})
        self.assertIn("deleted locked/test cells (restored): square_check, total_check", self.flags("tests_deleted"))

    def test_edited_tests_are_restored(self):
        s = self.grades["tests_edited"]
        self.assertEqual(self.scores("tests_edited")["square_check"], 0)
        self.assertEqual(s["max_score"], 5, "points come from the source, not the submission")
        self.assertIn("edited locked/test cells (restored): square_check", self.flags("tests_edited"))

    def test_hidden_tests_catch_hard_coded_answers(self):
        self.assertEqual(self.scores("hidden_targeted"),
                         {"square_check": 0, "mean_check": 1, "total_check": 0, "explain": None})
        msgs = {c["grade_id"]: c["message"] for c in self.grades["hidden_targeted"]["cells"]}
        self.assertIn("square(7) (hidden)", msgs["square_check"])
        self.assertIn("total(100) (hidden)", msgs["total_check"])

    def test_system_exit_is_an_error_not_an_exit(self):
        self.assertEqual(self.scores("system_exit"),
                         {"square_check": 0, "mean_check": 1, "total_check": 1, "explain": None})

    def outputs(self, student, grade_id):
        with open(os.path.join(self.out, "feedback", student + ".ipynb")) as f:
            nb = json.load(f)
        c = cell(nb, grade_id)
        return "\n".join(o.get("text", "") if isinstance(o.get("text", ""), str) else "".join(o["text"])
                         for o in c.get("outputs", []) if o.get("output_type") == "stream") + "\n".join(
            o.get("ename", "") + ": " + o.get("evalue", "") for o in c.get("outputs", [])
            if o.get("output_type") == "error")

    def test_halt_is_refused_like_system_exit(self):
        # Runtime.halt/exit are refused at load (kernel guard), so the kernel lives and later cells still count
        self.assertEqual(self.scores("halt"),
                         {"square_check": 2, "mean_check": 1, "total_check": 1, "explain": None})
        self.assertIn("Runtime.getRuntime().halt(...) would stop the kernel", self.outputs("halt", "total"))

    def test_runtime_exit_is_refused(self):
        self.assertEqual(self.scores("runtime_exit"),
                         {"square_check": 2, "mean_check": 1, "total_check": 1, "explain": None})
        self.assertIn("Runtime.getRuntime().exit(...) would stop the kernel", self.outputs("runtime_exit", "mean"))

    def test_declarations_obscuring_the_test_package_are_refused(self):
        for student in ("obscure_class", "obscure_var"):
            self.assertEqual(self.scores(student),
                             {"square_check": 0, "mean_check": 1, "total_check": 1, "explain": None}, student)
            self.assertIn("named 'dlkit' hides the package dlkit", self.outputs(student, "square"), student)

    def test_reflection_and_unsafe_are_refused(self):
        self.assertEqual(self.scores("unsafe"),
                         {"square_check": 0, "mean_check": 1, "total_check": 1, "explain": None})
        out = self.outputs("unsafe", "square")
        self.assertIn("sun.misc.Unsafe", out)
        self.assertIn("not allowed while notebooks are graded", out)

    def test_sockets_are_refused(self):
        self.assertIn("java.net.Socket (the network)", self.outputs("socket", "mean"))

    def test_detached_processes_die_with_the_sandbox(self):
        self.assertEqual(self.left, [], "processes of the run still alive after it")
        self.assertEqual(self.scores("detached"),
                         {"square_check": 2, "mean_check": 1, "total_check": 1, "explain": None})
        time.sleep(1)
        for root, _, files in os.walk(self.tmp):
            self.assertNotIn(self.late + ".txt", files, root)
        self.assertFalse(os.path.exists("/tmp/%s.txt" % self.late))

    def test_kernelspec_cannot_be_tampered_with(self):
        with open(self.kernel_conf, "rb") as f:
            self.assertEqual(f.read(), self.kernel_conf_bytes, "the kernelspec's launch.conf is unchanged")
        out = self.outputs("tamper_kernel", "mean")
        self.assertIn("kernel copy: java.nio.file.", out)   # its own copy is read-only
        self.assertRegex(out, "NoSuchFileException|ReadOnlyFileSystemException|FileSystemException")
        # every submission is graded by an untouched kernel: the reference is right, wrong answers are wrong
        self.assertEqual(self.scores("tamper_kernel"),
                         {"square_check": 2, "mean_check": 1, "total_check": 1, "explain": None})

    def test_instructor_source_and_hidden_tests_stay_out_of_reach(self):
        spied = self.outputs("spy", "mean")
        # it did look: its own file is all there is, besides the public examples of Python packages (nbgrader's)
        found = next(l for l in spied.splitlines() if l.startswith("found: "))[len("found: ["):-1].split(", ")
        self.assertIn("/home/student/spy.ipynb", found)
        self.assertEqual([p for p in found if p != "/home/student/spy.ipynb" and "/site-packages/" not in p], [])
        self.assertRegex(spied, r"/proc/1 \S*bwrap")                 # and the processes: bwrap is PID 1
        # student code runs in the execution agent's JVM, in a PID namespace of its own: the kernel that decides
        # which cells failed (and its ipc bridge) is not even visible
        self.assertIn("dlkit.kernel.AgentMain", spied)
        self.assertNotIn("dlkit.kernel.Main", spied)
        self.assertNotIn("ipc_bridge", spied)
        for secret in ("tiny.ipynb", "BEGIN SOLUTION", "5050", "total(100)", "execute.py", self.src_dir):
            self.assertNotIn(secret, spied, secret)
        self.assertFalse(os.path.exists("/tmp/" + self.spy_name), "/tmp writes stay in the sandbox")
        self.assertFalse(os.path.exists(os.path.join(os.path.expanduser("~"), self.spy_name)))

    def test_feedback_shows_hidden_test_results_not_their_source(self):
        for student, verdict in (("reference", "passed"), ("hidden_targeted", "failed")):
            for ext in ("html", "ipynb"):
                with open(os.path.join(self.out, "feedback", student + "." + ext)) as f:
                    text = f.read()
                # the hidden lines' source (a failing check's own message may still name what it checked)
                self.assertNotIn("checkEquals(total(100), 5050L", text, (student, ext))
                self.assertNotIn("square(7), 49", text, (student, ext))
                self.assertIn("hidden test: " + verdict, text, (student, ext))

    def test_one_line_per_submission_with_time_and_peak_memory(self):
        lines = [l for l in self.result.stdout.splitlines() if l.startswith("dlkit grade: ") and "peak" in l]
        self.assertEqual(len(lines), len(self.grades), self.result.stdout)
        for l in lines:
            self.assertRegex(l, r"\(\d+ s, peak \d+ MB\)$")
        for s in self.grades.values():
            self.assertGreater(s["peak_memory_mb"], 50, s["student"])

    def test_infinite_loop_times_out_and_the_rest_still_runs(self):
        self.assertEqual(self.scores("infinite_loop"),
                         {"square_check": 0, "mean_check": 1, "total_check": 1, "explain": None})
        msg = {c["grade_id"]: c["message"] for c in self.grades["infinite_loop"]["cells"]}["square_check"]
        # The kernel's own "Interrupted" error, or nbclient's CellTimeoutError if the kernel sent none.
        self.assertRegex(msg, "CellTimeoutError|[Ii]nterrupted")

    def test_stderr_in_a_graded_cell_scores_zero(self):
        self.assertEqual(self.scores("stderr_spam"),
                         {"square_check": 0, "mean_check": 1, "total_check": 1, "explain": None})

    def test_huge_output_is_graded_and_truncated(self):
        self.assertEqual(self.scores("big_output"),
                         {"square_check": 2, "mean_check": 1, "total_check": 1, "explain": None})
        for ext in ("html", "ipynb"):
            size = os.path.getsize(os.path.join(self.out, "feedback", "big_output." + ext))
            self.assertLess(size, 2_000_000, ext)

    def test_files_outside_the_working_directory(self):
        self.assertEqual(self.scores("file_escape"),
                         {"square_check": 2, "mean_check": 1, "total_check": 1, "explain": None})
        with open(self.source, "rb") as f:
            self.assertEqual(f.read(), self.source_bytes, "the source notebook is untouched")
        # the sandbox has no such folder: the write fails in the student's cell, nothing lands on the host
        self.assertIn("NoSuchFileException", self.outputs("file_escape", "mean"))
        self.assertFalse(os.path.exists(self.planted))
        for root, _, files in os.walk(self.tmp):
            self.assertNotIn("escaped.txt", files, root)
        flags = self.flags("file_escape")
        self.assertNotIn("wrote outside", flags)
        self.assertIn("uses file/process/reflection APIs", flags)
        for other in ("reference", "released", "tests_edited"):
            self.assertNotIn("outside its working directory", self.flags(other), other)

    def test_redefined_checks_are_not_used_by_graded_cells(self):
        self.assertEqual(self.scores("redefine_check"),
                         {"square_check": 0, "mean_check": 0, "total_check": 1, "explain": None})
        self.assertIn("redeclares names the graded cells use: check, checkClose, checkEquals",
                      self.flags("redefine_check"))

    def test_clean_submissions_have_no_flags(self):
        self.assertEqual(self.grades["reference"]["flags"], [])
        self.assertEqual(self.grades["released"]["flags"], [])


class WallLimitTest(unittest.TestCase):
    """A notebook that outlives its wall limit: the run is killed (kernel included), finished cells keep their
    scores, the rest score 0."""

    def test_wall_limit_kills_the_run_and_keeps_finished_cells(self):
        tmp = tempfile.mkdtemp(prefix="dlkit-grading-wall-")
        try:
            with open(TINY) as f:
                source = json.load(f)
            nb = copy.deepcopy(source)
            cell(nb, "total")["source"] = "long total(int n) {\n    while (true) { }\n}"
            sub = os.path.join(tmp, "slow.ipynb")
            with open(sub, "w") as f:
                json.dump(nb, f)
            tag = uuid.uuid4().hex
            out = os.path.join(tmp, "out")
            start = time.time()
            r = run_dlkit("grade", "--source", TINY, sub, "-o", out, "--timeout", "300", "--wall", "45", "--no-sandbox",
                          env=dict(os.environ, **{TAG: tag}), timeout=600)
            elapsed = time.time() - start
            left = processes_with(tag)
            for pid, _ in left:
                os.kill(pid, 9)
            self.assertEqual(left, [], "processes of the run still alive after the wall limit")
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            self.assertLess(elapsed, 200)
            with open(os.path.join(out, "grades.json")) as f:
                s = json.load(f)["submissions"][0]
            scores = {c["grade_id"]: c["score"] for c in s["cells"]}
            self.assertEqual(scores, {"square_check": 2, "mean_check": 1, "total_check": 0, "explain": None})
            self.assertIn("wall limit of 45 s", " ".join(s["flags"]))
            self.assertIn("not sandboxed (--no-sandbox)", " ".join(s["flags"]))
            with open(os.path.join(out, "grades.json")) as f:
                self.assertFalse(json.load(f)["sandboxed"])
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


class BadInputTest(unittest.TestCase):
    """Refusals: one line, exit status 2, nothing written."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="dlkit-grading-bad-")
        with open(TINY) as f:
            cls.source = json.load(f)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def write(self, name, content):
        p = os.path.join(self.tmp, name)
        with open(p, "w") as f:
            f.write(content if isinstance(content, str) else json.dumps(content))
        return p

    def refused(self, source, *subs):
        out = os.path.join(self.tmp, "out-" + uuid.uuid4().hex[:6])
        r = run_direct("grade", "--source", source, *subs, "-o", out)
        self.assertEqual(r.returncode, 2, r.stdout + r.stderr)
        lines = [l for l in r.stderr.splitlines() if l.startswith("dlkit grade: ")]
        self.assertEqual(len(lines), 1, r.stderr)
        self.assertFalse(os.path.exists(out), "nothing written")
        return lines[0]

    def test_malformed_json(self):
        good = self.write("good.ipynb", self.source)
        line = self.refused(TINY, good, self.write("broken.ipynb", '{"cells": [ {"cell_type": '))
        self.assertIn("broken.ipynb", line)
        self.assertIn("not valid JSON", line)

    def test_another_kernels_notebook(self):
        nb = copy.deepcopy(self.source)
        nb["metadata"]["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        line = self.refused(TINY, self.write("python.ipynb", nb))
        self.assertIn("python", line)

    def test_unknown_parameter(self):
        line = self.refused(TINY, self.write("p.ipynb", self.source), "-p", "numEpochs=1")
        self.assertIn('no cell is tagged "parameters"', line)

    def test_missing_answer_cell(self):
        nb = copy.deepcopy(self.source)
        nb["cells"] = [c for c in nb["cells"] if gid(c) != "mean"]
        line = self.refused(TINY, self.write("nomean.ipynb", nb))
        self.assertIn("missing answer cell mean", line)

    def test_stripped_metadata(self):
        nb = copy.deepcopy(self.source)
        for c in nb["cells"]:
            c["metadata"] = {}
        line = self.refused(TINY, self.write("stripped.ipynb", nb))
        self.assertIn("not a submission of this assignment", line)

    def test_source_without_grade_cells(self):
        nb = copy.deepcopy(self.source)
        for c in nb["cells"]:
            c["metadata"] = {}
        src = self.write("nogrades.ipynb", nb)
        line = self.refused(src, self.write("sub.ipynb", self.source))
        self.assertIn("no grade cells", line)


class ReleaseTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="dlkit-release-test-")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_student_version(self):
        out = os.path.join(self.tmp, "rel")
        r = run_direct("release", TINY, "-o", out)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(os.path.join(out, "tiny.ipynb")) as f:
            nb = json.load(f)
        text = json.dumps(nb)
        for gone in ("BEGIN SOLUTION", "HIDDEN TESTS", "x * x", "square(7)", "total(100)", "overflow"):
            self.assertNotIn(gone, text)
        self.assertIn('throw new UnsupportedOperationException(\\"your code here\\");', text)
        self.assertIn("if (true) throw", "".join(cell(nb, "total")["source"]))
        self.assertEqual("".join(cell(nb, "explain")["source"]).splitlines()[-1], "YOUR ANSWER HERE")
        self.assertEqual(nb["metadata"]["kernelspec"]["name"], "dlkit")
        check = cell(nb, "square_check")
        self.assertEqual(check["metadata"]["nbgrader"]["points"], 2)
        self.assertEqual(len(check["metadata"]["nbgrader"]["checksum"]), 32)
        self.assertFalse(check["metadata"]["editable"])
        for c in nb["cells"]:
            if c["cell_type"] == "code":
                self.assertEqual(c["outputs"], [])
                self.assertIsNone(c["execution_count"])

    def test_every_course_notebook_releases(self):
        notebooks = sorted(os.path.join(REPO, "notebooks", f) for f in os.listdir(os.path.join(REPO, "notebooks"))
                           if f.endswith(".ipynb"))
        out = os.path.join(self.tmp, "all")
        r = run_direct("release", *notebooks, "-o", out)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        for nb in notebooks:
            with open(os.path.join(out, os.path.basename(nb))) as f:
                self.assertNotIn("BEGIN SOLUTION", f.read())

    def test_solution_region_outside_a_solution_cell_is_refused(self):
        with open(TINY) as f:
            nb = json.load(f)
        nb["cells"][1]["source"] = "// BEGIN SOLUTION\nint x = 1;\n// END SOLUTION"
        src = os.path.join(self.tmp, "bad.ipynb")
        with open(src, "w") as f:
            json.dump(nb, f)
        out = os.path.join(self.tmp, "badrel")
        r = run_direct("release", src, "-o", out)
        self.assertEqual(r.returncode, 2)
        self.assertIn("not a solution cell", r.stderr)
        self.assertFalse(os.path.exists(os.path.join(out, "bad.ipynb")))

    def test_nbgrader_config(self):
        r = run_dlkit("nbgrader-config")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn('c.ExecutePreprocessor.kernel_name = "dlkit"', r.stdout)
        self.assertIn("throw new UnsupportedOperationException", r.stdout)
        compile(r.stdout, "nbgrader_config.py", "exec")


if __name__ == "__main__":
    unittest.main()
