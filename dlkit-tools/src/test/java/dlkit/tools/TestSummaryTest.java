package dlkit.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** ./dlkit test's counts from Maven's and unittest's output. */
class TestSummaryTest {
    @Test
    void junitAddsUpEachModulesTotal() {
        List<String> log = List.of(
                "[INFO] Tests run: 3, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: 1 s - in a.B",
                "[INFO] Tests run: 4, Failures: 0, Errors: 0, Skipped: 0",
                "[INFO] Building dlkit-tools",
                "[ERROR] Tests run: 10, Failures: 1, Errors: 2, Skipped: 1",
                "[INFO] BUILD FAILURE");
        assertEquals(new TestSummary.Count(10, 3), TestSummary.junit(log, 1));
        assertEquals(
                new TestSummary.Count(10, 0),
                TestSummary.junit(List.of("[INFO] Tests run: 10, Failures: 0, Errors: 0, Skipped: 0"), 0));
    }

    @Test
    void aBuildThatFailsBeforeTestsIsOneFailure() {
        assertEquals(new TestSummary.Count(0, 1), TestSummary.junit(List.of("[ERROR] COMPILATION ERROR"), 1));
        assertEquals(
                new TestSummary.Count(9, 1),
                TestSummary.junit(List.of("[INFO] Tests run: 9, Failures: 0, Errors: 0, Skipped: 0"), 1));
    }

    @Test
    void pythonCountsEachFailedTestOnce() {
        List<String> log = List.of(
                "test_a (m.T.test_a) ... ok",
                "test_b (m.T.test_b) ... skipped 'no GPU'",
                "FAIL: test_c (m.T.test_c) (i=1)",
                "FAIL: test_c (m.T.test_c) (i=2)",
                "ERROR: test_d (m.T.test_d)",
                "Ran 5 tests in 1.0s",
                "FAILED (failures=2, errors=1, skipped=1)");
        assertEquals(new TestSummary.Count(2, 2), TestSummary.python("m", log, 1));
    }

    @Test
    void aModuleThatDidNotRunIsOneFailure() {
        assertEquals(new TestSummary.Count(0, 1), TestSummary.python("m", List.of("ImportError: x"), 1));
        assertEquals(new TestSummary.Count(1, 1), TestSummary.python("m", List.of("Ran 1 test in 0.1s"), 1));
        assertEquals(
                new TestSummary.Count(0, 1),
                TestSummary.python(
                        "m", List.of("ERROR: setUpClass (m.T)", "Ran 0 tests in 95.2s", "FAILED (errors=1)"), 1));
    }
}
