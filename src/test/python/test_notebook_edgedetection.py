"""Executes notebooks/EdgeDetection.ipynb at small settings and checks what must hold there.

Small settings: one training-set size (30 images per class), full-length Q1 and Q3 (their thresholds are
asserted), a few epochs for everything else (Q4-Q7 only have to run and draw their figures).
"""
import os
import re
import unittest

import nbtest

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


class EdgeDetectionNotebookTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        os.environ.setdefault("OMP_NUM_THREADS", "1")
        cls.nb = nbtest.execute("notebooks/EdgeDetection.ipynb", **SMALL)

    def test_runs_without_errors_or_stderr(self):
        self.assertEqual([], nbtest.error_outputs(self.nb))
        self.assertEqual([], nbtest.stderr_outputs(self.nb))

    def test_parameter_counts_are_printed(self):
        text = nbtest.cell_text(nbtest.find_cell(self.nb, "CNN Model has"))
        self.assertIn("CNN Model has 606 parameters", text)
        self.assertIn("MLP Model has 39793 parameters", text)

    def test_q1_both_networks_fit_the_small_set(self):
        text = nbtest.cell_text(nbtest.find_cell(self.nb, "CNN Acc"))
        self.assertIn("CNN Acc: 100.0, MLP Acc: 100.0", text)
        checks = nbtest.cell_text(nbtest.find_cell(self.nb, "Q1: the CNN fits"))
        self.assertEqual(4, checks.count("OK:"), checks)

    def test_q3_cnn_reaches_95_percent_with_30_images_per_class(self):
        text = nbtest.cell_text(nbtest.find_cell(self.nb, "Q3: CNN reaches"))
        m = re.search(r"OK: Q3: CNN reaches ([0-9.]+) %", text)
        self.assertIsNotNone(m, text)
        self.assertGreaterEqual(float(m.group(1)), 95.0)

    def test_frozen_kernels_check_passes(self):
        text = nbtest.cell_text(nbtest.find_cell(self.nb, "frozen edge-detector kernels do not change"))
        self.assertIn("OK: frozen edge-detector kernels do not change during training", text)

    def test_figures_are_png(self):
        def pngs(substring):
            cell = nbtest.find_cell(self.nb, substring)
            return sum(1 for o in cell.get("outputs", []) if "image/png" in o.get("data", {}))
        self.assertEqual(1, pngs("EdgePlots.dataset(visualizeDataset, 10)"))     # 3x10 grid
        self.assertEqual(1, pngs('"Trained kernels"'))                           # kernel tiles
        self.assertEqual(1, pngs('"Q2: validation accuracy"'))                   # CNN vs MLP
        self.assertEqual(2, pngs('"Random vs edge-detector init"'))              # random vs edge + tiles
        self.assertEqual(2, pngs("cnnQ3.put(n"))                                 # training + validation curves
        self.assertEqual(1, pngs('"CNN-" + n + "-images"'))                      # confusion matrices
        self.assertEqual(2, pngs("display(EdgePlots.unpermutedDataset"))         # before / after permutation
        self.assertEqual(1, pngs("EdgePlots.dataset(visualFive, 10)"))           # 5x10 grid
        self.assertGreaterEqual(pngs("CNN-avgpool, n="), 1)                      # max vs avg pooling
        self.assertEqual(1, pngs('"DeeperCNN"'))                                 # Q7 curves

    def test_q7_prints_parameter_counts(self):
        text = nbtest.cell_text(nbtest.find_cell(self.nb, "WiderCNN has"))
        self.assertIn("WiderCNN has 2105 parameters, DeeperCNN has 1502", text)


if __name__ == "__main__":
    unittest.main()
