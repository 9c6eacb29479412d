package nnrun.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import nnrun.config.IntPair;
import nnrun.config.Options;
import nnrun.config.Range;

/**
 * {@code dataset: image_folder}: one sub-folder of PNG/JPEG images per class under {@code path}
 * (torchvision's ImageFolder), at {@code size} after resizing to {@code resize} and a centre
 * crop, {@code color: rgb | grayscale}, tested on {@code test_path} or a {@code test_fraction}.
 */
record ImageFolderSource(Path root, ImageDirectoryDataset.Options options) implements DatasetSource {

    static ImageFolderSource fromOptions(Options o) {
        Path root = Path.of(o.getString("path"));
        ImageDirectoryDataset.ImageSize size = o.has("size") ? imageSize(o.getIntPair("size", Range.atLeast(1))) : null;
        Integer resize = o.has("resize") ? o.getInt("resize", Range.atLeast(1)) : null;
        ImageDirectoryDataset.ColorMode color = ImageDirectoryDataset.ColorMode.parse(
                o.getChoice("color", "rgb", List.of("rgb", "grayscale")));
        Path testPath = o.has("test_path") ? Path.of(o.getString("test_path")) : null;
        Double fraction = o.has("test_fraction") ? o.getDouble("test_fraction", new Range(0, false, 1, false, null)) : null;
        try {
            return new ImageFolderSource(root, new ImageDirectoryDataset.Options(size, resize, color, testPath, fraction));
        } catch (IllegalArgumentException e) {
            throw o.error(e.getMessage(), "see docs/data.md, image_folder");
        }
    }

    private static ImageDirectoryDataset.ImageSize imageSize(IntPair p) {
        return new ImageDirectoryDataset.ImageSize(p.first(), p.second());
    }

    @Override public Optional<int[]> sampleShape() { return ImageDirectoryDataset.sampleShape(options); }

    /** Known once the folder is listed, which needs no image to be read, but the folder may not exist yet at config time. */
    @Override public OptionalInt classes() { return OptionalInt.empty(); }

    @Override public DatasetSplits load(DataSources sources, long seed) {
        return ImageDirectoryDataset.load(root, options, seed);
    }
}
