"""Runs notebooks/CIFAR10Classifier.ipynb (PSET4) through the DLKit kernel with small settings and checks it.

    build/venv/bin/python -m unittest src/test/python/test_notebook_cifar10classifier.py   (or ./dlkit test)

200 training and 200 test images, one epoch (50 batches of 4, running loss every 10), comparison at 1 and 2 epochs.
Accuracies at this size are near chance and are not asserted; counts, shapes, the loop's printout and the tables are.
"""
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nbtest  # noqa: E402

NOTEBOOK = "notebooks/CIFAR10Classifier.ipynb"
SMALL = dict(trainSize=200, testSize=200, numEpochs=1, printEvery=10, compareEpochs="1,2")
# The cells the checks read, by cell id.
DATA, SAMPLES, NORMALISE, GRAY, COUNTS, NET = "cell-005", "cell-006", "cell-008", "cell-011", "cell-014", "cell-017"
KERNEL3, TRAIN, LOSS_PLOT, TEST_ACC = "cell-020", "cell-024", "cell-027", "cell-030"
PER_CLASS, GRAY_NET, COMPARISON = "cell-033", "cell-035", "cell-037"


class CIFAR10ClassifierNotebook(nbtest.ExecutedNotebook, unittest.TestCase):
    NOTEBOOK = NOTEBOOK
    PARAMS = SMALL

    def test_every_graded_check_passes(self):
        graded = [c for c in self.nb["cells"] if c["cell_type"] == "code"
                  and c.get("metadata", {}).get("nbgrader", {}).get("grade")]
        self.assertEqual(6, len(graded))
        for cell in graded:
            text = nbtest.cell_text(cell)
            self.assertIn("OK: ", text, "".join(cell["source"]))
            self.assertNotIn("FAILED", text)

    def test_says_which_data_it_uses(self):
        text = self.text(DATA)
        self.assertRegex(text, r"^Data: ")
        self.assertTrue("CIFAR-10 from" in text or "Using Fashion-MNIST instead" in text, text)
        self.assertIn("200 training / 200 test images", text)
        self.assertEqual(1, len(self.images(SAMPLES)))

    def test_normalisation_and_grayscale(self):
        text = self.text(NORMALISE)
        self.assertIn("range after: -1.0 .. 1.0", text)
        self.assertIn("ImageSet: 200 images [1, 32, 32]", self.text(GRAY))
        counts = self.text(COUNTS)
        self.assertIn("training samples: 200", counts)
        self.assertIn("test samples: 200", counts)

    def test_architecture_table(self):
        table = self.text(NET)
        for row in (r"conv1\s*\|\s*\(6, 3, 5, 5\)\s*\|\s*450", r"conv2\s*\|\s*\(16, 6, 5, 5\)\s*\|\s*2400",
                    r"fc1\s*\|\s*\(120, 400\)\s*\|\s*48000", r"fc3\s*\|\s*\(10, 84\)\s*\|\s*840",
                    r"Total\s*\|\s*\|\s*61770"):
            self.assertRegex(table, row)
        self.assertIn("fc1 inputs with 3x3 kernels: 576", self.text(KERNEL3))

    def test_training_loop_prints_the_running_loss_and_plots_it(self):
        text = self.text(TRAIN)
        lines = re.findall(r"(?m)^\[1, +(\d+)\] loss: (\d+\.\d{3})$", text)
        self.assertEqual(["10", "20", "30", "40", "50"], [b for b, _ in lines])
        for _, loss in lines:
            self.assertLess(abs(float(loss) - 2.30), 0.3)
        self.assertIn("Training Complete: 1 epochs of 50 batches", text)
        self.assertEqual(1, len(self.images(LOSS_PLOT)))

    def test_accuracy_on_the_whole_test_set(self):
        text = self.text(TEST_ACC)
        m = re.search(r"Accuracy of the network on the 200 test images: (\d+) %", text)
        self.assertIsNotNone(m, text)
        self.assertLessEqual(int(m.group(1)), 100)
        per_class = re.findall(r"(?m)^Accuracy of .+?: +\d+ %$", self.text(PER_CLASS))
        self.assertEqual(10, len(per_class))
        gray = self.text(GRAY_NET)
        self.assertRegex(gray, r"RGB: +\d+/200 \(\d+%\)")
        self.assertRegex(gray, r"grayscale: \d+/200 \(\d+%\)")

    def test_comparison_table_has_batch_size_and_epoch_rows(self):
        table = self.text(COMPARISON)
        rows = re.findall(r"(?m)^\s*(4|16)\s*\|\s*(1|2)\s*\|\s*(\d+(?:\.\d+)?)\s*\|\s*(\d+(?:\.\d+)?)\s*\|?\s*$", table)
        self.assertEqual([("4", "1"), ("4", "2"), ("16", "1"), ("16", "2")], [(b, e) for b, e, _, _ in rows])
        for _, _, acc, seconds in rows:
            self.assertLessEqual(float(acc), 100)
            self.assertGreater(float(seconds), 0)


class CIFAR10ClassifierSource(nbtest.InstructorSource, unittest.TestCase):
    NOTEBOOK = NOTEBOOK
    SOLUTIONS = 5
    CELLS = (DATA, SAMPLES, NORMALISE, GRAY, COUNTS, NET, KERNEL3, TRAIN, LOSS_PLOT, TEST_ACC, PER_CLASS, GRAY_NET,
             COMPARISON)
    PARAMETERS = ("trainSize", "testSize", "batchSize", "numEpochs", "printEvery", "compareBatchSizes",
                  "compareEpochs", "seed")


if __name__ == "__main__":
    unittest.main()
