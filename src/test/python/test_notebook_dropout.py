"""Runs notebooks/dropout.ipynb through the DLKit kernel (part I shrunk) and checks the numbers of the spec.

    build/venv/bin/python -m unittest src/test/python/test_notebook_dropout.py   (or ./dlkit test)

Parts A-H run at full size (the spec's numbers need 1000 / 10 000 steps; DLKit trains these 2-weight models in
seconds). Part I runs on a few hundred images for one epoch: it must run end to end, say which data it used and
print both accuracies; its accuracies are not asserted.
"""
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nbtest  # noqa: E402

NOTEBOOK = "notebooks/dropout.ipynb"
SMALL = dict(trainSize=256, testSize=128, numEpochs=1)
NUM = r"(-?\d+(?:\.\d+)?)"
# The cells the checks read, by cell id: (A)-(C), (D), (E), (G), (H), then part (I).
OLS, LINEAR_NET, DROPOUT_LS = "bf6084aa", "dd573c1e", "ed8042de"
BATCH_ONE, BATCH_1024, SWEEP, SWEEP_PLOT, ADAM = "dc88593c", "91bd44b3", "e5f82ba9", "9794eef3", "a153292a"
CIFAR_DATA, CIFAR_SAMPLES, NO_DROPOUT, DROPOUT = "d8a9a6d6", "3c6df6f3", "be85e7ae", "d01e5b82"


