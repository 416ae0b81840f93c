"""./dlkit grade --k8s-manifest: the Indexed Job it writes, validated offline, and its pod command run here.

kubectl cannot validate without an API server (kubectl create --dry-run=client -f fails with "failed to download
openapi"; with --validate=false it cannot map the kind), so the manifest is checked against the published Kubernetes
JSON schemas in their strict variant (unknown fields are errors) by the PyPI package kubernetes-validate, which
the test installs into build/test-tools/ when it is missing. Then the fields that a schema cannot check, and finally
the pod's own command, run with JOB_COMPLETION_INDEX set in the course folder as the pod would see it.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import cluster_fixtures as fx

TOOLS = os.path.join(fx.REPO, "build", "test-tools", "kubernetes-validate")
K8S_VERSION = "1.33.0"  # backoffLimitPerIndex and podFailurePolicy are GA from 1.33


def kubernetes_validate():
    """The kubernetes_validate module, installed into build/test-tools on first use; or (None, why)."""
    if TOOLS not in sys.path:
        sys.path.insert(0, TOOLS)
    try:
        import kubernetes_validate
        return kubernetes_validate, None
    except ImportError:
        pass
    # --no-deps: jsonschema, referencing, PyYAML and packaging come with Jupyter in build/venv
    r = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--disable-pip-version-check", "--no-deps",
                        "--target", TOOLS, "kubernetes-validate==1.37.0", "importlib-resources==7.1.0"],
                       capture_output=True, text=True, timeout=600)
    if r.returncode != 0:
        return None, "pip could not install kubernetes-validate: " + (r.stderr or r.stdout).strip()[-300:]
    import importlib
    importlib.invalidate_caches()
    import kubernetes_validate
    return kubernetes_validate, None


class K8sManifestTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        import yaml
        cls.yaml = yaml
        cls.tmp = tempfile.mkdtemp(prefix="dlkit-k8s-test-")
        # The course folder as the volume claim holds it; paths are given relative to it.
        cls.course = os.path.join(cls.tmp, "course")
        source, released = fx.release_tiny(cls.course)
        cls.source = os.path.relpath(source, cls.course)
        cls.subs = [os.path.relpath(fx.write_nb(os.path.join(cls.course, "submitted", n + ".ipynb"), nb), cls.course)
                    for n, nb in [("ref", fx.answered(released)), ("released", released),
                                  ("wrong_square", fx.answered(released, square=fx.WRONG["square"])),
                                  ("wrong_mean", fx.answered(released, mean=fx.WRONG["mean"])),
                                  ("late", fx.answered(released, total=fx.WRONG["total"]))]]
        cls.r = fx.run_main("cluster", "--k8s-manifest", "--image", "registry.example.edu/course/dlkit:2026",
                            "--claim", "course-data", "--parallelism", "2", "--jobs-per-task", "2", "--mem", "3072",
                            "--dlkit-home", fx.REPO, "--timeout", "30", "--wall", "600",
                            "--source", cls.source, *cls.subs, "-o", "out", cwd=cls.course)
        cls.path = os.path.join(cls.course, "out", "cluster", "job.yaml")
        cls.job = None
        if cls.r.returncode == 0:
            with open(cls.path) as f:
                cls.job = yaml.safe_load(f)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def setUp(self):
        self.assertEqual(self.r.returncode, 0, self.r.stdout + self.r.stderr)

    def test_valid_against_the_strict_kubernetes_schema(self):
        kv, why = kubernetes_validate()
        if kv is None:
            self.skipTest(why)
        kv.validate(self.job, K8S_VERSION, strict=True)
        # the check can fail: a misspelt field and a wrong type are caught
        bad = json.loads(json.dumps(self.job))
        bad["spec"]["completionMod"] = bad["spec"].pop("completionMode")
        with self.assertRaises(kv.ValidationError):
            kv.validate(bad, K8S_VERSION, strict=True)
        bad = json.loads(json.dumps(self.job))
        bad["spec"]["completions"] = "three"
        with self.assertRaises(kv.ValidationError):
            kv.validate(bad, K8S_VERSION, strict=True)

    def test_indexed_job_over_the_shards(self):
        spec = self.job["spec"]
        self.assertEqual(self.job["apiVersion"], "batch/v1")
        self.assertEqual(self.job["kind"], "Job")
        self.assertEqual(spec["completionMode"], "Indexed")
        shards = sorted(f for f in os.listdir(os.path.join(self.course, "out", "cluster")) if f.endswith(".txt"))
        self.assertEqual(shards, ["shard-000.txt", "shard-001.txt", "shard-002.txt"])  # 5 submissions, 2 a task
        self.assertEqual(spec["completions"], 3)
        self.assertEqual(spec["parallelism"], 2)
        self.assertEqual(spec["backoffLimitPerIndex"], 1)  # one retry per shard
        # two rounds (3 shards, 2 at a time) of 2 x 600 s walls, each index possibly tried twice, + 600 s
        self.assertEqual(spec["activeDeadlineSeconds"], 2 * 2 * 1200 + 600)
        # rules the API server enforces beyond the schema
        pod = spec["template"]["spec"]
        self.assertEqual(pod["restartPolicy"], "Never")  # needed by backoffLimitPerIndex and podFailurePolicy
        self.assertEqual(spec["podReplacementPolicy"], "Failed")  # needed by podFailurePolicy
        self.assertEqual(spec["podFailurePolicy"]["rules"][0]["onExitCodes"]["containerName"], pod["containers"][0]["name"])

    def test_pod_resources_volume_and_image(self):
        pod = self.job["spec"]["template"]["spec"]
        (c,) = pod["containers"]
        self.assertEqual(c["image"], "registry.example.edu/course/dlkit:2026")
        self.assertEqual(c["resources"]["requests"], {"cpu": "1", "memory": "3072Mi"})
        self.assertEqual(c["resources"]["limits"], {"cpu": "1", "memory": "3072Mi"})
        env = {e["name"]: e for e in c["env"]}
        self.assertEqual(env["MEM_LIMIT"]["valueFrom"]["resourceFieldRef"]["resource"], "limits.memory")
        self.assertEqual(pod["volumes"], [{"name": "course", "persistentVolumeClaim": {"claimName": "course-data"}}])
        self.assertEqual(c["volumeMounts"], [{"name": "course", "mountPath": "/course"}])
        self.assertEqual(c["workingDir"], "/course")
        self.assertIn("$JOB_COMPLETION_INDEX", c["command"][2])

    def test_pod_command_grades_its_shard_and_collect_reports_the_rest(self):
        """Index 2 (one submission) run as the pod runs it, in the course folder; --collect then merges it and lists
        the four submissions of the shards that have not run as failed, not dropped."""
        c = self.job["spec"]["template"]["spec"]["containers"][0]
        env = dict(os.environ, JOB_COMPLETION_INDEX="2")
        r = subprocess.run(c["command"], cwd=self.course, env=env, capture_output=True, text=True, timeout=600)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("dlkit: shard 002 on", r.stdout)
        again = subprocess.run(c["command"], cwd=self.course, env=env, capture_output=True, text=True, timeout=60)
        self.assertIn("dlkit: shard 002 already graded", again.stdout)  # a pod re-run does not grade again
        m = fx.run_main("cluster", "--collect", "out", cwd=self.course)
        self.assertEqual(m.returncode, 3, m.stdout + m.stderr)
        self.assertIn("5 submissions (1 graded, 4 failed, 0 refused)", m.stdout)
        with open(os.path.join(self.course, "out", "grades.json")) as f:
            report = json.load(f)
        by = {s["student"]: s for s in report["submissions"]}
        self.assertEqual([s["student"] for s in report["submissions"]],
                         ["ref", "released", "wrong_square", "wrong_mean", "late"])
        self.assertEqual((by["late"]["status"], by["late"]["score"]), ("graded", 3.0))
        self.assertEqual(by["ref"]["status"], "failed")
        self.assertIn("no report from shard-000", by["ref"]["error"])
        with open(os.path.join(self.course, "out", "grades.csv")) as f:
            rows = f.read().splitlines()
        self.assertEqual(len(rows), 6)
        self.assertEqual(rows[1], "ref,submitted/ref.ipynb,failed,0,0,,,,,,")
        self.assertEqual(len(rows[1].split(",")), len(rows[0].split(",")))

    def test_absolute_paths_are_refused(self):
        r = fx.run_main("cluster", "--k8s-manifest", "--image", "x", "--claim", "y", "--source",
                        os.path.join(self.course, self.source), self.subs[0], "-o", "out2", cwd=self.course)
        self.assertEqual(r.returncode, 2)
        self.assertIn("give paths relative to the course folder", r.stderr)
        self.assertEqual(len(r.stderr.strip().splitlines()), 1)


if __name__ == "__main__":
    unittest.main()
