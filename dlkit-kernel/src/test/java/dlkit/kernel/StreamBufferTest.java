package dlkit.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlkit.kernel.io.StreamBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamBufferTest {

    private final List<String> sent = new ArrayList<>();
    private final StreamBuffer buffer = new StreamBuffer("stdout", (name, text) -> sent.add(text), 100);

    @Test
    void batchesWritesUntilFlushed() {
        buffer.write("a\n".getBytes(StandardCharsets.UTF_8), 0, 2);
        buffer.write("b\n".getBytes(StandardCharsets.UTF_8), 0, 2);
        assertTrue(sent.isEmpty());
        buffer.flush();
        assertEquals(List.of("a\nb\n"), sent);
    }

    @Test
    void neverSplitsAMultiByteCharacter() {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8); // 3 bytes
        buffer.write(euro, 0, 2);
        buffer.flush();
        assertTrue(sent.isEmpty(), "half a character must wait");
        buffer.write(euro, 2, 1);
        buffer.flush();
        assertEquals(List.of("€"), sent);
    }

    @Test
    void truncatesAfterTheLimitAndSaysHowMuch() {
        byte[] line = "0123456789".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 15; i++) {
            buffer.write(line, 0, line.length);
        }
        buffer.endCell();
        String all = String.join("", sent);
        assertTrue(all.startsWith("0123456789".repeat(10)));
        assertTrue(all.contains("50 more bytes not shown"), all);
        sent.clear();
        buffer.write(line, 0, line.length);
        buffer.endCell();
        assertEquals(List.of("0123456789"), sent, "the limit is per cell");
    }
}
