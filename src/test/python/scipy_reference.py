"""Reference values from scipy.ndimage for DLKit's convolution tests.

Reads JSON from stdin: {"cases": [{"op": "convolve"|"correlate", "mode": "reflect"|..., "image": [[...]],
"kernel": [[...]]}, ...]} and writes {"scipy": "<version>", "results": [[[...]], ...]} to stdout.
Run by dlkit.image.ScipyReferenceTest with DLKIT_PYTHON (set by ./dlkit test: build/venv, SciPy from requirements.txt); exits 3 when scipy is
missing so the test can skip with a clear message.
"""
import json
import sys

try:
    import numpy as np
    import scipy
    from scipy import ndimage
except ImportError as e:  # pragma: no cover
    print("scipy not available: %s" % e, file=sys.stderr)
    sys.exit(3)


def main():
    request = json.load(sys.stdin)
    results = []
    for case in request["cases"]:
        image = np.array(case["image"], dtype=np.float64)
        kernel = np.array(case["kernel"], dtype=np.float64)
        op = getattr(ndimage, case.get("op", "convolve"))
        out = op(image, kernel, mode=case.get("mode", "reflect"), cval=0.0)
        results.append(out.tolist())
    json.dump({"scipy": scipy.__version__, "results": results}, sys.stdout)


if __name__ == "__main__":
    main()
