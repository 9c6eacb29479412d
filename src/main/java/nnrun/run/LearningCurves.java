package nnrun.run;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.imageio.ImageIO;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;

/**
 * Learning curves: loss and error per epoch side by side, train, validation and test, several runs
 * overlaid: one colour per run, one line style per split. PNG, or SVG through VectorGraphics2D
 * (XChart's vector back end, already on the classpath through XChart).
 */
public final class LearningCurves {
    /** The image formats, by file extension. */
    public enum Image {
        PNG, SVG;

        public static Optional<Image> forFile(Path file) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            return name.endsWith(".png") ? Optional.of(PNG) : name.endsWith(".svg") ? Optional.of(SVG) : Optional.empty();
        }
    }

    /** Tableau's ten colours: told apart also by most colour-blind readers. */
    private static final Color[] RUN_COLOURS = {new Color(0x4E79A7), new Color(0xF28E2B), new Color(0xE15759), new Color(0x76B7B2),
            new Color(0x59A14F), new Color(0xEDC948), new Color(0xB07AA1), new Color(0xFF9DA7), new Color(0x9C755F), new Color(0xBAB0AC)};

    private static final List<String> SPLITS = List.of("train", "val", "test");
    private static final Map<String, BasicStroke> SPLIT_LINES = Map.of(
            "train", new BasicStroke(2f),
            "val", new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {8f, 5f}, 0f),
            "test", new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f, new float[] {1f, 5f}, 0f));

    private static final int WIDTH = 640;

    private LearningCurves() {}

    /** The run folders among {@code paths} (runs, or folders of runs) that have metrics. */
    public static List<Path> runs(List<Path> paths) {
        return RunFolders.holding("metrics.csv", paths);
    }

    /** Draws the runs' metrics.csv files, loss left and error right, into one image file (written atomically). */
    public static void plot(List<Path> runDirs, Path out, Image format) throws IOException {
        List<XYChart> charts = charts(runDirs);
        int height = charts.get(0).getHeight();
        if (format == Image.PNG) {
            BufferedImage image = new BufferedImage(WIDTH * charts.size(), height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            paint(charts, g, height);
            g.dispose();
            AtomicFiles.write(out, stream -> ImageIO.write(image, "png", stream));
        } else {
            VectorGraphics2D g = new VectorGraphics2D();
            paint(charts, g, height);
            var svg = new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, WIDTH * charts.size(), height));
            AtomicFiles.write(out, svg::writeTo);
        }
    }

    private static void paint(List<XYChart> charts, Graphics2D g, int height) {
        for (XYChart c : charts) {
            c.paint(g, WIDTH, height);
            g.translate(WIDTH, 0);
        }
    }

    /** The loss chart and the error chart of the runs. */
    static List<XYChart> charts(List<Path> runDirs) throws IOException {
        boolean several = runDirs.size() > 1;
        XYChart loss = chart("Loss per epoch", "loss", several);
        XYChart error = chart("Error per epoch", "error (%)", several);
        List<String> labels = labels(runDirs);
        for (int i = 0; i < runDirs.size(); i++) {
            List<MetricRow> rows = MetricRow.readAll(runDirs.get(i).resolve("metrics.csv"));
            Color colour = RUN_COLOURS[i % RUN_COLOURS.length];
            for (String split : SPLITS) {
                List<MetricRow> r = rows.stream().filter(x -> x.split().equals(split)).toList();
                if (r.isEmpty()) continue;
                String label = several ? labels.get(i) + " " + split : split;
                add(loss, label, r, false, colour, split);
                add(error, label, r, true, colour, split);
            }
        }
        if (loss.getSeriesMap().isEmpty())
            throw new RunFolderException("nothing to plot: no epochs in the metrics of " + runDirs);
        return List.of(loss, error);
    }

    /**
     * Legend names: the folder name without its start time, which makes folder names unique but says
     * nothing in a legend; the whole folder name (then the path) where two runs would share one.
     */
    static List<String> labels(List<Path> runDirs) {
        List<String> shortNames = runDirs.stream().map(d -> d.getFileName().toString().replaceFirst("^\\d{8}-\\d{6}_", "")).toList();
        List<String> names = runDirs.stream().map(d -> d.getFileName().toString()).toList();
        List<String> paths = runDirs.stream().map(Path::toString).toList();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < runDirs.size(); i++)
            labels.add(unique(shortNames, i) ? shortNames.get(i) : unique(names, i) ? names.get(i) : paths.get(i));
        return labels;
    }

    private static boolean unique(List<String> names, int i) {
        Map<String, Integer> count = new HashMap<>();
        names.forEach(n -> count.merge(n, 1, Integer::sum));
        return count.get(names.get(i)) == 1;
    }

    /** With several runs the legend goes below the plot, where it cannot hide the curves. */
    private static XYChart chart(String title, String yLabel, boolean several) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(several ? 640 : 440).title(title).xAxisTitle("epoch")
                .yAxisTitle(yLabel).build();
        c.getStyler().setLegendPosition(several ? Styler.LegendPosition.OutsideS : Styler.LegendPosition.InsideNE);
        c.setCustomXAxisTickLabelsFormatter(LearningCurves::tickLabel);
        c.setCustomYAxisTickLabelsFormatter(LearningCurves::tickLabel);
        return c;
    }

    /** Axis numbers as people write them: 0.06 (XChart's default pattern writes .06), 2, 0.0001. */
    static String tickLabel(double v) {
        if (!Double.isFinite(v)) return Double.toString(v);
        return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    private static void add(XYChart chart, String label, List<MetricRow> rows, boolean error, Color colour, String split) {
        List<Double> x = new ArrayList<>(), y = new ArrayList<>();
        for (MetricRow r : rows) {
            x.add((double) r.epoch());
            y.add(error ? 100 * r.error() : r.loss());
        }
        XYSeries s = chart.addSeries(label, x, y);
        s.setLineColor(colour);
        s.setMarkerColor(colour);
        s.setLineStyle(SPLIT_LINES.get(split));
        s.setMarker(SeriesMarkers.CIRCLE);
    }
}
