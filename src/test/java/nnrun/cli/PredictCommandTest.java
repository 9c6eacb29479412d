package nnrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import javax.imageio.ImageIO;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nnrun.predict.PredictionCsv;

/**
 * `nnrun predict` through Picocli on runs trained here: a linear model on 28×28 "digits" that are a
 * bright square top-left (class 0) or bottom-right (class 1), and a small net on a CSV with text
 * labels. The inputs are made in the real formats by the test: PNG, JPEG, IDX and CSV files.
 */
class PredictCommandTest {
    @TempDir static Path dir;
    static Path squaresRun, csvRun;

    @BeforeAll
    static void trainTwoRuns() throws Exception {
        Path data = dir.resolve("data");
        writeSquaresMnist(data.resolve("mnist"));
        Path config = dir.resolve("squares.yaml");
        Files.writeString(config, """
                name: squares
                data: {dataset: mnist, path: %s}
                model: [flatten, {linear: {out: 10}}]
                optimizer: {name: sgd, lr: 0.1}
                train: {epochs: 3, batch_size: 20}
                """.formatted(data));
        squaresRun = train(config, "squares");

        Path csv = dir.resolve("flowers.csv");
        StringBuilder rows = new StringBuilder("length,species,width\n");
        for (int i = 0; i < 60; i++) rows.append(i % 2 == 0 ? "1.0," : "5.0,").append(i % 2 == 0 ? "small" : "large").append(',')
                .append(0.1 * (i % 5)).append('\n');
        Files.writeString(csv, rows);
        Path csvConfig = dir.resolve("flowers.yaml");
        Files.writeString(csvConfig, """
                name: flowers
                data: {dataset: csv, path: %s, label: species}
                model: [{linear: {out: 8}}, relu, {linear: {out: 2}}]
                optimizer: {name: adam, lr: 0.05}
                train: {epochs: 20, batch_size: 16}
                """.formatted(csv));
        csvRun = train(csvConfig, "flowers");
    }

    private static Path train(Path config, String name) throws IOException {
        Path runs = dir.resolve("runs-" + name);
        var r = CliRunner.run(config.toString(), "--runs-dir", runs.toString(), "--device", "java", "--offline");
        assertEquals(0, r.exitCode(), r.err());
        try (Stream<Path> s = Files.list(runs)) {
            return s.findFirst().orElseThrow();
        }
    }

    @Test
    void imagesOfAnySizeAndColourAreClassifiedAfterTheTrainingTransform() throws Exception {
        Path images = Files.createDirectories(dir.resolve("images"));
        Path topLeft = images.resolve("a_top_left.png"), bottomRight = images.resolve("b_bottom_right.jpg");
        // 4× the training size, in colour: white squares on black, as in training.
        writeImage(topLeft, "png", 112, 112, Color.BLACK, Color.WHITE, 8, 8);
        writeImage(bottomRight, "jpg", 112, 112, Color.BLACK, Color.WHITE, 64, 64);
        Path darkOnLight = dir.resolve("dark_on_light.png");
        writeImage(darkOnLight, "png", 56, 56, Color.WHITE, Color.BLACK, 4, 4);

        var r = CliRunner.run("predict", squaresRun.toString(), topLeft.toString(), bottomRight.toString(), "--top-k", "2");
        assertEquals(0, r.exitCode(), r.err());
        List<CSVRecord> rows = csv(r.out());
        assertEquals(PredictionCsv.HEADER, rows.get(0).toList());
        assertEquals(List.of(topLeft.toString(), "0", "0"), rows.get(1).toList().subList(0, 3));
        assertEquals(List.of(bottomRight.toString(), "1", "1"), rows.get(2).toList().subList(0, 3));
        double p = Double.parseDouble(rows.get(1).get(3));
        assertTrue(p > 0.5 && p <= 1, "probability " + p);
        String[] top = rows.get(1).get(4).split(";");
        assertEquals(2, top.length);
        assertTrue(top[0].equals("0:" + rows.get(1).get(3)) && !top[1].startsWith("0:"), rows.get(1).get(4));

        var folder = CliRunner.run("predict", squaresRun.toString(), images.toString());
        assertEquals(0, folder.exitCode(), folder.err());
        assertEquals(r.out().lines().map(l -> l.split(",")[0] + l.split(",")[1]).toList(),
                folder.out().lines().map(l -> l.split(",")[0] + l.split(",")[1]).toList(), "a folder gives its images in name order");

        var inverted = CliRunner.run("predict", squaresRun.toString(), darkOnLight.toString(), "--invert");
        assertEquals(0, inverted.exitCode(), inverted.err());
        assertEquals("0", csv(inverted.out()).get(1).get(1), "--invert turns dark-on-light into the training's light-on-dark");
    }

