package dlkit.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ./dlkit test}'s last line, "N passed, N failed", from the output of each part it ran: {@code DIR/junit.log}
 * (Maven's surefire summary) and {@code DIR/test_NAME.log} (Python's {@code unittest -v}), each with its exit status
 * in {@code NAME.rc}. A part that failed without naming a failed test counts as one failure, so a broken build or an
 * import error is never "0 failed". Exit status 0 when nothing failed, else 1.
 */
@Command(
        name = "test-summary",
        hidden = true,
        mixinStandardHelpOptions = true,
        description = "./dlkit test's count of passed and failed tests, from the logs of its parts.")
final class TestSummary implements java.util.concurrent.Callable<Integer> {
    private static final Pattern SUREFIRE = Pattern.compile(
            "^\\[(?:INFO|WARNING|ERROR)] Tests run: (\\d+), Failures: (\\d+), Errors: (\\d+), Skipped: (\\d+)$");
    private static final Pattern RAN = Pattern.compile("^Ran (\\d+) tests? in .*");
    private static final Pattern FAILED = Pattern.compile("^(?:FAIL|ERROR): ([^ ]+ \\([^)]*\\)).*");

    @Parameters(index = "0", paramLabel = "DIR", description = "the folder with NAME.log and NAME.rc")
    Path dir;

    @Parameters(index = "1..*", paramLabel = "NAME", description = "junit or test_NAME, in the order they ran")
    List<String> parts = new ArrayList<>();

    record Count(int passed, int failed) {
        Count plus(Count o) {
            return new Count(passed + o.passed, failed + o.failed);
        }
    }

    @Override
    public Integer call() throws IOException {
        Count total = new Count(0, 0);
        for (String part : parts) {
            List<String> log = Files.readAllLines(dir.resolve(part + ".log"), StandardCharsets.UTF_8);
            int rc =
                    Integer.parseInt(Files.readString(dir.resolve(part + ".rc")).strip());
            total = total.plus(part.equals("junit") ? junit(log, rc) : python(part, log, rc));
        }
        System.out.println(total.passed() + " passed, " + total.failed() + " failed");
        return total.failed() == 0 ? 0 : 1;
    }

    /** The sum of surefire's totals, one "Tests run:" line per module (its per-class lines end in a time). */
    static Count junit(List<String> log, int rc) {
        int run = 0;
        int failed = 0;
        int skipped = 0;
        boolean any = false;
        for (String line : log) {
            Matcher m = SUREFIRE.matcher(line);
            if (m.matches()) {
                any = true;
                run += Integer.parseInt(m.group(1));
                failed += Integer.parseInt(m.group(2)) + Integer.parseInt(m.group(3));
                skipped += Integer.parseInt(m.group(4));
            }
        }
        if (!any) {
            if (rc == 0) {
                return new Count(0, 0);
            }
            System.out.println("dlkit: JUnit: the Maven build failed before tests ran (see above)");
            return new Count(0, 1);
        }
        return new Count(run - failed - skipped, failed + (rc != 0 && failed == 0 ? 1 : 0));
    }

    /** One count per failed test, however many of its subTests failed. */
    static Count python(String module, List<String> log, int rc) {
        Integer run = null;
        Set<String> failedTests = new TreeSet<>();
        int skipped = 0;
        for (String line : log) {
            Matcher m = RAN.matcher(line);
            if (m.matches()) {
                run = Integer.parseInt(m.group(1));
            }
            if (line.startsWith("FAIL: ") || line.startsWith("ERROR: ")) {
                Matcher f = FAILED.matcher(line);
                failedTests.add(f.matches() ? f.group(1) : line);
            }
            if (line.contains("... skipped")) {
                skipped++;
            }
        }
        if (run == null) {
            System.out.println("dlkit: " + module + ".py: did not run (import error?)");
            return new Count(0, 1);
        }
        int failed = failedTests.size();
        // a failed setUpClass is an ERROR line but no test that ran: never fewer than 0 passed
        return new Count(Math.max(0, run - failed - skipped), failed + (rc != 0 && failed == 0 ? 1 : 0));
    }
}
