package org.ebl4j.autodiff;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.ebl4j.tensor.Indices;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Finite-difference gradient check of every differentiable tensor operation (first order), and of the
 * second derivatives of those whose backward is used twice (score matching, contractive penalties).
 * Inputs avoid the kinks of non-smooth operations (|x| ≥ 0.2, no ties).
 */
class OperationGradientsTest {
    /** One named case: a function of some inputs, and how to draw the inputs. */
    record Case(String name, Function<Tensor[], Tensor> f, int[][] shapes, boolean positive) {
        Tensor[] inputs(long seed) {
            Rng rng = new Rng(seed);
            Tensor[] xs = new Tensor[shapes.length];
            for (int i = 0; i < shapes.length; i++) {
                Tensor u = rng.uniform(0.2f, 1.2f, shapes[i]);
                Tensor sign = positive ? Tensor.ones(shapes[i]) : rng.bernoulli(0.5f, shapes[i]).mul(2f).sub(1f);
                xs[i] = u.mul(sign).add(rng.uniform(0f, 0.01f, shapes[i])).contiguous().detach();
            }
            return xs;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static Case c(String name, Function<Tensor[], Tensor> f, int[]... shapes) {
        return new Case(name, f, shapes, false);
    }

    private static Case pos(String name, Function<Tensor[], Tensor> f, int[]... shapes) {
        return new Case(name, f, shapes, true);
    }

    private static int[] s(int... d) {
        return d;
    }

    static Stream<Case> operations() {
        return Stream.of(
                c("add (broadcast)", x -> x[0].add(x[1]), s(3, 4), s(4)),
                c("sub (broadcast)", x -> x[0].sub(x[1]), s(3, 1), s(1, 4)),
                c("mul (broadcast)", x -> x[0].mul(x[1]), s(2, 3, 4), s(3, 1)),
                c("div", x -> x[0].div(x[1]), s(3, 4), s(3, 4)),
                pos("pow", x -> x[0].pow(2.5f), s(5)),
                c("maximum", x -> x[0].maximum(x[1]), s(6), s(6)),
                c("minimum", x -> x[0].minimum(x[1]), s(6), s(6)),
                c("clamp", x -> x[0].clamp(-0.5f, 0.5f), s(8)),
                c("neg", x -> x[0].neg(), s(4)),
                c("exp", x -> x[0].exp(), s(4)),
                pos("log", x -> x[0].log(), s(4)),
                c("tanh", x -> x[0].tanh(), s(4)),
                c("sigmoid", x -> x[0].sigmoid(), s(4)),
                c("relu", x -> x[0].relu(), s(8)),
                c("abs", x -> x[0].abs(), s(8)),
                pos("sqrt", x -> x[0].sqrt(), s(4)),
                c("softplus", x -> x[0].softplus(), s(4)),
                c("square", x -> x[0].square(), s(4)),
                c("sum (all)", x -> x[0].sum(), s(3, 4)),
                c("sum (axes, keepDim)", x -> x[0].sum(new int[] {0, 2}, true), s(2, 3, 4)),
                c("mean (axis)", x -> x[0].mean(1, false), s(3, 4)),
                c("max (axis)", x -> x[0].max(1, false), s(3, 5)),
                c("min (axis)", x -> x[0].min(0, true), s(3, 5)),
                c("logSumExp", x -> x[0].logSumExp(1, false), s(3, 5)),
                c("softmax", x -> x[0].softmax(-1), s(2, 5)),
                c("logSoftmax", x -> x[0].logSoftmax(-1), s(2, 5)),
                c("sumTo", x -> x[0].sumTo(new int[] {3, 1}), s(2, 3, 4)),
                c("reshape", x -> x[0].reshape(4, -1).mul(x[0].reshape(4, 3)), s(2, 6)),
                c("permute", x -> x[0].permute(2, 0, 1).mul(x[1]), s(2, 3, 4), s(4, 2, 3)),
                c("transpose", x -> x[0].transpose(0, 1).exp(), s(3, 4)),
                c("slice (step 2)", x -> x[0].slice(1, 1, 6, 2).tanh(), s(3, 7)),
                c("expand", x -> x[0].expand(2, 3, 4).mul(x[1]), s(3, 1), s(2, 3, 4)),
                c("unsqueeze/squeeze", x -> x[0].unsqueeze(1).mul(x[1]).squeeze(0), s(1, 4), s(3, 4)),
                c("contiguous", x -> x[0].t().contiguous().exp(), s(3, 4)),
                c("cat", x -> Tensor.cat(List.of(x[0], x[1]), 1).tanh(), s(2, 3), s(2, 2)),
                c("stack", x -> Tensor.stack(List.of(x[0], x[1]), 0).sigmoid(), s(2, 3), s(2, 3)),
                c("matmul", x -> x[0].matmul(x[1]), s(3, 4), s(4, 5)),
                c("matmul (transposed views)", x -> x[0].t().matmul(x[1].t()), s(4, 3), s(5, 4)),
                c("matmul (batched, broadcast)", x -> x[0].matmul(x[1]), s(2, 3, 4), s(4, 2)),
                c("matmul (vector)", x -> x[0].matmul(x[1]), s(4), s(4, 3)),
                c("gram", x -> x[0].gram(), s(5, 3)),
                c("gram (transposed view)", x -> x[0].t().gram(), s(3, 5)),
                c("linear (bias inside GEMM)", x -> x[0].linear(x[1], x[2]), s(2, 3, 4), s(5, 4), s(5)),
                c("gather", x -> x[0].gather(1, new Indices(s(3, 2), new int[] {0, 3, 2, 2, 1, 0})), s(3, 4)),
                c("scatterAdd", x -> x[0].scatterAdd(1, new Indices(s(3, 2), new int[] {0, 3, 2, 2, 1, 0}), 3, 4),
                        s(3, 2)),
                c("indexSelect", x -> x[0].indexSelect(Indices.of(2, 0, 2)), s(3, 4)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void firstOrder(Case op) {
        GradCheck.Result r = GradCheck.check(op.f(), op.inputs(1));
        assertTrue(r.passed(), op.name() + ": " + r);
    }

    static Stream<Case> twiceDifferentiable() {
        return operations().filter(op -> !List.of("maximum", "minimum", "clamp", "relu", "abs", "max (axis)",
                "min (axis)").contains(op.name()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("twiceDifferentiable")
    void secondOrder(Case op) {
        // add a smooth non-linearity so that second derivatives of linear ops are non-trivial
        Function<Tensor[], Tensor> f = x -> op.f().apply(x).tanh();
        GradCheck.Result r = GradCheck.checkSecondOrder(f, op.inputs(2));
        assertTrue(r.passed(), op.name() + ": " + r);
    }

}
