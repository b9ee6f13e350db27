package org.ebl4j.linalg;

import java.util.ArrayList;
import java.util.List;

import org.ebl4j.tensor.Rng;

/** Test matrices and checks shared by the linear-algebra tests. */
final class Matrices {
    private Matrices() {
    }

    /** The kernels that load here (java always; native when OpenBLAS loads). */
    static List<LapackKernel> kernels() {
        List<LapackKernel> out = new ArrayList<>();
        for (String name : Lapack.available()) {
            out.add(Lapack.get(name));
        }
        return out;
    }

    /** A random symmetric n x n matrix with Gaussian entries. */
    static double[][] randomSymmetric(int n, long seed) {
        Rng rng = new Rng(seed);
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                a[i][j] = rng.nextGaussian();
                a[j][i] = a[i][j];
            }
        }
        return a;
    }

    /** B Bᵀ + n I for a random n x n B: symmetric positive definite and well conditioned. */
    static double[][] randomSpd(int n, long seed) {
        Rng rng = new Rng(seed);
        double[][] b = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                b[i][j] = rng.nextGaussian();
            }
        }
        double[][] a = multiply(b, transpose(b));
        for (int i = 0; i < n; i++) {
            a[i][i] += n;
        }
        return a;
    }

    static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        int m = b[0].length;
        double[][] c = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < b.length; k++) {
                for (int j = 0; j < m; j++) {
                    c[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return c;
    }

    static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    /** max |a − b| over all entries. */
    static double maxDiff(double[][] a, double[][] b) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                worst = Math.max(worst, Math.abs(a[i][j] - b[i][j]));
            }
        }
        return worst;
    }

    static double[][] identity(int n) {
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            a[i][i] = 1;
        }
        return a;
    }
}