class DropoutNotebook(nbtest.ExecutedNotebook, unittest.TestCase):
    NOTEBOOK = NOTEBOOK
    PARAMS = SMALL

    def assertWithin(self, actual, expected, fraction, what):
        self.assertLessEqual(abs(actual - expected), fraction * abs(expected),
                             f"{what}: {actual} is not within {fraction:.0%} of {expected}")

    def weights(self, cell):
        m = re.search(r"Weights: \[\[" + NUM + ", " + NUM + r"\]\]", self.text(cell))
        self.assertIsNotNone(m, "no 'Weights: [[w1, w2]]' line")
        return float(m.group(1)), float(m.group(2))

    # ---- the run as a whole -------------------------------------------------------------------------------------

    def test_every_graded_check_passes(self):
        graded = [c for c in self.nb["cells"] if c.get("metadata", {}).get("nbgrader", {}).get("grade")]
        self.assertGreaterEqual(len(graded), 7)
        for cell in graded:
            text = nbtest.cell_text(cell)
            self.assertIn("OK: ", text, "".join(cell["source"]))
            self.assertNotIn("FAILED", text)

    # ---- (A)-(C) ------------------------------------------------------------------------------------------------

    def test_a_ols_is_the_minimum_norm_solution(self):
        values = [float(v) for v in re.findall(NUM, self.text(OLS))]
        self.assertAlmostEqual(1.0891, values[0], delta=1e-4)
        self.assertAlmostEqual(0.1089, values[1], delta=1e-4)

    def test_b_gradient_descent_reaches_the_same_point(self):
        w1, w2 = self.weights(LINEAR_NET)
        self.assertAlmostEqual(1.0891, w1, delta=1e-3)
        self.assertAlmostEqual(0.1089, w2, delta=1e-3)
        self.assertIn("first losses: 121.00, 77.05, 49.07", self.text(LINEAR_NET))
        self.assertEqual(1, len(self.images(LINEAR_NET)), "the loss plot")

    def test_c_dropout_least_squares(self):
        text = self.text(DROPOUT_LS)
        w = [float(v) for v in re.findall(NUM, text.split("w =")[1])]
        self.assertAlmostEqual(0.3667, w[0], delta=1e-4)
        self.assertAlmostEqual(3.6667, w[1], delta=1e-4)

    # ---- (D), (E) -----------------------------------------------------------------------------------------------

    def test_d_batch_one_loss_is_spiky_and_zoomed_plot_shown(self):
        m = re.search(r"last 100 losses: mean " + NUM + ", min " + NUM + ", max " + NUM,
                      self.text(BATCH_ONE))
        mean, low, high = map(float, m.groups())
        self.assertGreater(high, 60, "spikes")
        self.assertLess(low, 5, "near-zero steps")
        self.assertGreater(mean, 25)
        self.assertLess(mean, 65)
        self.assertEqual(2, len(self.images(BATCH_ONE)), "the full and the zoomed loss plots")

    def test_e_batch_1024_levels_off_near_40(self):
        w1, w2 = self.weights(BATCH_1024)
        self.assertWithin(w1, 0.374, 0.05, "w1")
        self.assertWithin(w2, 3.48, 0.05, "w2")
        plateau = float(re.search(r"mean of the last 100 losses: " + NUM, self.text(BATCH_1024)).group(1))
        self.assertWithin(plateau, 40.0, 0.05, "loss plateau")

    # ---- (G), (H) -----------------------------------------------------------------------------------------------

    def test_g_sweep_matches_the_closed_form(self):
        rows = re.findall(r"p = " + NUM + ": w1 = " + NUM + ", w2 = " + NUM, self.text(SWEEP))
        self.assertEqual(5, len(rows))
        for p, w1, w2 in ((float(a), float(b), float(c)) for a, b, c in rows):
            if p == 0:
                self.assertAlmostEqual(1.0891, w1, delta=1e-3)
                self.assertAlmostEqual(0.1089, w2, delta=1e-3)
            else:
                expected = 1.1 * (1 - p) / (2 - p)
                self.assertWithin(w1, expected, 0.03, f"w1 at p = {p}")
                self.assertWithin(w2, 10 * expected, 0.03, f"w2 at p = {p}")
        fig = self.images(SWEEP_PLOT)
        self.assertEqual(1, len(fig), "loss and weights side by side")
        self.assertIn("1x2", "".join(fig[0]["data"]["text/plain"]))

    def test_h_adam_without_dropout_ends_at_one_one(self):
        text = self.text(ADAM)
        found = {(o, float(p)): (float(a), float(b))
                 for o, p, a, b in re.findall(r"(SGD|Adam), p = " + NUM + ": w1 = " + NUM + ", w2 = " + NUM, text)}
        self.assertWithin(found[("Adam", 0.0)][0], 1.0, 0.02, "Adam w1, p = 0")
        self.assertWithin(found[("Adam", 0.0)][1], 1.0, 0.02, "Adam w2, p = 0")
        self.assertWithin(found[("Adam", 0.5)][0], 0.366, 0.02, "Adam w1, p = 0.5")
        self.assertWithin(found[("Adam", 0.5)][1], 3.669, 0.02, "Adam w2, p = 0.5")
        self.assertAlmostEqual(1.0891, found[("SGD", 0.0)][0], delta=1e-3)
        self.assertWithin(found[("SGD", 0.5)][1], 3.667, 0.02, "SGD w2, p = 0.5")
        self.assertEqual(1, len(self.images(ADAM)))

    # ---- (I) ----------------------------------------------------------------------------------------------------

    def test_i_says_which_data_it_uses(self):
        text = self.text(CIFAR_DATA)
        self.assertRegex(text, r"^Data: ")
        self.assertTrue("CIFAR-10 from" in text or "Using Fashion-MNIST instead" in text, text)
        self.assertIn(f"{SMALL['trainSize']} training / {SMALL['testSize']} test images", text)

    def test_i_shows_sample_images_and_loss_curves(self):
        self.assertEqual(1, len(self.images(CIFAR_SAMPLES)))
        for cell in (NO_DROPOUT, DROPOUT):
            self.assertEqual(1, len(self.images(cell)), "train/val loss plot")

    def test_i_prints_clean_and_cheating_accuracy_for_both_networks(self):
        for cell in (NO_DROPOUT, DROPOUT):
            text = self.text(cell)
            self.assertRegex(text, r"Train Epoch: 1 of 1 Train Loss: \d+\.\d+, Val Loss: \d+\.\d+, Val Accuracy")
            self.assertRegex(text, r"Accuracy on clean data: \d+/128 \(\d+%\)")
            self.assertRegex(text, r"Accuracy on data with cheating feature: \d+/128 \(\d+%\)")


class DropoutNotebookSource(nbtest.InstructorSource, unittest.TestCase):
    NOTEBOOK = NOTEBOOK
    MIN_SOLUTIONS = 5
    CELL_TYPES = ("code", "markdown")
    CELLS = (OLS, LINEAR_NET, DROPOUT_LS, BATCH_ONE, BATCH_1024, SWEEP, SWEEP_PLOT, ADAM, CIFAR_DATA, CIFAR_SAMPLES,
             NO_DROPOUT, DROPOUT)
    PARAMETERS = ("itrs", "sweepItrs", "trainSize", "testSize", "numEpochs", "seed")


if __name__ == "__main__":
    unittest.main()
