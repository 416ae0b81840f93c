package dlkit.kernel.comm;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.ToNumberPolicy;
import com.google.gson.TypeAdapter;
import com.google.gson.annotations.JsonAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Message content already written as JSON. JJava's Gson drops map entries whose value is null, but widget
 * state needs them ({@code "index": null}, every Layout key): comm content is written here with nulls kept
 * and goes through JJava's writer verbatim.
 */
@JsonAdapter(JsonText.Adapter.class)
public final class JsonText {

    static final Gson GSON = new GsonBuilder()
            .serializeNulls()
            .disableHtmlEscaping()
            .setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE)
            .create();

    private final String json;

    private JsonText(String json) {
        this.json = json;
    }

    /** The JSON form of plain Java data (maps, lists, strings, numbers, booleans, null). */
    public static JsonText of(Object value) {
        return new JsonText(GSON.toJson(value));
    }

    /** A JSON object from the wire as plain Java data: integers as Long, other numbers as Double. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> toMap(JsonElement element) {
        if (element == null || element.isJsonNull()) {
            return new LinkedHashMap<>();
        }
        return GSON.fromJson(element, LinkedHashMap.class);
    }

    @Override
    public String toString() {
        return json;
    }

    static final class Adapter extends TypeAdapter<JsonText> {
        @Override
        public void write(JsonWriter out, JsonText value) throws IOException {
            out.jsonValue(value.json);
        }

        @Override
        public JsonText read(JsonReader in) {
            throw new UnsupportedOperationException("JsonText is only written");
        }
    }
}
