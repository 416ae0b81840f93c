/**
 * Training DL4J networks from notebooks, PyTorch-style.
 * <ul>
 *   <li>{@link dlkit.nn.Trainer}: the training loop (builder: epochs or steps, batch size, lr,
 *       {@link dlkit.nn.Optimizer} SGD/Adam, seed, shuffle, progress bar, per-epoch printing) for a
 *       {@code MultiLayerNetwork} or {@code ComputationGraph}; returns a {@link dlkit.nn.History}
 *       (loss per step, per-epoch train/val loss and val accuracy, {@code toTable()}).</li>
 *   <li>{@link dlkit.nn.InputDropout}: dropout with PyTorch's p (probability of dropping), converted to DL4J's
 *       retain probability.</li>
 *   <li>{@link dlkit.nn.Linear} and {@link dlkit.nn.Sequential}: {@code nn.Linear(in, out, bias=False)} with zero
 *       init, stacked into a network with an MSE or cross-entropy head.</li>
 *   <li>{@link dlkit.nn.ConvNet}: the small CNN of the dropout homework's part (I).</li>
 *   <li>{@link dlkit.nn.Weights}, {@link dlkit.nn.Accuracy}: what the homeworks print.</li>
 *   <li>{@link dlkit.nn.Seeds}: reproducible ND4J random streams (hides two M2.1 seeding pitfalls).</li>
 *   <li>CIFAR labs: {@link dlkit.nn.LeNet} (the PyTorch tutorial's classifier), {@link dlkit.nn.SimpleNN} (the
 *       labs' model, with batch norm / custom activation / L1 / L2 variants), {@link dlkit.nn.ParameterTable}
 *       (weight shapes and counts, weights per layer), {@link dlkit.nn.CustomActivation} (an activation from a
 *       function and its derivative), {@link dlkit.nn.LrSchedule} (learning rate per epoch, for
 *       {@code Trainer.Builder.schedule}), {@link dlkit.nn.Updaters} (a fresh optimizer for hand-written loops).
 *       The {@code Trainer} also augments batches, measures training accuracy and prints the running loss.</li>
 *   <li>{@link dlkit.nn.FastConvLayer}: DL4J's convolution layer computed by direct loops ({@link dlkit.nn.FastConv}),
 *       much faster than im2col + GEMM for small images and few filters; {@link dlkit.nn.SgdMomentum}: SGD with
 *       PyTorch's momentum rule (DL4J's Nesterovs differs).</li>
 * </ul>
 * <pre>{@code
 * MultiLayerNetwork net = Sequential.of(InputDropout.of(0.5), Linear.noBias(2, 1).zeroInit()).mse();
 * History h = Trainer.builder().steps(1000).lr(1e-3).seed(0).build().fit(net, x, y);
 * Plots.line("Training loss", "iteration", "MSE", h.loss())
 * }</pre>
 */
package dlkit.nn;