    @Test
    void idxAndCsvSamplesArePredictedAndWrittenToAFile() throws Exception {
        Path idx = dir.resolve("four.idx");
        byte[] pixels = new byte[4 * 784];
        for (int i = 0; i < 4; i++) square(pixels, i * 784, i % 2 == 0 ? 2 : 16);
        Files.write(idx, idx(new int[] {4, 28, 28}, pixels));
        Path csv = dir.resolve("pixels.csv");
        StringBuilder row = new StringBuilder();
        for (int k = 0; k < 784; k++) row.append(k == 0 ? "" : ",").append((pixels[784 + k] & 0xFF) / 255f);
        Files.writeString(csv, row + "\n");
        Path out = dir.resolve("predictions.csv");

        var r = CliRunner.run("predict", squaresRun.toString(), idx.toString(), csv.toString(), "-o", out.toString(), "--checkpoint", "last");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.out(), "with -o nothing goes to stdout");
        List<CSVRecord> rows = csv(Files.readString(out));
        assertEquals(6, rows.size());
        assertEquals(List.of(idx + "#0", idx + "#1", idx + "#2", idx + "#3", csv + "#0"),
                rows.subList(1, 6).stream().map(x -> x.get(0)).toList());
        assertEquals(List.of("0", "1", "0", "1", "1"), rows.subList(1, 6).stream().map(x -> x.get(1)).toList());
    }

    @Test
    void csvModelsTakeRowsWithOrWithoutTheirLabelColumnAndNameTheClasses() throws Exception {
        Path features = dir.resolve("new_flowers.csv");
        Files.writeString(features, "length,width\n1.0,0.2\n5.0,0.3\n");
        Path labelled = dir.resolve("labelled_flowers.csv");
        Files.writeString(labelled, "length,species,width\n1.0,large,0.2\n5.0,small,0.3\n");
        var a = CliRunner.run("predict", csvRun.toString(), features.toString());
        var b = CliRunner.run("predict", csvRun.toString(), labelled.toString());
        assertEquals(0, a.exitCode(), a.err());
        assertEquals(0, b.exitCode(), b.err());
        List<CSVRecord> rows = csv(a.out());
        assertEquals(List.of("small", "large"), List.of(rows.get(1).get(2), rows.get(2).get(2)));
        assertEquals(rows.stream().skip(1).map(x -> x.get(2) + x.get(3)).toList(),
                csv(b.out()).stream().skip(1).map(x -> x.get(2) + x.get(3)).toList(),
                "the training's label column is ignored, not read as a feature");
    }

    @Test
    void badInputIsNamedWithTheFixAndExitsThree() throws Exception {
        Path garbage = dir.resolve("broken.png");
        Files.writeString(garbage, "not an image");
        var unreadable = CliRunner.run("predict", squaresRun.toString(), garbage.toString());
        assertEquals(3, unreadable.exitCode());
        assertTrue(unreadable.err().contains(garbage + " is not a PNG or JPEG image"), unreadable.err());

        Path wide = dir.resolve("wide.csv");
        Files.writeString(wide, "1,2,3\n");
        var width = CliRunner.run("predict", csvRun.toString(), wide.toString());
        assertEquals(3, width.exitCode());
        assertTrue(width.err().contains(wide + " row 1: 3 values but the model takes 2 per sample"), width.err());

        Path png = dir.resolve("for_csv_model.png");
        writeImage(png, "png", 10, 10, Color.BLACK, Color.WHITE, 0, 0);
        var notImages = CliRunner.run("predict", csvRun.toString(), png.toString());
        assertEquals(3, notImages.exitCode());
        assertTrue(notImages.err().contains("the model takes feature vectors of shape [2], not images"), notImages.err());

        Path labels = dir.resolve("labels.idx");
        Files.write(labels, idx(new int[] {2}, new byte[] {1, 0}));
        var labelFile = CliRunner.run("predict", squaresRun.toString(), labels.toString());
        assertEquals(3, labelFile.exitCode());
        assertTrue(labelFile.err().contains("this looks like a label file"), labelFile.err());
    }

    @Test
    void aRunWithoutCheckpointExitsThreeAndAFolderThatIsNoRunExitsTwo() throws Exception {
        Path unfinished = Files.createDirectories(dir.resolve("unfinished/checkpoints"));
        Files.copy(squaresRun.resolve("config.yaml"), unfinished.getParent().resolve("config.yaml"));
        var noCheckpoint = CliRunner.run("predict", unfinished.getParent().toString(), "x.png");
        assertEquals(3, noCheckpoint.exitCode());
        assertTrue(noCheckpoint.err().contains("has no checkpoint"), noCheckpoint.err());

        var notARun = CliRunner.run("predict", dir.toString(), "x.png");
        assertEquals(2, notARun.exitCode());
        assertTrue(notARun.err().contains("has no config.yaml"), notARun.err());

        var topK = CliRunner.run("predict", squaresRun.toString(), "x.png", "--top-k", "0");
        assertEquals(2, topK.exitCode());
    }

    @Test
    void aRunFromBeforeInputsJsonRecomputesTheNormalizationWithANote() throws Exception {
        Path old = dir.resolve("old_run");
        copyTree(squaresRun, old);
        Files.delete(old.resolve("inputs.json"));
        Path idx = dir.resolve("one.idx");
        byte[] pixels = new byte[784];
        square(pixels, 0, 16);
        Files.write(idx, idx(new int[] {1, 28, 28}, pixels));
        var before = CliRunner.run("predict", squaresRun.toString(), idx.toString());
        var after = CliRunner.run("predict", old.toString(), idx.toString(), "--offline");
        assertEquals(0, after.exitCode(), after.err());
        assertTrue(after.err().contains("inputs.json is missing"), after.err());
        assertEquals(before.out(), after.out(), "the recomputed normalization is the stored one");
    }

    // ---------------------------------------------------------------- fixtures in the real formats

    /** 28×28 images, a 10×10 white square at (at, at) on black: top-left is class 0, bottom-right class 1. */
    private static void writeSquaresMnist(Path folder) throws IOException {
        Files.createDirectories(folder);
        for (String split : List.of("train", "t10k")) {
            int n = split.equals("train") ? 100 : 20;
            byte[] pixels = new byte[n * 784], labels = new byte[n];
            for (int i = 0; i < n; i++) {
                labels[i] = (byte) (i % 2);
                square(pixels, i * 784, i % 2 == 0 ? 2 : 16);
            }
            Files.write(folder.resolve(split + "-images-idx3-ubyte.gz"), gzip(idx(new int[] {n, 28, 28}, pixels)));
            Files.write(folder.resolve(split + "-labels-idx1-ubyte.gz"), gzip(idx(new int[] {n}, labels)));
        }
    }

    private static void square(byte[] pixels, int off, int at) {
        for (int y = at; y < at + 10; y++) for (int x = at; x < at + 10; x++) pixels[off + y * 28 + x] = (byte) 255;
    }

    /** A w×h RGB image of the background colour with a square of a quarter of the width at (x, y). */
    static void writeImage(Path file, String format, int w, int h, Color background, Color square, int x, int y) throws IOException {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(background);
        g.fillRect(0, 0, w, h);
        g.setColor(square);
        g.fillRect(x, y, w * 10 / 28, h * 10 / 28);
        g.dispose();
        assertTrue(ImageIO.write(image, format, file.toFile()), "no " + format + " writer");
    }

    static byte[] idx(int[] dims, byte[] values) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0x00000800 | dims.length);
            for (int d : dims) out.writeInt(d);
            out.write(values);
        }
        return bytes.toByteArray();
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(raw);
        }
        return bytes.toByteArray();
    }

    private static List<CSVRecord> csv(String text) throws IOException {
        return CSVFormat.DEFAULT.parse(new StringReader(text)).getRecords();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(target);
                else Files.copy(f, target);
            }
        }
    }
}
