package nnrun.nn;

import java.util.ArrayList;
import java.util.List;

import nnrun.autodiff.Tensor;

/** Layers applied in order; the i-th layer's parameters are named "i.weight", "i.bias", ... */
public final class Sequential extends Module {
    private final List<Module> layers = new ArrayList<>();

    public Sequential(List<? extends Module> layers) { for (Module m : layers) add(m); }

    public Sequential(Module... layers) { this(List.of(layers)); }

    /** Appends a layer. Returns this. */
    public Sequential add(Module layer) {
        addChild(Integer.toString(layers.size()), layer);
        layers.add(layer);
        return this;
    }

    public List<Module> layers() { return List.copyOf(layers); }

    public Module get(int index) { return layers.get(index); }

    public int size() { return layers.size(); }

    @Override public Tensor forward(Tensor x) {
        for (Module m : layers) x = m.forward(x);
        return x;
    }

    @Override public int[] outputShape(int[] in) {
        for (Module m : layers) in = m.outputShape(in);
        return in;
    }

    @Override public long flops(int[] in) {
        long total = 0;
        for (Module m : layers) {
            total += m.flops(in);
            in = m.outputShape(in);
        }
        return total;
    }

    @Override public long macs(int[] in) {
        long total = 0;
        for (Module m : layers) {
            total += m.macs(in);
            in = m.outputShape(in);
        }
        return total;
    }

    @Override public String describe() { return "Sequential(" + layers.size() + " layers)"; }
}
