package org.ebl4j.kernel;

import java.nio.FloatBuffer;

/**
 * Pure-Java scalar sgemm, the fallback that needs nothing but the JDK.
 *
 * <p>The idea is the GotoBLAS/BLIS one: copy ("pack") a kc x nc panel of op(B) and an mc x kc block of op(A) into
 * contiguous heap arrays laid out in the exact order the inner kernel reads them (transposes are absorbed here,
 * edges are zero-padded to whole tiles), then sweep an MR x NR register tile over the packed data. The tile is
 * {@value #MR} x {@value #NR} scalar float accumulators held in local variables, so C2 keeps them in registers and
 * every loaded element of A is reused NR times and of B MR times, with {@code Math.fma} (one instruction) where the
 * JVM has the FMA intrinsic. Measured on a 2-core Zen 4: ~13 GFLOP/s per core (4x4 FMA; 4x8 spills and does ~12,
 * mul+add ~11) against 4-5 for the plain i-k-j loop, which C2 does not vectorise. Packing routines and the blocked
 * driver shape are shared with {@code VectorGemm}.
 *
 * <p>Large products are split over {@link Threads}: C is cut into stripes of whole tiles along its longer side and
 * every stripe runs the same serial algorithm; K is never split, so results do not depend on the thread count.
 */
public final class BlockedGemm implements GemmKernel {
    static final int MR = 4;
    static final int NR = 4;
    static final int KC = 256;
    static final int MC = 128;
    static final int NC = 1024;

    /** Math.fma is a single instruction here (see {@link #detectFma()}). */
    static final boolean FMA = detectFma();

