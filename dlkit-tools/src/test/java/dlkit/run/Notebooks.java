package dlkit.run;

/** Small notebook JSON texts for the tests. */
final class Notebooks {
    private Notebooks() {}

    static String javaNotebook(String... cells) {
        return notebook(4, 4, "java", cells);
    }

    static String notebook(int major, int minor, String language, String... cells) {
        StringBuilder sb = new StringBuilder("{\"nbformat\": " + major + ", \"nbformat_minor\": " + minor + ",\n"
                + "\"metadata\": {\"kernelspec\": {\"name\": \"dlkit\", \"display_name\": \"Java (DLKit)\", "
                + "\"language\": \"" + language + "\"}, \"language_info\": {\"name\": \"" + language + "\"}},\n"
                + "\"cells\": [");
        for (int i = 0; i < cells.length; i++) {
            sb.append(i == 0 ? "\n" : ",\n").append(cells[i]);
        }
        return sb.append("]}\n").toString();
    }

    static String code(String source, String... tags) {
        StringBuilder t = new StringBuilder();
        for (String tag : tags) {
            t.append(t.length() == 0 ? "" : ", ").append('"').append(tag).append('"');
        }
        return "{\"cell_type\": \"code\", \"execution_count\": null, \"metadata\": {\"tags\": [" + t + "]}, "
                + "\"outputs\": [], \"source\": " + new com.google.gson.Gson().toJson(source) + "}";
    }

    static String markdown(String source) {
        return "{\"cell_type\": \"markdown\", \"metadata\": {}, \"source\": "
                + new com.google.gson.Gson().toJson(source) + "}";
    }

    static String codeWithOutputs(String source, String outputsJson) {
        return "{\"cell_type\": \"code\", \"execution_count\": 1, \"metadata\": {}, \"outputs\": " + outputsJson
                + ", \"source\": " + new com.google.gson.Gson().toJson(source) + "}";
    }
}
