package nnrun.config;

/**
 * Stop when {@code metric} (e.g. {@code val_error}: split, underscore, loss or error) has not
 * improved for {@code patience} evaluations.
 */
public record EarlyStopping(int patience, String metric) {

    /** "val", "test" or "train". */
    public String split() {
        return metric.substring(0, metric.indexOf('_'));
    }

    /** "loss" or "error". */
    public String quantity() {
        return metric.substring(metric.indexOf('_') + 1);
    }
}
