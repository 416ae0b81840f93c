package dlkit.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class ChecksTest {
    private static String failure(Runnable r) {
        return assertThrows(AssertionError.class, r::run).getMessage();
    }

    private static String printed(Runnable r) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true));
        try {
            r.run();
        } finally {
            System.setOut(old);
        }
        return buf.toString().strip();
    }

    @Test
    void checkPrintsOkOrThrows() {
        assertEquals("OK: it works", printed(() -> Checks.check(true, "it works")));
        assertEquals("FAILED: it works", failure(() -> Checks.check(false, "it works")));
    }

    @Test
    void checkWhenSaysSkippedWhenTheCheckDoesNotApply() {
        assertEquals(
                "SKIPPED: 90 % on CIFAR-10 (needs a CUDA GPU)",
                printed(() -> Checks.checkWhen(false, "needs a CUDA GPU", false, "90 % on CIFAR-10")));
        assertEquals(
                "OK: 90 % on CIFAR-10",
                printed(() -> Checks.checkWhen(true, "needs a CUDA GPU", true, "90 % on CIFAR-10")));
        assertEquals(
                "FAILED: 90 % on CIFAR-10",
                failure(() -> Checks.checkWhen(true, "needs a CUDA GPU", false, "90 % on CIFAR-10")));
    }

    @Test
    void checkEqualsComparesArraysAndWholeNumbersByValue() {
        assertEquals("OK: n", printed(() -> Checks.checkEquals(3, 3L, "n")));
        printed(() -> Checks.checkEquals(new int[][] {{1, 2}}, new int[][] {{1, 2}}, "a"));
        printed(() -> Checks.checkEquals(List.of("x"), List.of("x"), "l"));
        assertEquals(
                "FAILED: titles: expected \"b\", got \"a\"", failure(() -> Checks.checkEquals("a", "b", "titles")));
        assertEquals(
                "FAILED: a: expected [1, 3], got [1, 2]",
                failure(() -> Checks.checkEquals(new int[] {1, 2}, new int[] {1, 3}, "a")));
    }

    @Test
    void checkCloseSaysByHowMuch() {
        printed(() -> Checks.checkClose(1.0005, 1.0, 1e-3, "x"));
        assertEquals(
                "FAILED: x: expected 1.0 ± 0.001, got 1.5 (off by 0.5)",
                failure(() -> Checks.checkClose(1.5, 1.0, 1e-3, "x")));
        failure(() -> Checks.checkClose(Double.NaN, 1.0, 1e9, "nan never passes"));
    }

    @Test
    void arrayChecksNameTheWorstElement() {
        printed(() -> Checks.checkArrayClose(new double[] {1, 2}, new double[] {1, 2.0001}, 1e-3, "v"));
        assertEquals(
                "FAILED: v: 1 of 2 elements differ by more than 0.001; worst at [1]: expected 2.0, got 3.0 "
                        + "(expected [1.0, 2.0], got [1.0, 3.0])",
                failure(() -> Checks.checkArrayClose(new double[] {1, 3}, new double[] {1, 2}, 1e-3, "v")));
        assertEquals(
                "FAILED: m: 1 of 4 elements differ by more than 0.0; worst at [1, 0]: expected 3.0, got 9.0 "
                        + "(expected [1.0, 2.0, 3.0, 4.0], got [1.0, 2.0, 9.0, 4.0])",
                failure(() -> Checks.checkArrayClose(
                        new double[][] {{1, 2}, {9, 4}}, new double[][] {{1, 2}, {3, 4}}, 0, "m")));
        assertEquals(
                "FAILED: v: expected length 3, got length 2",
                failure(() -> Checks.checkArrayClose(new double[2], new double[3], 0, "v")));
    }

    @Test
    void ndarrays() {
        var a = Nd4j.createFromArray(new double[][] {{1, 2}, {3, 4}});
        printed(() -> Checks.checkArrayClose(a, a.dup(), 0, "same"));
        printed(() -> Checks.checkArrayClose(a, new double[] {1, 2, 3, 4}, 0, "flat"));
        assertEquals("OK: shape [2, 2]", printed(() -> Checks.checkShape(a, 2, 2)));
        assertEquals(
                "FAILED: logits: expected shape [2, 3], got shape [2, 2]",
                failure(() -> Checks.checkShape("logits", a, 2, 3)));
        assertEquals(
                "FAILED: same: expected shape [4], got shape [2, 2]",
                failure(() -> Checks.checkArrayClose(a, Nd4j.createFromArray(1.0, 2, 3, 4), 0, "same")));
        printed(() -> Checks.checkShape(new int[] {10, 64}, 10, 64));
    }

    @Test
    @SuppressWarnings("divzero") // the ArithmeticException is the point
    void checkThrowsAndRanges() {
        printed(() -> Checks.checkThrows(ArithmeticException.class, () -> System.out.println(1 / 0), "div"));
        assertEquals(
                "FAILED: none: expected IllegalStateException, but nothing was thrown",
                failure(() -> Checks.checkThrows(IllegalStateException.class, () -> {}, "none")));
        printed(() -> Checks.checkInRange(0.5, 0, 1, "p"));
        assertEquals(
                "FAILED: p: expected a value in [0.0, 1.0], got 2.0", failure(() -> Checks.checkInRange(2, 0, 1, "p")));
    }
}
