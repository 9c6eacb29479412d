package nnrun.data;

import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The datasets nnrun knows by name: where their files live under a data root, where to get them,
 * their published checksums, and what their samples look like (known without reading a file).
 */
public enum StandardDataset {

    /**
     * Mirrors as used by torchvision (the original yann.lecun.com host no longer serves the
     * files); MD5s as published for the official files. The SHA-256s of the decompressed files
     * were computed from copies whose .gz MD5s match the published ones.
     */
    MNIST("mnist", Mnist.FOLDER, Format.IDX, Mnist.CLASS_NAMES,
            List.of(URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
                    URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/")),
            List.of(RemoteFile.md5("train-images-idx3-ubyte.gz", "f68b3c2dcbeaaa9fbdd348bbdeb94873"),
                    RemoteFile.md5("train-labels-idx1-ubyte.gz", "d53e105ee54ea40749a09fcbcd1e9432"),
                    RemoteFile.md5("t10k-images-idx3-ubyte.gz", "9fb629c4189551a2d022fa330f9573f3"),
                    RemoteFile.md5("t10k-labels-idx1-ubyte.gz", "ec29112dd5afa0611ce80d1b7f02629c")),
            Map.of("train-images-idx3-ubyte", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
                    "train-labels-idx1-ubyte", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
                    "t10k-images-idx3-ubyte", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
                    "t10k-labels-idx1-ubyte", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"),
            List.of()),

    /**
     * Zalando's Fashion-MNIST in the MNIST layout. Mirrors and .gz MD5s as published in the
     * zalandoresearch/fashion-mnist README (the GitHub copy first: the S3 site has no HTTPS).
     * Debian's dataset-fashion-mnist package recompresses the files, so its .gz MD5s differ; the
     * decompressed SHA-256s below were computed from that package and agree with independently
     * published values, so they identify the content however it is compressed.
     */
    FASHION_MNIST("fashion_mnist", "fashion-mnist", Format.IDX,
            List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
                    "Ankle boot"),
            List.of(URI.create("https://github.com/zalandoresearch/fashion-mnist/raw/master/data/fashion/"),
                    URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/")),
            List.of(RemoteFile.md5("train-images-idx3-ubyte.gz", "8d4fb7e6c68d591d4c3dfef9ec88bf0d"),
                    RemoteFile.md5("train-labels-idx1-ubyte.gz", "25c81989df183df01b3e8a0aad5dffbe"),
                    RemoteFile.md5("t10k-images-idx3-ubyte.gz", "bef4ecab320f06d8554ea6380940ec79"),
                    RemoteFile.md5("t10k-labels-idx1-ubyte.gz", "bb300cfdad3c16e7a12a480ee83cd310")),
            Map.of("train-images-idx3-ubyte", "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
                    "train-labels-idx1-ubyte", "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
                    "t10k-images-idx3-ubyte", "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
                    "t10k-labels-idx1-ubyte", "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"),
            List.of(new DatasetLocator.Place(Path.of("/usr/share/datasets/fashion-mnist"),
                    "Debian package dataset-fashion-mnist"))),

    /**
     * Kuzushiji-MNIST (rois-codh/kmnist) in the MNIST layout. The official repository publishes
     * no checksums; the .gz MD5s are the ones torchvision verifies its downloads against. No copy
     * was at hand to compute decompressed SHA-256s from, so KMNIST is recognised by its .gz MD5s.
     */
    KMNIST("kmnist", "kmnist", Format.IDX,
            List.of("o", "ki", "su", "tsu", "na", "ha", "ma", "ya", "re", "wo"),
            List.of(URI.create("https://codh.rois.ac.jp/kmnist/dataset/kmnist/"),
                    URI.create("http://codh.rois.ac.jp/kmnist/dataset/kmnist/")),
            List.of(RemoteFile.md5("train-images-idx3-ubyte.gz", "bdb82020997e1d708af4cf47b453dcf7"),
                    RemoteFile.md5("train-labels-idx1-ubyte.gz", "e144d726b3acfaa3e44228e80efcd344"),
                    RemoteFile.md5("t10k-images-idx3-ubyte.gz", "5c965bf0a639b31b8f53240b1b52f4d7"),
                    RemoteFile.md5("t10k-labels-idx1-ubyte.gz", "7320c461ea6c1c855c0b718fb2a4b134")),
            Map.of(),
            List.of()),

    /**
     * One official host; the binary version's archive MD5 as published on the CIFAR page. The
     * batch files' SHA-256s were computed from files extracted from an archive with that MD5.
     */
    CIFAR10("cifar10", Cifar10.FOLDER, Format.CIFAR10, Cifar10.CLASS_NAMES,
            List.of(URI.create("https://www.cs.toronto.edu/~kriz/")),
            List.of(RemoteFile.md5(Cifar10.ARCHIVE, "c32a1d4ab5d03f1284b67883e8d87530")),
            Map.of("data_batch_1.bin", "cee916563c9f80d84e3cc88e17fdc0941787f1244f00a67874d45b261883ada5",
                    "data_batch_2.bin", "a591ca11fa1708a91ee40f54b3da4784ccd871ecf2137de63f51ada8b3fa57ed",
                    "data_batch_3.bin", "bbe8596564c0f86427f876058170b84dac6670ddf06d79402899d93ceea26f67",
                    "data_batch_4.bin", "014e562d6e23c72197cc727519169a60359f5eccd8945ad5a09d710285ff4e48",
                    "data_batch_5.bin", "755304fc0b379caeae8c14f0dac912fbc7d6cd469eb67a1029a08a39453a9add",
                    "test_batch.bin", "8e2eb146ae340b09e24670f29cabc6326dba54da8789dab6768acf480273f65b"),
            List.of()),

    /**
     * The binary version from the CIFAR page, archive MD5 as published there. No copy was at hand
     * to compute train.bin/test.bin SHA-256s from, so an extracted folder is never recognised as
     * the published content (its fingerprints are recorded all the same). Class names here are
     * the fine labels, the default.
     */
    CIFAR100("cifar100", Cifar100.FOLDER, Format.CIFAR100, Cifar100.Labels.FINE.officialNames(),
            List.of(URI.create("https://www.cs.toronto.edu/~kriz/")),
            List.of(RemoteFile.md5(Cifar100.ARCHIVE, "03b5dce01913d631647c71ecec9e9cb8")),
            Map.of(),
            List.of());

    /** How a dataset's files are laid out and read. */
    enum Format {
        /** Four IDX files as MNIST publishes them, each downloaded on its own. */
        IDX(new int[] {1, 28, 28}),
        /** data_batch_1..5.bin and test_batch.bin, from one archive. */
        CIFAR10(CifarBinaryFile.SAMPLE_SHAPE),
        /** train.bin and test.bin, from one archive. */
        CIFAR100(CifarBinaryFile.SAMPLE_SHAPE);

        private final int[] sampleShape;

        Format(int[] sampleShape) {
            this.sampleShape = sampleShape;
        }
    }

    private final String configName;
    private final String folder;
    private final Format format;
    private final List<String> classNames;
    private final List<URI> officialMirrors;
    private final List<RemoteFile> downloads;
    private final Map<String, String> contentSha256;
    private final List<DatasetLocator.Place> systemCopies;

    StandardDataset(String configName, String folder, Format format, List<String> classNames,
                    List<URI> officialMirrors, List<RemoteFile> downloads, Map<String, String> contentSha256,
                    List<DatasetLocator.Place> systemCopies) {
        this.configName = configName;
        this.folder = folder;
        this.format = format;
        this.classNames = classNames;
        this.officialMirrors = officialMirrors;
        this.downloads = downloads;
        this.contentSha256 = contentSha256;
        this.systemCopies = systemCopies;
    }

    /** Looks a dataset up by its config name ("fashion_mnist", "cifar10"; case, dashes and underscores ignored). */
    public static StandardDataset named(String name) {
        return lookup(name).orElseThrow(() -> new DataException("unknown dataset '" + name + "'; choose one of "
                        + Arrays.stream(values()).map(d -> d.configName).collect(Collectors.joining(", "))
                        + ", or give a CSV file"));
    }

    /** The dataset a config name means, if it is one of these. */
    public static Optional<StandardDataset> lookup(String name) {
        String key = normalized(name);
        return Arrays.stream(values()).filter(d -> normalized(d.configName).equals(key)).findFirst();
    }

    private static String normalized(String name) {
        return name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }

    public String configName() {
        return configName;
    }

    /** How tables name it: "MNIST", "CIFAR-10". */
    public String title() {
        return switch (this) {
            case MNIST -> "MNIST";
            case FASHION_MNIST -> "Fashion-MNIST";
            case KMNIST -> "KMNIST";
            case CIFAR10 -> "CIFAR-10";
            case CIFAR100 -> "CIFAR-100";
        };
    }

    /** The folder under a data root that holds the decoded files, e.g. mnist or cifar-10-batches-bin. */
    public String folder() {
        return folder;
    }

    /** Per-sample shape, channels first: [1,28,28] or [3,32,32]. */
    public int[] sampleShape() {
        return format.sampleShape.clone();
    }

    /** The official class names in label order (for CIFAR-100, the fine labels). */
    public List<String> classNames() {
        return classNames;
    }

    public List<URI> officialMirrors() {
        return officialMirrors;
    }

    /** What is fetched from the mirrors: the four IDX files, or the one archive. */
    public List<RemoteFile> downloads() {
        return downloads;
    }

    /** The archive that unpacks into {@link #folder()}, for the CIFAR datasets. */
    public Optional<String> archive() {
        return format == Format.IDX ? Optional.empty() : Optional.of(downloads.get(0).name());
    }

    /**
     * SHA-256 of each published file's decompressed content, keyed by its name without ".gz"
     * ("train-images-idx3-ubyte", "data_batch_1.bin"); empty where no copy could be checked.
     */
    public Map<String, String> contentSha256() {
        return contentSha256;
    }

    /**
     * Read-only copies installed by the operating system, e.g. by a Debian package: folders that
     * hold the files themselves, searched after every data root.
     */
    public List<DatasetLocator.Place> systemCopies() {
        return systemCopies;
    }

    /** The files that must be present in {@link #folder()} to load both splits. */
    public List<String> requiredFiles() {
        return switch (format) {
            case IDX -> Mnist.allFileNames();
            case CIFAR10 -> Cifar10.allFileNames();
            case CIFAR100 -> Cifar100.allFileNames();
        };
    }

    /** Both splits from a folder holding {@link #requiredFiles()}, with the files' provenance. */
    public DatasetSplits loadSplits(Path folder) {
        if (format == Format.CIFAR100) {
            return Cifar100.loadSplits(folder, Cifar100.Labels.FINE);
        }
        return DatasetSplits.read(() -> load(folder, Split.TRAIN), () -> load(folder, Split.TEST), () -> provenance(folder));
    }

    /**
     * Fingerprints the files in {@code folder} and names the data by them: this dataset when
     * they are its published files, another one when they are that one's (see {@link DataProvenance}).
     */
    public DataProvenance provenance(Path folder) {
        return DataProvenance.of(configName, requiredFiles().stream().map(folder::resolve).map(FileFingerprint::of).toList());
    }

    public Dataset load(Path folder, Split split) {
        return switch (format) {
            case IDX -> Mnist.load(folder, split, configName, classNames);
            case CIFAR10 -> Cifar10.load(folder, split);
            case CIFAR100 -> Cifar100.load(folder, split, Cifar100.Labels.FINE);
        };
    }
}
