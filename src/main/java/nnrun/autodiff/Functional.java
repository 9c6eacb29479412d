package nnrun.autodiff;

import java.util.function.Function;

import nnrun.autodiff.GradMode.Scope;

/**
 * Derivatives of a function of one tensor, as in {@code torch.autograd.functional}.
 * {@link #jvp} runs f once with tangents (forward mode, J·v); {@link #vjp} runs f once and then
 * backward (reverse mode, uᵀJ). Neither builds the Jacobian: for g(y) = 2y the VJP of u is 2u
 * whatever the size of y. {@link #jacobian} does build it, from whichever mode needs fewer passes.
 * f's input is a fresh tensor over x's values, so x itself is never marked or given a gradient.
 */
public final class Functional {
    private Functional() {}

    /** f(x) together with a derivative product: J·v for {@link #jvp}, uᵀJ (x's shape) for {@link #vjp}. */
    public record Result(Tensor value, Tensor derivative) {}

    /** f(x) and J·v (the output's shape) in one forward pass, v having x's shape. */
    public static Result jvp(Function<Tensor, Tensor> f, Tensor x, Tensor v) {
        Tensor dual = x.detach().withTangent(v);
        try (Scope off = GradMode.off()) {
            Tensor y = f.apply(dual);
            Tensor jv = y.tangent() != null ? y.tangent() : Tensor.zeros(y.shape());
            return new Result(y.detach(), jv);
        }
    }

    /** f(x) and uᵀJ (x's shape) by one forward and one backward pass, u having f(x)'s shape. */
    public static Result vjp(Function<Tensor, Tensor> f, Tensor x, Tensor u) {
        Tensor leaf = x.detach().requiresGrad(true);
        Tensor y;
        try (Scope on = GradMode.on()) { y = f.apply(leaf); }
        if (y.requiresGrad()) y.backward(u);
        else if (!java.util.Arrays.equals(u.shape(), y.shape()))
            throw new ShapeException("vjp: u has shape " + Shapes.str(u.shape()) + " but f(x) has shape " + Shapes.str(y.shape()));
        return new Result(y.detach(), leaf.grad() != null ? leaf.grad() : Tensor.zeros(x.shape()));
    }

    /**
     * The M×K Jacobian ∂f(x)/∂x of f: R^K → R^M (tensors flattened row-major), from M reverse
     * passes when M ≤ K, else from K forward passes: the slides' cost argument for which mode to use.
     */
    public static Tensor jacobian(Function<Tensor, Tensor> f, Tensor x) {
        return outputSize(f, x) <= x.numel() ? jacobianByVjp(f, x) : jacobianByJvp(f, x);
    }

    /** Row i is e_iᵀJ: one forward pass, then M backward passes through the retained graph. */
    public static Tensor jacobianByVjp(Function<Tensor, Tensor> f, Tensor x) {
        Tensor leaf = x.detach().requiresGrad(true);
        Tensor y;
        try (Scope on = GradMode.on()) { y = f.apply(leaf); }
        int m = y.numel(), k = x.numel();
        float[] jac = new float[m * k];
        if (y.requiresGrad()) {
            for (int i = 0; i < m; i++) {
                Tensor basis = Tensor.zeros(y.shape());
                basis.mutableData()[i] = 1f;
                leaf.zeroGrad();
                y.backward(basis, i < m - 1);
                if (leaf.grad() != null) System.arraycopy(leaf.grad().data(), 0, jac, i * k, k);
            }
        }
        return Tensor.of(jac, m, k);
    }

    /** Column j is J·e_j: K forward passes with a one-hot tangent. */
    public static Tensor jacobianByJvp(Function<Tensor, Tensor> f, Tensor x) {
        int k = x.numel();
        float[][] columns = new float[k][];
        for (int j = 0; j < k; j++) {
            Tensor basis = Tensor.zeros(x.shape());
            basis.mutableData()[j] = 1f;
            columns[j] = jvp(f, x, basis).derivative().data();
        }
        int m = k > 0 ? columns[0].length : outputSize(f, x);
        float[] jac = new float[m * k];
        for (int j = 0; j < k; j++)
            for (int i = 0; i < m; i++) jac[i * k + j] = columns[j][i];
        return Tensor.of(jac, m, k);
    }

    private static int outputSize(Function<Tensor, Tensor> f, Tensor x) {
        try (Scope off = GradMode.off()) { return f.apply(x.detach()).numel(); }
    }
}
