package dev.tflmstudio.runtime.kernels;

import java.util.Arrays;

/**
 * How a broadcasting op walks its output (NumPy-style broadcasting as TFLM's {@code NdArrayDesc} does it: shapes
 * aligned at their last dimension, stride 0 along an input's size-1 and missing dimensions). Resolved in prepare
 * into a few strides per input, so the memory it holds grows with the shapes' rank, never with the element count;
 * eval walks the output's outer dimensions as an odometer and hands each innermost run to the kernel, whose loop
 * steps every input by 0 or 1 element. Kernels index an input as {@code step == 0 ? start : start + k}, not by
 * adding the step: the JIT then splits the loop on the (invariant) steps and removes the buffers' bounds checks from
 * each copy, which it cannot do for an index that grows by a variable step.
 *
 * <p>Output dimensions of size 1 are dropped and neighbouring dimensions that every input walks alike (all
 * contiguously, or all repeating) are merged, so inputs of one shape, or a scalar beside anything, are one run
 * over the whole output.
 */
public final class Broadcast {
    /** The kernel's loop over one innermost run of two inputs. */
    @FunctionalInterface
    public interface Row2 {
        /**
         * Output element {@code out + k}, for {@code k} below {@code n}, reads the first input's element
         * {@code a + k * stepA} and the second's {@code b + k * stepB}; each step is 0 (the input repeats along the
         * run) or 1.
         */
        void run(int out, int a, int stepA, int b, int stepB, int n) throws KernelException;
    }

    /** The kernel's loop over one innermost run of three inputs (as {@link Row2}). */
    @FunctionalInterface
    public interface Row3 {
        void run(int out, int a, int stepA, int b, int stepB, int c, int stepC, int n) throws KernelException;
    }

    private final int count;
    /** Length of the innermost run. */
    private final int inner;
    /** Per input: 0 or 1, its step along the innermost run. */
    private final int[] innerStep;
    /** The outer dimensions (outermost first), merged, without size-1 ones. */
    private final int[] extent;
    /** Per outer dimension: how many output elements one step of it skips. */
    private final int[] outStride;
    /** Per input, per outer dimension: how many of its elements one step skips (0 where it repeats). */
    private final int[][] stride;

    private Broadcast(int count, int inner, int[] innerStep, int[] extent, int[] outStride, int[][] stride) {
        this.count = count;
        this.inner = inner;
        this.innerStep = innerStep;
        this.extent = extent;
        this.outStride = outStride;
        this.stride = stride;
    }

    /**
     * Whether a binary op over {@code a} and {@code b} writing {@code out} broadcasts: the input shapes differ and
     * both broadcast to the output. ADD, SUB and MUL walk any other inputs as {@link #flat}: TensorBounds refuses
     * inputs that do not broadcast to the output at invoke, before eval runs.
     */
    public static boolean needed(int[] a, int[] b, int[] out) {
        return !Arrays.equals(a, b) && fits(a, out) && fits(b, out);
    }

    /**
     * Every input read at the output's flat index (one run of {@code count} elements, each input stepping 1).
     */
    public static Broadcast flat(int count, int inputs) {
        int[] steps = new int[inputs];
        Arrays.fill(steps, 1);
        return new Broadcast(count, count, steps, new int[0], new int[0], new int[inputs][0]);
    }

    /**
     * The walk of {@code out} reading {@code inputs} as checked by the math kernels: each in turn must have no more
     * dimensions than the output and broadcast to it, or prepare fails with words saying which.
     */
    public static Broadcast checked(OpContext ctx, TensorData out, TensorData... inputs) throws KernelException {
        int[][] dims = new int[inputs.length][];
        for (int i = 0; i < inputs.length; i++) {
            TensorData input = inputs[i];
            int[] in = input.dims();
            ctx.check(in.length <= out.rank(), "input " + input.shape() + " has more dimensions than output "
                    + out.shape());
            if (!fits(in, out.dims())) {
                throw ctx.fail("input shape " + input.shape() + " does not broadcast to output shape " + out.shape());
            }
            dims[i] = in;
        }
        return of(out.dims(), dims);
    }

