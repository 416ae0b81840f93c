"""Executes notebooks/EdgeDetection.ipynb at small settings and checks what must hold there.

    build/venv/bin/python -m unittest src/test/python/test_notebook_edgedetection.py   (or ./dlkit test)

Small settings: one training-set size (30 images per class), full-length Q1 and Q3 (their thresholds are
asserted), a few epochs for everything else (Q4-Q7 only have to run and draw their figures).
"""
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nbtest  # noqa: E402

NOTEBOOK = "notebooks/EdgeDetection.ipynb"
SMALL = dict(
    imagesPerClass="30",
    validPerClass=50,
    q1Epochs=500,
    q2Epochs=3,
    q3Epochs=100,
    q4Epochs=2,
    q5Epochs=2,
    q6Epochs=2,
    q7Epochs=2,
    q7ImagesPerClass=10,
)


class EdgeDetectionNotebookTest(nbtest.ExecutedNotebook, unittest.TestCase):
    NOTEBOOK = NOTEBOOK
    PARAMS = SMALL

    @classmethod
    def setUpClass(cls):
        # The kernel inherits it: one BLAS thread on shared cores, as test_browser also runs this notebook.
        os.environ.setdefault("OMP_NUM_THREADS", "1")
        super().setUpClass()

    def test_parameter_counts_are_printed(self):
        text = self.text("q1-train")
        self.assertIn("CNN Model has 606 parameters", text)
        self.assertIn("MLP Model has 39793 parameters", text)

    def test_q1_both_networks_fit_the_small_set(self):
        self.assertIn("CNN Acc: 100.0, MLP Acc: 100.0", self.text("q1-train"))
        checks = self.text("q1-check")
        self.assertEqual(4, checks.count("OK:"), checks)

    def test_q3_cnn_reaches_95_percent_with_30_images_per_class(self):
        text = self.text("q3-check")
        m = re.search(r"OK: Q3: CNN reaches ([0-9.]+) %", text)
        self.assertIsNotNone(m, text)
        self.assertGreaterEqual(float(m.group(1)), 95.0)

    def test_frozen_kernels_check_passes(self):
        self.assertIn("OK: frozen edge-detector kernels do not change during training",
                      self.text("q2-edge-check"))

    def test_figures_are_png(self):
        def pngs(cell):
            return len(self.images(cell))
        self.assertEqual(1, pngs("vis-data"))         # 3x10 grid
        self.assertEqual(1, pngs("q1-kernels"))       # kernel tiles
        self.assertEqual(1, pngs("q2-plot"))          # CNN vs MLP
        self.assertEqual(2, pngs("q2-edge-plot"))     # random vs edge + tiles
        self.assertEqual(2, pngs("q3-train"))         # training + validation curves
        self.assertEqual(1, pngs("q4-confusion"))     # confusion matrices
        self.assertEqual(2, pngs("q5-visual"))        # before / after permutation
        self.assertEqual(1, pngs("q6-visual"))        # 5x10 grid
        self.assertGreaterEqual(pngs("q6-avg"), 1)    # max vs avg pooling
        self.assertEqual(1, pngs("q7"))               # Q7 curves

    def test_q7_prints_parameter_counts(self):
        self.assertIn("WiderCNN has 2105 parameters, DeeperCNN has 1502", self.text("q7"))


class EdgeDetectionSource(nbtest.InstructorSource, unittest.TestCase):
    NOTEBOOK = NOTEBOOK
    SOLUTIONS = 8
    # the cells the run's checks read, by cell id
    CELLS = ("q1-train", "q1-check", "q3-check", "q2-edge-check", "q7", "vis-data", "q1-kernels", "q2-plot",
             "q2-edge-plot", "q3-train", "q4-confusion", "q5-visual", "q6-visual", "q6-avg")
    PARAMETERS = ("seed", "cpuThreads", "imagesPerClass", "validPerClass", "q1Epochs", "q2Epochs", "q3Epochs",
                  "q4Epochs", "q5Epochs", "q6Epochs", "q7Epochs", "q7ImagesPerClass")


if __name__ == "__main__":
    unittest.main()
