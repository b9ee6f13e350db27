package org.ebl4j.optim;

import java.util.List;
import java.util.Map;

import org.ebl4j.tensor.Tensor;

/**
 * Adam (Kingma &amp; Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015, Algorithm 1) with bias correction,
 * optional L2 weight decay λ added to the gradient and optional AMSGrad (Reddi, Kale &amp; Kumar 2018). At step t:
 *
 * <pre>
 *   g ← g + λ·W
 *   m ← β₁·m + (1 − β₁)·g            v ← β₂·v + (1 − β₂)·g²
 *   m̂ = m / (1 − β₁ᵗ)                v̂ = v / (1 − β₂ᵗ)     (AMSGrad: v̂ uses v_max ← max(v_max, v))
 *   W ← W − η·m̂ / (√v̂ + ε)
 * </pre>
 *
 * Element-wise arithmetic follows torch.optim.Adam (float32). State per parameter i: "param.i.step",
 * "param.i.exp_avg" (m), "param.i.exp_avg_sq" (v) and, with AMSGrad, "param.i.max_exp_avg_sq".
 * {@link AdamW} is the same rule with decoupled weight decay.
 */
public class Adam extends Optimizer {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final boolean amsgrad;
    private final boolean decoupled;
    private final int[] steps;
    private final float[][] expAvg;
    private final float[][] expAvgSq;
    /** v_max with AMSGrad; the same array as v without. */
    private final float[][] maxExpAvgSq;

    /** β₁ = 0.9, β₂ = 0.999, ε = 1e-8, no weight decay. */
    public Adam(List<Tensor> params, double lr) {
        this(params, lr, 0.9, 0.999, 1e-8, 0, false);
    }

    /**
     * @param lr          learning rate η ≥ 0
     * @param beta1       β₁ ∈ [0, 1), decay of the first moment
     * @param beta2       β₂ ∈ [0, 1), decay of the second moment
     * @param eps         ε ≥ 0 added to √v̂
     * @param weightDecay λ ≥ 0, added to the gradient as λ·W (L2 regularisation)
     * @param amsgrad     divide by the running maximum of v̂ instead of v̂
     */
    public Adam(List<Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay,
                boolean amsgrad) {
        this("Adam", params, lr, beta1, beta2, eps, weightDecay, amsgrad, false);
    }

    Adam(String name, List<Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay,
         boolean amsgrad, boolean decoupled) {
        super(name, params, lr);
        this.beta1 = Settings.unitInterval(name, "beta1", beta1);
        this.beta2 = Settings.unitInterval(name, "beta2", beta2);
        this.eps = Settings.nonNegative(name, "eps", eps);
        this.weightDecay = Settings.nonNegative(name, "weightDecay", weightDecay);
        this.amsgrad = amsgrad;
        this.decoupled = decoupled;
        int n = parameters().size();
        steps = new int[n];
        expAvg = new float[n][];
        expAvgSq = new float[n][];
        maxExpAvgSq = new float[n][];
    }

    @Override
    protected final void update() {
        forEachGradient(this::update);
    }

    private void update(int i, Tensor param, Tensor grad) {
        if (expAvg[i] == null) {
            int n = param.numel();
            expAvg[i] = new float[n];
            expAvgSq[i] = new float[n];
            // Without AMSGrad the running maximum is v itself, so v̂ = v.
            maxExpAvgSq[i] = amsgrad ? new float[n] : expAvgSq[i];
        }
        int t = ++steps[i];
        double lr = learningRate();
        float[] m = expAvg[i];
        float[] v = expAvgSq[i];
        float[] vMax = maxExpAvgSq[i];
        float shrink = decoupled ? (float) (1 - lr * weightDecay) : 1f;
        float l2 = decoupled ? 0f : (float) weightDecay;
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float c1 = (float) (1 - beta1);
        float c2 = (float) (1 - beta2);
        float stepSize = (float) (lr / (1 - Math.pow(beta1, t)));
        float bc2Sqrt = (float) Math.sqrt(1 - Math.pow(beta2, t));
        float e = (float) eps;
        updateInChunks(param, grad, (w, g, from, to) -> {
            for (int k = from; k < to; k++) {
                float wk = w[k] * shrink;
                float gk = g[k] + l2 * wk;
                float mk = b1 * m[k] + c1 * gk;
                float vk = b2 * v[k] + c2 * gk * gk;
                m[k] = mk;
                v[k] = vk;
                float vHat = Math.max(vMax[k], vk);
                vMax[k] = vHat;
                w[k] = wk - stepSize * mk / ((float) Math.sqrt(vHat) / bc2Sqrt + e);
            }
        });
    }

    @Override
    protected final void saveState(Map<String, Tensor> tensors, Map<String, String> values) {
        List<Tensor> params = parameters();
        for (int i = 0; i < steps.length; i++) {
            if (expAvg[i] == null) {
                continue;
            }
            int[] shape = params.get(i).shape();
            values.put("param." + i + ".step", Integer.toString(steps[i]));
            tensors.put("param." + i + ".exp_avg", Tensor.of(expAvg[i], shape));
            tensors.put("param." + i + ".exp_avg_sq", Tensor.of(expAvgSq[i], shape));
            if (amsgrad) {
                tensors.put("param." + i + ".max_exp_avg_sq", Tensor.of(maxExpAvgSq[i], shape));
            }
        }
    }

    @Override
    protected final void restoreState(OptimizerState state) {
        List<Tensor> params = parameters();
        for (int i = 0; i < steps.length; i++) {
            int[] shape = params.get(i).shape();
            String key = "param." + i + ".";
            expAvg[i] = floats(state, key + "exp_avg", shape);
            expAvgSq[i] = floats(state, key + "exp_avg_sq", shape);
            maxExpAvgSq[i] = amsgrad ? floats(state, key + "max_exp_avg_sq", shape) : expAvgSq[i];
            boolean started = expAvg[i] != null;
            if (started && (expAvgSq[i] == null || maxExpAvgSq[i] == null)) {
                throw new IllegalArgumentException(name() + ".loadState: parameter " + i + " has " + key
                        + "exp_avg but lacks " + key + (expAvgSq[i] == null ? "exp_avg_sq" : "max_exp_avg_sq"));
            }
            steps[i] = started ? Integer.parseInt(value(state, key + "step")) : 0;
        }
    }
}
