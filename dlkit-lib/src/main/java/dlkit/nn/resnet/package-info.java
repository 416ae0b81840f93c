/**
 * torchvision's ResNet-18/34/50/101/152 as DL4J {@link org.deeplearning4j.nn.graph.ComputationGraph}s with the
 * same trainable parameter counts ({@link dlkit.nn.resnet.ResNet}), and parameter counting PyTorch's way and DL4J's
 * way ({@link dlkit.nn.resnet.ParamCounts}). On nd4j-native's oneDNN build, {@link dlkit.nn.resnet.ResNetOneDnn}
 * runs their convolutions and batch norms on oneDNN (DL4J 1.0.0-M2.1 never does by itself).
 */
package dlkit.nn.resnet;
