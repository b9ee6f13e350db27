package org.ebl4j.tensor;

/**
 * Walks several strided operands of one common shape row by row. Adjacent dimensions that are laid out
 * contiguously in every operand are merged first, so a contiguous tensor is one long row and kernels run their
 * tight inner loop over it.
 */
final class Strided {
    /** Receives the starting offset of each operand and their strides along one row of {@code n} elements. */
    @FunctionalInterface
    interface Row {
        void run(int[] offsets, int[] innerStrides, int n);
    }

    private Strided() {
    }

    /**
     * @param shape   the common shape
     * @param strides strides of each operand over {@code shape} (0 where broadcast)
     * @param offsets base offset of each operand
     */
    static void forEachRow(int[] shape, int[][] strides, int[] offsets, Row row) {
        int ops = strides.length;
        int[] sh = new int[shape.length];
        int[][] st = new int[ops][shape.length];
        int rank = 0;
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] == 0) {
                return;
            }
            if (shape[d] == 1) {
                continue;
            }
            boolean merge = rank > 0;
            for (int k = 0; k < ops && merge; k++) {
                merge = st[k][rank - 1] == strides[k][d] * shape[d];
            }
            int at = merge ? rank - 1 : rank++;
            sh[at] = merge ? sh[at] * shape[d] : shape[d];
            for (int k = 0; k < ops; k++) {
                st[k][at] = strides[k][d];
            }
        }
        int[] inner = new int[ops];
        for (int k = 0; k < ops; k++) {
            inner[k] = rank == 0 ? 1 : st[k][rank - 1];
        }
        int n = rank == 0 ? 1 : sh[rank - 1];
        int[] offs = offsets.clone();
        if (rank <= 1) {
            row.run(offs, inner, n);
            return;
        }
        int[] counter = new int[rank - 1];
        while (true) {
            row.run(offs, inner, n);
            int d = rank - 2;
            for (; d >= 0; d--) {
                counter[d]++;
                for (int k = 0; k < ops; k++) {
                    offs[k] += st[k][d];
                }
                if (counter[d] < sh[d]) {
                    break;
                }
                for (int k = 0; k < ops; k++) {
                    offs[k] -= st[k][d] * sh[d];
                }
                counter[d] = 0;
            }
            if (d < 0) {
                return;
            }
        }
    }
}
