package org.ebl4j.energy.latent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ebl4j.energy.Domain;
import org.ebl4j.energy.inference.GradientDescent;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class MinOverContinuousLatentTest {
    static final float LAMBDA = 0.5f;

    /** Ridge coding: E(D, Z, Y) = ½‖Y − D Z‖² + (λ/2)‖Z‖², D a learnable [3, 2] dictionary. */
    static final class RidgeCode extends ContinuousLatentEnergy {
        final Tensor dictionary;
        final Domain domain;

        RidgeCode(Tensor d, Domain domain) {
            dictionary = parameter("dictionary", d);
            this.domain = domain;
        }

        @Override
        public Tensor energy(Tensor x, Tensor z, Tensor y) {
            Tensor residual = y.sub(z.matmul(dictionary.t()));
            return residual.square().sum(1, false).mul(0.5f).add(z.square().sum(1, false).mul(LAMBDA / 2));
        }

        @Override
        public Domain latentDomain() {
            return domain;
        }
    }

    static final float[][] D = {{1f, 0.5f}, {-0.3f, 1.2f}, {0.8f, -0.4f}};
    static final float[] Y = {0.7f, -1.1f, 0.4f};

    /** Z* = (DᵀD + λI)⁻¹ Dᵀ Y and min_Z E, in double, for a 3x2 dictionary. */
    static double[] closedForm(double[][] d, double[] y) {
        double a = LAMBDA;
        double b = 0;
        double c = LAMBDA;
        double[] dty = new double[2];
        for (int i = 0; i < 3; i++) {
            a += d[i][0] * d[i][0];
            b += d[i][0] * d[i][1];
            c += d[i][1] * d[i][1];
            dty[0] += d[i][0] * y[i];
            dty[1] += d[i][1] * y[i];
        }
        double det = a * c - b * b;
        double z0 = (c * dty[0] - b * dty[1]) / det;
        double z1 = (a * dty[1] - b * dty[0]) / det;
        double e = LAMBDA / 2 * (z0 * z0 + z1 * z1);
        for (int i = 0; i < 3; i++) {
            double r = y[i] - d[i][0] * z0 - d[i][1] * z1;
            e += 0.5 * r * r;
        }
        return new double[] {z0, z1, e};
    }

    private static double[][] toDouble(float[][] m) {
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = new double[m[i].length];
            for (int j = 0; j < m[i].length; j++) {
                out[i][j] = m[i][j];
            }
        }
        return out;
    }

    private static MinOverContinuousLatent energy(Domain domain) {
        return new MinOverContinuousLatent(new RidgeCode(Tensor.matrix(D), domain),
                new GradientDescent(domain, new Rng(3)).restarts(2).steps(400).tolerance(1e-6));
    }

    @Test
    void minimisingCodeAndEnergyMatchTheClosedForm() {
        MinOverContinuousLatent e = energy(Domain.unbounded(2));
        double[] yd = {Y[0], Y[1], Y[2]};
        double[] want = closedForm(toDouble(D), yd);
        Tensor y = Tensor.of(Y, 1, 3);
        assertArrayEquals(new float[] {(float) want[0], (float) want[1]}, e.minimizingLatent(null, y).toArray(), 1e-4f);
        assertEquals(want[2], e.energy(null, y).item(), 1e-5);
    }

    @Test
    void gradientWithRespectToTheDictionaryIsTheEnvelopeGradient() {
        MinOverContinuousLatent e = energy(Domain.unbounded(2));
        Tensor d = e.latent().namedParameters().get("dictionary");
        e.energy(null, Tensor.of(Y, 1, 3)).sum().backward();
        float[] grad = d.grad().toArray();
        double[] yd = {Y[0], Y[1], Y[2]};
        double h = 1e-6;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                double[][] plus = toDouble(D);
                double[][] minus = toDouble(D);
                plus[i][j] += h;
                minus[i][j] -= h;
                double fd = (closedForm(plus, yd)[2] - closedForm(minus, yd)[2]) / (2 * h);
                assertEquals(fd, grad[i * 2 + j], 1e-4, "d min E / d D[" + i + "][" + j + "]");
            }
        }
    }

    @Test
    void boxOnTheLatentHoldsTheCodeInside() {
        // E = ½‖Z − c‖² on [0, 1]³ → Z* = clamp(c, 0, 1)
        Domain box = Domain.box(0f, 1f, 3);
        ContinuousLatentEnergy toC = new ContinuousLatentEnergy() {
            @Override
            public Tensor energy(Tensor x, Tensor z, Tensor y) {
                return z.sub(y).square().sum(1, false).mul(0.5f);
            }

            @Override
            public Domain latentDomain() {
                return box;
            }
        };
        MinOverContinuousLatent e = new MinOverContinuousLatent(toC, new GradientDescent(box, new Rng(4)));
        Tensor c = Tensor.matrix(new float[][] {{-0.5f, 0.3f, 2f}, {0.5f, 0.5f, 0.5f}});
        assertArrayEquals(new float[] {0f, 0.3f, 1f, 0.5f, 0.5f, 0.5f}, e.minimizingLatent(null, c).toArray(), 1e-4f);
    }

    @Test
    void searchMustRunOverTheLatentDomain() {
        var e = assertThrows(IllegalArgumentException.class, () -> new MinOverContinuousLatent(
                new RidgeCode(Tensor.matrix(D), Domain.unbounded(2)),
                new GradientDescent(Domain.unbounded(3), new Rng(1))));
        assertEquals(true, e.getMessage().contains("latent variable lives in"), e.getMessage());
    }
}
