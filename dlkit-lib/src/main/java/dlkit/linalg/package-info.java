/**
 * NumPy-style least squares on {@code double[][]} and {@code INDArray}: {@link dlkit.linalg.Linalg#pinv},
 * {@link dlkit.linalg.Linalg#lstsq} (minimum-norm) and {@link dlkit.linalg.Linalg#weightedLstsq}
 * ({@code pinv(XᵀSX) XᵀSy}, which also works when {@code XᵀSX} is singular), in double precision via an SVD.
 */
package dlkit.linalg;
