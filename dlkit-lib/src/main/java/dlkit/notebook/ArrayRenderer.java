package dlkit.notebook;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** ND4J arrays as readable text: shape and type first, then the values (summarised when large). */
final class ArrayRenderer {

    private ArrayRenderer() {}

    static Map<String, Object> render(INDArray a, List<String> requested) {
        String header = "INDArray " + a.dataType() + " shape " + Arrays.toString(a.shape());
        String body = a.isEmpty() ? "[]" : a.toString(1000, false, 4);
        return Map.of("text/plain", header + "\n" + body);
    }
}
