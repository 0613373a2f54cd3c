package dev.tflmstudio.runtime.kernels.shape;

import static dev.tflmstudio.runtime.model.TensorType.FLOAT32;
import static dev.tflmstudio.runtime.model.TensorType.INT8;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.ScratchBuffer;
import dev.tflmstudio.runtime.kernels.TensorData;

/**
 * MIRROR_PAD (TFLM's {@code mirror_pad.cc}): REFLECT leaves out the edge element, SYMMETRIC repeats it. Like TFLM it
 * requests two scratch buffers of {@code rank * 4} bytes and keeps the per-dimension element counts there; float32
 * and int8 only (other types fail at Invoke).
 */
final class MirrorPad {
    private MirrorPad() {
    }

    static PreparedOp prepare(OpContext ctx) throws KernelException {
        TensorData input = ctx.requireInput(0);
        TensorData paddingsTensor = ctx.requireInput(1);
        TensorData output = ctx.output(0);
        int rank = input.rank();
        ctx.check(paddingsTensor.rank() == 2, "paddings must be 2-D");
        ctx.check(paddingsTensor.dim(0) == rank, "paddings has " + paddingsTensor.dim(0) + " rows for rank " + rank);
        IntOperand paddings = IntOperand.of(ctx, paddingsTensor, "paddings");
        int offset = "REFLECT".equals(ctx.options().getString("mode", "REFLECT")) ? 1 : 0;
        ScratchBuffer outputCounts = ctx.requestScratch(rank * 4);
        ScratchBuffer inputCounts = ctx.requestScratch(rank * 4);
        if (!TensorBytes.isOneOf(output, FLOAT32, INT8)) {
            return Refusals.atInvoke(ctx, "type " + output.type() + " is not supported");
        }
        TensorBytes.requireSameType(ctx, input, output);
        int width = TensorBytes.elementSize(ctx, output);
        int[] inDims = input.dims();
        int[] outStrides = Strides.of(output.dims());
        int[] inStrides = Strides.of(inDims);
        int count = output.elementCount();
        // TFLM reads the mirrored element unchecked: a pad wider than the input (REFLECT leaves out the edge, so it
        // may be at most size - 1) reads outside the input, when there is an output element to read for
        KernelException tooWide = ctx.evalFailure("a padding is wider than its input dimension allows in "
                + (offset == 1 ? "REFLECT (size - 1)" : "SYMMETRIC (size)") + " mode: TFLM would read outside "
                + "the input");
        return () -> {
            int[] pads = paddings.values();
            for (int d = 0; d < rank && count > 0; d++) {
                int most = inDims[d] - offset;
                if (pads[2 * d] > most || pads[2 * d + 1] > most) {
                    throw tooWide;
                }
            }
            // TFLM computes the element counts into its scratch buffers; keep the arena bytes the same.
            for (int d = 0; d < rank; d++) {
                outputCounts.buffer().putInt(outputCounts.base() + 4 * d, outStrides[d]);
                inputCounts.buffer().putInt(inputCounts.base() + 4 * d, inStrides[d]);
            }
            for (int o = 0; o < count; o++) {
                int rest = o;
                int from = 0;
                for (int d = 0; d < rank; d++) {
                    int padded = rest / outStrides[d];
                    rest %= outStrides[d];
                    from += inputIndex(padded, pads[2 * d], inDims[d], offset) * inStrides[d];
                }
                TensorBytes.copy(input, from * width, output, o * width, width);
            }
        };
    }

    /** TFLM's {@code GetInputDimension}: where padded position {@code padded} reads from. */
    private static int inputIndex(int padded, int leftPad, int inputSize, int offset) {
        if (padded < leftPad) {
            int original = leftPad + offset - 1;
            return original - Math.min(padded, original - offset);
        }
        padded -= leftPad;
        if (padded >= inputSize) {
            padded -= inputSize;
            int original = inputSize - (1 + offset);
            return original - Math.min(padded, original);
        }
        return padded;
    }
}
