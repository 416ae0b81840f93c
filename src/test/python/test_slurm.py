"""./dlkit grade --slurm against a real one-node Slurm cluster (Debian's slurm-wlm and munge, started here by
slurm_cluster.OneNodeSlurm with two CPUs): 6 submissions of the tiny assignment in 3 array tasks, one of them killed
while it runs (scancel) and retried; the merged grades.json/grades.csv/feedback must equal one local ./dlkit grade
run over the same files, byte for byte but for the wall times. Then the resumable paths: a second run submits
nothing, a changed submission re-grades only its shard (--no-wait, then --collect).
"""
import json
import os
import shutil
import subprocess
import tempfile
import time
import unittest

import cluster_fixtures as fx
import slurm_cluster

CELL_TIMEOUT = "30"


class SlurmGradingTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        reason = slurm_cluster.ensure_installed()
        if reason:
            raise unittest.SkipTest(reason)
        cls.tmp = tempfile.mkdtemp(prefix="dlkit-slurm-test-")
        cls.cluster = slurm_cluster.OneNodeSlurm(cpus=2, partition="grade")
        try:
            cls.cluster.start()
            cls._grade()
        except BaseException:
            cls.left = cls.cluster.stop()
            raise

    @classmethod
    def _grade(cls):
        cls.source, released = fx.release_tiny(cls.tmp)
        d = os.path.join(cls.tmp, "submitted")
        subs = [
            ("ref", fx.answered(released)),
            ("released", released),
            ("wrong_square", fx.answered(released, square=fx.WRONG["square"])),
            ("wrong_mean", fx.answered(released, mean=fx.WRONG["mean"])),
            # the same file name twice: the grader names them by path, so they must share a shard
            (os.path.join("a", "same"), fx.answered(released, square=fx.WRONG["square"])),
            (os.path.join("b", "same"), fx.answered(released)),
        ]
        cls.paths = [fx.write_nb(os.path.join(d, name + ".ipynb"), nb) for name, nb in subs]
        cls.released = released
        env = cls.cluster.env()
        # The local grader over the same files, at the same time (the Slurm tasks run on this machine too).
        local = subprocess.Popen(fx.command("grade", "--timeout", CELL_TIMEOUT, "--source", cls.source, *cls.paths,
                                            "-o", os.path.join(cls.tmp, "local")),
                                 cwd=fx.REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        cls.out = os.path.join(cls.tmp, "slurm")
        start = time.time()
        p = subprocess.Popen(fx.command("cluster", "--slurm", "--partition", "grade", "--jobs-per-task", "2",
                                        "--poll", "1", "--mem", "2048", "--timeout", CELL_TIMEOUT,
                                        "--source", cls.source, *cls.paths, "-o", cls.out),
                             cwd=fx.REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        # Kill one task while it runs: a task that dies must be retried once, not dropped.
        cls.cancelled = None
        deadline = time.time() + 120
        while cls.cancelled is None and time.time() < deadline and p.poll() is None:
            q = cls.cluster.run("squeue", "-h", "-r", "-o", "%i|%T").stdout.split()
            running = [line.split("|")[0] for line in q if line.endswith("|RUNNING")]
            if running:
                cls.cancelled = running[-1]
                cls.cluster.run("scancel", cls.cancelled)
            time.sleep(0.1)
        out, _ = p.communicate(timeout=600)
        cls.slurm_seconds = time.time() - start
        local_out, _ = local.communicate(timeout=600)
        cls.local_seconds = time.time() - start
        if local.returncode != 0:
            raise AssertionError("local grading failed: " + local_out)
        cls.result = (p.returncode, out)
        print("\nlocal grader: %.0f s; --slurm: %.0f s (cancelled task %s)\n%s" % (
            cls.local_seconds, cls.slurm_seconds, cls.cancelled, out))

    @classmethod
    def tearDownClass(cls):
        if not hasattr(cls, "left"):
            cls.left = cls.cluster.stop()
        shutil.rmtree(cls.tmp, ignore_errors=True)
        if cls.left:
            raise AssertionError("processes left after stopping Slurm: %s" % cls.left)

    def load(self, out, name="grades.json"):
        with open(os.path.join(out, name)) as f:
            return json.load(f) if name.endswith(".json") else f.read()

    def test_1_slurm_run_succeeded_with_one_array(self):
        rc, out = self.result
        self.assertEqual(rc, 0, out)
        self.assertEqual(out.count("submitted Slurm job array"), 2, out)  # the array, then the retry
        self.assertIn("(3 tasks, 6 submissions, array 0-2)", out)
        self.assertRegex(out, r"job \d+: 2 done, 0 running, 0 pending, 1 failed")
        self.assertRegex(out, r"job \d+: 1 done, 0 running, 0 pending, 0 failed")

    def test_2_killed_task_is_reported_and_retried_once(self):
        rc, out = self.result
        self.assertIsNotNone(self.cancelled, "no task was seen RUNNING to cancel")
        index = self.cancelled.split("_")[1]
        self.assertRegex(out, r"shard-00%s \(task %s, .*\): ended CANCELLED; retrying it once" % (index, self.cancelled))
        self.assertIn("(1 task, 2 submissions, array %s) to retry the tasks that died" % index, out)

    def test_3_merged_report_equals_the_local_graders(self):
        local, merged = self.load(os.path.join(self.tmp, "local")), self.load(self.out)
        self.assertEqual(fx.without_seconds(merged), fx.without_seconds(local))
        self.assertEqual([s["student"] for s in merged["submissions"]],
                         ["ref", "released", "wrong_square", "wrong_mean"] + [s["student"] for s in local["submissions"]][4:])
        scores = {s["student"]: s["score"] for s in merged["submissions"]}
        self.assertEqual((scores["ref"], scores["released"], scores["wrong_square"], scores["wrong_mean"]),
                         (4.0, 0.0, 2.0, 3.0))
        # the file-name clash was seen across the whole class: both named by their path, as locally
        self.assertTrue(all("same" in s["student"] and s["student"] != "same" for s in merged["submissions"][4:]))

    def test_4_csv_and_feedback_equal_the_local_graders(self):
        local, merged = os.path.join(self.tmp, "local"), self.out
        self.assertEqual(self.load(merged, "grades.csv"), self.load(local, "grades.csv"))
        names = sorted(os.listdir(os.path.join(local, "feedback")))
        self.assertEqual(sorted(os.listdir(os.path.join(merged, "feedback"))), names)
        self.assertEqual(len(names), 12)
        for n in names:
            if n.endswith(".html"):
                self.assertEqual(self.load(merged, os.path.join("feedback", n)),
                                 self.load(local, os.path.join("feedback", n)), n)

    def test_5_rerun_grades_only_what_changed(self):
        args = ["--slurm", "--partition", "grade", "--jobs-per-task", "2", "--poll", "1", "--mem", "2048",
                "--timeout", CELL_TIMEOUT, "--source", self.source, *self.paths, "-o", self.out]
        again = fx.run_main("cluster", *args, env=self.cluster.env())
        self.assertEqual(again.returncode, 0, again.stdout + again.stderr)
        self.assertIn("3 of 3 shards already graded", again.stdout)
        self.assertNotIn("submitted Slurm job array", again.stdout)

        fx.write_nb(self.paths[3], fx.answered(self.released))  # wrong_mean fixed: shard 1 changes
        r = fx.run_main("cluster", *args, "--no-wait", env=self.cluster.env())
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("2 of 3 shards already graded", r.stdout)
        self.assertIn("(1 task, 2 submissions, array 1)", r.stdout)
        job = r.stdout.split("submitted Slurm job array ")[1].split()[0]
        busy = fx.run_main("cluster", *args, env=self.cluster.env())  # while it runs: refused, not doubled
        self.assertEqual(busy.returncode, 2, busy.stdout + busy.stderr)
        self.assertIn("Slurm job %s" % job, busy.stderr)
        deadline = time.time() + 180
        while time.time() < deadline and self.cluster.run("squeue", "-h", "-j", job).stdout.strip():
            time.sleep(1)
        c = fx.run_main("cluster", "--collect", self.out, env=self.cluster.env())
        self.assertEqual(c.returncode, 0, c.stdout + c.stderr)
        self.assertIn("wrong_mean: 4/5", c.stdout)
        scores = {s["student"]: s["score"] for s in self.load(self.out)["submissions"]}
        self.assertEqual((scores["wrong_mean"], scores["wrong_square"]), (4.0, 2.0))

    def test_6_bad_input_is_one_line_before_anything_is_submitted(self):
        r = fx.run_main("cluster", "--slurm", "--source", self.source, self.paths[0], self.paths[0], "-o",
                        os.path.join(self.tmp, "bad"), env=self.cluster.env())
        self.assertEqual(r.returncode, 2)
        self.assertEqual(r.stderr.strip(), "dlkit grade: %s: given twice" % self.paths[0])
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "bad")))


if __name__ == "__main__":
    unittest.main()
