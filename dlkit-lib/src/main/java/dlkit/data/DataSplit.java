package dlkit.data;

/** Training and test images plus the one-line notice of which data they are. */
public record DataSplit(ImageSet train, ImageSet test, String notice) {

    /** True when the images are the real CIFAR-10 (not a substitute). */
    public boolean isCifar10() {
        return train.source().startsWith("CIFAR-10");
    }

    @Override
    public String toString() {
        return notice + "\n  train: " + train + "\n  test:  " + test;
    }
}
