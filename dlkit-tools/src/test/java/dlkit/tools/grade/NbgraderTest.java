package dlkit.tools.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class NbgraderTest {
    @Test
    void checksumIsNbgradersMd5() throws Exception {
        JsonObject c = GradeFixtures.codeCell("check(f() == 1, \"f\");", null);
        c.getAsJsonObject("metadata").add("nbgrader", GradeFixtures.testMeta("f_check", 2));
        // nbgrader/utils.py compute_checksum: source, cell_type, str(is_grade), str(is_solution), str(is_locked),
        // grade_id, str(float(points)).
        String expected = HexFormat.of()
                .formatHex(MessageDigest.getInstance("MD5")
                        .digest(("check(f() == 1, \"f\");" + "code" + "True" + "False" + "True" + "f_check" + "2.0")
                                .getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, Nbgrader.checksum(c));
    }

    @Test
    void lockedFollowsNbgrader() {
        JsonObject c = GradeFixtures.codeCell("x", null);
        assertFalse(Nbgrader.isLocked(c));
        c.getAsJsonObject("metadata").add("nbgrader", GradeFixtures.testMeta("t", 1));
        Nbgrader.meta(c).addProperty("locked", false);
        assertTrue(Nbgrader.isLocked(c), "grade cells are always locked");
        Nbgrader.meta(c).addProperty("solution", true);
        assertFalse(Nbgrader.isLocked(c), "solution cells never are");
    }

    @Test
    void pythonFloats() {
        assertEquals("2.0", Nbgrader.pythonFloat(2));
        assertEquals("0.5", Nbgrader.pythonFloat(0.5));
        assertEquals("0.0", Nbgrader.pythonFloat(0));
    }
}