    /** The walk of output shape {@code out} reading inputs of shapes {@code inputs}, each of which fits it. */
    public static Broadcast of(int[] out, int[]... inputs) {
        int rank = out.length;
        int k = inputs.length;
        int[][] full = new int[k][rank];
        int count = 1;
        for (int d : out) {
            count *= d;
        }
        for (int j = 0; j < k; j++) {
            int[] in = inputs[j];
            int s = 1;
            for (int d = rank - 1; d >= 0; d--) {
                int e = d - (rank - in.length);
                int size = e < 0 ? 1 : in[e];
                full[j][d] = size == 1 ? 0 : s;
                s *= size;
            }
        }
        int[] ext = new int[rank];
        int[][] st = new int[k][rank];
        int m = 0;
        for (int d = 0; d < rank; d++) {
            if (out[d] == 1) {
                continue;
            }
            if (m > 0 && mergeable(full, st, m - 1, d, out[d])) {
                ext[m - 1] *= out[d];
                for (int j = 0; j < k; j++) {
                    st[j][m - 1] = full[j][d];
                }
                continue;
            }
            ext[m] = out[d];
            for (int j = 0; j < k; j++) {
                st[j][m] = full[j][d];
            }
            m++;
        }
        int inner = m == 0 ? 1 : ext[m - 1];
        int outer = Math.max(m - 1, 0);
        int[] innerStep = new int[k];
        int[][] stride = new int[k][];
        for (int j = 0; j < k; j++) {
            innerStep[j] = m == 0 ? 0 : st[j][m - 1];
            stride[j] = Arrays.copyOf(st[j], outer);
        }
        int[] outStride = new int[outer];
        int s = inner;
        for (int d = outer - 1; d >= 0; d--) {
            outStride[d] = s;
            s *= ext[d];
        }
        return new Broadcast(count, inner, innerStep, Arrays.copyOf(ext, outer), outStride, stride);
    }

    /**
     * Whether output dimension {@code d} (of {@code size}) continues the kept dimension {@code kept}: for every
     * input either both repeat or {@code kept} steps over exactly one run of {@code d}.
     */
    private static boolean mergeable(int[][] full, int[][] kept, int keptDim, int d, int size) {
        for (int j = 0; j < full.length; j++) {
            int outer = kept[j][keptDim];
            int inner = full[j][d];
            boolean together = outer == 0 ? inner == 0 : inner != 0 && outer == inner * size;
            if (!together) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code in} broadcasts to {@code out}: aligned at the last dimension, each of its dimensions 1 or the
     * output's, and no more of them than the output has.
     */
    private static boolean fits(int[] in, int[] out) {
        if (in.length > out.length) {
            return false;
        }
        for (int i = 0; i < in.length; i++) {
            int o = out[i + out.length - in.length];
            if (in[i] != 1 && in[i] != o) {
                return false;
            }
        }
        return true;
    }

    /** The prepared op that runs {@code row} over every innermost run of the output (two inputs). */
    public PreparedOp eachRow(Row2 row) {
        return () -> forEach(row);
    }

    /** The prepared op that runs {@code row} over every innermost run of the output (three inputs). */
    public PreparedOp eachRow(Row3 row) {
        return () -> forEach(row);
    }

    /** Runs {@code row} over every innermost run of the output, in order (a two-input walk). */
    public void forEach(Row2 row) throws KernelException {
        if (count > 0) {
            walk(0, 0, 0, 0, row);
        }
    }

    /** Runs {@code row} over every innermost run of the output, in order (a three-input walk). */
    public void forEach(Row3 row) throws KernelException {
        if (count > 0) {
            walk(0, 0, 0, 0, 0, row);
        }
    }

    // One level of recursion per outer dimension keeps eval free of allocation and of state between invokes.

    private void walk(int d, int o, int a, int b, Row2 row) throws KernelException {
        if (d == extent.length) {
            row.run(o, a, innerStep[0], b, innerStep[1], inner);
            return;
        }
        int sa = stride[0][d];
        int sb = stride[1][d];
        int so = outStride[d];
        for (int i = extent[d]; i > 0; i--) {
            walk(d + 1, o, a, b, row);
            o += so;
            a += sa;
            b += sb;
        }
    }

    private void walk(int d, int o, int a, int b, int c, Row3 row) throws KernelException {
        if (d == extent.length) {
            row.run(o, a, innerStep[0], b, innerStep[1], c, innerStep[2], inner);
            return;
        }
        int sa = stride[0][d];
        int sb = stride[1][d];
        int sc = stride[2][d];
        int so = outStride[d];
        for (int i = extent[d]; i > 0; i--) {
            walk(d + 1, o, a, b, c, row);
            o += so;
            a += sa;
            b += sb;
            c += sc;
        }
    }
}
