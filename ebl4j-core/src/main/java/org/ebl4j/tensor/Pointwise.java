package org.ebl4j.tensor;

import java.util.function.BiFunction;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.kernel.BinaryKernel;
import org.ebl4j.kernel.UnaryKernel;

/**
 * Differentiable element-wise operations. Binary ones broadcast (NumPy rules); their backward sums the gradient
 * back to each operand's shape. Backward rules use tensor operations, so they are differentiable again.
 */
final class Pointwise {
    private Pointwise() {
    }

    private static Tensor binary(String name, BinaryKernel k, Tensor a, Tensor b,
                                 BiFunction<Tensor, Tensor, Tensor[]> backward) {
        Tensor out = a.zipData(k, name, b);
        return Autodiff.record(name, out, new Tensor[] {a, b}, g -> {
            Tensor[] gs = backward.apply(g, out);
            return new Tensor[] {gs[0] == null ? null : gs[0].sumTo(a.rawShape()),
                    gs[1] == null ? null : gs[1].sumTo(b.rawShape())};
        });
    }

    /** Unary op whose backward maps (g, x, out) to dL/dx. */
    private interface UnaryBackward {
        Tensor apply(Tensor g, Tensor x, Tensor out);
    }

    private static Tensor unary(String name, UnaryKernel k, Tensor x, UnaryBackward backward) {
        Tensor out = x.mapData(k);
        return Autodiff.record(name, out, new Tensor[] {x}, g -> new Tensor[] {backward.apply(g, x, out)});
    }

    static Tensor add(Tensor a, Tensor b) {
        return binary("add", BinaryKernel.ADD, a, b, (g, out) -> new Tensor[] {g, g});
    }

    static Tensor sub(Tensor a, Tensor b) {
        return binary("sub", BinaryKernel.SUB, a, b, (g, out) -> new Tensor[] {g, g.neg()});
    }

    static Tensor mul(Tensor a, Tensor b) {
        return binary("mul", BinaryKernel.MUL, a, b, (g, out) -> new Tensor[] {g.mul(b), g.mul(a)});
    }

    /** d(a/b) = da / b − db · a / b². */
    static Tensor div(Tensor a, Tensor b) {
        return binary("div", BinaryKernel.DIV, a, b, (g, out) -> new Tensor[] {g.div(b), g.mul(out).div(b).neg()});
    }

    /** d(x^p) = p x^(p−1) dx. */
    static Tensor pow(Tensor x, float p) {
        Tensor out = x.zipData(BinaryKernel.POW, "pow", Tensor.scalar(p));
        return Autodiff.record("pow", out, new Tensor[] {x}, g -> new Tensor[] {g.mul(x.pow(p - 1)).mul(p)});
    }

    /** Subgradient: the larger operand gets the gradient; ties split it in half. */
    static Tensor maximum(Tensor a, Tensor b) {
        return binary("maximum", BinaryKernel.MAXIMUM, a, b, (g, out) -> {
            Tensor m = a.gt(b).add(a.eq(b).mul(0.5f));
            return new Tensor[] {g.mul(m), g.mul(Tensor.scalar(1f).sub(m))};
        });
    }

    static Tensor minimum(Tensor a, Tensor b) {
        return binary("minimum", BinaryKernel.MINIMUM, a, b, (g, out) -> {
            Tensor m = b.gt(a).add(a.eq(b).mul(0.5f));
            return new Tensor[] {g.mul(m), g.mul(Tensor.scalar(1f).sub(m))};
        });
    }

    static Tensor neg(Tensor x) {
        return unary("neg", UnaryKernel.NEG, x, (g, in, out) -> g.neg());
    }

    static Tensor exp(Tensor x) {
        return unary("exp", UnaryKernel.EXP, x, (g, in, out) -> g.mul(out));
    }

    static Tensor log(Tensor x) {
        return unary("log", UnaryKernel.LOG, x, (g, in, out) -> g.div(in));
    }

    /** tanh' = 1 − tanh². */
    static Tensor tanh(Tensor x) {
        return unary("tanh", UnaryKernel.TANH, x, (g, in, out) -> tanhGrad(g, out));
    }

    /**
     * g · (1 − y²) for y = tanh x in one pass (one result tensor instead of three). Differentiable in g (the same
     * map) and in y (−2 g y), so second derivatives of tanh flow through it.
     */
    private static Tensor tanhGrad(Tensor g, Tensor y) {
        Tensor out = g.zipData(BinaryKernel.TANH_GRAD, "tanh backward", y);
        return Autodiff.record("tanhGrad", out, new Tensor[] {g, y},
                gg -> new Tensor[] {tanhGrad(gg, y), gg.mul(g).mul(y).mul(-2f)});
    }

    /** σ' = σ (1 − σ). */
    static Tensor sigmoid(Tensor x) {
        return unary("sigmoid", UnaryKernel.SIGMOID, x, (g, in, out) -> sigmoidGrad(g, out));
    }

    /**
     * g · y (1 − y) for y = σ(x) in one pass. Differentiable in g (the same map) and in y (g (1 − 2y)), so second
     * derivatives of the sigmoid flow through it.
     */
    private static Tensor sigmoidGrad(Tensor g, Tensor y) {
        Tensor out = g.zipData(BinaryKernel.SIGMOID_GRAD, "sigmoid backward", y);
        return Autodiff.record("sigmoidGrad", out, new Tensor[] {g, y},
                gg -> new Tensor[] {sigmoidGrad(gg, y), gg.mul(g).mul(y.mul(-2f).add(1f))});
    }

    static Tensor relu(Tensor x) {
        return unary("relu", UnaryKernel.RELU, x, (g, in, out) -> reluGrad(g, in));
    }

    /** g · [x &gt; 0] in one pass; linear in g, so its own backward is the same mask. */
    private static Tensor reluGrad(Tensor g, Tensor x) {
        Tensor out = g.zipData(BinaryKernel.RELU_MASK, "relu backward", x);
        return Autodiff.record("reluGrad", out, new Tensor[] {g}, gg -> new Tensor[] {reluGrad(gg, x)});
    }

    static Tensor abs(Tensor x) {
        return unary("abs", UnaryKernel.ABS, x, (g, in, out) -> g.mul(in.sign()));
    }

    static Tensor sqrt(Tensor x) {
        return unary("sqrt", UnaryKernel.SQRT, x, (g, in, out) -> g.div(out).mul(0.5f));
    }

    /** softplus' = σ. */
    static Tensor softplus(Tensor x) {
        return unary("softplus", UnaryKernel.SOFTPLUS, x, (g, in, out) -> g.mul(in.sigmoid()));
    }
}
