"""A grader stopped by a signal (Ctrl-C, a cluster cancelling its task) leaves no notebook running and no scratch
folder (which holds the restored notebooks, hidden tests included)."""
import glob
import os
import shutil
import signal
import subprocess
import tempfile
import time
import unittest

import cluster_fixtures as fx

SLOW_SQUARE = "int square(int x) {\n    try { Thread.sleep(120000); } catch (InterruptedException e) { }\n    return x * x;\n}"


def processes_mentioning(text):
    found = []
    for cmdline in glob.glob("/proc/[0-9]*/cmdline"):
        try:
            with open(cmdline, "rb") as f:
                if text.encode() in f.read():
                    found.append(cmdline.split("/")[2])
        except OSError:
            pass
    return found


class StoppedGraderTest(unittest.TestCase):
    def test_sigterm_stops_the_notebooks_and_removes_the_scratch_folder(self):
        tmp = tempfile.mkdtemp(prefix="dlkit-grade-stop-")
        self.addCleanup(shutil.rmtree, tmp, True)
        source, released = fx.release_tiny(tmp)
        sub = fx.write_nb(os.path.join(tmp, "subs", "slow.ipynb"), fx.answered(released, square=SLOW_SQUARE))
        scratch_parent = os.path.join(tmp, "jtmp")
        os.makedirs(scratch_parent)
        argv = fx.command("grade", "--source", source, sub, "-o", os.path.join(tmp, "out"), "--timeout", "300")
        argv.insert(1, "-Djava.io.tmpdir=" + scratch_parent)
        grader = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            deadline = time.time() + 120
            scratch = []
            while time.time() < deadline and grader.poll() is None:
                scratch = glob.glob(os.path.join(scratch_parent, "dlkit-grade-*"))
                # the first cell has run: the kernel and its agent are up, the slow test cell is next
                if scratch and glob.glob(os.path.join(scratch[0], ".runs", "*", "executed.ipynb")):
                    break
                time.sleep(0.2)
            self.assertIsNone(grader.poll(), grader.stdout.read() if grader.poll() is not None else "")
            self.assertTrue(scratch, "the grader made no scratch folder in 120 s")
            self.assertTrue(processes_mentioning(scratch[0]), "no process runs the notebook")
            grader.send_signal(signal.SIGTERM)
            grader.wait(timeout=30)
        finally:
            if grader.poll() is None:
                grader.kill()
                grader.wait()
            grader.stdout.close()
        left = []
        for _ in range(50):
            left = processes_mentioning(scratch[0])
            if not left:
                break
            time.sleep(0.2)
        self.assertEqual([], left, "processes still running the stopped grader's notebook")
        self.assertFalse(os.path.exists(scratch[0]), "the scratch folder is left behind")


if __name__ == "__main__":
    unittest.main()
