"""The figure gallery, build/figures.html: every figure the notebook tests' executed notebooks drew, each with the
source and id of the cell that drew it, for a human look at the plots (readable axes, sizes, legends).

nbtest.ExecutedNotebook saves each executed notebook under build/gallery/ (save) and rebuilds the page from all
saved notebooks (build), so ./dlkit test runs no notebook twice. The page is a notebook of the figure cells rendered
by nbconvert's HTML exporter (the same writer as ./dlkit run's HTML), with the classic template, which gives each
image its output's alt text.

    build/venv/bin/python src/test/python/gallery.py     # rebuild build/figures.html from build/gallery/*.ipynb
"""
import json
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
GALLERY = REPO / "build" / "gallery"
PAGE = REPO / "build" / "figures.html"
IMAGE_TYPES = ("image/png", "image/svg+xml", "image/jpeg")


def save(executed, params):
    """Keeps a copy of an executed notebook (build/NAME.ipynb) and the parameters it ran with for the gallery."""
    GALLERY.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(executed, GALLERY / executed.name)
    (GALLERY / (executed.stem + ".params.json")).write_text(json.dumps(params, sort_keys=True), encoding="utf-8")


def _figures(nb):
    """(cell, image outputs) for every code cell that drew an image."""
    out = []
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        images = [o for o in cell.get("outputs", []) if o.get("output_type") in ("execute_result", "display_data")
                  and any(t in o.get("data", {}) for t in IMAGE_TYPES)]
        if images:
            out.append((cell, images))
    return out


def page_notebook(gallery=GALLERY):
    """The gallery as a notebook: a heading per notebook, then each figure cell (its id, source, image outputs)."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
    cells = [new_markdown_cell(
        "# DLKit figure gallery\n\nEvery figure the notebooks drew in the last `./dlkit test`, at the tests' quick "
        "parameters, under the cell that drew it. Look for: readable tick labels (1-2-5 steps, one format per axis, "
        "no overlaps), titles and axis labels, legends off the data, sharp images.")]
    total = 0
    for path in sorted(gallery.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        figures = _figures(nb)
        total += len(figures)
        params_file = path.with_name(path.stem + ".params.json")
        params = json.loads(params_file.read_text(encoding="utf-8")) if params_file.exists() else {}
        shown = " ".join(f"-p {k}={v}" for k, v in params.items())
        cells.append(new_markdown_cell(f"## {path.name}\n\n{len(figures)} figure cells; "
                                       f"`./dlkit run notebooks/{path.name}{' ' + shown if shown else ''}`"))
        for cell, images in figures:
            # the cell's id finds it in the notebook (and in its test) however its source changes
            cells.append(new_markdown_cell(f"{path.stem} cell `{cell.get('id', '?')}`"))
            c = new_code_cell(source=cell.get("source", ""), execution_count=cell.get("execution_count"))
            c.outputs = [nbformat.from_dict(o) for o in images]
            cells.append(c)
    page = new_notebook(cells=cells, metadata={
        "kernelspec": {"name": "dlkit", "display_name": "Java (DLKit)", "language": "java"},
        "language_info": {"name": "java"}})
    return page, total


def build(gallery=GALLERY, page=PAGE):
    """Writes build/figures.html from the saved notebooks; returns the number of figure cells on it."""
    from nbconvert import HTMLExporter
    nb, total = page_notebook(gallery)
    exporter = HTMLExporter(template_name="classic")
    html, _ = exporter.from_notebook_node(nb)
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(html, encoding="utf-8")
    return total


if __name__ == "__main__":
    n = build()
    print(f"{PAGE}: {n} figure cells")
