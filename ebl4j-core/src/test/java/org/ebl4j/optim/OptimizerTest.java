package org.ebl4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.ebl4j.nn.Linear;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class OptimizerTest {
    /** A 3 → 4 → 1 tanh network fitted to fixed data: enough state (two layers, biases) to exercise every key. */
    private static final class Net {
        final Linear l1;
        final Linear l2;
        final Tensor x;
        final Tensor y;

        Net(long seed) {
            l1 = new Linear(3, 4, new Rng(seed));
            l2 = new Linear(4, 1, new Rng(seed + 1));
            Rng data = new Rng(99);
            x = data.normal(0, 1, 8, 3);
            y = data.normal(0, 1, 8, 1);
        }

        List<Tensor> parameters() {
            List<Tensor> p = new ArrayList<>(l1.parameters());
            p.addAll(l2.parameters());
            return p;
        }

        Closure closure(Optimizer opt) {
            return () -> {
                opt.zeroGrad();
                Tensor l = l2.forward(l1.forward(x).tanh()).sub(y).square().mean();
                l.backward();
                return l.item();
            };
        }

        void train(Optimizer opt, int steps) {
            Closure c = closure(opt);
            for (int t = 0; t < steps; t++) {
                opt.step(c);
            }
        }

        float[][] values() {
            return parameters().stream().map(Tensor::toArray).toArray(float[][]::new);
        }

        void load(float[][] values) {
            List<Tensor> p = parameters();
            for (int i = 0; i < values.length; i++) {
                p.get(i).copyFrom(Tensor.of(values[i], p.get(i).shape()));
            }
        }
    }

    private static Map<String, Function<List<Tensor>, Optimizer>> optimisers() {
        Map<String, Function<List<Tensor>, Optimizer>> m = new LinkedHashMap<>();
        m.put("sgd-nesterov", p -> new Sgd(p, 0.05, 0.9, 0, true, 1e-3));
        m.put("adam-amsgrad", p -> new Adam(p, 0.01, 0.9, 0.99, 1e-8, 1e-3, true));
        m.put("adamw", p -> new AdamW(p, 0.01));
        m.put("lbfgs", p -> new Lbfgs(p, 1, 3, 1e-9, 1e-12, 4, Lbfgs.LineSearch.STRONG_WOLFE));
        return m;
    }

    @Test
    void restoringStateResumesTrainingBitForBit() {
        optimisers().forEach((name, make) -> {
            Net net = new Net(1);
            Optimizer opt = make.apply(net.parameters());
            net.train(opt, 5);
            OptimizerState saved = opt.state();
            float[][] weights = net.values();
            net.train(opt, 5);
            float[][] uninterrupted = net.values();

            for (int run = 0; run < 2; run++) {
                Net resumed = new Net(7);
                resumed.load(weights);
                Optimizer fresh = make.apply(resumed.parameters());
                fresh.loadState(saved);
                resumed.train(fresh, 5);
                assertTrue(Arrays.deepEquals(uninterrupted, resumed.values()), name + " restore " + run);
            }

            Net cold = new Net(7);
            cold.load(weights);
            cold.train(make.apply(cold.parameters()), 5);
            assertFalse(Arrays.deepEquals(uninterrupted, cold.values()), name + ": the state should matter");
        });
    }

    @Test
    void stateUsesStableKeysAndRecordsTheLearningRate() {
        Net net = new Net(1);
        Adam adam = new Adam(net.parameters(), 0.01, 0.9, 0.99, 1e-8, 0, true);
        net.train(adam, 3);
        adam.setLearningRate(0.003);
        OptimizerState s = adam.state();
        assertEquals("Adam", s.values().get("optimizer"));
        assertEquals("4", s.values().get("params"));
        assertEquals(0.003, Double.parseDouble(s.values().get("lr")));
        assertEquals("3", s.values().get("param.3.step"));
        assertEquals(List.of("param.0.exp_avg", "param.0.exp_avg_sq", "param.0.max_exp_avg_sq"),
                List.copyOf(s.tensors().keySet()).subList(0, 3));
        assertArrayEquals(new int[] {1}, s.tensors().get("param.3.exp_avg").shape());
        Adam other = new Adam(new Net(2).parameters(), 0.5);
        other.loadState(s);
        assertEquals(0.003, other.learningRate());
    }

    @Test
    void loadStateRejectsAStateOfAnotherKindOrShape() {
        Net net = new Net(1);
        Adam adam = new Adam(net.parameters(), 0.01);
        net.train(adam, 1);
        OptimizerState s = adam.state();
        String kind = assertThrows(IllegalArgumentException.class,
                () -> new Sgd(net.parameters(), 0.1).loadState(s)).getMessage();
        assertTrue(kind.contains("Adam"), kind);
        String count = assertThrows(IllegalArgumentException.class,
                () -> new Adam(net.l1.parameters(), 0.1).loadState(s)).getMessage();
        assertTrue(count.contains("4") && count.contains("2"), count);
        List<Tensor> swapped = new ArrayList<>(net.parameters());
        swapped.add(0, swapped.remove(1));
        String shape = assertThrows(IllegalArgumentException.class,
                () -> new Adam(swapped, 0.1).loadState(s)).getMessage();
        assertTrue(shape.contains("param.0.exp_avg") && shape.contains("[4, 3]"), shape);
    }

    @Test
    void zeroGradClearsEveryGradient() {
        Net net = new Net(1);
        Sgd sgd = new Sgd(net.parameters(), 0.1);
        net.closure(sgd).evaluate();
        assertTrue(net.parameters().stream().allMatch(p -> p.grad() != null));
        sgd.zeroGrad();
        net.parameters().forEach(p -> assertNull(p.grad()));
    }

    @Test
    void parameterListsAreChecked() {
        Tensor p = Tensor.zeros(2, 3).requiresGrad(true);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Sgd(List.of(), 0.1)).getMessage()
                .contains("empty"));
        String noGrad = assertThrows(IllegalArgumentException.class,
                () -> new Sgd(List.of(Tensor.zeros(2)), 0.1)).getMessage();
        assertTrue(noGrad.contains("parameter 0") && noGrad.contains("requiresGrad"), noGrad);
        String computed = assertThrows(IllegalArgumentException.class,
                () -> new Sgd(List.of(p.mul(2f)), 0.1)).getMessage();
        assertTrue(computed.contains("leaf"), computed);
        String dup = assertThrows(IllegalArgumentException.class, () -> new Sgd(List.of(p, p), 0.1)).getMessage();
        assertTrue(dup.contains("parameter 1") && dup.contains("same tensor as parameter 0"), dup);
        Tensor strided = Tensor.zeros(3, 2).t().detach().requiresGrad(true);
        String layout = assertThrows(IllegalArgumentException.class,
                () -> new Sgd(List.of(strided), 0.1)).getMessage();
        assertTrue(layout.contains("contiguous"), layout);
        Sgd sgd = new Sgd(List.of(p), 0.1);
        assertThrows(IllegalArgumentException.class, () -> sgd.setLearningRate(-1));
        String foreign = assertThrows(IllegalArgumentException.class,
                () -> sgd.addConstraint(Tensor.zeros(2).requiresGrad(true), new NonNegative())).getMessage();
        assertTrue(foreign.contains("not one of the optimised parameters"), foreign);
    }
}
