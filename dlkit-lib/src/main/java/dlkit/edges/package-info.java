/**
 * The EdgeDetection homework (inductive bias of CNNs versus MLPs): the synthetic edge images and their loader, the
 * CNN and MLP models, their training and evaluation helpers, and the plots the questions ask for.
 */
package dlkit.edges;
