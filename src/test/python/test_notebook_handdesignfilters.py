"""Runs notebooks/HandDesignFilters.ipynb through the DLKit kernel and checks what it printed and drew.

    build/venv/bin/python -m unittest src/test/python/test_notebook_handdesignfilters.py   (or ./dlkit test)
"""
import base64
import os
import struct
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nbtest  # noqa: E402

NOTEBOOK = "notebooks/HandDesignFilters.ipynb"
# The ungraded cells the checks read, by cell id (graded cells' ids are their nbgrader grade ids).
ORIGINAL, VIA_LAYER, DIFFERENCE, DL4J_TABLE, CIRCULAR_CNN = "code-04", "code-16", "code-18", "code-29", "code-48"


def png_size(b64):
    """(width, height) of a base64 PNG, read from its IHDR chunk."""
    data = base64.b64decode(b64)
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


class HandDesignFiltersNotebook(nbtest.ExecutedNotebook, unittest.TestCase):
    NOTEBOOK = NOTEBOOK

    def pngs(self, cell):
        """The base64 PNGs that cell drew."""
        return [out["data"]["image/png"] for out in self.images(cell)]

    def test_says_which_image_it_used(self):
        text = self.text(ORIGINAL)
        self.assertRegex(text, r"Image: (https://user-images\.githubusercontent\.com/|Chelsea the cat)")

    def test_original_image_is_shown(self):
        self.assertEqual(1, len(self.pngs(ORIGINAL)))

    def test_blur_panel_has_four_panels_side_by_side(self):
        [png] = self.pngs("blur_panel")
        w, h = png_size(png)
        self.assertGreater(w, 3 * h, "a 1x4 row of panels is much wider than tall")

    def test_edge_panel_has_two_panels(self):
        [png] = self.pngs("edge_panel")
        w, h = png_size(png)
        self.assertGreater(w, h)
        self.assertLess(w, 4 * h)

    def test_dl4j_comparison_figures(self):
        self.assertEqual(1, len(self.pngs(VIA_LAYER)))
        self.assertEqual(1, len(self.pngs(DIFFERENCE)))
        text = self.text(VIA_LAYER)
        self.assertRegex(text, r"largest difference: 0\.\d+")

    def test_dl4j_table_is_shown(self):
        text = self.text(DL4J_TABLE)
        self.assertIn("DL4J numParams", text)
        self.assertIn("2483", text)

    def test_graded_checks_printed_ok(self):
        expected = {
            "averaging_check": ["OK: 3x3 averaging kernel", "OK: 6x6 averaging kernel", "OK: 9x9 averaging kernel",
                                "OK: blur panel titles", "OK: 6X6 panel is the 6x6 average"],
            "laplacian_check": ["OK: 3x3 Laplacian kernel", "OK: flat image gives no edges", "OK: edge panel titles"],
            "border_rows_check": ["OK: 3x3: rows differing at top, bottom = [1, 1]",
                                  "OK: 6x6: rows differing at top, bottom = [2, 3]",
                                  "OK: 9x9: rows differing at top, bottom = [4, 4]"],
            "shapes_check": ["OK: (i) [10, 64, 32, 32]", "OK: (ii) [10, 64, 15, 15]"],
            "cnn_table_check": ["OK: CONV3-10: 100 parameters, 28 × 28 × 10", "OK: POOL2: 0 parameters, 7 × 7 × 10",
                                "OK: FC-3: 1473 parameters, 3", "OK: DL4J numParams() = 2483"],
            "receptive_field_check": ["OK: L stacked KxK convs", "OK: 3x3 d=1 then 3x3 d=2: 7x7"],
            "filter_1d_check": ["OK: filter [2.0, -1.0, 3.0] maps the signal to [-2, 2, 11]"],
            "transpose_conv_check": ["OK: transpose convolution: [[-1.0, 3.0, -2.0], [3.0, -3.0, 1.0], [0.0, 3.0, 1.0]]"],
            "dilated_conv_check": ["OK: dilated convolution: [[20.0]]"],
            "circular_gap_check": ["OK: g3 = [0.0, 0.8, 0.0]", "OK: g4 = [0.8, 0.0, 0.0]"],
        }
        graded = {c["metadata"]["nbgrader"]["grade_id"]: c for c in self.nb["cells"]
                  if c["metadata"].get("nbgrader", {}).get("grade")}
        self.assertEqual(set(expected), set(graded))
        for grade_id, lines in expected.items():
            text = nbtest.cell_text(graded[grade_id])
            for line in lines:
                self.assertIn(line, text, grade_id)

    def test_shifted_edges_get_equal_features(self):
        text = self.text(CIRCULAR_CNN)
        values = {line.split(" = ")[0]: line.split(" = ")[1] for line in text.splitlines() if " = " in line}
        self.assertEqual(values["f(x1)"], values["f(x4)"])
        self.assertEqual(values["f(x2)"], values["f(x3)"])


class HandDesignFiltersSource(nbtest.InstructorSource, unittest.TestCase):
    """The committed instructor source: nbgrader metadata, solution markers, no outputs."""
    NOTEBOOK = NOTEBOOK
    SOLUTIONS = 12
    PARAMETERS_CELL = False  # nothing to shrink: it runs in seconds
    CELLS = (ORIGINAL, VIA_LAYER, DIFFERENCE, DL4J_TABLE, CIRCULAR_CNN, "blur_panel", "edge_panel")

    def test_solution_markers_only_in_solution_cells_and_paired(self):
        for cell in self.nb["cells"]:
            if cell["cell_type"] != "code":
                continue
            src = "".join(cell["source"])
            if cell["metadata"].get("nbgrader", {}).get("solution"):
                self.assertEqual(src.count("// BEGIN SOLUTION"), src.count("// END SOLUTION"), src)
            else:
                self.assertNotIn("BEGIN SOLUTION", src)


if __name__ == "__main__":
    unittest.main()
