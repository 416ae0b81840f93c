#!/usr/bin/env python3
"""The numbers behind README's "Grading on a cluster" arithmetic, measured in one run on this machine:

1. one submission graded by the ordinary grader (the instructor solution of NOTEBOOK, default
   notebooks/HandDesignFilters.ipynb): wall time, CPU time (user + sys of the grader and everything it started) and
   peak resident memory of the largest process (the kernel JVM);
2. the one-node Slurm overhead per array task: a job array of TASKS tasks that do nothing ("true") on a one-node
   cluster with 2 CPUs (src/test/python/slurm_cluster.py), from sbatch to the last task gone from squeue;
3. the arithmetic for SUBMISSIONS submissions on N nodes.

  ./dlkit setup && build/venv/bin/python bench/cluster_bench.py [--notebook NB] [--tasks 40] [--submissions 500]
Needs root (it starts munged, slurmctld and slurmd; installs slurm-wlm and munge with apt-get when missing).
"""
import argparse
import math
import os
import resource
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(REPO, "src", "test", "python"))
import slurm_cluster  # noqa: E402

BUILD = os.environ.get("DLKIT_BUILD_DIR", os.path.join(REPO, "target"))


def grade_one(notebook):
    out = tempfile.mkdtemp(prefix="dlkit-cluster-bench-")
    java = os.path.join(os.environ["JAVA_HOME"], "bin", "java") if os.environ.get("JAVA_HOME") else "java"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.time()
    r = subprocess.run([java, "-cp", os.path.join(BUILD, "dlkit.jar") + ":" + os.path.join(BUILD, "lib", "*"),
                        "dlkit.tools.grade.GradeCommand", "--python", sys.executable, "--source", notebook, notebook,
                        "-o", out], capture_output=True, text=True, cwd=REPO)
    wall = time.time() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode != 0:
        sys.exit("grading failed: " + r.stdout + r.stderr)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss / 1024, r.stdout.strip().splitlines()[0]


def slurm_overhead(tasks):
    reason = slurm_cluster.ensure_installed()
    if reason:
        sys.exit("no Slurm: " + reason)
    c = slurm_cluster.OneNodeSlurm(cpus=2)
    try:
        c.start()
        script = os.path.join(c.tmp, "nothing.sh")
        with open(script, "w") as f:
            f.write("#!/bin/bash\ntrue\n")
        start = time.time()
        r = c.run("sbatch", "--parsable", "--array=0-%d" % (tasks - 1), "--cpus-per-task=1",
                  "--output=/dev/null", script)
        job = r.stdout.strip()
        submitted = time.time() - start
        while c.run("squeue", "-h", "-j", job).stdout.strip():
            time.sleep(0.2)
        return submitted, time.time() - start
    finally:
        c.stop()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--notebook", default=os.path.join(REPO, "notebooks", "HandDesignFilters.ipynb"))
    ap.add_argument("--tasks", type=int, default=40)
    ap.add_argument("--submissions", type=int, default=500)
    a = ap.parse_args()
    print("# %s, %d cores, load average %s" % (time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), os.cpu_count(),
                                              " ".join(open("/proc/loadavg").read().split()[:3])))
    wall, cpu, rss, line = grade_one(a.notebook)
    print("grade_one: %s" % line)
    print("submission_wall_s=%.1f submission_cpu_s=%.1f submission_peak_rss_mb=%.0f" % (wall, cpu, rss))
    submit, total = slurm_overhead(a.tasks)
    per_task = total * 2 / a.tasks  # two tasks run at a time on the two CPUs
    print("slurm_sbatch_s=%.2f slurm_array_%d_empty_tasks_s=%.1f slurm_overhead_per_task_s=%.2f"
          % (submit, a.tasks, total, per_task))
    n = a.submissions
    print("\n%d submissions, one submission per task (--jobs-per-task 1), 1 CPU and %d MiB each (the measured peak "
          "rounded up to a GiB, as --mem), nodes of 32 cores; wall = rounds x (CPU time per submission + Slurm "
          "overhead per task):" % (n, 1024 * math.ceil(rss / 1024)))
    print("| nodes | concurrent | rounds | measured notebook (%.0f CPU-s) | a 5-minute training notebook |" % cpu)
    print("|---|---|---|---|---|")
    for nodes in (1, 2, 4, 8, 16):
        slots = nodes * 32
        rounds = math.ceil(n / slots)
        print("| %d | %d | %d | %.1f min | %.0f min |" % (nodes, min(slots, n), rounds, rounds * (cpu + per_task) / 60,
                                                        rounds * (300 + per_task) / 60))


if __name__ == "__main__":
    main()
