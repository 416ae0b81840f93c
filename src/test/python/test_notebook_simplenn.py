"""Runs notebooks/SimpleNN.ipynb (Labs 1-2) through the DLKit kernel with small settings and checks it.

    build/venv/bin/python -m unittest src/test/python/test_notebook_simplenn.py   (or ./dlkit test)

192 training and 96 validation images, batches of 64, 2 epochs per model and 1 per sweep run: every experiment
runs end to end (the student's Swish, defined in JShell, trains inside DL4J networks), the exact checks hold
(81,792 weights, initial loss near ln 10, the decay schedule) and the tables have their rows. Accuracies at this
size are not asserted.
"""
import math
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nbtest  # noqa: E402

NOTEBOOK = "notebooks/SimpleNN.ipynb"
SMALL = dict(trainSize=192, valSize=96, epochs=2, sweepEpochs=1, batchSize=64)
EPOCH_LINE = (r"(?m)^Train Epoch: (\d) of 2 Train Loss: (\d+\.\d+), Train Accuracy: \d+\.\d+%, "
              r"Val Loss: \d+\.\d+, Val Accuracy: \d+\.\d+%$")
# The cells the checks read, by cell id: Lab 1, Lab 2, the sweeps and the bonus.
SANITY, DATA, BASELINE, INITIAL_LOSS = "cell-005", "cell-008", "cell-013", "cell-015"
DECAY, DECAYED, AUGMENTED_IMAGES, AUGMENTED = "cell-019", "cell-021", "cell-026", "cell-027"
WITH_BN, BN_FAST, WITH_SWISH = "cell-029", "cell-031", "cell-035"
LR_SWEEP, LR_PLOT, L2_SWEEP = "cell-038", "cell-040", "cell-043"
L1_L2, HISTOGRAMS, SUMMARY = "cell-047", "cell-048", "cell-052"


