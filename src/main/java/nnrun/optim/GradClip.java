package nnrun.optim;

import java.util.Collection;

import nnrun.autodiff.GradMode;
import nnrun.autodiff.Tensor;

/** Gradient clipping by global norm, as PyTorch's clip_grad_norm_. */
public final class GradClip {
    private GradClip() {}

    /**
     * Scales all gradients by maxNorm/(‖g‖ + 1e-6) when the global L2 norm ‖g‖ over all of them
     * exceeds maxNorm, so their direction is kept. Returns the norm before clipping.
     */
    public static double byGlobalNorm(Collection<Tensor> params, double maxNorm) {
        if (!(maxNorm > 0)) throw new IllegalArgumentException("clip_grad_norm: max norm must be positive, got " + maxNorm);
        double sq = 0;
        for (Tensor p : params) {
            if (p.grad() == null) continue;
            for (float g : p.grad().data()) sq += (double) g * g;
        }
        double norm = Math.sqrt(sq);
        double coef = maxNorm / (norm + 1e-6);
        if (coef < 1) {
            try (var s = GradMode.off()) {
                for (Tensor p : params) if (p.grad() != null) p.grad().scaleInPlace((float) coef);
            }
        }
        return norm;
    }
}
