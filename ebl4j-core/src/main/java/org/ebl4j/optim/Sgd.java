package org.ebl4j.optim;

import java.util.List;
import java.util.Map;

import org.ebl4j.tensor.Tensor;

/**
 * Stochastic gradient descent with momentum, PyTorch's formulation (torch.optim.SGD; Sutskever et al. 2013 for
 * Nesterov). With gradient g, weight decay λ, momentum μ, dampening τ and learning rate η:
 *
 * <pre>
 *   g ← g + λ·W                          (L2 weight decay added to the gradient)
 *   b ← g on the first step, else b ← μ·b + (1 − τ)·g
 *   d ← g + μ·b  (Nesterov)   or   d ← b   (classical momentum; d = g when μ = 0)
 *   W ← W − η·d
 * </pre>
 *
 * State: the momentum buffer b of each parameter, key "param.i.momentum".
 */
public final class Sgd extends Optimizer {
    private final double momentum;
    private final double dampening;
    private final boolean nesterov;
    private final double weightDecay;
    private final float[][] buffers;

    /** Plain gradient descent W ← W − η·g. */
    public Sgd(List<Tensor> params, double lr) {
        this(params, lr, 0, 0, false, 0);
    }

    /** Momentum μ ∈ [0, 1) without dampening or weight decay. */
    public Sgd(List<Tensor> params, double lr, double momentum) {
        this(params, lr, momentum, 0, false, 0);
    }

    /**
     * @param lr          learning rate η ≥ 0
     * @param momentum    μ ∈ [0, 1)
     * @param dampening   τ ∈ [0, 1]; must be 0 with Nesterov
     * @param nesterov    Nesterov momentum (needs μ &gt; 0)
     * @param weightDecay λ ≥ 0
     */
    public Sgd(List<Tensor> params, double lr, double momentum, double dampening, boolean nesterov,
               double weightDecay) {
        super("Sgd", params, lr);
        this.momentum = Settings.unitInterval("Sgd", "momentum", momentum);
        this.dampening = Settings.closedUnitInterval("Sgd", "dampening", dampening);
        this.weightDecay = Settings.nonNegative("Sgd", "weightDecay", weightDecay);
        if (nesterov && (momentum == 0 || dampening != 0)) {
            throw new IllegalArgumentException("Sgd: nesterov needs momentum in (0, 1) and dampening 0, got momentum "
                    + momentum + ", dampening " + dampening);
        }
        this.nesterov = nesterov;
        this.buffers = new float[parameters().size()][];
    }

    @Override
    protected void update() {
        forEachGradient(this::update);
    }

    private void update(int index, Tensor param, Tensor grad) {
        float lr = (float) learningRate();
        float wd = (float) weightDecay;
        if (momentum == 0) {
            updateInChunks(param, grad, (w, g, from, to) -> {
                for (int k = from; k < to; k++) {
                    w[k] -= lr * (g[k] + wd * w[k]);
                }
            });
            return;
        }
        boolean first = buffers[index] == null;
        if (first) {
            buffers[index] = new float[param.numel()];
        }
        float[] b = buffers[index];
        float mu = (float) momentum;
        float keep = first ? 0f : mu;
        float take = first ? 1f : (float) (1 - dampening);
        // d = g + μ·b with Nesterov, d = b without: d = gScale·g + bScale·b keeps one loop for both.
        float gScale = nesterov ? 1f : 0f;
        float bScale = nesterov ? mu : 1f;
        updateInChunks(param, grad, (w, g, from, to) -> {
            for (int k = from; k < to; k++) {
                float gk = g[k] + wd * w[k];
                float bk = keep * b[k] + take * gk;
                b[k] = bk;
                w[k] -= lr * (gScale * gk + bScale * bk);
            }
        });
    }

    @Override
    protected void saveState(Map<String, Tensor> tensors, Map<String, String> values) {
        for (int i = 0; i < buffers.length; i++) {
            if (buffers[i] != null) {
                tensors.put("param." + i + ".momentum", Tensor.of(buffers[i], parameters().get(i).shape()));
            }
        }
    }

    @Override
    protected void restoreState(OptimizerState state) {
        List<Tensor> params = parameters();
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = floats(state, "param." + i + ".momentum", params.get(i).shape());
        }
    }
}
