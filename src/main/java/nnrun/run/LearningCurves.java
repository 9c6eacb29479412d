package nnrun.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Learning curves as a PNG: loss and error per epoch, train against test, several runs overlaid. */
public final class LearningCurves {
    private LearningCurves() {}

    /** Draws the runs' metrics.csv files side by side (loss left, error right) into one PNG. */
    public static void plot(List<Path> runDirs, Path png) throws IOException {
        boolean several = runDirs.size() > 1;
        XYChart loss = chart("Loss per epoch", "loss", several);
        XYChart error = chart("Error per epoch", "error (%)", several);
        for (Path dir : runDirs) {
            List<MetricRow> rows = MetricRow.readAll(dir.resolve("metrics.csv"));
            // The start time makes folder names unique but says nothing in a legend.
            String run = dir.getFileName().toString().replaceFirst("^\\d{8}-\\d{6}_", "");
            for (String split : List.of("train", "val", "test")) {
                List<MetricRow> r = rows.stream().filter(x -> x.split().equals(split)).toList();
                if (r.isEmpty()) continue;
                String label = several ? run + " " + split : split;
                add(loss, label, r, false);
                add(error, label, r, true);
            }
        }
        if (loss.getSeriesMap().isEmpty())
            throw new IOException("nothing to plot: no epochs in the metrics of " + runDirs);
        String file = png.toString();
        String base = file.endsWith(".png") ? file.substring(0, file.length() - 4) : file;
        BitmapEncoder.saveBitmap(List.of(loss, error), 1, 2, base, BitmapEncoder.BitmapFormat.PNG);
    }

    /** With several runs the legend goes below the plot, where it cannot hide the curves. */
    private static XYChart chart(String title, String yLabel, boolean several) {
        XYChart c = new XYChartBuilder().width(640).height(several ? 640 : 440).title(title).xAxisTitle("epoch")
                .yAxisTitle(yLabel).build();
        c.getStyler().setLegendPosition(several ? org.knowm.xchart.style.Styler.LegendPosition.OutsideS
                : org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        return c;
    }

    private static void add(XYChart chart, String label, List<MetricRow> rows, boolean error) {
        List<Double> x = new ArrayList<>(), y = new ArrayList<>();
        for (MetricRow r : rows) {
            x.add((double) r.epoch());
            y.add(error ? 100 * r.error() : r.loss());
        }
        XYSeries s = chart.addSeries(label, x, y);
        s.setMarker(SeriesMarkers.CIRCLE);
    }
}
