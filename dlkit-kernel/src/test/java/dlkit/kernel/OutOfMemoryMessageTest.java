package dlkit.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** An OutOfMemoryError says which memory ran out: the messages HotSpot and JavaCPP give for each. */
class OutOfMemoryMessageTest {

    @Test
    void threads() {
        String m = CellRunner.outOfMemory(
                "unable to create native thread: possibly out of memory or process/" + "resource limits reached");
        assertTrue(m.startsWith("out of threads: "), m);
    }

    @Test
    void offHeapArrays() {
        String m = CellRunner.outOfMemory(
                "Cannot allocate new LongPointer(1): totalBytes = 0, physicalBytes = " + "2302M\nat ...");
        assertTrue(m.startsWith("out of off-heap memory (ND4J arrays): Cannot allocate new LongPointer(1)"), m);
        assertTrue(!m.contains("\n"), "one line");
    }

    @Test
    void heap() {
        assertTrue(CellRunner.outOfMemory("Java heap space").startsWith("out of memory (Java heap max "));
        assertTrue(CellRunner.outOfMemory("null").contains("DLKIT_HEAP"));
    }
}
