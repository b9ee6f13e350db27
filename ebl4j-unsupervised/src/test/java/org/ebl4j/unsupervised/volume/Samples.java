package org.ebl4j.unsupervised.volume;

import org.ebl4j.linalg.SymmetricEigen;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;

/** Generated data and double-precision reference computations for the constant-volume tests. */
final class Samples {
    private Samples() {
    }

    /** A random d x d orthogonal matrix (the eigenvectors of a random symmetric matrix). */
    static double[][] rotation(int d, Rng rng) {
        double[][] a = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                a[i][j] = rng.nextGaussian();
                a[j][i] = a[i][j];
            }
        }
        return SymmetricEigen.of(a).vectors();
    }

    /** N points μ + R diag(std) g, g standard normal, R a random rotation: [N, d]. */
    static Tensor gaussian(int n, double[] std, double offset, Rng rng) {
        int d = std.length;
        double[][] r = rotation(d, rng);
        float[] out = new float[n * d];
        double[] g = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                g[j] = std[j] * rng.nextGaussian();
            }
            for (int a = 0; a < d; a++) {
                double s = offset + a * 0.1;
                for (int j = 0; j < d; j++) {
                    s += r[a][j] * g[j];
                }
                out[i * d + a] = (float) s;
            }
        }
        return Tensor.of(out, n, d);
    }

    /** The sample covariance (N − 1) of the rows, in double: [d][d]. */
    static double[][] covariance(Tensor data) {
        int n = data.shape(0);
        int d = data.shape(1);
        float[] v = data.toArray();
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += v[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[][] c = new double[d][d];
        double[] row = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                row[j] = v[i * d + j] - mean[j];
            }
            for (int a = 0; a < d; a++) {
                for (int b = 0; b <= a; b++) {
                    c[a][b] += row[a] * row[b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b <= a; b++) {
                c[a][b] /= n - 1;
                c[b][a] = c[a][b];
            }
        }
        return c;
    }

    /** Rows of a [k, d] tensor as double arrays. */
    static double[][] rows(Tensor t) {
        int k = t.shape(0);
        int d = t.shape(1);
        float[] v = t.toArray();
        double[][] out = new double[k][d];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < d; j++) {
                out[i][j] = v[i * d + j];
            }
        }
        return out;
    }

    /**
     * sin of the largest principal angle between span(a) and span(b) (orthonormal rows, same count): the spectral
     * norm of the part of a's rows outside span(b).
     */
    static double subspaceSine(double[][] a, double[][] b) {
        int k = a.length;
        int d = a[0].length;
        double[][] residual = new double[k][d];
        for (int i = 0; i < k; i++) {
            residual[i] = a[i].clone();
            for (double[] basis : b) {
                double dot = 0;
                for (int j = 0; j < d; j++) {
                    dot += a[i][j] * basis[j];
                }
                for (int j = 0; j < d; j++) {
                    residual[i][j] -= dot * basis[j];
                }
            }
        }
        double[][] gram = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                for (int c = 0; c < d; c++) {
                    gram[i][j] += residual[i][c] * residual[j][c];
                }
            }
        }
        return Math.sqrt(Math.max(0, SymmetricEigen.of(gram).values()[0]));
    }

    /** Pearson correlation of two columns. */
    static double correlation(float[] a, int aCol, int aStride, float[] b, int bCol, int bStride, int n) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < n; i++) {
            ma += a[i * aStride + aCol];
            mb += b[i * bStride + bCol];
        }
        ma /= n;
        mb /= n;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < n; i++) {
            double x = a[i * aStride + aCol] - ma;
            double y = b[i * bStride + bCol] - mb;
            sab += x * y;
            saa += x * x;
            sbb += y * y;
        }
        return sab / Math.sqrt(saa * sbb);
    }

    /** {@code perBlob} points around each centre (rows of {@code centres}), isotropic with std {@code std}. */
    static Tensor blobs(double[][] centres, int perBlob, double std, Rng rng) {
        int d = centres[0].length;
        float[] out = new float[centres.length * perBlob * d];
        int p = 0;
        for (int i = 0; i < perBlob; i++) {
            for (double[] c : centres) {
                for (int j = 0; j < d; j++) {
                    out[p++] = (float) (c[j] + std * rng.nextGaussian());
                }
            }
        }
        return Tensor.of(out, centres.length * perBlob, d);
    }

    /** Σ_i min_k ||y_i − c_k||² in double. */
    static double inertia(Tensor data, Tensor centres) {
        double[][] y = rows(data);
        double[][] c = rows(centres);
        double total = 0;
        for (double[] row : y) {
            double best = Double.POSITIVE_INFINITY;
            for (double[] centre : c) {
                double s = 0;
                for (int j = 0; j < row.length; j++) {
                    s += (row[j] - centre[j]) * (row[j] - centre[j]);
                }
                best = Math.min(best, s);
            }
            total += best;
        }
        return total;
    }
}
