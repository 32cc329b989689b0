#!/usr/bin/env python3
"""The doc-test engine itself, without QEMU: a document whose commands print what it shows
passes, and one whose output or command was changed fails, as CI must see it."""
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import doctest as engine  # noqa: E402  (tests/doc/doctest.py, not the standard library's)

GOOD = """# A tutorial

```console
$ printf 'one\\ntwo\\nthree\\n'
one
...
three
$ echo "pid $$ here"
pid ... here
$ ls build >/dev/null && echo linked
linked
```
"""


class Engine(unittest.TestCase):
    def run_doc(self, text):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "doc.md")
            with open(path, "w") as f:
                f.write(text)
            r = subprocess.run([sys.executable, os.path.join(HERE, "doctest.py"), "--build", d, path],
                               capture_output=True, text=True)
            return r.returncode, r.stdout + r.stderr

    def test_a_document_that_tells_the_truth_passes(self):
        code, out = self.run_doc(GOOD)
        self.assertEqual(code, 0, out)
        self.assertIn("every command printed what its document shows", out)

    def test_a_changed_output_line_fails(self):
        code, out = self.run_doc(GOOD.replace("three\n$ echo", "four\n$ echo"))
        self.assertEqual(code, 1, out)
        self.assertIn("output differs", out)

    def test_a_changed_command_fails(self):
        code, out = self.run_doc(GOOD.replace("$ printf", "$ printf-not-a-command"))
        self.assertEqual(code, 1, out)
        self.assertIn("exit 127", out)

    def test_output_the_document_does_not_show_fails(self):
        code, out = self.run_doc(GOOD.replace("linked\n```", "```"))
        self.assertEqual(code, 1, out)

    def test_wildcards(self):
        self.assertTrue(engine.matches(["a ... c"], ["a b c"]))
        self.assertFalse(engine.matches(["a ... c"], ["a b d"]))
        self.assertTrue(engine.matches(["...", "z"], ["x", "y", "z"]))
        self.assertTrue(engine.matches(["x", "..."], ["x"]))
        self.assertFalse(engine.matches(["x"], ["x", "y"]))
        self.assertTrue(engine.matches(["a (b) [c]"], ["a (b) [c]"]), "regex characters are literal")

    def test_an_unclosed_block_is_an_error(self):
        code, out = self.run_doc("```console\n$ true\n")
        self.assertEqual(code, 1, out)
        self.assertIn("not closed", out)


if __name__ == "__main__":
    unittest.main()
