package dev.tflmstudio.runtime.kernels.shape;

/** Row-major shape arithmetic shared by the data-movement kernels. */
final class Strides {
    private Strides() {
    }

    /** Element strides of a row-major shape: {@code strides[i]} = product of {@code dims[i+1..]}. */
    static int[] of(int[] dims) {
        int[] strides = new int[dims.length];
        int s = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            strides[i] = s;
            s *= dims[i];
        }
        return strides;
    }

    /** Product of {@code dims[from..to)}. */
    static int product(int[] dims, int from, int to) {
        int n = 1;
        for (int i = from; i < to; i++) {
            n *= dims[i];
        }
        return n;
    }

    /** {@code dims} left-padded with 1s to {@code rank} (TFLM's {@code RuntimeShape::ExtendedShape}). */
    static int[] extend(int[] dims, int rank) {
        int[] out = new int[rank];
        int pad = rank - dims.length;
        for (int i = 0; i < rank; i++) {
            out[i] = i < pad ? 1 : dims[i - pad];
        }
        return out;
    }

    /** Advances a row-major multi-index over {@code dims}; returns false after the last index. */
    static boolean next(int[] index, int[] dims) {
        for (int i = dims.length - 1; i >= 0; i--) {
            if (++index[i] < dims[i]) {
                return true;
            }
            index[i] = 0;
        }
        return false;
    }
}
