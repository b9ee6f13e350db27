package org.ebl4j.energy.loss;

import java.util.Arrays;

import org.ebl4j.energy.Domain;
import org.ebl4j.energy.Energy;
import org.ebl4j.energy.Rows;
import org.ebl4j.tensor.Indices;
import org.ebl4j.tensor.Shape;
import org.ebl4j.tensor.Tensor;

/**
 * The log-partition of a continuous answer by quadrature over a fixed grid of C answers y_c, each standing for a
 * cell of volume v: F_β(W, X) = −(1/β) log Σ_c v·exp(−βE(W, y_c, X)) (LeCun et al. 2006, §2.2.4, the integral
 * over 𝒴 replaced by a Riemann sum). Exact up to the quadrature error, differentiable in W through every grid
 * point; practical when Y has few dimensions (the grid has n^dim points). The sum is
 * {@link ExactLogPartition#softMin} over the grid, shifted by −(1/β) log v.
 */
public final class QuadratureLogPartition implements LogPartition {
    private final Tensor grid;
    private final float cellVolume;

    /** {@code grid}: [C, answer shape...], the answers y_c; {@code cellVolume}: v &gt; 0. */
    public QuadratureLogPartition(Tensor grid, float cellVolume) {
        if (grid.dim() < 1 || grid.shape(0) < 1) {
            throw new IllegalArgumentException("QuadratureLogPartition: grid must have shape [C, answer shape...] with "
                    + "C >= 1, got " + Shape.str(grid.shape()));
        }
        this.grid = grid.detach().contiguousCopy();
        this.cellVolume = HyperParameters.positive("QuadratureLogPartition", "cellVolume", cellVolume);
    }

    /**
     * The midpoint rule on a bounded {@link Domain}: {@code pointsPerAxis} cell centres per coordinate (so
     * pointsPerAxis^size answers), cell volume ((hi − lo)/pointsPerAxis)^size.
     */
    public static QuadratureLogPartition midpoint(Domain domain, int pointsPerAxis) {
        if (!domain.bounded()) {
            throw new IllegalArgumentException("QuadratureLogPartition.midpoint: needs a bounded domain, got "
                    + domain);
        }
        int dims = domain.size();
        double count = Math.pow(pointsPerAxis, dims);
        if (pointsPerAxis < 1 || count > 1 << 20) {
            throw new IllegalArgumentException("QuadratureLogPartition.midpoint: pointsPerAxis must be >= 1 with "
                    + "pointsPerAxis^" + dims + " <= 2^20 grid points, got " + pointsPerAxis);
        }
        int c = (int) count;
        double width = ((double) domain.hi() - domain.lo()) / pointsPerAxis;
        float[] points = new float[c * dims];
        for (int i = 0; i < c; i++) {
            int rest = i;
            for (int j = dims - 1; j >= 0; j--) {
                points[i * dims + j] = (float) (domain.lo() + (rest % pointsPerAxis + 0.5) * width);
                rest /= pointsPerAxis;
            }
        }
        return new QuadratureLogPartition(Tensor.of(points, domain.batchShape(c)), (float) Math.pow(width, dims));
    }

    @Override
    public Estimate freeEnergy(Energy energy, Tensor x, Tensor y, float beta) {
        if (y.dim() != grid.dim() || !Arrays.equals(Arrays.copyOfRange(y.shape(), 1, y.dim()),
                Arrays.copyOfRange(grid.shape(), 1, grid.dim()))) {
            throw new IllegalArgumentException("QuadratureLogPartition: answers of shape " + Shape.str(y.shape())
                    + " do not match the grid " + Shape.str(grid.shape()));
        }
        int batch = y.shape(0);
        int c = grid.shape(0);
        int[] tile = new int[batch * c];
        for (int i = 0; i < tile.length; i++) {
            tile[i] = i % c;
        }
        Tensor xs = x == null ? null : x.indexSelect(Rows.repeat(batch, c));
        Tensor ys = grid.indexSelect(new Indices(new int[] {tile.length}, tile));
        Tensor energies = energy.energy(xs, ys).reshape(batch, c);
        Tensor f = ExactLogPartition.softMin(energies, beta).sub((float) (Math.log(cellVolume) / beta));
        return new Estimate(f, null);
    }

    /** The grid answers y_c, [C, answer shape...]. */
    public Tensor grid() {
        return grid;
    }

    public float cellVolume() {
        return cellVolume;
    }
}
