package dlkit.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlkit.backend.CudaSupport.Verdict;
import org.junit.jupiter.api.Test;

class CudaSupportTest {

    @Test
    void builtArchitecturesAreNative() {
        for (int cc : CudaSupport.CUBINS) {
            assertEquals(Verdict.NATIVE, CudaSupport.check(cc / 10, cc % 10), "sm_" + cc);
        }
    }

    @Test
    void sm87And89RunTheSm86Cubin() {
        assertEquals(Verdict.COMPATIBLE, CudaSupport.check(8, 7));
        assertEquals(Verdict.COMPATIBLE, CudaSupport.check(8, 9));
        assertEquals(86, CudaSupport.cubinFor(8, 9));
        assertEquals(Verdict.COMPATIBLE, CudaSupport.check(7, 2)); // Xavier runs sm_70
        assertEquals(Verdict.COMPATIBLE, CudaSupport.check(5, 3)); // TX1 runs sm_52
    }

    @Test
    void hopperAndNewerCannotRun() {
        assertEquals(Verdict.TOO_NEW, CudaSupport.check(9, 0));
        assertEquals(Verdict.TOO_NEW, CudaSupport.check(10, 0));
        assertEquals(Verdict.TOO_NEW, CudaSupport.check(12, 0));
        assertFalse(Verdict.TOO_NEW.runnable());
    }

    @Test
    void olderThanSm37CannotRun() {
        assertEquals(Verdict.TOO_OLD, CudaSupport.check(3, 5));
        assertEquals(Verdict.TOO_OLD, CudaSupport.check(3, 0));
        assertEquals(Verdict.TOO_OLD, CudaSupport.check(2, 1));
        assertEquals(Verdict.UNKNOWN, CudaSupport.check(-1, -1));
    }

    @Test
    void explainNamesTheGpu() {
        GpuInfo h100 = new GpuInfo(0, "NVIDIA H100 80GB HBM3", 9, 0, 81559, 1, "550.54.15");
        String s = CudaSupport.explain(h100);
        assertTrue(s.contains("NVIDIA H100 80GB HBM3") && s.contains("cannot run") && s.contains("sm_90"), s);
        assertTrue(CudaSupport.explain(h100.withComputeCapability(8, 9)).contains("sm_86 code"));
    }
}
