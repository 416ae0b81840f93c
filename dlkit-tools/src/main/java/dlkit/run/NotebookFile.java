package dlkit.run;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A Jupyter notebook (nbformat 4) read as a JSON tree, checked to be a Java (DLKit) notebook. */
public final class NotebookFile {
    private static final Gson GSON = new GsonBuilder()
            .setPrettyPrinting()
            .serializeNulls()
            .disableHtmlEscaping()
            .create();

    private final Path path;
    private final JsonObject json;

    private NotebookFile(Path path, JsonObject json) {
        this.path = path;
        this.json = json;
    }

    public Path path() {
        return path;
    }

    public JsonObject json() {
        return json;
    }

    /** Reads and validates {@code path}; every failure is one line naming the problem and the fix. */
    public static NotebookFile read(Path path) throws NotebookException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new NotebookException(path + ": no such file; check the path (notebooks live in notebooks/)");
        } catch (IOException e) {
            throw new NotebookException(path + ": cannot read it (" + e.getMessage() + ")");
        }
        return parse(path, text);
    }

    /** Parses and validates notebook text; {@code path} is only used in messages. */
    public static NotebookFile parse(Path path, String text) throws NotebookException {
        JsonElement root;
        try {
            JsonReader reader = new JsonReader(new StringReader(text));
            reader.setStrictness(Strictness.STRICT);
            root = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new JsonSyntaxException("extra text after the notebook's closing brace at " + reader.getPath());
            }
        } catch (JsonParseException | IllegalStateException | IOException e) {
            String why = e.getCause() != null && e.getCause().getMessage() != null
                    ? e.getCause().getMessage()
                    : String.valueOf(e.getMessage());
            throw new NotebookException(path + ": not valid JSON (" + firstLine(why)
                    + "); restore it from git (git checkout -- " + path + ") or re-save it from Jupyter");
        }
        if (!root.isJsonObject()) {
            throw new NotebookException(path + ": not a notebook (the JSON top level is not an object); "
                    + "pass an .ipynb file saved by Jupyter");
        }
        NotebookFile nb = new NotebookFile(path, root.getAsJsonObject());
        nb.validate();
        return nb;
    }

    private void validate() throws NotebookException {
        JsonElement format = json.get("nbformat");
        if (format == null
                || !format.isJsonPrimitive()
                || !format.getAsJsonPrimitive().isNumber()) {
            throw new NotebookException(
                    path + ": not a Jupyter notebook (no nbformat field); " + "pass an .ipynb file saved by Jupyter");
        }
        if (format.getAsInt() != 4) {
            throw new NotebookException(path + ": nbformat " + format.getAsString() + " is not supported (DLKit needs "
                    + "nbformat 4); convert it with: jupyter nbconvert --to notebook --nbformat 4 --inplace " + path);
        }
        JsonElement cells = json.get("cells");
        if (cells == null || !cells.isJsonArray()) {
            throw new NotebookException(path + ": no cells list; the file is damaged, re-save it from Jupyter");
        }
        for (JsonElement cell : cells.getAsJsonArray()) {
            if (!cell.isJsonObject() || !cell.getAsJsonObject().has("cell_type")) {
                throw new NotebookException(
                        path + ": a cell without cell_type; the file is damaged, re-save it from Jupyter");
            }
        }
        String language = language();
        if (language == null) {
            throw new NotebookException(path + ": metadata.kernelspec.language is missing; open it in Jupyter and "
                    + "choose Kernel > Change kernel > Java (DLKit), or set metadata.kernelspec to "
                    + "{\"name\": \"dlkit\", \"display_name\": \"Java (DLKit)\", \"language\": \"java\"}");
        }
        if (!language.equalsIgnoreCase("java")) {
            throw new NotebookException(path + ": kernelspec.language is \"" + language + "\", not java; this is not a "
                    + "DLKit notebook (for " + language + " use its own kernel), or switch it with "
                    + "Kernel > Change kernel > Java (DLKit)");
        }
    }

    /** {@code metadata.kernelspec.language}, or {@code metadata.language_info.name}, or null. */
    public String language() {
        JsonObject metadata = object(json, "metadata");
        String lang = string(object(metadata, "kernelspec"), "language");
        if (lang == null) {
            lang = string(object(metadata, "language_info"), "name");
        }
        return lang;
    }

    public JsonArray cells() {
        return json.getAsJsonArray("cells");
    }

    public String toJson() {
        return GSON.toJson(json) + "\n";
    }

    /** Writes the notebook as UTF-8 JSON. */
    public void write(Path target) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(target, toJson(), StandardCharsets.UTF_8);
    }

    // ---- cell helpers -------------------------------------------------------------------------------------------

    /** A cell's source, which nbformat stores as a string or as a list of lines. */
    public static String source(JsonObject cell) {
        return joined(cell.get("source"));
    }

    /** Text stored as a string or as a list of strings (nbformat's multiline string). */
    public static String joined(JsonElement value) {
        if (value == null || value.isJsonNull()) {
            return "";
        }
        if (value.isJsonArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonElement line : value.getAsJsonArray()) {
                sb.append(line.getAsString());
            }
            return sb.toString();
        }
        return value.getAsString();
    }

    public static Set<String> tags(JsonObject cell) {
        Set<String> tags = new LinkedHashSet<>();
        JsonObject metadata = object(cell, "metadata");
        if (metadata != null && metadata.has("tags") && metadata.get("tags").isJsonArray()) {
            for (JsonElement tag : metadata.getAsJsonArray("tags")) {
                tags.add(tag.getAsString());
            }
        }
        return tags;
    }

    public static boolean isCode(JsonObject cell) {
        return "code".equals(string(cell, "cell_type"));
    }

    /** Indexes of cells carrying {@code tag}. */
    public List<Integer> cellsTagged(String tag) {
        List<Integer> found = new ArrayList<>();
        JsonArray cells = cells();
        for (int i = 0; i < cells.size(); i++) {
            if (tags(cells.get(i).getAsJsonObject()).contains(tag)) {
                found.add(i);
            }
        }
        return found;
    }

    /** Splits text into nbformat's list-of-lines form, each line keeping its newline. */
    public static JsonArray lines(String text) {
        JsonArray array = new JsonArray();
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl + 1;
            array.add(text.substring(start, end));
            start = end;
        }
        return array;
    }

    static JsonObject object(JsonObject parent, String key) {
        if (parent == null) {
            return null;
        }
        JsonElement e = parent.get(key);
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : null;
    }

    static String string(JsonObject parent, String key) {
        if (parent == null) {
            return null;
        }
        JsonElement e = parent.get(key);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
