package nnrun.nn.init;

import nnrun.config.Options;

/** The {@code init} option that linear and conv2d share: a scheme name, checked where it was written. */
public final class InitOption {
    private InitOption() {}

    public static WeightInit read(Options o) {
        if (!o.has("init")) return WeightInit.PYTORCH_DEFAULT;
        String name = o.getString("init");
        try {
            return WeightInit.byName(name);
        } catch (IllegalArgumentException e) {
            throw o.errorAt("init", e.getMessage(), "e.g. init: kaiming_normal");
        }
    }
}
