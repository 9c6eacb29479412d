package nnrun.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * CIFAR-100, binary version (the official cifar-100-binary.tar.gz, which unpacks to
 * cifar-100-binary/): train.bin holds 50,000 and test.bin 10,000 records of 3074 bytes, the
 * coarse label (0..19), the fine label (0..99), then the [3,32,32] image (see
 * {@link CifarBinaryFile}). Class names come from fine_label_names.txt or coarse_label_names.txt
 * beside them, or are the official ones when those files are absent.
 *
 * <p>Config: {@code dataset: cifar100} with the option {@code labels: fine} (default, 100
 * classes) or {@code labels: coarse} (the 20 superclasses).
 */
public final class Cifar100 {

    public static final String FOLDER = "cifar-100-binary";
    public static final String ARCHIVE = "cifar-100-binary.tar.gz";
    public static final String TRAIN_FILE = "train.bin";
    public static final String TEST_FILE = "test.bin";
    /** The config option that picks the label kind. */
    public static final String LABELS_OPTION = "labels";

    /** Which of a record's two label bytes becomes the sample's label. */
    public enum Labels {
        COARSE(0, "coarse_label_names.txt", List.of("aquatic_mammals", "fish", "flowers", "food_containers",
                "fruit_and_vegetables", "household_electrical_devices", "household_furniture", "insects",
                "large_carnivores", "large_man-made_outdoor_things", "large_natural_outdoor_scenes",
                "large_omnivores_and_herbivores", "medium_mammals", "non-insect_invertebrates", "people",
                "reptiles", "small_mammals", "trees", "vehicles_1", "vehicles_2")),
        FINE(1, "fine_label_names.txt", List.of("apple", "aquarium_fish", "baby", "bear", "beaver", "bed",
                "bee", "beetle", "bicycle", "bottle", "bowl", "boy", "bridge", "bus", "butterfly", "camel",
                "can", "castle", "caterpillar", "cattle", "chair", "chimpanzee", "clock", "cloud",
                "cockroach", "couch", "crab", "crocodile", "cup", "dinosaur", "dolphin", "elephant",
                "flatfish", "forest", "fox", "girl", "hamster", "house", "kangaroo", "keyboard", "lamp",
                "lawn_mower", "leopard", "lion", "lizard", "lobster", "man", "maple_tree", "motorcycle",
                "mountain", "mouse", "mushroom", "oak_tree", "orange", "orchid", "otter", "palm_tree",
                "pear", "pickup_truck", "pine_tree", "plain", "plate", "poppy", "porcupine", "possum",
                "rabbit", "raccoon", "ray", "road", "rocket", "rose", "sea", "seal", "shark", "shrew",
                "skunk", "skyscraper", "snail", "snake", "spider", "squirrel", "streetcar", "sunflower",
                "sweet_pepper", "table", "tank", "telephone", "television", "tiger", "tractor", "train",
                "trout", "tulip", "turtle", "wardrobe", "whale", "willow_tree", "wolf", "woman", "worm"));

        private final int labelPosition;
        private final String namesFile;
        private final List<String> officialNames;

        Labels(int labelPosition, String namesFile, List<String> officialNames) {
            this.labelPosition = labelPosition;
            this.namesFile = namesFile;
            this.officialNames = officialNames;
        }

        /** "fine" or "coarse", case ignored. */
        public static Labels parse(String value) {
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "fine" -> FINE;
                case "coarse" -> COARSE;
                default -> throw new IllegalArgumentException("labels must be 'fine' (100 classes) or 'coarse'"
                        + " (20 superclasses), not '" + value + "'");
            };
        }

        public int classes() {
            return officialNames.size();
        }

        /** The official names in label order, known without reading any file. */
        public List<String> officialNames() {
            return officialNames;
        }

        /** The names file in the official folder: fine_label_names.txt or coarse_label_names.txt. */
        public String namesFile() {
            return namesFile;
        }

        CifarBinaryFile format() {
            return new CifarBinaryFile("CIFAR-100", 2, labelPosition, classes());
        }
    }

    private Cifar100() {
    }

    public static String fileName(Split split) {
        return split == Split.TRAIN ? TRAIN_FILE : TEST_FILE;
    }

    public static List<String> allFileNames() {
        return List.of(TRAIN_FILE, TEST_FILE);
    }

    /** Both splits with the given labels, and the provenance of train.bin and test.bin. */
    public static DatasetSplits loadSplits(Path folder, Labels labels) {
        return DatasetSplits.read(() -> load(folder, Split.TRAIN, labels), () -> load(folder, Split.TEST, labels),
                () -> StandardDataset.CIFAR100.provenance(folder));
    }

    /** Loads one split from a cifar-100-binary folder; samples have shape [3,32,32]. */
    public static Dataset load(Path folder, Split split, Labels labels) {
        CifarBinaryFile format = labels.format();
        return format.read("cifar100-" + split.name().toLowerCase(Locale.ROOT),
                List.of(folder.resolve(fileName(split))),
                format.classNames(folder.resolve(labels.namesFile()), labels.officialNames()));
    }
}
