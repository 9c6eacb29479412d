package nnrun.data;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/** The datasets nnrun knows by name, where their files live under a data root, and where to get them. */
public enum StandardDataset {

    /**
     * Mirrors as used by torchvision (the original yann.lecun.com host no longer serves the
     * files); MD5s as published for the official files.
     */
    MNIST("mnist", "MNIST", new int[] {1, 28, 28}, Mnist.CLASSES, Mnist.FOLDER,
            List.of(URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
                    URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/")),
            List.of(RemoteFile.md5("train-images-idx3-ubyte.gz", "f68b3c2dcbeaaa9fbdd348bbdeb94873"),
                    RemoteFile.md5("train-labels-idx1-ubyte.gz", "d53e105ee54ea40749a09fcbcd1e9432"),
                    RemoteFile.md5("t10k-images-idx3-ubyte.gz", "9fb629c4189551a2d022fa330f9573f3"),
                    RemoteFile.md5("t10k-labels-idx1-ubyte.gz", "ec29112dd5afa0611ce80d1b7f02629c"))),

    /** One official host; the binary version's archive MD5 as published on the CIFAR page. */
    CIFAR10("cifar10", "CIFAR-10", new int[] {3, 32, 32}, 10, Cifar10.FOLDER,
            List.of(URI.create("https://www.cs.toronto.edu/~kriz/")),
            List.of(RemoteFile.md5(Cifar10.ARCHIVE, "c32a1d4ab5d03f1284b67883e8d87530")));

    private final String configName;
    private final String title;
    private final int[] sampleShape;
    private final int classes;
    private final String folder;
    private final List<URI> officialMirrors;
    private final List<RemoteFile> downloads;

    StandardDataset(String configName, String title, int[] sampleShape, int classes, String folder,
                    List<URI> officialMirrors, List<RemoteFile> downloads) {
        this.configName = configName;
        this.title = title;
        this.sampleShape = sampleShape;
        this.classes = classes;
        this.folder = folder;
        this.officialMirrors = officialMirrors;
        this.downloads = downloads;
    }

    public String configName() {
        return configName;
    }

    /** How tables name it: "MNIST", "CIFAR-10". */
    public String title() {
        return title;
    }

    /** Per-sample shape of its images, C×H×W. */
    public int[] sampleShape() {
        return sampleShape.clone();
    }

    public int classes() {
        return classes;
    }

    /** The folder under a data root that holds the decoded files: mnist or cifar-10-batches-bin. */
    public String folder() {
        return folder;
    }

    public List<URI> officialMirrors() {
        return officialMirrors;
    }

    /** What is fetched from the mirrors: the four MNIST files, or the CIFAR-10 archive. */
    public List<RemoteFile> downloads() {
        return downloads;
    }

    /** The files that must be present in {@link #folder()} to load both splits. */
    public List<String> requiredFiles() {
        return this == MNIST ? Mnist.allFileNames() : Cifar10.allFileNames();
    }

    public Dataset load(Path folder, Split split) {
        return this == MNIST ? Mnist.load(folder, split) : Cifar10.load(folder, split);
    }
}
