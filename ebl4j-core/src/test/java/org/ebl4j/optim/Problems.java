package org.ebl4j.optim;

import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;

/** Test problems with known minimisers, shared by the optimiser tests. */
final class Problems {
    private Problems() {
    }

    /** Sets {@code p.grad()} to exactly {@code values}: the gradient of Σ p ⊙ values. */
    static void setGrad(Tensor p, float... values) {
        p.zeroGrad();
        p.mul(Tensor.of(values, p.shape())).sum().backward();
    }

    /** A linear least-squares problem min_w ½‖A w − b‖² with a random well-conditioned A [rows, cols]. */
    static final class LeastSquares {
        final Tensor a;
        final Tensor b;
        final int cols;

        LeastSquares(int rows, int cols, long seed) {
            Rng rng = new Rng(seed);
            this.a = rng.normal(0, 1, rows, cols);
            this.b = rng.normal(0, 1, rows, 1);
            this.cols = cols;
        }

        /** ½‖A w − b‖² / rows for w [cols, 1], differentiable. */
        Tensor loss(Tensor w) {
            return a.matmul(w).sub(b).square().mean().mul(0.5f);
        }

        /** The normal-equations solution w* = (AᵀA)⁻¹Aᵀb, by Gaussian elimination in float64. */
        double[] solution() {
            int rows = a.shape(0);
            double[][] m = new double[cols][cols + 1];
            for (int i = 0; i < cols; i++) {
                for (int j = 0; j < cols; j++) {
                    for (int r = 0; r < rows; r++) {
                        m[i][j] += (double) a.get(r, i) * a.get(r, j);
                    }
                }
                for (int r = 0; r < rows; r++) {
                    m[i][cols] += (double) a.get(r, i) * b.get(r, 0);
                }
            }
            return solve(m);
        }
    }

    /** Solves the augmented system [M | v] by Gaussian elimination with partial pivoting. */
    static double[] solve(double[][] m) {
        int n = m.length;
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
                    pivot = r;
                }
            }
            double[] tmp = m[c];
            m[c] = m[pivot];
            m[pivot] = tmp;
            for (int r = c + 1; r < n; r++) {
                double f = m[r][c] / m[c][c];
                for (int k = c; k <= n; k++) {
                    m[r][k] -= f * m[c][k];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = m[r][n];
            for (int k = r + 1; k < n; k++) {
                s -= m[r][k] * x[k];
            }
            x[r] = s / m[r][r];
        }
        return x;
    }

    /** Rosenbrock's function (1 − x)² + 100(y − x²)² of p = (x, y), minimum 0 at (1, 1). */
    static Tensor rosenbrock(Tensor p) {
        Tensor x = p.slice(0, 0, 1);
        Tensor y = p.slice(0, 1, 2);
        return x.neg().add(1f).square().add(y.sub(x.square()).square().mul(100f)).sum();
    }
}
