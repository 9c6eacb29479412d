package nnrun.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A torchinfo-style table of a model for a per-sample input shape: each layer with its output
 * shape, parameter count and forward FLOPs (per sample; a multiply-add counts 2), then totals.
 */
public final class ModelSummary {
    /** One row of the table. */
    public record Row(String layer, int[] outputShape, long parameters, long flops) {}

    private final int[] inputShape;
    private final List<Row> rows;
    private final long totalParameters, totalFlops;

    private ModelSummary(int[] inputShape, List<Row> rows, long totalParameters, long totalFlops) {
        this.inputShape = inputShape;
        this.rows = rows;
        this.totalParameters = totalParameters;
        this.totalFlops = totalFlops;
    }

    public static ModelSummary of(Module model, int[] inputShape) {
        List<Row> rows = new ArrayList<>();
        int[] shape = inputShape.clone();
        List<Module> layers = model instanceof Sequential s ? s.layers() : List.of(model);
        long flops = 0;
        for (Module m : layers) {
            long f = m.flops(shape);
            shape = m.outputShape(shape);
            rows.add(new Row(m.describe(), shape, m.parameterCount(), f));
            flops += f;
        }
        return new ModelSummary(inputShape.clone(), List.copyOf(rows), model.parameterCount(), flops);
    }

    public List<Row> rows() { return rows; }

    public long totalParameters() { return totalParameters; }

    public long totalFlops() { return totalFlops; }

    @Override public String toString() {
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"#", "Layer", "Output shape", "Params", "FLOPs"});
        cells.add(new String[] {"", "Input", LayerShapes.str(inputShape), "", ""});
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            cells.add(new String[] {Integer.toString(i), r.layer(), LayerShapes.str(r.outputShape()), grouped(r.parameters()),
                    grouped(r.flops())});
        }
        int[] width = new int[5];
        for (String[] row : cells) for (int c = 0; c < 5; c++) width[c] = Math.max(width[c], row[c].length());
        int total = 4 * 2;
        for (int w : width) total += w;
        String rule = "-".repeat(total) + "\n";
        StringBuilder sb = new StringBuilder(rule);
        for (int r = 0; r < cells.size(); r++) {
            String[] row = cells.get(r);
            sb.append(pad(row[0], width[0], true)).append("  ").append(pad(row[1], width[1], false)).append("  ")
              .append(pad(row[2], width[2], false)).append("  ").append(pad(row[3], width[3], true)).append("  ")
              .append(pad(row[4], width[4], true)).append('\n');
            if (r == 0) sb.append(rule);
        }
        sb.append(rule);
        sb.append("Total parameters: ").append(grouped(totalParameters))
          .append(String.format(Locale.ROOT, " (%.2f MB as float32)%n", totalParameters * 4 / 1e6));
        sb.append("Forward FLOPs per sample: ").append(grouped(totalFlops))
          .append(String.format(Locale.ROOT, " (%.3f GFLOP)%n", totalFlops / 1e9));
        sb.append("Shapes are per sample (batch dimension omitted).\n");
        return sb.toString();
    }

    private static String grouped(long n) { return String.format(Locale.ROOT, "%,d", n); }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(width - s.length());
        return right ? fill + s : s + fill;
    }
}
