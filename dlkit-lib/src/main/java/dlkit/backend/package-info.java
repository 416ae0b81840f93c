/**
 * Which ND4J backend to use and why, shared by the kernel and the notebooks.
 * <ul>
 *   <li>{@link dlkit.backend.NvidiaSmi}: queries and parses {@code nvidia-smi} (name, compute capability, memory,
 *       driver) into {@link dlkit.backend.GpuInfo}; pure parsing, tested with canned output;</li>
 *   <li>{@link dlkit.backend.CudaSupport}: the rule that {@code nd4j-cuda-11.6} 1.0.0-M2.1 runs sm_37..sm_86 only
 *       (sm_87/89 run the sm_86 cubin; 9.0+ such as H100/H200 cannot run it);</li>
 *   <li>{@link dlkit.backend.BackendChoice}: {@code DLKIT_BACKEND=cpu|cuda|auto} + GPUs + build → backend and a
 *       one-line reason; {@link dlkit.backend.BackendChoice#decide} is pure;</li>
 *   <li>{@link dlkit.backend.GpuDecision}: the same decisions printed as lines for the scripts ({@code ./dlkit setup}
 *       builds {@code -Pcuda} or not, {@code ./dlkit doctor}, {@code kernel/launch.sh}), so the rule is not copied
 *       into shell;</li>
 *   <li>{@link dlkit.backend.Nd4jCuda}: CUDA-only ND4J calls by reflection (compiles on the CPU build);</li>
 *   <li>{@link dlkit.backend.CpuThreads}: lower ND4J's CPU threads when cores are shared.</li>
 * </ul>
 * Nothing here loads ND4J except {@link dlkit.backend.CpuThreads} and {@link dlkit.backend.Nd4jCuda}.
 */
package dlkit.backend;
