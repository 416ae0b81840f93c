package dlkit.kernel.render;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** ND4J arrays as readable text: shape and type first, then the values (summarised when large). */
final class ArrayRenderer implements MimeRenderer.TypeRenderer {

    @Override
    public Map<String, Object> render(Object value, List<String> requested) {
        if (!(value instanceof INDArray a)) {
            return null;
        }
        String header = "INDArray " + a.dataType() + " shape " + Arrays.toString(a.shape());
        String body = a.isEmpty() ? "[]" : a.toString(1000, false, 4);
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("text/plain", header + "\n" + body);
        return bundle;
    }
}
