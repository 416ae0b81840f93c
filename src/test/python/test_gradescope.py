"""./dlkit gradescope: the autograder zip, and its run_autograder run in an emulated Gradescope tree.

The tree is tmp/autograder bound at /autograder with bubblewrap (the rest of the file system as it is), laid out as
Gradescope lays it out (autograder_samples docs/specs.md): the zip unpacked into source/, run_autograder copied to
/autograder/run_autograder, the upload in submission/, results/ empty. setup.sh itself is not run here (apt-get and a
full build take minutes): what it leaves behind, a built DLKit in source/dlkit, is this checkout, linked there.
"""
import json
import os
import shutil
import stat
import subprocess
import tempfile
import unittest
import zipfile

import cluster_fixtures as fx


class GradescopeTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not shutil.which("bwrap"):
            raise unittest.SkipTest("bubblewrap is not installed (apt-get install -y bubblewrap)")
        cls.tmp = tempfile.mkdtemp(prefix="dlkit-gradescope-test-")
        cls.source, cls.released = fx.release_tiny(cls.tmp)
        cls.zip = os.path.join(cls.tmp, "autograder.zip")
        cls.r = fx.run_main("gradescope", cls.source, "-o", cls.zip, "--timeout", "30", "--repo", fx.REPO)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def setUp(self):
        self.assertEqual(self.r.returncode, 0, self.r.stdout + self.r.stderr)

    def autograde(self, uploads):
        """Runs the bundle's run_autograder on {file name: notebook}; returns (results.json, its stdout)."""
        root = tempfile.mkdtemp(prefix="autograder-", dir=self.tmp)
        with zipfile.ZipFile(self.zip) as z:
            z.extractall(os.path.join(root, "source"))
        shutil.rmtree(os.path.join(root, "source", "dlkit"))
        os.symlink(fx.REPO, os.path.join(root, "source", "dlkit"))  # what setup.sh builds
        shutil.copy(os.path.join(root, "source", "run_autograder"), os.path.join(root, "run_autograder"))
        os.chmod(os.path.join(root, "run_autograder"), 0o755)
        os.makedirs(os.path.join(root, "results"))
        for name, nb in uploads.items():
            fx.write_nb(os.path.join(root, "submission", name), nb)
        os.makedirs(os.path.join(root, "submission"), exist_ok=True)
        p = subprocess.run(["bwrap", "--dev-bind", "/", "/", "--bind", root, "/autograder", "--chdir", "/autograder",
                            "/autograder/run_autograder"], capture_output=True, text=True, timeout=600)
        path = os.path.join(root, "results", "results.json")
        self.assertTrue(os.path.exists(path), p.stdout + p.stderr)
        with open(path) as f:
            return json.load(f), p.stdout + p.stderr

    def by_name(self, results):
        return {t["name"]: t for t in results["tests"]}

    def test_zip_layout(self):
        with zipfile.ZipFile(self.zip) as z:
            names = z.namelist()
            modes = {i.filename: i.external_attr >> 16 for i in z.infolist()}
            setup = z.read("setup.sh").decode()
        self.assertEqual(names[:3], ["setup.sh", "run_autograder", "assignment/tiny.ipynb"])
        self.assertTrue(stat.S_ISREG(modes["run_autograder"]) and modes["run_autograder"] & 0o111)
        for f in ("dlkit/dlkit", "dlkit/pom.xml", "dlkit/mvnw", "dlkit/kernel/launch.sh", "dlkit/requirements.txt",
                  "dlkit/dlkit-tools/src/main/java/dlkit/tools/grade/GradeCommand.java", "dlkit/dlkit-lib/pom.xml",
                  "dlkit/dlkit-kernel/src/main/java/dlkit/kernel/Main.java", "dlkit/dlkit-display/pom.xml"):
            self.assertIn(f, names)
        self.assertTrue(modes["dlkit/dlkit"] & 0o111)
        self.assertFalse(any(n.startswith(("dlkit/target/", "dlkit/build/", "dlkit/src/test/")) or "/src/test/" in n
                             for n in names), names)
        self.assertEqual(subprocess.run(["bash", "-n"], input=setup, text=True).returncode, 0)
        self.assertIn("./dlkit setup", setup)

    def test_solution_scores_full_marks(self):
        res, log = self.autograde({"tiny.ipynb": fx.answered(self.released)})
        t = self.by_name(res)
        self.assertEqual(res["score"], 4.0, log)
        self.assertEqual(list(t), ["square_check", "mean_check", "total_check"])  # explain is graded by hand
        self.assertEqual([(x["score"], x["max_score"], x["status"]) for x in t.values()],
                         [(2.0, 2.0, "passed"), (1.0, 1.0, "passed"), (1.0, 1.0, "passed")])
        # cells with hidden tests are shown after publishing; the visible one has Gradescope's default
        self.assertEqual(t["square_check"]["visibility"], "after_published")
        self.assertEqual(t["total_check"]["visibility"], "after_published")
        self.assertNotIn("visibility", t["mean_check"])
        self.assertIn("Graded by hand: explain (1 point).", res["output"])
        self.assertTrue(all(isinstance(x["output"], str) and x["output"] for x in t.values()))

    def test_released_notebook_scores_zero(self):
        res, log = self.autograde({"tiny.ipynb": self.released})
        self.assertEqual(res["score"], 0.0, log)
        self.assertEqual([x["score"] for x in res["tests"]], [0.0, 0.0, 0.0])
        self.assertTrue(all(x["status"] == "failed" for x in res["tests"]))

    def test_partly_right_submission(self):
        # wrong square (2 points lost), a total that passes the visible test and fails the hidden one
        nb = fx.answered(self.released, square=fx.WRONG["square"], total=fx.WRONG["total"])
        res, log = self.autograde({"my-homework.ipynb": nb})  # any name, when it is the only notebook
        t = self.by_name(res)
        self.assertEqual(res["score"], 1.0, log)
        self.assertEqual((t["square_check"]["score"], t["mean_check"]["score"], t["total_check"]["score"]),
                         (0.0, 1.0, 0.0))
        self.assertIn("square", t["square_check"]["output"])

    def test_no_notebook_uploaded(self):
        res, _ = self.autograde({})
        self.assertEqual(res["score"], 0.0)
        self.assertIn("No notebook (.ipynb) was found", res["output"])
        self.assertEqual([x["score"] for x in res["tests"]], [0.0, 0.0, 0.0])

    def test_not_a_source_is_refused(self):
        r = fx.run_main("gradescope", os.path.join(self.tmp, "release", "tiny.ipynb"), "-o",
                        os.path.join(self.tmp, "x.zip"), "--repo", fx.REPO)
        self.assertEqual(r.returncode, 2)
        self.assertIn("this looks like a student version", r.stderr)
        self.assertEqual(len(r.stderr.strip().splitlines()), 1)
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "x.zip")))


if __name__ == "__main__":
    unittest.main()
