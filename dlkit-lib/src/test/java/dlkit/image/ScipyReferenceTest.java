package dlkit.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Compares {@link Convolution} with {@code scipy.ndimage} on the same seeded inputs, to 1e-9. The reference
 * comes from {@code src/test/python/scipy_reference.py} run by {@code DLKIT_PYTHON} ({@code ./dlkit test} sets it to
 * the Python that has requirements.txt, else {@code build/venv}); the test is skipped, saying why, when that
 * interpreter or scipy is missing.
 */
@DisplayName("Convolution matches scipy.ndimage")
class ScipyReferenceTest {

    private static final Path PYTHON = Path.of(System.getenv().getOrDefault("DLKIT_PYTHON", "build/venv/bin/python"));
    private static final Path SCRIPT = Path.of("src/test/python/scipy_reference.py");

    private record Case(String op, Border border, double[][] image, double[][] kernel) {}

    private static final List<Case> CASES = new ArrayList<>();
    private static List<double[][]> reference;

    @BeforeAll
    static void computeReference() throws Exception {
        Random rnd = new Random(182);
        int[][] images = {{7, 10}, {5, 3}, {1, 6}, {2, 2}, {12, 9}};
        int[][] kernels = {{3, 3}, {6, 6}, {2, 5}, {4, 3}, {1, 4}, {9, 9}};
        for (int[] is : images) {
            for (int[] ks : kernels) {
                CASES.add(new Case("convolve", Border.REFLECT, random(rnd, is), random(rnd, ks)));
            }
        }
        for (Border b : Border.values()) {
            for (int[] ks : new int[][] {{3, 3}, {6, 6}, {9, 4}}) {
                CASES.add(new Case("convolve", b, random(rnd, new int[] {6, 8}), random(rnd, ks)));
                CASES.add(new Case("correlate", b, random(rnd, new int[] {5, 7}), random(rnd, ks)));
            }
        }
        reference = runScipy();
    }

    @Test
    void everyCase_within1e9() {
        assertEquals(CASES.size(), reference.size());
        for (int c = 0; c < CASES.size(); c++) {
            Case k = CASES.get(c);
            double[][] ours = k.op.equals("convolve")
                    ? Convolution.convolve(k.image, k.kernel, k.border)
                    : Convolution.correlate(k.image, k.kernel, k.border);
            double[][] ref = reference.get(c);
            String name = k.op + " " + k.border + " image " + k.image.length + "x" + k.image[0].length + " kernel "
                    + k.kernel.length + "x" + k.kernel[0].length;
            assertEquals(ref.length, ours.length, name);
            for (int y = 0; y < ref.length; y++) {
                for (int x = 0; x < ref[0].length; x++) {
                    assertEquals(ref[y][x], ours[y][x], 1e-9, name + " at " + y + "," + x);
                }
            }
        }
    }

    private static double[][] random(Random rnd, int[] shape) {
        double[][] a = new double[shape[0]][shape[1]];
        for (double[] row : a) {
            for (int j = 0; j < row.length; j++) {
                row[j] = rnd.nextDouble() * 2 - 1;
            }
        }
        return a;
    }

    private static List<double[][]> runScipy() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(PYTHON), "skipped: " + PYTHON + " not found (needs Debian's python3-scipy)");
        List<Map<String, Object>> cases = new ArrayList<>();
        for (Case c : CASES) {
            cases.add(Map.of("op", c.op, "mode", c.border.name().toLowerCase(), "image", c.image, "kernel", c.kernel));
        }
        Gson gson = new Gson();
        Process p = new ProcessBuilder(PYTHON.toString(), SCRIPT.toString())
                .redirectError(ProcessBuilder.Redirect.PIPE)
                .start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(gson.toJson(Map.of("cases", cases)).getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        assumeTrue(rc != 3, "skipped: " + PYTHON + " has no scipy (" + err.strip() + ")");
        assertEquals(0, rc, "scipy_reference.py failed: " + err);
        JsonArray results = gson.fromJson(out, JsonObject.class).getAsJsonArray("results");
        List<double[][]> ref = new ArrayList<>();
        results.forEach(r -> ref.add(gson.fromJson(r, double[][].class)));
        return ref;
    }
}
