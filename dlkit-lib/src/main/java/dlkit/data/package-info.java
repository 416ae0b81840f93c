/**
 * Image data for the labs, offline-friendly.
 * <ul>
 *   <li>{@link dlkit.data.Cifar10}: the official binary CIFAR-10 ({@link dlkit.data.CifarFormat}) from a folder
 *       ({@code DLKIT_DATA}, {@code ~/.cache/dlkit}) or downloaded (progress bar, MD5 check);
 *       {@link dlkit.data.Cifar10#loadOrSubstitute} falls back to {@link dlkit.data.FashionMnist} (Debian's
 *       {@code dataset-fashion-mnist}, padded to 3×32×32) and says so in one printed line.</li>
 *   <li>{@link dlkit.data.ImageSet}: {@code [N, 3, H, W]} images in [0, 1] with labels; normalised / one-hot /
 *       {@code DataSet} views.</li>
 *   <li>{@link dlkit.data.Normalization}: per-channel normalisation and channel statistics;
 *       {@code ImageSet.grayscale()} for one-channel images.</li>
 *   <li>{@link dlkit.data.Augmentation}: seeded random crop with padding and horizontal flip;
 *       {@link dlkit.data.DataLoader}: shuffled mini-batches, one epoch per {@code for} loop.</li>
 *   <li>{@link dlkit.data.CheatingFeature}: the label written into the image (dropout homework, part I).</li>
 *   <li>{@link dlkit.data.DataEnv}: the {@code DLKIT_*} variables read here.</li>
 * </ul>
 */
package dlkit.data;
