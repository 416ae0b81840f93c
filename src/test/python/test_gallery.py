"""The figure gallery builder (gallery.py): figure cells with their id, source, alt text, nothing else.

    build/venv/bin/python -m unittest src/test/python/test_gallery.py   (or ./dlkit test test_gallery)
"""
import json
import logging
import os
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gallery  # noqa: E402

# a 1x1 PNG
PIXEL = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC")


def notebook(cells):
    return {"nbformat": 4, "nbformat_minor": 5, "metadata": {"kernelspec": {"name": "dlkit", "language": "java",
                                                                            "display_name": "Java (DLKit)"}},
            "cells": cells}


def code(cell_id, source, outputs):
    return {"cell_type": "code", "id": cell_id, "metadata": {}, "execution_count": 1, "source": source,
            "outputs": outputs}


class GalleryTest(unittest.TestCase):

    def test_figure_cells_with_source_and_alt_text(self):
        with tempfile.TemporaryDirectory() as d:
            d = Path(d)
            png = {"output_type": "display_data", "data": {"image/png": PIXEL, "text/plain": "XYChart"},
                   "metadata": {"image/png": {"width": 600, "height": 400, "alt": "Training loss <1>"}}}
            text = {"output_type": "stream", "name": "stdout", "text": "epoch 1 loss 0.5\n"}
            nb = notebook([code("a", "int x = 1;", [text]),
                           code("b", "Plots.line(\"Training loss\", \"iteration\", \"MSE\", loss)", [text, png])])
            executed = d / "dropout.ipynb"
            executed.write_text(json.dumps(nb), encoding="utf-8")
            gallery_dir = d / "gallery"
            gallery.GALLERY, saved = gallery_dir, gallery.GALLERY
            try:
                gallery.save(executed, {"numEpochs": "1"})
            finally:
                gallery.GALLERY = saved
            page = d / "figures.html"
            with self.assertNoLogs(level=logging.WARNING):
                self.assertEqual(1, gallery.build(gallery_dir, page))
            html = page.read_text(encoding="utf-8")
            self.assertIn("dropout.ipynb", html)
            self.assertIn("-p numEpochs=1", html)
            self.assertIn("Training loss", html)              # the cell's source
            self.assertIn("dropout cell <code>b</code>", html)   # and its id
            self.assertNotIn("<code>a</code>", html)
            self.assertNotIn("int x = 1", html)              # cells without figures are left out
            self.assertNotIn("epoch 1 loss", html)           # and so is printed text
            self.assertIn('alt="Training loss &lt;1&gt;"', html)
            self.assertRegex(html, r'width="?600"?')


if __name__ == "__main__":
    unittest.main()
