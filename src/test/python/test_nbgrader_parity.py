"""./dlkit release and ./dlkit grade against real nbgrader (0.9.6, from build/venv; requirements.txt pins it).

For dropout, HandDesignFilters and EdgeDetection at the quick parameters of their notebook tests (written into the
parameters cell of the source, since nbgrader has no -p):
- `nbgrader generate_assignment` (with `./dlkit nbgrader-config`) and `./dlkit release` give the same student
  notebook, up to one documented difference (below);
- `nbgrader autograde` and `./dlkit grade` give the same score per grade cell for the same submissions.

To stay within a few minutes (nbgrader executes one notebook after another), the cases are spread over the
notebooks so that each is covered once:
- the solution (the source itself) and the release: all three notebooks;
- "mixed", HandDesignFilters only (the cheapest, ~15 s a run), one submission holding every other case, each on its
  own grade cell: partly right (shapes left as released), an edited test (filter_1d wrong and its check replaced by
  check(true)), a deleted test (transpose_conv wrong and its check deleted), stderr (receptiveField prints to
  System.err, which receptive_field_check then shows), a timeout (differingRows loops; border_rows_check is
  interrupted at the per-cell limit of both graders, 90 s).

Documented difference (nbgrader is wrong for Java): nbgrader's stub replaces a solution region by
`throw new UnsupportedOperationException(...)` even when statements follow it in the same block (e.g.
`return sum;`), which javac rejects as unreachable; ./dlkit release writes `if (true) throw ...` there. Both give
0 points to the tests of such an unanswered question, so the scores still agree.
"""
import copy
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_notebook_dropout  # noqa: E402
import test_notebook_edgedetection  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
DLKIT = os.path.join(REPO, "dlkit")
CELL_TIMEOUT = 90
NOTEBOOKS = {"dropout": test_notebook_dropout.SMALL, "HandDesignFilters": {},
             "EdgeDetection": test_notebook_edgedetection.SMALL}
STUB_LINE = 'throw new UnsupportedOperationException("your code here");'


def gid(cell):
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def cell(nb, grade_id):
    return next(c for c in nb["cells"] if gid(c) == grade_id)


def text(cell_):
    s = cell_.get("source", "")
    return "".join(s) if isinstance(s, list) else s


def literal(v):
    return json.dumps(v) if isinstance(v, str) else str(v)


def quick(nb, params):
    """The source with PARAMS written into its parameters cell (nbgrader runs notebooks as they are)."""
    nb = copy.deepcopy(nb)
    if not params:
        return nb
    c = next(c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", []))
    src = text(c)
    for name, value in params.items():
        src, n = re.subn(r"(\b%s\s*=\s*)[^;]+;" % re.escape(name), lambda m: m.group(1) + literal(value) + ";", src)
        assert n == 1, name
    c["source"] = src
    return nb


def run(cmd, timeout, cwd=REPO, env=None):
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env)


class NbgraderParityTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        try:
            import nbgrader  # noqa: F401
            from nbgrader.api import Gradebook  # noqa: F401
        except ImportError:
            raise unittest.SkipTest("nbgrader is not installed for %s (./dlkit setup installs requirements.txt)"
                                    % sys.executable)
        cls.tmp = tempfile.mkdtemp(prefix="dlkit-nbgrader-parity-")
        course = cls.course = os.path.join(cls.tmp, "course")
        src_dir = os.path.join(course, "source", "ps1")
        os.makedirs(src_dir)
        config = run([DLKIT, "nbgrader-config"], 600)
        if config.returncode != 0:
            raise AssertionError(config.stderr)
        with open(os.path.join(course, "nbgrader_config.py"), "w") as f:
            f.write(config.stdout + "\nc.CourseDirectory.root = %r\nc.Execute.timeout = %d\n"
                    "c.ExecutePreprocessor.timeout = %d\n" % (course, CELL_TIMEOUT, CELL_TIMEOUT))
        cls.sources = {}
        for name, params in NOTEBOOKS.items():
            with open(os.path.join(REPO, "notebooks", name + ".ipynb")) as f:
                cls.sources[name] = quick(json.load(f), params)
            with open(os.path.join(src_dir, name + ".ipynb"), "w") as f:
                json.dump(cls.sources[name], f, indent=1)
        # nbgrader runs alembic from its own bin folder
        cls.env = dict(os.environ, PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""))
        nbgrader = [sys.executable, "-m", "nbgrader"]
        r = run(nbgrader + ["generate_assignment", "ps1", "--force"], 600, cwd=course, env=cls.env)
        if r.returncode != 0:
            raise AssertionError("nbgrader generate_assignment failed:\n" + r.stdout[-3000:] + r.stderr[-3000:])
        ours = os.path.join(cls.tmp, "ours")
        r = run([DLKIT, "release", *[os.path.join(src_dir, n + ".ipynb") for n in NOTEBOOKS], "-o", ours], 600)
        if r.returncode != 0:
            raise AssertionError("./dlkit release failed:\n" + r.stdout + r.stderr)
        cls.theirs, cls.ours = {}, {}
        for name in NOTEBOOKS:
            with open(os.path.join(course, "release", "ps1", name + ".ipynb")) as f:
                cls.theirs[name] = json.load(f)
            with open(os.path.join(ours, name + ".ipynb")) as f:
                cls.ours[name] = json.load(f)

        # Submissions: the same files for both graders.
        subs = {name: {"solution": cls.sources[name], "release": cls.ours[name]} for name in NOTEBOOKS}
        mixed = copy.deepcopy(cls.sources["HandDesignFilters"])
        released = cls.ours["HandDesignFilters"]
        cell(mixed, "shapes")["source"] = cell(released, "shapes")["source"]
        cell(mixed, "filter_1d")["source"] = "double[] filter;\nfilter = new double[] {1, 1, 1};"
        cell(mixed, "filter_1d_check")["source"] = 'check(true, "filter works");'
        cell(mixed, "transpose_conv")["source"] = "double[][] transposeOut;\ntransposeOut = new double[][] {{0}};"
        mixed["cells"] = [c for c in mixed["cells"] if gid(c) != "transpose_conv_check"]
        rf = cell(mixed, "receptive_field")
        rf["source"] = text(rf).replace("int receptiveField(int L, int K) {",
                                        'int receptiveField(int L, int K) {\n    System.err.println("debug " + L);', 1)
        br = cell(mixed, "border_rows")
        br["source"] = text(br).replace("int[] differingRows(int n) {",
                                        "int[] differingRows(int n) {\n    while (n > 0) { n = n | 1; }", 1)
        subs["HandDesignFilters"]["mixed"] = mixed
        cls.subs = subs

        for name, by_student in subs.items():
            for student, nb in by_student.items():
                d = os.path.join(course, "submitted", student, "ps1")
                os.makedirs(d, exist_ok=True)
                with open(os.path.join(d, name + ".ipynb"), "w") as f:
                    json.dump(nb, f, indent=1)
                d = os.path.join(cls.tmp, "dlkit-subs", name)
                os.makedirs(d, exist_ok=True)
                with open(os.path.join(d, student + ".ipynb"), "w") as f:
                    json.dump(nb, f, indent=1)

        # nbgrader in the background while ./dlkit grade runs (the two share the cores: a few minutes in all)
        autograde = subprocess.Popen(nbgrader + ["autograde", "ps1", "--force"], cwd=course, env=cls.env,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        cls.ours_scores, cls.grade_out = {}, ""
        try:
            for name, by_student in subs.items():
                out = os.path.join(cls.tmp, "grades-" + name)
                r = run([DLKIT, "grade", "--source", os.path.join(src_dir, name + ".ipynb"),
                         *[os.path.join(cls.tmp, "dlkit-subs", name, s + ".ipynb") for s in by_student],
                         "-o", out, "--timeout", str(CELL_TIMEOUT)], 1200)
                cls.grade_out += r.stdout + r.stderr
                with open(os.path.join(out, "grades.json")) as f:
                    for s in json.load(f)["submissions"]:
                        cls.ours_scores[(name, s["student"])] = {c["grade_id"]: c["score"] for c in s["cells"]}
            cls.autograde_log, _ = autograde.communicate(timeout=1500)
        finally:
            if autograde.poll() is None:
                autograde.kill()
        from nbgrader.api import Gradebook
        cls.theirs_scores = {}
        with Gradebook("sqlite:///" + os.path.join(course, "gradebook.db")) as gb:
            for name, by_student in subs.items():
                for student in by_student:
                    try:
                        snb = gb.find_submission_notebook(name, "ps1", student)
                    except Exception:
                        continue
                    cls.theirs_scores[(name, student)] = {g.name: g.auto_score for g in snb.grades}
        print("\n" + cls.grade_out[-4000:])

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_release_is_generate_assignments_student_version(self):
        for name in NOTEBOOKS:
            theirs, ours = self.theirs[name], self.ours[name]
            self.assertEqual(theirs["metadata"], ours["metadata"], name)
            self.assertEqual([c["cell_type"] for c in theirs["cells"]], [c["cell_type"] for c in ours["cells"]])
            for t, o in zip(theirs["cells"], ours["cells"]):
                where = "%s cell %s" % (name, o.get("id"))
                self.assertEqual(t.get("id"), o.get("id"), where)
                ts, os_ = text(t), text(o)
                if ts != os_:
                    # the one documented difference: a stub with statements after it
                    self.assertEqual(ts, os_.replace("if (true) " + STUB_LINE, STUB_LINE), where)
                    self.assertIn(STUB_LINE, ts, where)
                    continue
                tm, om = dict(t["metadata"]), dict(o["metadata"])
                self.assertEqual(tm, om, where)

    def test_scores_per_grade_cell_match_nbgrader_autograde(self):
        self.assertTrue(self.theirs_scores, "nbgrader autograde recorded nothing:\n" + self.autograde_log[-3000:])
        for key, ours in sorted(self.ours_scores.items()):
            self.assertIn(key, self.theirs_scores, "nbgrader has no scores for %s:\n%s" % (
                key, self.autograde_log[-3000:]))
            theirs = {k: (None if v is None else float(v)) for k, v in self.theirs_scores[key].items()}
            ours = {k: (None if v is None else float(v)) for k, v in ours.items()}
            self.assertEqual(theirs, ours, "%s\nnbgrader autograde said:\n%s\n./dlkit grade said:\n%s" % (
                key, self.autograde_log[-2000:], self.grade_out[-2000:]))

    def test_every_case_is_covered(self):
        why = "\n./dlkit grade said:\n" + self.grade_out[-3000:]   # its summary lines name each lost cell's reason
        mixed = self.ours_scores[("HandDesignFilters", "mixed")]
        for grade_id in ("shapes_check", "filter_1d_check", "transpose_conv_check", "receptive_field_check",
                         "border_rows_check"):
            self.assertEqual(mixed[grade_id], 0, grade_id + why)
        self.assertGreater(sum(v or 0 for v in mixed.values()), 0, why)
        for name in NOTEBOOKS:
            solution = self.ours_scores[(name, "solution")]
            self.assertTrue(all(v is None or v > 0 for v in solution.values()), "%s %s%s" % (name, solution, why))
            # some tests check what the student does not write (e.g. dropout's adam_check), so not always 0
            released = self.ours_scores[(name, "release")]
            self.assertLess(sum(v or 0 for v in released.values()), sum(v or 0 for v in solution.values()),
                            name + why)
            self.assertIn(0, released.values(), name + why)


if __name__ == "__main__":
    unittest.main()
