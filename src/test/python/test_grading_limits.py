"""Each resource limit of the grading sandbox, hit for real by one submission of the tiny assignment
(dlkit-tools/src/test/resources/grade/tiny.ipynb): the Java heap and ND4J's off-heap memory (one --memory budget), the size of
a written file, open files, and processes/threads. Each runaway sits in the student's `total` method, so only
`total_check` (the graded cell that calls it) is affected: it scores 0 and says in one line which limit it hit,
while `square_check` and `mean_check` keep their points. The wall and per-cell time limits are tested in
test_grading.py.
"""
import copy
import json
import os
import shutil
import subprocess
import tempfile
import unittest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
TINY = os.path.join(REPO, "dlkit-tools", "src", "test", "resources", "grade", "tiny.ipynb")

SQUARE = "int square(int x) {\n    return x * x;\n}"
MEAN = "double mean;\nmean = Arrays.stream(data).average().getAsDouble();"


def total_doing(statements):
    """A correct `total` that first runs STATEMENTS (the runaway)."""
    return ("long total(int n) {\n    try {\n" + statements + "\n    } catch (Exception e) {\n"
            "        throw new RuntimeException(e);\n    }\n    long sum = 0;\n"
            "    for (int i = 1; i <= n; i++) sum += i;\n    return sum;\n}")


RUNAWAYS = {
    # 128 MB at a time until the heap (70 % of --memory) is gone
    "heap": total_doing("        List<long[]> hog = new ArrayList<>();\n"
                        "        for (int i = 0; i < 1000; i++) hog.add(new long[1 << 24]);"),
    # a 1 GB array: past the budget's physical-memory check (JavaCPP's maxphysicalbytes, 90 % of --memory)
    "offheap": total_doing("        Nd4j.create(DataType.FLOAT, 1L << 28).assign(1f);"),
    # 8 GB written: killed at the sandbox's hard memory cap (root with cgroups) before the machine feels it
    "runaway": total_doing("        Nd4j.create(DataType.FLOAT, 1L << 31).assign(1f);"),
    # 600 MB into one file, beyond the 512 MB file-size limit
    "file_size": total_doing("        byte[] mb = new byte[1 << 20];\n"
                             "        try (var out = Files.newOutputStream(Path.of(\"big.bin\"))) {\n"
                             "            for (int i = 0; i < 600; i++) out.write(mb);\n        }"),
    # more open files than the 4096 allowed
    "open_files": total_doing("        List<java.io.InputStream> open = new ArrayList<>();\n"
                              "        Files.writeString(Path.of(\"f.txt\"), \"x\");\n"
                              "        for (int i = 0; i < 10000; i++) open.add(Files.newInputStream(Path.of(\"f.txt\")));"),
    # thousands of sleeping threads, beyond the sandbox's process/thread cap
    "threads": total_doing("        for (int i = 0; i < 3000; i++) {\n"
                           "            Thread t = new Thread(() -> { try { Thread.sleep(20000); }"
                           " catch (InterruptedException e) { } });\n"
                           "            t.setDaemon(true);\n            t.start();\n        }"),
}

EXPECTED_REASON = {
    "heap": "Java heap",
    "offheap": "off-heap memory",
    "file_size": "File too large",
    "open_files": "Too many open files",
    "threads": "out of threads",
}


def memory_cgroup():
    """Whether this (root) process could make memory cgroups: what the grader's CgroupCap looks for."""
    if os.geteuid() != 0:
        return False
    with open("/proc/self/cgroup") as f:
        for line in f:
            num, ctrls, path = line.rstrip("\n").split(":", 2)
            if "memory" in ctrls.split(",") and os.access("/sys/fs/cgroup/memory" + path, os.W_OK):
                return True
            sub = "/sys/fs/cgroup" + path + "/cgroup.subtree_control"
            if num == "0" and not ctrls and os.path.exists(sub) and "memory" in open(sub).read().split():
                return True
    return False


