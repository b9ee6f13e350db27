package org.ebl4j.autodiff;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.ebl4j.tensor.Shape;
import org.ebl4j.tensor.Storage;
import org.ebl4j.tensor.Tensor;

/**
 * Reverse-mode automatic differentiation over the graph that tensor operations record as they run
 * (define-by-run). Gradients flow to parameters and to inputs alike: {@link #grad} gives dE/dY for inference by
 * gradient descent or Langevin dynamics without touching parameter gradients.
 */
public final class Autodiff {
    private static final ThreadLocal<boolean[]> GRAD_ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});

    private Autodiff() {
    }

    /** A scope that restores the previous recording mode when closed. */
    public static final class Scope implements AutoCloseable {
        private final boolean previous;

        private Scope(boolean enabled) {
            boolean[] flag = GRAD_ENABLED.get();
            previous = flag[0];
            flag[0] = enabled;
        }

        @Override
        public void close() {
            GRAD_ENABLED.get()[0] = previous;
        }
    }

    /** {@code try (var s = Autodiff.noGrad()) { ... }}: operations inside record nothing. */
    public static Scope noGrad() {
        return new Scope(false);
    }

    /** Re-enables recording inside a {@link #noGrad()} scope. */
    public static Scope enableGrad() {
        return new Scope(true);
    }

    public static boolean isGradEnabled() {
        return GRAD_ENABLED.get()[0];
    }

    /**
     * Attaches a graph node to {@code out} when recording is on and some input requires a gradient; returns
     * {@code out}. Called by every differentiable operation.
     */
    public static Tensor record(String name, Tensor out, Tensor[] inputs, Node.Backward backward) {
        if (!isGradEnabled()) {
            return out;
        }
        for (Tensor in : inputs) {
            if (in != null && in.requiresGrad()) {
                out.attachGradFn(new Node(name, inputs, backward));
                return out;
            }
        }
        return out;
    }

    /**
     * Back-propagates from a scalar {@code root} and accumulates dRoot/dLeaf into {@link Tensor#grad()} of every
     * leaf tensor that requires a gradient.
     */
    public static void backward(Tensor root) {
        if (root.numel() != 1) {
            throw new IllegalArgumentException("backward: the root must be a scalar, got shape " + Shape.str(root.shape())
                    + "; pass an explicit output gradient");
        }
        backward(root, Tensor.onesLike(root));
    }

    /** Back-propagates {@code gradRoot} (same shape as {@code root}) and accumulates into leaf gradients. */
    public static void backward(Tensor root, Tensor gradRoot) {
        Map<Tensor, Tensor> grads = propagate(List.of(root), List.of(gradRoot), false);
        // a backward rule may hand one tensor to several inputs (add, sub): give each leaf its own storage so an
        // in-place change to one parameter's gradient never alters another's
        Set<Storage> given = Collections.newSetFromMap(new IdentityHashMap<>());
        try (Scope s = noGrad()) {
            for (Map.Entry<Tensor, Tensor> e : grads.entrySet()) {
                Tensor t = e.getKey();
                if (t.gradFn() == null && t.requiresGrad()) {
                    Tensor g = e.getValue();
                    t.accumulateGrad(given.add(g.storage()) ? g : g.contiguousCopy());
                    given.add(t.grad().storage());
                }
            }
        }
    }

    /**
     * Gradients of {@code sum(outputs[i] * gradOutputs[i])} with respect to {@code inputs} (any tensors of the
     * graph, leaves or not), without touching {@link Tensor#grad()}. An input the outputs do not depend on gets
     * zeros. With {@code createGraph} the returned gradients are themselves differentiable (higher order).
     */
    public static Tensor[] grad(List<Tensor> outputs, List<Tensor> gradOutputs, List<Tensor> inputs,
                                boolean createGraph) {
        Map<Tensor, Tensor> grads = propagate(outputs, gradOutputs, createGraph);
        Tensor[] out = new Tensor[inputs.size()];
        for (int i = 0; i < out.length; i++) {
            Tensor g = grads.get(inputs.get(i));
            out[i] = g != null ? g : Tensor.zeros(inputs.get(i).shape());
        }
        return out;
    }

    /** dOutput/dInput for a scalar output. */
    public static Tensor grad(Tensor output, Tensor input) {
        return grad(List.of(output), List.of(Tensor.onesLike(output)), List.of(input), false)[0];
    }

    /** Gradients of a scalar output with respect to several inputs. */
    public static Tensor[] grad(Tensor output, Tensor... inputs) {
        return grad(List.of(output), List.of(Tensor.onesLike(output)), Arrays.asList(inputs), false);
    }

    private static Map<Tensor, Tensor> propagate(List<Tensor> roots, List<Tensor> seeds, boolean createGraph) {
        if (roots.size() != seeds.size()) {
            throw new IllegalArgumentException("grad: " + roots.size() + " outputs but " + seeds.size()
                    + " output gradients");
        }
        Map<Tensor, Tensor> grads = new IdentityHashMap<>();
        for (int i = 0; i < roots.size(); i++) {
            Tensor r = roots.get(i);
            Tensor s = seeds.get(i);
            if (!Arrays.equals(r.shape(), s.shape())) {
                throw new IllegalArgumentException("grad: output gradient of shape " + Shape.str(s.shape())
                        + " for an output of shape " + Shape.str(r.shape()));
            }
            if (!r.requiresGrad()) {
                throw new IllegalArgumentException("grad: output does not require a gradient (no input with "
                        + "requiresGrad was used, or it was computed under noGrad)");
            }
            grads.merge(r, s, Tensor::add);
        }
        List<Tensor> order = topologicalOrder(roots);
        try (Scope s = new Scope(createGraph)) {
            for (int i = order.size() - 1; i >= 0; i--) {
                Tensor t = order.get(i);
                Node node = t.gradFn();
                Tensor g = grads.get(t);
                if (node == null || g == null) {
                    continue;
                }
                Tensor[] inGrads = node.backward().apply(g);
                Tensor[] ins = node.inputs();
                for (int k = 0; k < ins.length; k++) {
                    Tensor in = ins[k];
                    Tensor gi = inGrads[k];
                    if (in == null || gi == null || !in.requiresGrad()) {
                        continue;
                    }
                    if (!Arrays.equals(in.shape(), gi.shape())) {
                        throw new IllegalStateException(node.name() + " backward: gradient of shape "
                                + Shape.str(gi.shape()) + " for input " + k + " of shape " + Shape.str(in.shape()));
                    }
                    Tensor old = grads.get(in);
                    grads.put(in, old == null ? gi : old.add(gi));
                }
            }
        }
        return grads;
    }

    /** Tensors reachable from the roots through recorded nodes, each after all tensors it was computed from. */
    private static List<Tensor> topologicalOrder(List<Tensor> roots) {
        List<Tensor> order = new ArrayList<>();
        Set<Tensor> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Object[]> stack = new ArrayDeque<>();
        for (Tensor r : roots) {
            if (visited.add(r)) {
                stack.push(new Object[] {r, 0});
            }
            while (!stack.isEmpty()) {
                Object[] frame = stack.peek();
                Tensor t = (Tensor) frame[0];
                int next = (Integer) frame[1];
                Node n = t.gradFn();
                Tensor[] ins = n == null ? new Tensor[0] : n.inputs();
                if (next < ins.length) {
                    frame[1] = next + 1;
                    Tensor in = ins[next];
                    if (in != null && in.requiresGrad() && visited.add(in)) {
                        stack.push(new Object[] {in, 0});
                    }
                } else {
                    stack.pop();
                    order.add(t);
                }
            }
        }
        return order;
    }
}
