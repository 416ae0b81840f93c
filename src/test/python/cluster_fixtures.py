"""Shared by test_slurm, test_k8s and test_gradescope: the DLKit mains run the way ./dlkit runs them after its
setup step, and submissions of the tiny assignment (dlkit-tools/src/test/resources/grade/tiny.ipynb) made here."""
import copy
import json
import os
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
TINY = os.path.join(REPO, "dlkit-tools", "src", "test", "resources", "grade", "tiny.ipynb")
BUILD = os.environ.get("DLKIT_BUILD_DIR", os.path.join(REPO, "target"))
JAVA = os.path.join(os.environ["JAVA_HOME"], "bin", "java") if os.environ.get("JAVA_HOME") else "java"
MAINS = {"grade": ["dlkit.tools.Tools", "grade", "--python", sys.executable],
         "release": ["dlkit.tools.Tools", "release"],
         "cluster": ["dlkit.tools.Tools", "grade", "--python", sys.executable],
         "gradescope": ["dlkit.tools.Tools", "gradescope"]}

ANSWERS = {
    "square": "int square(int x) {\n    return x * x;\n}",
    "mean": "double mean;\nmean = Arrays.stream(data).average().getAsDouble();",
    "total": "long total(int n) {\n    long sum = 0;\n    for (int i = 1; i <= n; i++) sum += i;\n    return sum;\n}",
    "explain": "An int overflows past 2^31 - 1; the sums get large.",
}
WRONG = {
    "square": "int square(int x) {\n    return x + x;\n}",
    "mean": "double mean;\nmean = 2.5;",
    "total": "long total(int n) {\n    return n == 4 ? 10 : 0;\n}",  # passes the visible test only
}


def command(name, *args):
    cp = os.path.join(BUILD, "dlkit.jar") + ":" + os.path.join(BUILD, "lib", "*")
    # what ./dlkit hands over (dlkit.tools.Checkout): the checkout, the build and the java
    props = ["-Ddlkit.home=" + REPO, "-Ddlkit.build=" + BUILD, "-Ddlkit.java=" + JAVA]
    return [JAVA, "-cp", cp, *props, *MAINS[name], *args]


def run_main(name, *args, env=None, timeout=600, cwd=REPO):
    return subprocess.run(command(name, *args), cwd=cwd, capture_output=True, text=True, env=env, timeout=timeout)


def gid(cell):
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def answered(released, **overrides):
    """The released notebook with every answer right, except those given (grade_id=source)."""
    nb = copy.deepcopy(released)
    for key, text in {**ANSWERS, **overrides}.items():
        next(c for c in nb["cells"] if gid(c) == key)["source"] = text
    return nb


def release_tiny(tmp):
    """(source path, released notebook) in tmp."""
    src_dir = os.path.join(tmp, "source")
    os.makedirs(src_dir, exist_ok=True)
    source = os.path.join(src_dir, "tiny.ipynb")
    with open(TINY) as f, open(source, "w") as g:
        g.write(f.read())
    r = run_main("release", source, "-o", os.path.join(tmp, "release"))
    if r.returncode != 0:
        raise AssertionError("release failed: " + r.stdout + r.stderr)
    with open(os.path.join(tmp, "release", "tiny.ipynb")) as f:
        return source, json.load(f)


def write_nb(path, nb):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(nb, f, indent=1)
    return path


def without_seconds(report):
    """grades.json with the measured fields, wall time and peak memory (the only ones two gradings of the same files
    may differ in), taken out."""
    r = copy.deepcopy(report)
    for s in r["submissions"]:
        s.pop("seconds", None)
        s.pop("peak_memory_mb", None)
    return r
