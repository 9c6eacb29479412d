package nnrun.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A torchinfo-style table of a model for a per-sample input shape: each layer with its output
 * shape, parameter count, multiply-accumulates and FLOPs of one forward pass per sample, then
 * totals. Both counts are given because conventions differ: nnrun's FLOPs count a multiply-add as 2
 * plus every bias add and activation op, while ptflops reports multiply-adds (MACs) and fvcore
 * calls them "FLOPs".
 */
public final class ModelSummary {
    /** One row of the table. */
    public record Row(String layer, int[] outputShape, long parameters, long macs, long flops) {}

    private final int[] inputShape;
    private final List<Row> rows;
    private final long totalParameters, totalMacs, totalFlops;

    private ModelSummary(int[] inputShape, List<Row> rows, long totalParameters, long totalMacs, long totalFlops) {
        this.inputShape = inputShape;
        this.rows = rows;
        this.totalParameters = totalParameters;
        this.totalMacs = totalMacs;
        this.totalFlops = totalFlops;
    }

    public static ModelSummary of(Module model, int[] inputShape) {
        List<Row> rows = new ArrayList<>();
        int[] shape = inputShape.clone();
        List<Module> layers = model instanceof Sequential s ? s.layers() : List.of(model);
        long macs = 0, flops = 0;
        for (Module m : layers) {
            long mac = m.macs(shape), f = m.flops(shape);
            shape = m.outputShape(shape);
            rows.add(new Row(m.describe(), shape, m.parameterCount(), mac, f));
            macs += mac;
            flops += f;
        }
        return new ModelSummary(inputShape.clone(), List.copyOf(rows), model.parameterCount(), macs, flops);
    }

    public List<Row> rows() { return rows; }

    public long totalParameters() { return totalParameters; }

    public long totalMacs() { return totalMacs; }

    public long totalFlops() { return totalFlops; }

    @Override public String toString() {
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"#", "Layer", "Output shape", "Params", "MACs", "FLOPs"});
        cells.add(new String[] {"", "Input", LayerShapes.str(inputShape), "", "", ""});
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            cells.add(new String[] {Integer.toString(i), r.layer(), LayerShapes.str(r.outputShape()), grouped(r.parameters()),
                    grouped(r.macs()), grouped(r.flops())});
        }
        boolean[] right = {true, false, false, true, true, true};
        int[] width = new int[right.length];
        for (String[] row : cells) for (int c = 0; c < width.length; c++) width[c] = Math.max(width[c], row[c].length());
        int total = 2 * (width.length - 1);
        for (int w : width) total += w;
        String rule = "-".repeat(total) + "\n";
        StringBuilder sb = new StringBuilder(rule);
        for (int r = 0; r < cells.size(); r++) {
            String[] row = cells.get(r);
            for (int c = 0; c < width.length; c++) sb.append(c == 0 ? "" : "  ").append(pad(row[c], width[c], right[c]));
            sb.append('\n');
            if (r == 0) sb.append(rule);
        }
        sb.append(rule);
        sb.append("Total parameters: ").append(grouped(totalParameters))
          .append(String.format(Locale.ROOT, " (%.2f MB as float32)%n", totalParameters * 4 / 1e6));
        sb.append("Forward pass per sample: ").append(scaled(totalMacs, "MAC")).append(" (").append(grouped(totalMacs))
          .append(" multiply-adds), ").append(scaled(totalFlops, "FLOP")).append(" (").append(grouped(totalFlops)).append(")\n");
        sb.append("MACs: multiply-adds of linear and conv layers (ptflops' MACs, fvcore's FLOPs).\n");
        sb.append("FLOPs: 2 per multiply-add, plus bias adds, activations, pooling, normalization.\n");
        sb.append("Shapes are per sample (batch dimension omitted).\n");
        return sb.toString();
    }

    /** "26 FLOP", "51.2 kFLOP", "1.62 MFLOP", "3.40 GFLOP": three significant digits in the largest unit below the number. */
    static String scaled(long n, String unit) {
        String[] prefixes = {"", "k", "M", "G", "T", "P"};
        int p = 0;
        double v = n;
        while (Math.abs(v) >= 999.5 && p < prefixes.length - 1) { // 999,999 reads 1.00 M, not 1000 k
            v /= 1000;
            p++;
        }
        String digits = p == 0 ? Long.toString(n) : String.format(Locale.ROOT, v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : "%.2f", v);
        return digits + " " + prefixes[p] + unit;
    }

    private static String grouped(long n) { return String.format(Locale.ROOT, "%,d", n); }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(width - s.length());
        return right ? fill + s : s + fill;
    }
}
