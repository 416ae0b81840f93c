package dlkit.kernel.magic;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code %load file}: runs a .jsh/.java file, or the code cells of a notebook, as if typed here. */
final class LoadMagic {

    private LoadMagic() {}

    static Object load(String args, MagicContext ctx) throws Exception {
        List<String> files = CellParser.args(args);
        if (files.isEmpty()) {
            throw new MagicException("%load needs a file, e.g. %load helpers.jsh");
        }
        Object last = null;
        for (String f : files) {
            Path path = Path.of(f);
            if (!Files.isRegularFile(path)) {
                throw new MagicException("%load: no such file " + path.toAbsolutePath() + " (paths are relative to "
                        + Path.of("").toAbsolutePath() + ")");
            }
            last = f.endsWith(".ipynb") ? loadNotebook(path, ctx) : ctx.evalJava(Files.readString(path));
        }
        return last;
    }

    private static Object loadNotebook(Path path, MagicContext ctx) throws Exception {
        JsonObject nb;
        try {
            nb = JsonParser.parseString(Files.readString(path)).getAsJsonObject();
        } catch (IOException | RuntimeException e) {
            throw new MagicException("%load: " + path + " is not a readable notebook (" + e.getMessage() + ")");
        }
        Object last = null;
        JsonArray cells = nb.getAsJsonArray("cells");
        for (JsonElement c : cells == null ? new JsonArray() : cells) {
            JsonObject cell = c.getAsJsonObject();
            if (!"code".equals(cell.get("cell_type").getAsString())) {
                continue;
            }
            JsonElement src = cell.get("source");
            String code;
            if (src.isJsonArray()) {
                StringBuilder sb = new StringBuilder();
                src.getAsJsonArray().forEach(e -> sb.append(e.getAsString()));
                code = sb.toString();
            } else {
                code = src.getAsString();
            }
            last = ctx.evalJava(code);
        }
        return last;
    }
}
