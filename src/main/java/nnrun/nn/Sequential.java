package nnrun.nn;

import java.util.ArrayList;
import java.util.List;

import nnrun.autodiff.GradMode;
import nnrun.autodiff.MemoryScope;
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

    /**
     * Inference inside a {@link MemoryScope} (evaluation, with the graph off) keeps only what is still
     * needed, as reference counting would: each layer runs in a scope of its own that hands over
     * only its output, and the layer's input goes back to the backend once the output is made
     * (unless the output is a view of it). Peak memory is then about two activations, not all of them.
     * With the graph on, the graph holds what backward needs and every array lives to the step's end.
     */
    @Override public Tensor forward(Tensor x) {
        if (GradMode.isEnabled() || !MemoryScope.isOpen()) {
            for (Module m : layers) x = m.forward(x);
            return x;
        }
        Tensor in = x;
        for (Module m : layers) {
            Tensor out;
            try (MemoryScope layer = MemoryScope.open()) {
                out = m.forward(x);
                layer.handOver(out.buffer());
            }
            if (x != in && x.buffer() != out.buffer()) MemoryScope.releaseEarly(x.buffer());
            x = out;
        }
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
