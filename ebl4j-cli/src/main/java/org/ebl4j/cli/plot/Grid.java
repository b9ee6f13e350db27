package org.ebl4j.cli.plot;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.energy.Energy;
import org.ebl4j.tensor.Tensor;

/**
 * A function f(x, y) sampled on a regular grid: column c lies at x = xLo + c (xHi − xLo) / (cols − 1), row r at
 * y = yLo + r (yHi − yLo) / (rows − 1), so row 0 is the lowest y. {@code values} is row-major, [rows × cols].
 */
public record Grid(float[] values, int rows, int cols, double xLo, double xHi, double yLo, double yHi) {
    public Grid {
        if (rows < 2 || cols < 2 || values.length != rows * cols) {
            throw new IllegalArgumentException("Grid: need rows, cols >= 2 and rows * cols values, got rows=" + rows
                    + ", cols=" + cols + " and " + values.length + " values");
        }
        if (!(xLo < xHi) || !(yLo < yHi)) {
            throw new IllegalArgumentException("Grid: need xLo < xHi and yLo < yHi, got x in [" + xLo + ", " + xHi
                    + "], y in [" + yLo + ", " + yHi + "]");
        }
    }

    /**
     * The energy surface E(W, Y, X) of a model with a 1-D input and a 1-D answer: X along the horizontal axis, Y
     * along the vertical one, evaluated in one batch of [rows × cols] samples (x and y of shape [N, 1]).
     */
    public static Grid ofEnergy(Energy energy, double xLo, double xHi, int cols, double yLo, double yHi, int rows) {
        float[] xs = new float[rows * cols];
        float[] ys = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                xs[r * cols + c] = (float) at(xLo, xHi, cols, c);
                ys[r * cols + c] = (float) at(yLo, yHi, rows, r);
            }
        }
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            float[] e = energy.energy(Tensor.of(xs, rows * cols, 1), Tensor.of(ys, rows * cols, 1)).toArray();
            return new Grid(e, rows, cols, xLo, xHi, yLo, yHi);
        }
    }

    private static double at(double lo, double hi, int n, int i) {
        return lo + i * (hi - lo) / (n - 1);
    }

    /** The x of column {@code c}. */
    public double x(int c) {
        return at(xLo, xHi, cols, c);
    }

    /** The y of row {@code r}. */
    public double y(int r) {
        return at(yLo, yHi, rows, r);
    }

    public float value(int r, int c) {
        return values[r * cols + c];
    }

    /** Smallest and largest finite value: {min, max}. */
    public float[] range() {
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            if (Float.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return new float[] {lo, hi};
    }

    /**
     * The grid with each column shifted by its lowest value, f(x, y) − min_y' f(x, y'): for an energy surface, how
     * far each answer is above the best answer for the same input (the Gibbs distribution p(Y|X) ∝ exp(−βE) and
     * every inference procedure ignore a shift per input).
     */
    public Grid minusColumnMinimum() {
        float[] out = values.clone();
        for (int c = 0; c < cols; c++) {
            float lowest = value(argminRow(c), c);
            for (int r = 0; r < rows; r++) {
                out[r * cols + c] -= lowest;
            }
        }
        return new Grid(out, rows, cols, xLo, xHi, yLo, yHi);
    }

    private int argminRow(int c) {
        int best = 0;
        for (int r = 1; r < rows; r++) {
            if (value(r, c) < value(best, c)) {
                best = r;
            }
        }
        return best;
    }

    /** For each column, the y of the row with the lowest value: the argmin curve y*(x) = argmin_y f(x, y). */
    public double[] argminPerColumn() {
        double[] out = new double[cols];
        for (int c = 0; c < cols; c++) {
            out[c] = y(argminRow(c));
        }
        return out;
    }
}
