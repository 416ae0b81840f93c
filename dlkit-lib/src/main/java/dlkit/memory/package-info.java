/**
 * Memory on whatever backend runs: what the GPUMemory notebook measures.
 * <ul>
 *   <li>{@link dlkit.memory.BackendReport}: backend, device, total memory, compute capability, driver, reason;</li>
 *   <li>{@link dlkit.memory.MemoryProbe} / {@link dlkit.memory.MemorySnapshot} / {@link dlkit.memory.MemoryLog}:
 *       readings (CUDA: nvidia-smi used memory + ND4J allocator; CPU: process RSS, peak RSS, JVM heap, JavaCPP
 *       physical bytes; both: ND4J workspaces) and tables of snapshots with deltas;</li>
 *   <li>{@link dlkit.memory.AnalyticMemory}: DL4J's {@code getMemoryReport} by category for a minibatch;</li>
 *   <li>{@link dlkit.memory.OptimizerState} and {@link dlkit.memory.NetMemory}: optimizer state (Sgd 0, momentum 1×,
 *       Adam 2×), expected and as held by a network;</li>
 *   <li>{@link dlkit.memory.CsvLog}: the original's CSV logs ({@code timestamp,memUsage},
 *       {@code timestamp,epoch,memUsage,loss,accuracy}) read back as Tablesaw tables;</li>
 *   <li>{@link dlkit.memory.CifarSample}: the 4,096-image subsample (real CIFAR-10 or a stated substitute);</li>
 *   <li>{@link dlkit.memory.MemoryExperiments}: {@code profileMemUsage} and {@code runTrain} of the original, with
 *       a predicted or caught out-of-memory result instead of a crash.</li>
 * </ul>
 * Tables and reports render in the notebook (Tablesaw tables directly; reports as {@link dlkit.display.Renderable}).
 */
package dlkit.memory;
