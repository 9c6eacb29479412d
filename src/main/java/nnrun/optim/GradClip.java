package nnrun.optim;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import nnrun.autodiff.Tensor;
import nnrun.backend.Backends;

/** Gradient clipping by global norm, as PyTorch's clip_grad_norm_. */
public final class GradClip {
    private GradClip() {}

    /**
     * Scales all gradients by maxNorm/(‖g‖ + 1e-6) when the global L2 norm ‖g‖ over all of them
     * exceeds maxNorm, so their direction is kept. One backend kernel does it where the gradients
     * are: on a device the norm never comes to the host.
     */
    public static void byGlobalNorm(Collection<Tensor> params, double maxNorm) {
        if (!(maxNorm > 0)) throw new IllegalArgumentException("clip_grad_norm: max norm must be positive, got " + maxNorm);
        List<float[]> grads = new ArrayList<>();
        for (Tensor p : params) if (p.grad() != null) grads.add(p.grad().buffer());
        Backends.current().clipByGlobalNorm(grads, (float) maxNorm);
        for (Tensor p : params) if (p.grad() != null) p.grad().markModified();
    }
}
