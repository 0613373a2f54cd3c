package dev.tflmstudio.runtime.model;

import java.util.Arrays;

/** An immutable tensor shape: dimensions in row-major (NHWC) order. A scalar has rank 0. */
public final class Shape {
    public static final Shape SCALAR = new Shape(new int[0]);

    private final int[] dims;

    private Shape(int[] dims) {
        this.dims = dims;
    }

    public static Shape of(int... dims) {
        return dims.length == 0 ? SCALAR : new Shape(dims.clone());
    }

    public int rank() {
        return dims.length;
    }

    public int dim(int axis) {
        return dims[axis];
    }

    /** Dimension counted from the end when negative, as TFLite axes are. */
    public int dimFromEnd(int fromEnd) {
        return dims[dims.length - fromEnd];
    }

    public int[] toArray() {
        return dims.clone();
    }

    /**
     * Number of elements, as TFLM counts them: a scalar (or an empty shape) holds one element. Shapes are
     * verified at load time never to overflow a long.
     */
    public long elementCount() {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    /** Product of the dimensions from {@code fromAxis} (inclusive) to {@code toAxis} (exclusive). */
    public int flatSize(int fromAxis, int toAxis) {
        int n = 1;
        for (int i = fromAxis; i < toAxis; i++) {
            n *= dims[i];
        }
        return n;
    }

    public boolean hasDynamicDims() {
        for (int d : dims) {
            if (d < 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** As TFLM's tools print it: {@code [1,96,96,1]}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(dims[i]);
        }
        return sb.append(']').toString();
    }
}
