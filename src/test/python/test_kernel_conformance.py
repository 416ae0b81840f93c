"""jupyter_kernel_test conformance for the dlkit kernel (Debian's python3-jupyter-kernel-test 0.4.5).

Run: ./dlkit test, or PYTHONPATH=src/test/python build/venv/bin/python -m unittest -v test_kernel_conformance
"""
import unittest

import jupyter_kernel_test as jkt

import kernelenv


def setUpModule():
    kernelenv.isolate()


class DLKitKernelConformance(jkt.KernelTests):
    kernel_name = kernelenv.KERNEL_NAME
    language_name = "java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("oops");'

    completion_samples = [{"text": "System.out.prin", "matches": {"print(", "printf(", "println("}}]

    complete_code_samples = ["1 + 1;", "int x = 1;", "class A {}", "6*7"]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "class B {", "int y = "]
    invalid_code_samples = ["1 +* 2)"]

    code_execute_result = [{"code": "6*7", "result": "42"}, {"code": '"a" + "b"', "result": "ab"}]
    code_display_data = [
        {"code": "display(new java.awt.image.BufferedImage(4, 4, java.awt.image.BufferedImage.TYPE_INT_RGB));",
         "mime": "image/png"},
        {"code": 'display(markdown("# hi"));', "mime": "text/markdown"},
    ]

    code_generate_error = 'throw new RuntimeException("boom");'

    code_inspect_sample = "Math.abs("

    code_history_pattern = "6*7"
    supported_history_operations = ("tail", "range", "search")

    code_clear_output = "clearOutput();"


if __name__ == "__main__":
    unittest.main(verbosity=2)
