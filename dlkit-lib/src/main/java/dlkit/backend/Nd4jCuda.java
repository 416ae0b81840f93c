package dlkit.backend;

import java.lang.reflect.Method;
import java.util.OptionalInt;

/**
 * ND4J's CUDA-only API reached by reflection, so this code compiles and runs on the CPU build (where
 * {@code org.nd4j.jita.conf.CudaEnvironment} does not exist). Call only when ND4J runs its CUDA backend: touching
 * CudaEnvironment loads the CUDA native libraries.
 */
public final class Nd4jCuda {

    private Nd4jCuda() {}

    /** {@code CudaEnvironment.getInstance().getCurrentDeviceArchitecture()} (e.g. 75 for a T4); empty on CPU builds or failure. */
    public static OptionalInt currentDeviceArchitecture() {
        try {
            Object env = environment();
            Method m = env.getClass().getMethod("getCurrentDeviceArchitecture");
            return OptionalInt.of(((Number) m.invoke(env)).intValue());
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return OptionalInt.empty();
        }
    }

    /**
     * Caps the device cache ND4J keeps ({@code CudaEnvironment.getInstance().getConfiguration().setMaximumDeviceCache}),
     * so that nvidia-smi's figure follows the arrays more closely. Returns false on CPU builds or failure.
     */
    public static boolean setMaximumDeviceCache(long bytes) {
        try {
            Object env = environment();
            Object conf = env.getClass().getMethod("getConfiguration").invoke(env);
            conf.getClass().getMethod("setMaximumDeviceCache", long.class).invoke(conf, bytes);
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static Object environment() throws ReflectiveOperationException {
        Class<?> c = Class.forName(BackendChoice.CUDA_CLASS, true, Nd4jCuda.class.getClassLoader());
        return c.getMethod("getInstance").invoke(null);
    }
}
