package dev.tflmstudio.runtime.kernels.core;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.TensorType;

/**
 * PAD (micro/kernels/pad.cc): constant padding of up to 5 dimensions. Paddings are read as int32 pairs whatever
 * their type (as TFLM does, so int64 paddings fail its output-shape check). The pad value is 0, or the output zero
 * point for int8.
 */
public final class Pad {
    private Pad() {
    }

    public static PreparedOp prepare(OpContext ctx) throws KernelException {
        TensorData input = ctx.requireInput(0);
        TensorData paddings = ctx.requireInput(1);
        TensorData constant = ctx.input(2);
        TensorData output = ctx.output(0);
        ctx.check(input.rank() <= 5, "input rank " + input.rank() + " above 5");
        ctx.ensureEq(paddings.elementCount(), output.rank() * 2L, "GetTensorShape(paddings).FlatSize()",
                "output->dims->size * 2");
        ctx.check(paddings.isConstant(), "paddings must be constant");
        int rank = output.rank();
        // TFLM reads input->dims->data[i] for every output dimension: past the input's for a lower rank.
        ctx.check(input.rank() == rank, "input rank " + input.rank() + " differs from the output's " + rank);
        ctx.check(paddings.byteLength() >= 8 * rank, "paddings of type " + paddings.type() + " hold fewer than "
                + rank * 2 + " int32 values");
        int[] before = new int[rank];
        int[] after = new int[rank];
        for (int i = 0; i < rank; i++) {
            before[i] = paddings.buffer().getInt(paddings.base() + 8 * i);
            after[i] = paddings.buffer().getInt(paddings.base() + 8 * i + 4);
            int expected = input.dim(i) + before[i] + after[i];
            ctx.ensureEq(output.dim(i), expected, "output_dim", "expected_dim");
        }
        TensorType t = input.type();
        int width = t.tflmByteSize();
        if (t != TensorType.FLOAT32 && t != TensorType.INT8 && t != TensorType.INT16 && t != TensorType.INT32) {
            return ctx.refuseAtInvoke("Type " + t + " not currently supported by Pad.");
        }
        byte[] padBytes = new byte[width];
        if (constant != null) {
            // read here, in prepare: a constant_values tensor computed at run time is not supported
            ctx.check(constant.isConstant() && constant.byteLength() >= width, "constant_values (tensor "
                    + constant.index() + ") must be a constant of at least one " + t + " value");
            constant.buffer().get(constant.base(), padBytes, 0, width);
        } else if (t == TensorType.INT8) {
            padBytes[0] = (byte) output.zeroPoint();
        }
        int[] inDims = input.dims();
        int[] outDims = output.dims();
        int n = output.elementCount();
        // for each output element, the input element it copies, or -1 for padding
        int[] source = new int[n];
        int[] idx = new int[rank];
        for (int o = 0; o < n; o++) {
            int in = 0;
            boolean inside = true;
            for (int d = 0; d < rank; d++) {
                int i = idx[d] - before[d];
                if (i < 0 || i >= inDims[d]) {
                    inside = false;
                }
                in = in * inDims[d] + i;
            }
            source[o] = inside ? in : -1;
            for (int d = rank - 1; d >= 0; d--) {
                if (++idx[d] < outDims[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        return () -> {
            java.nio.ByteBuffer src = input.buffer();
            int srcBase = input.base();
            byte[] out = output.array();
            int outBase = output.base();
            for (int o = 0; o < n; o++) {
                int s = source[o];
                int dst = outBase + o * width;
                if (s < 0) {
                    System.arraycopy(padBytes, 0, out, dst, width);
                } else {
                    for (int k = 0; k < width; k++) {
                        out[dst + k] = src.get(srcBase + s * width + k);
                    }
                }
            }
        };
    }
}
