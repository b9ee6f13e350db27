package org.ebl4j.bench.jmh;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time per call of the transcendental element-wise operations and the row reductions that dominate samplers,
 * likelihood losses, RBMs and auto-encoders: exp, tanh, sigmoid, log (of |x| + 0.1), softplus on a batch, and
 * softmax, logSoftmax, logSumExp and sum over the last axis, each on a wide batch (512 x 784, MNIST-sized) and a
 * narrow one (2000 x 3, e.g. three answers per sample); with {@code backward=true} the call also back-propagates a
 * fixed random output gradient to the input. Inputs are N(0, 1), seeded. Each call allocates its results, as the
 * library does (fresh off-heap memory is part of the cost). Example:
 * {@code java -cp ... org.openjdk.jmh.Main TensorOpsJmh -p op=exp,softmax -p backward=false}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class TensorOpsJmh {
    @Param({"exp", "tanh", "sigmoid", "log", "softplus", "softmax", "logSoftmax", "logSumExp", "sum"})
    public String op;

    /** Rows x columns; the reductions run along the columns. */
    @Param({"512x784", "2000x3"})
    public String shape;

    @Param({"false", "true"})
    public boolean backward;

    private Tensor x;
    private Tensor seed;

    @Setup(Level.Trial)
    public void setup() {
        String[] rc = shape.toLowerCase(Locale.ROOT).split("x");
        if (rc.length != 2) {
            throw new IllegalArgumentException("shape must be ROWSxCOLUMNS, got '" + shape + "'");
        }
        Tensor normal = new Rng(1).normal(0, 1, Integer.parseInt(rc[0]), Integer.parseInt(rc[1]));
        x = ("log".equals(op) ? normal.abs().add(0.1f) : normal).detach().requiresGrad(backward);
        seed = new Rng(2).normal(0, 1, forward().shape());
    }

    @Benchmark
    public Tensor run() {
        Tensor y = forward();
        return backward ? Autodiff.grad(List.of(y), List.of(seed), List.of(x), false)[0] : y;
    }

    private Tensor forward() {
        switch (op) {
            case "exp":
                return x.exp();
            case "tanh":
                return x.tanh();
            case "sigmoid":
                return x.sigmoid();
            case "log":
                return x.log();
            case "softplus":
                return x.softplus();
            case "softmax":
                return x.softmax(1);
            case "logSoftmax":
                return x.logSoftmax(1);
            case "logSumExp":
                return x.logSumExp(1, false);
            case "sum":
                return x.sum(1, false);
            default:
                throw new IllegalArgumentException("unknown op '" + op + "': expected exp, tanh, sigmoid, log, "
                        + "softplus, softmax, logSoftmax, logSumExp or sum");
        }
    }
}
