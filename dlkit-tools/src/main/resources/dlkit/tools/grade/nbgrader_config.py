# nbgrader configuration for DLKit (Java) assignments.  Get it with:  ./dlkit nbgrader-config > nbgrader_config.py
# Put it in the course directory (next to source/), then run nbgrader unchanged:
#   nbgrader generate_assignment ps1      # student version: solutions -> the stub below, hidden tests removed
#   nbgrader autograde ps1                # restores locked/test cells, executes with the dlkit kernel, scores
# Needs the DLKit kernelspec on the grading machine (./dlkit setup installs "dlkit").
c = get_config()  # noqa: F821 (provided by traitlets when nbgrader loads this file)

# Solution regions: "// BEGIN SOLUTION" ... "// END SOLUTION" (nbgrader matches the words, any comment form).
c.ClearSolutions.begin_solution_delimeter = "BEGIN SOLUTION"
c.ClearSolutions.end_solution_delimeter = "END SOLUTION"
# The Java stub must throw so that an unanswered question fails its tests (a comment alone would not).
c.ClearSolutions.code_stub = {
    "java": "// YOUR CODE HERE\nthrow new UnsupportedOperationException(\"your code here\");",
}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# Hidden tests: "// BEGIN HIDDEN TESTS" ... "// END HIDDEN TESTS", only in autograder test cells.
c.ClearHiddenTests.begin_test_delimeter = "BEGIN HIDDEN TESTS"
c.ClearHiddenTests.end_test_delimeter = "END HIDDEN TESTS"

# Execution: the DLKit kernel; DL4J cells (JIT warm-up, native ND4J start, a few epochs) need minutes, not
# nbgrader's default 30 s.  A cell over the limit is interrupted and scores 0; the kernel keeps going.
c.ExecutePreprocessor.kernel_name = "dlkit"
c.Execute.timeout = 600
c.ExecutePreprocessor.timeout = 600
c.Execute.startup_timeout = 120
c.ExecutePreprocessor.startup_timeout = 120
c.Execute.interrupt_on_timeout = True
# (errors are always allowed by nbgrader's Execute; 0.9.6 warns about an allow_errors setting)

# Students who delete a read-only test cell get it back (nbgrader >= 0.9) instead of "needs manual grading".
c.OverwriteCells.add_missing_cells = True

# The kernel keeps library logging (ND4J, DL4J, SLF4J) off stderr, and nbgrader gives 0 to a test cell with any
# stderr output.  If a course's own code logs to stderr, drop known-harmless lines before scoring, e.g.:
# c.IgnorePattern.enabled = True
# c.IgnorePattern.pattern = r"^(WARNING|INFO): .*\n?"

# Autograder feedback is HTML with Java highlighting (the notebooks' language_info says pygments_lexer java).
