"""jupyter_kernel_test 0.7 conformance for the dlkit kernel: every test of its KernelTests runs (none is skipped).

Not run: jupyter_kernel_test's IopubWelcomeTests (JEP 65's iopub_welcome on an XPUB socket, protocol 5.5): the
kernel speaks protocol 5.3 and jupyter_client 8 does not wait for the welcome.

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

    # `name?` pages the Javadoc, as `obj?` does in IPython.
    code_page_something = "Math.max?"

    code_history_pattern = "6*7"
    supported_history_operations = ("tail", "range", "search")

    code_clear_output = "clearOutput();"

    # Beyond jupyter_kernel_test's checks (found, non-empty): what the inspector and the pager show.
    def inspect_text(self, code, cursor):
        self.flush_channels()
        msg_id = self.kc.inspect(code, cursor)
        reply = self.get_non_kernel_info_reply(timeout=jkt.TIMEOUT)
        self.assertEqual(msg_id, reply["parent_header"]["msg_id"])
        return reply["content"]

    def test_inspect_shows_the_javadoc_of_math_max(self):
        content = self.inspect_text("Math.max(1, 2)", len("Math.max("))
        self.assertTrue(content["found"], content)
        text, html = content["data"]["text/plain"], content["data"]["text/html"]
        self.assertTrue(text.startswith("int Math.max(int a, int b)\nReturns the greater of two int values."),
                        f"no Javadoc (the JDK's lib/src.zip comes with Debian's openjdk-17-source):\n{text[:500]}")
        self.assertIn("Parameters:\n  a – an argument.", text)
        self.assertIn("greater of two <code>int</code> values", html)
        self.assertNotIn("{@", text + html)

    def test_inspect_of_nothing_known_is_not_found(self):
        content = self.inspect_text("int zzq = 1;", 0)
        self.assertEqual({"status": "ok", "found": False, "data": {}, "metadata": {}}, content)

    def test_pager_shows_the_javadoc(self):
        reply, _ = self.execute_helper(self.code_page_something)
        [page] = reply["content"]["payload"]
        self.assertIn("Returns the greater of two int values.", page["data"]["text/plain"])
        reply, _ = self.execute_helper("noSuchThing?")
        self.assertEqual("No documentation found for noSuchThing",
                         reply["content"]["payload"][0]["data"]["text/plain"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
