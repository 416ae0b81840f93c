/**
 * Training DL4J computation graphs (ResNet parts) with oneDNN primitives for the forward and backward passes and
 * DL4J's own updater for the step; each step is checked against DL4J's {@code fit}.
 */
package dlkit.nn.onednn;
