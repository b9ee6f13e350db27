package org.ebl4j.structured.factor;

import org.ebl4j.structured.semiring.LogSemiring;
import org.ebl4j.structured.semiring.Semiring;
import org.ebl4j.structured.semiring.TropicalSemiring;

/**
 * Loopy belief propagation on any {@link FactorGraph} (grids in particular): the messages of {@link Messages}
 * iterated to a fixed point although the graph has cycles (Pearl 1988; Murphy, Weiss &amp; Jordan 1999; LeCun et al.
 * 2006, §6: image restoration, "the graph is loopy when the patches overlap"), in the tropical semiring (loopy
 * min-sum) or the log semiring (loopy sum-product on βE). One sweep is a flooding schedule: every m_{v→f} from the
 * previous m_{f→v}, then every m_{f→v}, shifted so that its smallest entry is 0 and damped in the log domain,
 * <pre>  m ← (1 − λ) m_new + λ m_old,      0 ≤ λ &lt; 1</pre>
 * which helps where strong or frustrated couplings make undamped messages oscillate. Sweeps stop when the largest
 * change max |m_new − m_old| is at most the tolerance, or after the maximum number of sweeps ({@link Convergence}).
 * Decoding takes each variable's lowest-belief value; on a forest the result equals {@link TreeInference}'s.
 */
public final class LoopyBeliefPropagation {
    private final double damping;
    private final int maxIterations;
    private final double tolerance;

    /**
     * @param damping       λ ∈ [0, 1): the weight of the old message (0 = undamped)
     * @param maxIterations the most sweeps, ≥ 1
     * @param tolerance     stop once no message entry changes by more than this, ≥ 0
     */
    public LoopyBeliefPropagation(double damping, int maxIterations, double tolerance) {
        if (!(damping >= 0 && damping < 1) || maxIterations < 1 || !(tolerance >= 0) || !Double.isFinite(tolerance)) {
            throw new IllegalArgumentException("LoopyBeliefPropagation: need 0 <= damping < 1, maxIterations >= 1 "
                    + "and a finite tolerance >= 0; got damping=" + damping + ", maxIterations=" + maxIterations
                    + ", tolerance=" + tolerance);
        }
        this.damping = damping;
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
    }

    /** Loopy min-sum: min-marginal beliefs, decoded by {@link BeliefPropagationResult#assignment()}. */
    public BeliefPropagationResult minSum(FactorGraph graph) {
        return run(graph, TropicalSemiring.INSTANCE, 1);
    }

    /** Loopy sum-product on p(x) ∝ exp(−βE(x)), β &gt; 0: approximate marginals and the Bethe free energy. */
    public BeliefPropagationResult sumProduct(FactorGraph graph, double beta) {
        return run(graph, LogSemiring.INSTANCE, beta);
    }

    private BeliefPropagationResult run(FactorGraph graph, Semiring semiring, double beta) {
        Messages m = new Messages(graph, semiring, beta);
        int edges = graph.edges();
        double change = Double.POSITIVE_INFINITY;
        int sweep = 0;
        while (sweep < maxIterations && !(change <= tolerance)) {
            sweep++;
            for (int e = 0; e < edges; e++) {
                m.sendToFactor(e);
            }
            change = 0;
            for (int e = 0; e < edges; e++) {
                change = Math.max(change, update(m, e));
            }
        }
        return new BeliefPropagationResult(m, new Convergence(sweep, change, change <= tolerance));
    }

    /** Recomputes m_{f→v} of edge e from the current m_{v→f}, damps it in place; returns the largest change. */
    private double update(Messages m, int e) {
        double[] old = m.toVariable(e);
        double[] fresh = new double[old.length];
        m.factorMessage(e, fresh);
        double lowest = Double.POSITIVE_INFINITY;
        for (double v : fresh) {
            lowest = Math.min(lowest, v);
        }
        if (lowest == Double.POSITIVE_INFINITY) {
            FactorGraph g = m.graph();
            throw new IllegalArgumentException("LoopyBeliefPropagation: factor " + g.factorOf(e) + " leaves no "
                    + "allowed value for variable " + g.variableOf(e) + " (every message entry is +Infinity)");
        }
        double change = 0;
        for (int x = 0; x < old.length; x++) {
            double v = fresh[x] - lowest;
            if (v != old[x]) {
                change = Math.max(change, Math.abs(v - old[x]));
            }
            old[x] = damping == 0 ? v : (1 - damping) * v + damping * old[x];
        }
        return change;
    }
}
