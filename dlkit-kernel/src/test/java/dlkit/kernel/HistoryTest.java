package dlkit.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dlkit.kernel.history.History;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryTest {

    private final History history = new History();

    HistoryTest() {
        history.add(1, "int a = 1;");
        history.add(2, "a + 1");
        history.add(3, "int b = 2;");
        history.add(4, "a + 1");
    }

    private static List<Integer> lines(List<History.Entry> entries) {
        return entries.stream().map(History.Entry::line).toList();
    }

    @Test
    void tailReturnsTheLastN() {
        assertEquals(List.of(3, 4), lines(history.tail(2)));
    }

    @Test
    void rangeIsStartInclusiveStopExclusive() {
        assertEquals(List.of(2, 3), lines(history.range(0, 2, 4)));
        assertEquals(List.of(4), lines(history.range(0, -1, 0)));
    }

    @Test
    void searchMatchesGlobsAndCanBeUnique() {
        assertEquals(List.of(1, 3), lines(history.search("int *", 10, false)));
        assertEquals(List.of(2, 4), lines(history.search("a + ?", 10, false)));
        assertEquals(List.of(4), lines(history.search("a + ?", 10, true)));
    }
}
