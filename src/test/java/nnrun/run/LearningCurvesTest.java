package nnrun.run;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class LearningCurvesTest {
    @TempDir Path tmp;

    static Path run(Path parent, String folder) throws Exception {
        Path dir = Files.createDirectories(parent.resolve(folder));
        Files.writeString(dir.resolve("metrics.csv"), """
                epoch,split,loss,error,lr,seconds,samples_per_s
                1,train,0.09,0.05,0.1,1,100
                1,val,0.088,0.045,0.1,1,100
                1,test,0.085,0.04,0.1,1,100
                2,train,0.06,0.03,0.1,1,100
                2,val,0.07,0.037,0.1,1,100
                2,test,0.065,0.035,0.1,1,100
                """);
        return dir;
    }

    @Test
    void overlaidRunsHaveOneColourEachAndEverySplitItsOwnLineStyle() throws Exception {
        List<Path> runs = List.of(run(tmp, "20261122-000000_demo"), run(tmp, "20261122-000100_demo"), run(tmp, "20261122-000200_other"));
        for (XYChart chart : LearningCurves.charts(runs)) {
            Map<String, XYSeries> series = chart.getSeriesMap();
            assertEquals(9, series.size(), series.keySet().toString());
            for (String run : List.of("20261122-000000_demo", "20261122-000100_demo", "other"))
                assertEquals(1, List.of("train", "val", "test").stream().map(s -> series.get(run + " " + s).getLineColor())
                        .distinct().count(), run + ": one colour for all its splits");
            assertEquals(3, series.values().stream().map(XYSeries::getLineColor).distinct().count(), "a colour per run");
            for (String split : List.of("train", "val", "test"))
                assertEquals(1, series.entrySet().stream().filter(e -> e.getKey().endsWith(" " + split))
                        .map(e -> e.getValue().getLineStyle()).distinct().count(), split + ": one line style in every run");
            assertEquals(3, series.values().stream().map(XYSeries::getLineStyle).collect(Collectors.toSet()).size(), "a style per split");
        }
    }

    @Test
    void twoRunsOfOneConfigGetDistinctLegendNamesOthersLoseTheirStartTime() throws Exception {
        Path a = run(tmp, "20261122-000000_demo"), b = run(tmp, "20261122-000100_demo"), c = run(tmp, "20261122-000200_other");
        assertEquals(List.of("20261122-000000_demo", "20261122-000100_demo", "other"), LearningCurves.labels(List.of(a, b, c)));
        Path sameName = run(tmp.resolve("elsewhere"), "20261122-000000_demo");
        assertEquals(List.of(a.toString(), sameName.toString()), LearningCurves.labels(List.of(a, sameName)));
    }

    @Test
    void axisNumbersKeepTheirLeadingZero() {
        assertEquals("0.06", LearningCurves.tickLabel(0.06));
        assertEquals("0.06", LearningCurves.tickLabel(0.060000000000000005));
        assertEquals("2", LearningCurves.tickLabel(2.0));
        assertEquals("0.0001", LearningCurves.tickLabel(1e-4));
        assertEquals("12.5", LearningCurves.tickLabel(12.5));
    }
}
