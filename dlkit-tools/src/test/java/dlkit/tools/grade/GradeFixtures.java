package dlkit.tools.grade;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dlkit.run.NotebookFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The tiny test assignment (dlkit-tools/src/test/resources/grade/tiny.ipynb) and small cell builders. */
final class GradeFixtures {
    private GradeFixtures() {}

    static String tinyText() {
        try (InputStream in = GradeFixtures.class.getResourceAsStream("/grade/tiny.ipynb")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static NotebookFile tiny() throws Exception {
        return NotebookFile.parse(Path.of("tiny.ipynb"), tinyText());
    }

    static NotebookFile notebook(String name, JsonObject json) throws Exception {
        return NotebookFile.parse(Path.of(name), json.toString());
    }

    static JsonObject cell(JsonObject nb, String gradeId) {
        for (var e : nb.getAsJsonArray("cells")) {
            if (gradeId.equals(Nbgrader.gradeId(e.getAsJsonObject()))) {
                return e.getAsJsonObject();
            }
        }
        throw new AssertionError("no cell " + gradeId);
    }

    static String source(JsonObject cell) {
        return NotebookFile.source(cell);
    }

    static JsonObject codeCell(String source, String outputsJson) {
        JsonObject c = new JsonObject();
        c.addProperty("cell_type", "code");
        c.add("metadata", new JsonObject());
        c.add("source", NotebookFile.lines(source));
        c.add(
                "outputs",
                outputsJson == null
                        ? new JsonArray()
                        : JsonParser.parseString(outputsJson).getAsJsonArray());
        c.addProperty("execution_count", 1);
        return c;
    }

    static JsonObject testMeta(String id, double points) {
        return JsonParser.parseString("{\"grade\": true, \"grade_id\": \"" + id + "\", \"locked\": true, \"points\": "
                        + points + ", \"schema_version\": 3, \"solution\": false, \"task\": false}")
                .getAsJsonObject();
    }
}
