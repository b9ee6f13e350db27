package org.ebl4j.kernel;

import java.nio.FloatBuffer;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Pure-Java sgemm on the incubating Vector API ({@code --add-modules jdk.incubator.vector}).
 *
 * <p>Same blocked scheme as {@link BlockedGemm} (packed panels of A and B in per-thread heap arrays, transposes
 * absorbed by the packing, zero-padded edges) with an FMA register tile of {@value #MR} rows x 2 vectors: 8 vector
 * accumulators, two B vectors and one broadcast of A live at once, which fits the 16 AVX2 registers without spills
 * (a 6-row tile spills and runs at half speed). With 256-bit vectors the tile is 4x16; where the JVM prefers 512-bit
 * vectors (AVX-512, e.g. Zen 4) it is 4x32, which measured ~100 GFLOP/s per core there against ~85-90 for 4x16
 * ({@code -Debl4j.vector.bits=256|512} forces one). kc = 512 (not the textbook 256): every kc block costs a
 * read-modify-write of C through the FloatBuffer, and halving their number gained ~10 % at 1024^3.
 * Every element of C is one lane accumulating {@code fma(a, b, acc)} in k order, so the tile position (and hence the
 * thread split) never changes a result; full tiles are written back with vectors and bulk buffer copies, edge tiles
 * through the same IEEE operations in the scalar {@link BlockedGemm#store}.
 *
 * <p>Nothing may refer to this class statically: {@link Gemm} loads it by reflection, so the library works where the
 * module is absent.
 */
public final class VectorGemm implements GemmKernel {
    private static final VectorSpecies<Float> S = pickSpecies();
    private static final int L = S.length();
    static final int MR = 4;
    static final int NR = 2 * L;
    /** Cache blocking (tunable by system properties for experiments): kc x NR of B is reused across an mc block. */
    static final int KC = Integer.getInteger("ebl4j.vector.kc", 512);
    static final int MC = Integer.getInteger("ebl4j.vector.mc", 64);
    static final int NC = Integer.getInteger("ebl4j.vector.nc", 2048);
    static final long PARALLEL_WORK = 2_000_000L;

    private static final ThreadLocal<BlockedGemm.Workspace> WORKSPACE =
            ThreadLocal.withInitial(BlockedGemm.Workspace::new);

    /** @throws UnsupportedOperationException when vectors are too short to be worth it (fewer than 4 floats) */
    public VectorGemm() {
        if (L < 4) {
            throw new UnsupportedOperationException("preferred float vector has only " + L + " lanes");
        }
    }

    private static VectorSpecies<Float> pickSpecies() {
        String bits = System.getProperty("ebl4j.vector.bits", "");
        switch (bits) {
            case "128":
                return FloatVector.SPECIES_128;
            case "256":
                return FloatVector.SPECIES_256;
            case "512":
                return FloatVector.SPECIES_512;
            default:
                return FloatVector.SPECIES_PREFERRED;
        }
    }

    /** Lanes per vector (the tile is 4 x 2*lanes). */
    public static int lanes() {
        return L;
    }

    @Override
    public String name() {
        return Gemm.VECTOR;
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      FloatBuffer a, int aOffset, int lda, FloatBuffer b, int bOffset, int ldb,
                      float beta, FloatBuffer c, int cOffset, int ldc) {
        Gemm.validate(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc);
        BlockedGemm.drive(m, n, k, alpha, beta, c, cOffset, ldc, MR, NR, PARALLEL_WORK, (i0, i1, j0, j1) ->
                serial(transA, transB, i0, i1, j0, j1, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset,
                        ldc));
    }

    private static void serial(boolean transA, boolean transB, int i0, int i1, int j0, int j1, int k, float alpha,
                               FloatBuffer a, int aOffset, int lda, FloatBuffer b, int bOffset, int ldb,
                               float beta, FloatBuffer c, int cOffset, int ldc) {
        BlockedGemm.Workspace ws = WORKSPACE.get();
        float[] tile = ws.tile;
        for (int jc = j0; jc < j1; jc += NC) {
            int nb = Math.min(NC, j1 - jc);
            int nTiles = (nb + NR - 1) / NR;
            for (int pc = 0; pc < k; pc += KC) {
                int kb = Math.min(KC, k - pc);
                float[] pb = ws.packB(nTiles * NR * kb);
                BlockedGemm.packB(transB, b, bOffset, ldb, pc, jc, kb, nb, NR, pb, ws);
                float betaHere = pc == 0 ? beta : 1f;
                for (int ic = i0; ic < i1; ic += MC) {
                    int mb = Math.min(MC, i1 - ic);
                    int mTiles = (mb + MR - 1) / MR;
                    float[] pa = ws.packA(mTiles * MR * kb);
                    BlockedGemm.packA(transA, a, aOffset, lda, ic, pc, mb, kb, MR, pa, ws);
                    for (int jt = 0; jt < nTiles; jt++) {
                        int jj = jt * NR;
                        int nr = Math.min(NR, nb - jj);
                        int ib = jt * NR * kb;
                        for (int it = 0; it < mTiles; it++) {
                            int ii = it * MR;
                            int mr = Math.min(MR, mb - ii);
                            micro(kb, pa, it * MR * kb, pb, ib, tile, mr == MR && nr == NR, alpha, betaHere,
                                    c, cOffset + (ic + ii) * ldc + jc + jj, ldc);
                            if (mr < MR || nr < NR) {
                                BlockedGemm.store(tile, NR, mr, nr, alpha, betaHere, c,
                                        cOffset + (ic + ii) * ldc + jc + jj, ldc);
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * 4 x (2 vectors) FMA tile over packed slivers; the accumulators go to {@code tile} (row stride NR), and a full
     * tile is then written to C by {@link #storeFull} (vectors, bulk copies), a partial edge tile by the caller with
     * the scalar {@link BlockedGemm#store}: both compute {@code alpha*acc + beta*c} with the same IEEE operations.
     */
    private static void micro(int kc, float[] pa, int ia, float[] pb, int ib, float[] tile, boolean full,
                              float alpha, float beta, FloatBuffer c, int cIdx, int ldc) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        for (int kk = 0; kk < kc; kk++) {
            int x = ia + kk * MR;
            int y = ib + kk * NR;
            FloatVector b0 = FloatVector.fromArray(S, pb, y);
            FloatVector b1 = FloatVector.fromArray(S, pb, y + L);
            FloatVector av = FloatVector.broadcast(S, pa[x]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, pa[x + 1]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(S, pa[x + 2]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(S, pa[x + 3]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c10.intoArray(tile, NR);
        c11.intoArray(tile, NR + L);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + L);
        if (full) {
            storeFull(tile, alpha, beta, c, cIdx, ldc);
        }
    }

    /**
     * C[r, 0:NR] = alpha*tile[r] + beta*C[r, 0:NR] for the 4 rows of a full tile (C not read when beta == 0), with
     * one bulk get and one bulk put per row. Vectors never cross a method boundary (that would box them).
     */
    private static void storeFull(float[] tile, float alpha, float beta, FloatBuffer c, int cIdx, int ldc) {
        int tb = MR * NR; // scratch row after the tile
        for (int r = 0; r < MR; r++) {
            int row = cIdx + r * ldc;
            FloatVector v0 = FloatVector.fromArray(S, tile, r * NR).mul(alpha);
            FloatVector v1 = FloatVector.fromArray(S, tile, r * NR + L).mul(alpha);
            if (beta != 0f) {
                c.get(row, tile, tb, NR);
                FloatVector o0 = FloatVector.fromArray(S, tile, tb);
                FloatVector o1 = FloatVector.fromArray(S, tile, tb + L);
                if (beta != 1f) {
                    o0 = o0.mul(beta);
                    o1 = o1.mul(beta);
                }
                v0 = v0.add(o0);
                v1 = v1.add(o1);
            }
            v0.intoArray(tile, tb);
            v1.intoArray(tile, tb + L);
            c.put(row, tile, tb, NR);
        }
    }

    /**
     * Measures this thread's FMA throughput in GFLOP/s for about {@code nanos}: 12 independent accumulators of the
     * preferred species, each updated with {@code acc = acc * m + c} (2 flops per lane per step), enough
     * independent chains to cover FMA latency x throughput on current x86 and ARM cores. Used by
     * {@link MachinePeak} (by reflection) as a cross-check of the clock-based peak.
     */
    public static double fmaGflops(long nanos) {
        float[] out = new float[L];
        long warm = System.nanoTime();
        for (int i = 0; i < 20_000 && System.nanoTime() - warm < 2 * nanos; i++) {
            fmaLoop(100, out); // get fmaLoop compiled by C2 (interpreted vector code is ~1000x slower)
        }
        int iters = 1000;
        double best = 0;
        long start = System.nanoTime();
        while (System.nanoTime() - start < nanos) {
            long t0 = System.nanoTime();
            fmaLoop(iters, out);
            long dt = System.nanoTime() - t0;
            if (dt < 2_000_000L) {
                iters *= 2;
                continue;
            }
            best = Math.max(best, 2.0 * 12 * L * iters / dt);
        }
        return best;
    }

    private static void fmaLoop(int iters, float[] out) {
        FloatVector m = FloatVector.broadcast(S, 0.999f);
        FloatVector c = FloatVector.broadcast(S, 1e-3f);
        FloatVector a0 = FloatVector.broadcast(S, 1f), a1 = FloatVector.broadcast(S, 2f);
        FloatVector a2 = FloatVector.broadcast(S, 3f), a3 = FloatVector.broadcast(S, 4f);
        FloatVector a4 = FloatVector.broadcast(S, 5f), a5 = FloatVector.broadcast(S, 6f);
        FloatVector a6 = FloatVector.broadcast(S, 7f), a7 = FloatVector.broadcast(S, 8f);
        FloatVector a8 = FloatVector.broadcast(S, 9f), a9 = FloatVector.broadcast(S, 10f);
        FloatVector a10 = FloatVector.broadcast(S, 11f), a11 = FloatVector.broadcast(S, 12f);
        for (int i = 0; i < iters; i++) {
            a0 = a0.fma(m, c); a1 = a1.fma(m, c); a2 = a2.fma(m, c); a3 = a3.fma(m, c);
            a4 = a4.fma(m, c); a5 = a5.fma(m, c); a6 = a6.fma(m, c); a7 = a7.fma(m, c);
            a8 = a8.fma(m, c); a9 = a9.fma(m, c); a10 = a10.fma(m, c); a11 = a11.fma(m, c);
        }
        a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .intoArray(out, 0);
    }
}