def gid(cell):
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


class ResourceLimitsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="dlkit-grading-limits-")
        with open(TINY) as f:
            source = json.load(f)
        paths = []
        for name, total in {"control": None, **RUNAWAYS}.items():
            nb = copy.deepcopy(source)
            for c in nb["cells"]:
                if gid(c) == "square":
                    c["source"] = SQUARE
                elif gid(c) == "mean":
                    c["source"] = MEAN
                elif gid(c) == "total" and total:
                    c["source"] = total
            p = os.path.join(cls.tmp, name + ".ipynb")
            with open(p, "w") as f:
                json.dump(nb, f)
            paths.append(p)
        cls.out = os.path.join(cls.tmp, "out")
        cls.result = subprocess.run(
            [os.path.join(REPO, "dlkit"), "grade", "--source", TINY, *paths, "-o", cls.out, "--memory", "1g",
             "--timeout", "120", "--wall", "300"], cwd=REPO, capture_output=True, text=True, timeout=1200)
        print("\n" + cls.result.stdout + cls.result.stderr[-2000:])
        cls.grades = {}
        path = os.path.join(cls.out, "grades.json")
        if os.path.exists(path):
            with open(path) as f:
                cls.grades = {s["student"]: s for s in json.load(f)["submissions"]}

    @classmethod
    def tearDownClass(cls):
        if not os.environ.get("DLKIT_KEEP"):
            shutil.rmtree(cls.tmp, ignore_errors=True)

    def cells(self, student):
        self.assertIn(student, self.grades, self.result.stdout + self.result.stderr)
        return {c["grade_id"]: c for c in self.grades[student]["cells"]}

    def test_the_run_succeeds(self):
        self.assertEqual(0, self.result.returncode, self.result.stdout + self.result.stderr)
        self.assertEqual("", self.result.stderr.strip())

    def test_control_gets_full_marks(self):
        scores = {k: c["score"] for k, c in self.cells("control").items()}
        self.assertEqual({"square_check": 2, "mean_check": 1, "total_check": 1, "explain": None}, scores)

    def check_limit(self, name):
        cells = self.cells(name)
        self.assertEqual((2, 1), (cells["square_check"]["score"], cells["mean_check"]["score"]),
                         f"{name}: cells before the runaway keep their points")
        total = cells["total_check"]
        self.assertEqual(0, total["score"], f"{name}: {total}")
        self.assertIn(EXPECTED_REASON[name], total["message"], f"{name}: the reason names the limit")
        self.assertEqual(1, len(total["message"].splitlines()), "one line")

    def test_heap_memory(self):
        self.check_limit("heap")

    def test_off_heap_memory(self):
        self.check_limit("offheap")

    def test_file_size(self):
        self.check_limit("file_size")

    def test_open_files(self):
        self.check_limit("open_files")

    def test_a_runaway_is_killed_at_the_hard_memory_cap(self):
        if not memory_cgroup():
            self.skipTest("no writable memory cgroup as root: only the budget's own checks apply")
        s = self.grades["runaway"]
        scores = {c["grade_id"]: c["score"] for c in s["cells"]}
        self.assertEqual((2, 1, 0), (scores["square_check"], scores["mean_check"], scores["total_check"]))
        self.assertIn("the kernel died", " ".join(s["flags"]))
        total = next(c for c in s["cells"] if c["grade_id"] == "total_check")
        self.assertIn("KernelDied: the kernel died while this cell ran", total["message"])
        self.assertLess(s["peak_memory_mb"], 2200, "held to the cap (1.5 x 1 GB + 512 MB), not 8 GB")

    def test_processes_and_threads(self):
        if "process/thread limit is not enforced" in self.result.stdout:
            self.skipTest("root without a pids cgroup: " + self.result.stdout.split("not enforced")[0][-80:])
        self.check_limit("threads")


if __name__ == "__main__":
    unittest.main()