class SimpleNNNotebook(nbtest.ExecutedNotebook, unittest.TestCase):
    NOTEBOOK = NOTEBOOK
    PARAMS = SMALL

    def epochs_of(self, cell, runs=1):
        found = re.findall(EPOCH_LINE, self.text(cell))
        self.assertEqual(2 * runs, len(found), self.text(cell))
        for _, loss in found:
            self.assertTrue(math.isfinite(float(loss)))
        return found

    def test_every_graded_check_passes(self):
        graded = [c for c in self.nb["cells"] if c["cell_type"] == "code"
                  and c.get("metadata", {}).get("nbgrader", {}).get("grade")]
        self.assertEqual(9, len(graded))
        for cell in graded:
            text = nbtest.cell_text(cell)
            self.assertIn("OK: ", text, "".join(cell["source"]))
            self.assertNotIn("FAILED", text)

    def test_sanity_check_shape_and_81792_weights(self):
        text = self.text(SANITY)
        self.assertIn("output shape: [5, 10]", text)
        self.assertIn("weights: 81792", text)
        for row in (r"CONV1\s*\|\s*\(8, 3, 5, 5\)\s*\|\s*600", r"CONV2\s*\|\s*\(16, 8, 3, 3\)\s*\|\s*1152",
                    r"FC1\s*\|\s*\(120, 576\)\s*\|\s*69120", r"FC2\s*\|\s*\(84, 120\)\s*\|\s*10080",
                    r"FC3\s*\|\s*\(10, 84\)\s*\|\s*840", r"Total\s*\|\s*\|\s*81792"):
            self.assertRegex(text, row)

    def test_says_which_data_it_uses(self):
        text = self.text(DATA)
        self.assertRegex(text, r"^Data: ")
        self.assertTrue("CIFAR-10 from" in text or "Using Fashion-MNIST instead" in text, text)
        self.assertIn("192 training / 96 test images", text)

    def test_initial_loss_is_near_ln10(self):
        m = re.search(r"initial loss (\d+\.\d+), ln 10 = 2\.3026, first training step: (\d+\.\d+)",
                      self.text(INITIAL_LOSS))
        self.assertIsNotNone(m)
        self.assertAlmostEqual(math.log(10), float(m.group(1)), delta=0.1)
        self.assertAlmostEqual(math.log(10), float(m.group(2)), delta=0.1)

    def test_lab1_runs_with_training_and_validation_accuracy(self):
        self.epochs_of(BASELINE)
        self.assertEqual(1, len(self.images(BASELINE)))
        self.assertIn("learning rates: 0.01000, 0.01000, 0.009000, 0.009000, 0.008100, 0.008100",
                      self.text(DECAY))
        self.epochs_of(DECAYED)

    def test_lab2_augmentation_batch_norm_and_swish(self):
        grid = self.images(AUGMENTED_IMAGES)
        self.assertEqual(1, len(grid))
        self.assertIn("2x6 (12 panels)", "".join(grid[0]["data"]["text/plain"]))
        self.epochs_of(AUGMENTED)
        self.epochs_of(WITH_BN)
        self.epochs_of(BN_FAST, runs=2)
        self.assertRegex(self.text(BN_FAST), r"lr 0\.1: best validation accuracy \d+\.\d+ % with batch "
                                                         r"norm, \d+\.\d+ % without")
        # The student's Swish is JShell code; it must train inside a DL4J network.
        self.epochs_of(WITH_SWISH)

    def test_sweeps_have_one_row_per_value(self):
        lr = re.findall(r"(?m)^learning rate = ([0-9.E-]+): best validation accuracy \d+\.\d+ %$",
                        self.text(LR_SWEEP))
        self.assertEqual(["1.0", "0.1", "0.05", "0.02", "0.01", "0.005", "0.002", "0.001"], lr)
        self.assertEqual(1, len(self.images(LR_PLOT)))
        l2 = re.findall(r"(?m)^L2 strength = ([0-9.E-]+): best validation accuracy \d+\.\d+ %$",
                        self.text(L2_SWEEP))
        self.assertEqual(["0.01", "0.001", "1.0E-4", "1.0E-5", "0.0"], l2)

    def test_l1_l2_histograms_per_layer(self):
        self.epochs_of(L1_L2, runs=2)
        cell = HISTOGRAMS
        figure = self.images(cell)
        self.assertEqual(1, len(figure))
        self.assertIn("3x2 (5 panels)", "".join(figure[-1]["data"]["text/plain"]))
        self.assertEqual(5, len(re.findall(r"(?m)^\s*(CONV1|CONV2|FC1|FC2|FC3)\s*\|", self.text(cell))))

    def test_summary_table(self):
        rows = re.findall(r"(?m)^\s*(Lab 1: SimpleNN|\(h\) \+ learning-rate decay|2\(a\) \+ augmentation|"
                          r"2\(b\) \+ batch norm|2\(b\) \+ Swish|lr 0\.1, batch norm|lr 0\.1, no batch norm)\s*\|",
                          self.text(SUMMARY))
        self.assertEqual(7, len(rows))


class SimpleNNSource(nbtest.InstructorSource, unittest.TestCase):
    NOTEBOOK = NOTEBOOK
    SOLUTIONS = 8
    CELLS = (SANITY, DATA, BASELINE, INITIAL_LOSS, DECAY, DECAYED, AUGMENTED_IMAGES, AUGMENTED, WITH_BN, BN_FAST,
             WITH_SWISH, LR_SWEEP, LR_PLOT, L2_SWEEP, L1_L2, HISTOGRAMS, SUMMARY)
    PARAMETERS = ("trainSize", "valSize", "batchSize", "epochs", "sweepEpochs", "initialLr", "momentum", "reg",
                  "decayEpochs", "decay", "lrSweep", "l2Sweep", "l1Strength", "seed")


if __name__ == "__main__":
    unittest.main()
