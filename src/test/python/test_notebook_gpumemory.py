"""Runs notebooks/GPUMemory.ipynb through the DLKit kernel with small settings and checks what it printed and drew.

    build/venv/bin/python -m unittest src/test/python/test_notebook_gpumemory.py   (or ./dlkit test)
"""
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nbtest  # noqa: E402

NOTEBOOK = "notebooks/GPUMemory.ipynb"
# Small enough for a few minutes on 2 cores; the exact counts do not depend on them.
PARAMS = dict(cpuSubsample=32, cpuEpochs=2, cudaSubsample=64, cudaEpochs=2, trainBatchSizes="4,16", cpuThreads=1,
              logDir=str(nbtest.REPO / "build" / "test-gpumemory-logs"))


class GPUMemoryNotebook(nbtest.ExecutedNotebook, unittest.TestCase):
    NOTEBOOK = NOTEBOOK
    PARAMS = PARAMS

    def test_names_the_backend(self):
        text = self.text("backend")
        self.assertRegex(text, r"Measured on: (CPU|CUDA) \(")
        self.assertRegex(text, r"(?m)^(CPU|CUDA): ")
        self.assertIn("Settings used on", text)

    def test_unsupported_gpu_rule_is_shown(self):
        text = self.text("gpus")
        self.assertIn("CPU: NVIDIA H100 80GB HBM3 (compute capability 9.0", text)
        self.assertIn("continuing on CPU.", text)
        self.assertIn("CUDA: Tesla T4", text)

    def test_exact_parameter_counts_and_size(self):
        text = self.text("analyze")
        self.assertIn("Model parameters: 58164298", text)
        self.assertIn("Model size estimate (MB): 232.657192", text)
        self.assertIn("58315722 = 58164298 trainable + 151424 BatchNorm", text)
        sizes = self.text("model-sizes")   # the table's rows: model | trainable | numParams | BN stats | MB
        for model, trainable, mb in (("ResNet-18", 11181642, "44.726568"), ("ResNet-50", 23528522, "94.114088"),
                                     ("ResNet-152", 58164298, "232.657192")):
            self.assertRegex(sizes, r"(?m)^\s*%s\s*\|\s*%d\s*\|\s*\d+\s*\|\s*\d+\s*\|\s*%s\s*\|?\s*$"
                             % (model, trainable, re.escape(mb)))
        self.assertRegex(sizes, r"(?m)^\s*ResNet-152\s*\|\s*58164298\s*\|\s*58315722\s*\|\s*151424\s*\|")

    def test_optimizer_state_ordering(self):
        text = self.text("profile-results")
        values = dict(re.findall(r"(?m)^(SGD|SGD_WITH_MOMENTUM|ADAM): ([0-9.]+) MB$", text))
        self.assertEqual({"SGD", "SGD_WITH_MOMENTUM", "ADAM"}, set(values))
        checks = self.text("q2-check")
        for line in ("OK: SGD keeps no optimizer state (0x)", "OK: momentum keeps one fp32 value per parameter (1x)",
                     "OK: Adam keeps two fp32 values per parameter (2x)", "OK: memory held: SGD < momentum < Adam"):
            self.assertIn(line, checks)

    def test_graded_checks_pass(self):
        for gid in ("q1_check", "q2_check", "q3_check"):
            cell = next(c for c in self.nb["cells"] if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == gid)
            text = nbtest.cell_text(cell)
            self.assertIn("OK: ", text, gid)
            self.assertNotIn("FAILED", text, gid)

    def test_batch_size_runs_and_out_of_memory(self):
        text = self.text("train")
        self.assertIn("Training model with batch size 4 and lr 1.0E-4.", text)
        self.assertIn("Training model with batch size 16 and lr 4.0E-4.", text)
        self.assertEqual(4, len(re.findall(r"Epoch \[\d/2\]", text)))
        # on the CPU ResNet-18 trains on oneDNN primitives; on CUDA with DL4J's fit. Each run says which.
        paths = re.findall(r"(?m)^Training path: (.+)$", text)
        expected = ("DL4J fit (oneDNN training needs ND4J's CPU backend)" if "Measured on CUDA" in text
                    else "oneDNN primitives (dlkit.nn.onednn), DL4J's updater")
        self.assertEqual([expected] * 2, paths)
        oom = self.text("oom")
        self.assertIn("OUT OF MEMORY (predicted): batch size 1024 at 224x224", oom)
        self.assertIn("the notebook goes on", oom)
        usage = self.text("mem-usage")
        self.assertRegex(usage, r"(?m)^4\t: [0-9.]+ MB$")

    def test_log_formats(self):
        log = self.text("log")
        self.assertRegex(log, r"timestamp\s+\|\s+epoch\s+\|\s+memUsage\s+\|\s+loss\s+\|\s+accuracy\s+\|\s+walltime")

    def test_plots_present(self):
        self.assertEqual(1, len(self.images("profile-plot")))
        self.assertEqual(1, len(self.images("walltime-plot")))
        self.assertEqual(1, len(self.images("memory-plot")))


class GPUMemorySource(nbtest.InstructorSource, unittest.TestCase):
    """The committed instructor source: kernelspec, no outputs, marked solutions, locked graded cells."""
    NOTEBOOK = NOTEBOOK
    SOLUTIONS = 3
    # the cells the run's checks read, by cell id
    CELLS = ("backend", "gpus", "analyze", "model-sizes", "profile-results", "q2-check", "train", "oom", "mem-usage",
             "log", "profile-plot", "walltime-plot", "memory-plot")
    PARAMETERS = ("cpuImageSize", "cpuSubsample", "cpuEpochs", "trainBatchSizes", "seed")


if __name__ == "__main__":
    unittest.main()