    /** Split over threads only above this many multiply-adds (a fork-join costs ~15 us, 2 threads). */
    static final long PARALLEL_WORK = 1L << 20;

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    @Override
    public String name() {
        return Gemm.SCALAR;
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      FloatBuffer a, int aOffset, int lda, FloatBuffer b, int bOffset, int ldb,
                      float beta, FloatBuffer c, int cOffset, int ldc) {
        Gemm.validate(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc);
        drive(m, n, k, alpha, beta, c, cOffset, ldc, MR, NR, PARALLEL_WORK, (i0, i1, j0, j1) ->
                serial(transA, transB, i0, i1, j0, j1, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset,
                        ldc));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The driver shared with VectorGemm, and its threading helpers.

    /** Computes the block C[i0:i1, j0:j1] on the calling thread. */
    @FunctionalInterface
    interface Block {
        void run(int i0, int i1, int j0, int j1);
    }

    /**
     * Handles trivial products, then runs {@code serial} on all of C, or on stripes of C (whole tiles, along the
     * longer side, never along k, so results do not depend on the thread count) on several threads.
     */
    static void drive(int m, int n, int k, float alpha, float beta, FloatBuffer c, int cOffset, int ldc, int mr,
                      int nr, long minWork, Block serial) {
        if (Gemm.trivial(m, n, k, alpha, beta, c, cOffset, ldc)) {
            return;
        }
        int threads = threadsFor(m, n, k, mr, nr, minWork);
        if (threads <= 1) {
            serial.run(0, m, 0, n);
            return;
        }
        boolean splitN = splitAlongN(m, n, mr, nr);
        Threads.parallelFor(threads, t -> {
            int[] r = stripe(t, threads, splitN ? n : m, splitN ? nr : mr);
            if (splitN) {
                serial.run(0, m, r[0], r[1]);
            } else {
                serial.run(r[0], r[1], 0, n);
            }
        });
    }

    /** Threads to use: 1 below {@code minWork} multiply-adds, never more than there are tiles along the split side. */
    private static int threadsFor(int m, int n, int k, int mr, int nr, long minWork) {
        int t = Threads.count();
        if (t <= 1 || (long) m * n * k < minWork) {
            return 1;
        }
        int tiles = splitAlongN(m, n, mr, nr) ? (n + nr - 1) / nr : (m + mr - 1) / mr;
        return Math.max(1, Math.min(t, tiles));
    }

    /** Split the side with more tiles (columns on ties: B stripes are disjoint, A is shared and small per tile). */
    private static boolean splitAlongN(int m, int n, int mr, int nr) {
        return (n + nr - 1) / nr >= (m + mr - 1) / mr;
    }

    /** Range {@code [lo, hi)} of stripe {@code t} of {@code parts} over {@code len}, cut at multiples of {@code unit}. */
    static int[] stripe(int t, int parts, int len, int unit) {
        int tiles = (len + unit - 1) / unit;
        int lo = (int) ((long) tiles * t / parts) * unit;
        int hi = (int) ((long) tiles * (t + 1) / parts) * unit;
        return new int[] {Math.min(lo, len), Math.min(hi, len)};
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Serial blocked driver: C[i0:i1, j0:j1] over the whole of K.

    private static void serial(boolean transA, boolean transB, int i0, int i1, int j0, int j1, int k, float alpha,
                               FloatBuffer a, int aOffset, int lda, FloatBuffer b, int bOffset, int ldb,
                               float beta, FloatBuffer c, int cOffset, int ldc) {
        Workspace ws = WORKSPACE.get();
        float[] tile = ws.tile;
        for (int jc = j0; jc < j1; jc += NC) {
            int nb = Math.min(NC, j1 - jc);
            int nTiles = (nb + NR - 1) / NR;
            for (int pc = 0; pc < k; pc += KC) {
                int kb = Math.min(KC, k - pc);
                float[] pb = ws.packB(nTiles * NR * kb);
                packB(transB, b, bOffset, ldb, pc, jc, kb, nb, NR, pb, ws);
                float betaHere = pc == 0 ? beta : 1f;
                for (int ic = i0; ic < i1; ic += MC) {
                    int mb = Math.min(MC, i1 - ic);
                    int mTiles = (mb + MR - 1) / MR;
                    float[] pa = ws.packA(mTiles * MR * kb);
                    packA(transA, a, aOffset, lda, ic, pc, mb, kb, MR, pa, ws);
                    for (int jt = 0; jt < nTiles; jt++) {
                        int jj = jt * NR;
                        int nr = Math.min(NR, nb - jj);
                        for (int it = 0; it < mTiles; it++) {
                            int ii = it * MR;
                            int mr = Math.min(MR, mb - ii);
                            micro(kb, pa, it * MR * kb, pb, jt * NR * kb, tile);
                            store(tile, NR, mr, nr, alpha, betaHere, c, cOffset + (ic + ii) * ldc + jc + jj, ldc);
                        }
                    }
                }
            }
        }
    }

    /** The 4x4 register tile: acc[r][j] = sum_k pa[k*4 + r] * pb[k*4 + j], written row-major to {@code tile}. */
    private static void micro(int kc, float[] pa, int ia, float[] pb, int ib, float[] tile) {
        if (FMA) {
            microFma(kc, pa, ia, pb, ib, tile);
        } else {
            microMulAdd(kc, pa, ia, pb, ib, tile);
        }
    }

    /** Fused multiply-add accumulators (one instruction per term; used when the JVM intrinsifies Math.fma). */
    private static void microFma(int kc, float[] pa, int ia, float[] pb, int ib, float[] tile) {
        float c00 = 0, c01 = 0, c02 = 0, c03 = 0;
        float c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        float c20 = 0, c21 = 0, c22 = 0, c23 = 0;
        float c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        for (int kk = 0; kk < kc; kk++) {
            int x = ia + kk * MR;
            int y = ib + kk * NR;
            float a0 = pa[x], a1 = pa[x + 1], a2 = pa[x + 2], a3 = pa[x + 3];
            float b0 = pb[y], b1 = pb[y + 1], b2 = pb[y + 2], b3 = pb[y + 3];
            c00 = Math.fma(a0, b0, c00); c01 = Math.fma(a0, b1, c01);
            c02 = Math.fma(a0, b2, c02); c03 = Math.fma(a0, b3, c03);
            c10 = Math.fma(a1, b0, c10); c11 = Math.fma(a1, b1, c11);
            c12 = Math.fma(a1, b2, c12); c13 = Math.fma(a1, b3, c13);
            c20 = Math.fma(a2, b0, c20); c21 = Math.fma(a2, b1, c21);
            c22 = Math.fma(a2, b2, c22); c23 = Math.fma(a2, b3, c23);
            c30 = Math.fma(a3, b0, c30); c31 = Math.fma(a3, b1, c31);
            c32 = Math.fma(a3, b2, c32); c33 = Math.fma(a3, b3, c33);
        }
        tile[0] = c00; tile[1] = c01; tile[2] = c02; tile[3] = c03;
        tile[4] = c10; tile[5] = c11; tile[6] = c12; tile[7] = c13;
        tile[8] = c20; tile[9] = c21; tile[10] = c22; tile[11] = c23;
        tile[12] = c30; tile[13] = c31; tile[14] = c32; tile[15] = c33;
    }

    /** Separate multiply and add (Math.fma without hardware support is a slow software routine). */
    private static void microMulAdd(int kc, float[] pa, int ia, float[] pb, int ib, float[] tile) {
        float c00 = 0, c01 = 0, c02 = 0, c03 = 0;
        float c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        float c20 = 0, c21 = 0, c22 = 0, c23 = 0;
        float c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        for (int kk = 0; kk < kc; kk++) {
            int x = ia + kk * MR;
            int y = ib + kk * NR;
            float a0 = pa[x], a1 = pa[x + 1], a2 = pa[x + 2], a3 = pa[x + 3];
            float b0 = pb[y], b1 = pb[y + 1], b2 = pb[y + 2], b3 = pb[y + 3];
            c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
            c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
            c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
            c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
        }
        tile[0] = c00; tile[1] = c01; tile[2] = c02; tile[3] = c03;
        tile[4] = c10; tile[5] = c11; tile[6] = c12; tile[7] = c13;
        tile[8] = c20; tile[9] = c21; tile[10] = c22; tile[11] = c23;
        tile[12] = c30; tile[13] = c31; tile[14] = c32; tile[15] = c33;
    }

    /** Whether HotSpot turns Math.fma into an FMA instruction (VM flag UseFMA); false when that cannot be read. */
    private static boolean detectFma() {
        String forced = System.getProperty("ebl4j.scalar.fma");
        if (forced != null) {
            return Boolean.parseBoolean(forced);
        }
        try {
            return Boolean.parseBoolean(java.lang.management.ManagementFactory
                    .getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                    .getVMOption("UseFMA").getValue());
        } catch (Throwable e) { // not HotSpot, no jdk.management module, ...
            return false;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Shared with VectorGemm: tile write-back and packing.

    /**
     * C[r][j] = alpha * tile[r][j] + beta * C[r][j] for the valid {@code mr x nr} corner of a tile with row stride
     * {@code ts}; {@code beta == 0} does not read C. The same expression for every element, so edges and interior
     * round identically.
     */
    static void store(float[] tile, int ts, int mr, int nr, float alpha, float beta, FloatBuffer c, int cIdx,
                      int ldc) {
        for (int r = 0; r < mr; r++) {
            int row = cIdx + r * ldc;
            int t = r * ts;
            if (beta == 0f) {
                for (int j = 0; j < nr; j++) {
                    c.put(row + j, alpha * tile[t + j]);
                }
            } else if (beta == 1f) {
                for (int j = 0; j < nr; j++) {
                    c.put(row + j, alpha * tile[t + j] + c.get(row + j));
                }
            } else {
                for (int j = 0; j < nr; j++) {
                    c.put(row + j, alpha * tile[t + j] + beta * c.get(row + j));
                }
            }
        }
    }

    /**
     * Packs op(B)[pc:pc+kb, jc:jc+nb] into slivers of {@code nr} columns: sliver s holds, for each kk, the nr values
     * of row kk at {@code pb[s*nr*kb + kk*nr ..]}; columns past nb are zero. That is exactly packing the rows of
     * op(B)ᵀ as {@link #packA} does, and op(B)ᵀ is B read with the opposite transpose flag.
     */
    static void packB(boolean transB, FloatBuffer b, int bOffset, int ldb, int pc, int jc, int kb, int nb, int nr,
                      float[] pb, Workspace ws) {
        packA(!transB, b, bOffset, ldb, jc, pc, nb, kb, nr, pb, ws);
    }

    /**
     * Packs op(A)[ic:ic+mb, pc:pc+kb] into slivers of {@code mr} rows: sliver s holds, for each kk, the mr values of
     * column kk at {@code pa[s*mr*kb + kk*mr ..]}; rows past mb are zero.
     */
    static void packA(boolean transA, FloatBuffer a, int aOffset, int lda, int ic, int pc, int mb, int kb, int mr,
                      float[] pa, Workspace ws) {
        int full = mb / mr;
        int rest = mb - full * mr;
        if (!transA) { // A stored m x k: rows of op(A) are contiguous
            float[] tmp = ws.tmp(kb);
            for (int i = 0; i < mb; i++) {
                a.get(aOffset + (ic + i) * lda + pc, tmp, 0, kb);
                int s = i / mr;
                int base = s * mr * kb + (i - s * mr);
                for (int kk = 0; kk < kb; kk++) {
                    pa[base + kk * mr] = tmp[kk];
                }
            }
            if (rest > 0) {
                int base = full * mr * kb;
                for (int kk = 0; kk < kb; kk++) {
                    java.util.Arrays.fill(pa, base + kk * mr + rest, base + kk * mr + mr, 0f);
                }
            }
        } else { // A stored k x m: columns of op(A) are contiguous
            for (int kk = 0; kk < kb; kk++) {
                int src = aOffset + (pc + kk) * lda + ic;
                int dst = kk * mr;
                for (int s = 0; s < full; s++) {
                    a.get(src + s * mr, pa, s * mr * kb + dst, mr);
                }
                if (rest > 0) {
                    int d = full * mr * kb + dst;
                    a.get(src + full * mr, pa, d, rest);
                    java.util.Arrays.fill(pa, d + rest, d + mr, 0f);
                }
            }
        }
    }

    /** Per-thread reusable packing buffers (grown on demand, never shrunk). */
    static final class Workspace {
        private float[] pa = new float[0];
        private float[] pb = new float[0];
        private float[] tmp = new float[0];
        final float[] tile = new float[64 * 64];

        float[] packA(int size) {
            if (pa.length < size) {
                pa = new float[size];
            }
            return pa;
        }

        float[] packB(int size) {
            if (pb.length < size) {
                pb = new float[size];
            }
            return pb;
        }

        float[] tmp(int size) {
            if (tmp.length < size) {
                tmp = new float[size];
            }
            return tmp;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Tiny products.

    /**
     * Plain loop for tiny products (no packing, no threads, no JNI); arguments must already be validated.
     * Accumulates each C element in k order in a float.
     */
    static void simple(boolean transA, boolean transB, int m, int n, int k, float alpha,
                       FloatBuffer a, int aOffset, int lda, FloatBuffer b, int bOffset, int ldb,
                       float beta, FloatBuffer c, int cOffset, int ldc) {
        int sai = transA ? 1 : lda;
        int sak = transA ? lda : 1;
        int sbk = transB ? 1 : ldb;
        int sbj = transB ? ldb : 1;
        for (int i = 0; i < m; i++) {
            int row = cOffset + i * ldc;
            int ai = aOffset + i * sai;
            for (int j = 0; j < n; j++) {
                int bj = bOffset + j * sbj;
                float s = 0f;
                for (int p = 0; p < k; p++) {
                    s += a.get(ai + p * sak) * b.get(bj + p * sbk);
                }
                float v = alpha * s;
                if (beta != 0f) {
                    v += beta * c.get(row + j);
                }
                c.put(row + j, v);
            }
        }
    }
}
