package dev.tflmstudio.runtime.kernels.core;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.TensorType;

/**
 * PAD and PADV2 (micro/kernels/pad.cc, pad_common.cc: one Prepare and Eval for both): constant padding of up to 5
 * dimensions. Paddings must be a constant (TFLM sizes the output from them in Prepare) and are read as int32 pairs
 * whatever their type (as TFLM does, so int64 paddings fail its output-shape check). The pad value is the
 * constant_values operand, read at every eval as TFLM's Eval does (it may be a runtime tensor), or else 0 (the
 * output zero point for int8).
 */
public final class Pad {
    private static final int MAX_RANK = 5;

    private Pad() {
    }

    public static PreparedOp prepare(OpContext ctx) throws KernelException {
        ctx.ensure(ctx.inputCount() == 2 || ctx.inputCount() == 3, "NumInputs(node) == 2 || NumInputs(node) == 3");
        ctx.ensureEq(ctx.outputCount(), 1, "NumOutputs(node)", "1");
        TensorData input = ctx.requireInput(0);
        TensorData paddings = ctx.requireInput(1);
        TensorData constant = ctx.inputCount() == 3 ? ctx.input(2) : null;
        TensorData output = ctx.output(0);
        ctx.ensureEqTypeCodes(input.type(), output.type(), "input->type", "output->type");
        ctx.ensure(input.rank() <= MAX_RANK, "NumDimensions(input) <= reference_ops::PadKernelMaxDimensionCount()");
        if (constant != null) {
            ctx.ensureEqTypeCodes(input.type(), constant.type(), "input->type", "constant_values->type");
            ctx.ensureEq(constant.elementCount(), 1, "NumElements(constant_values)", "1");
        }
        ctx.ensureEq(paddings.elementCount(), output.rank() * 2L, "GetTensorShape(paddings).FlatSize()",
                "output->dims->size * 2");
        ctx.check(paddings.isConstant(), "Non-constant >paddings< tensor is not supported");
        int rank = output.rank();
        // TFLM reads input->dims->data[i] for every output dimension: past the input's for a lower rank.
        ctx.check(input.rank() == rank, "input rank " + input.rank() + " differs from the output's " + rank);
        ctx.check(paddings.byteLength() >= 8 * rank, "paddings of type " + paddings.type() + " hold fewer than "
                + rank * 2 + " int32 values");
        int[] before = new int[rank];
        for (int i = 0; i < rank; i++) {
            before[i] = paddings.buffer().getInt(paddings.base() + 8 * i);
            int after = paddings.buffer().getInt(paddings.base() + 8 * i + 4);
            ctx.ensureEq(output.dim(i), input.dim(i) + before[i] + after, "output_dim", "expected_dim");
        }
        TensorType t = input.type();
        if (t == TensorType.INT8) {
            if (constant == null) {
                ctx.ensure(output.zeroPoint() >= Byte.MIN_VALUE, "output->params.zero_point >= "
                        + "std::numeric_limits<int8_t>::min()");
                ctx.ensure(output.zeroPoint() <= Byte.MAX_VALUE, "output->params.zero_point <= "
                        + "std::numeric_limits<int8_t>::max()");
            } else {
                ctx.ensureEq(output.zeroPoint(), constant.zeroPoint(), "output->params.zero_point",
                        "constant_values->params.zero_point");
                // TFLM prints the two doubles with %d: only the expression can be matched
                ctx.check(output.scale() == constant.scale(), "static_cast<double>(output->params.scale) != "
                        + "static_cast<double>(constant_values->params.scale) (" + output.scale() + " != "
                        + constant.scale() + ")");
            }
        }
        if (t != TensorType.FLOAT32 && t != TensorType.INT8 && t != TensorType.INT16 && t != TensorType.INT32) {
            return ctx.refuseAtInvoke("Type " + t + " not currently supported by Pad.");
        }
        int width = t.tflmByteSize();
        byte[] padBytes = new byte[width];
        if (constant == null && t == TensorType.INT8) {
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
            if (constant != null) {
                // one element of the input's type, checked above (TensorBounds checked a constant's data length)
                constant.buffer().get(constant.base(), padBytes, 0, width);
            }
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
