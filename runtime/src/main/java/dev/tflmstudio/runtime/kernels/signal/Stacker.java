package dev.tflmstudio.runtime.kernels.signal;

import static dev.tflmstudio.runtime.model.TensorType.BOOL;
import static dev.tflmstudio.runtime.model.TensorType.INT16;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;

/**
 * SignalStacker: stacks {@code left_context + 1 + right_context} consecutive int16 feature frames (of
 * {@code num_channels}) into one output, advancing {@code stacker_step} frames per output; the first frame is
 * repeated {@code left_context} times as padding. Output 1 is false until enough frames arrived (the output is then
 * left untouched, as in TFLM). State persists until {@link #reset()}.
 */
final class Stacker implements PreparedOp {
    private final TensorData input;
    private final TensorData output;
    private final TensorData valid;
    private final int channels;
    private final int leftContext;
    private final int bufferSize;
    private final int stepSize;
    private final SampleFifo fifo;
    private boolean hasFirstFrame;

    private Stacker(OpContext ctx, TensorData input, TensorData output, TensorData valid) throws KernelException {
        this.input = input;
        this.output = output;
        this.valid = valid;
        this.channels = SignalOptions.integer(ctx, "num_channels");
        this.leftContext = SignalOptions.integer(ctx, "stacker_left_context");
        int rightContext = SignalOptions.integer(ctx, "stacker_right_context");
        this.bufferSize = channels * (leftContext + rightContext + 1);
        this.stepSize = channels * SignalOptions.integer(ctx, "stacker_step");
        ctx.check(channels > 0 && leftContext >= 0 && rightContext >= 0 && stepSize > 0,
                "stacker options must be positive");
        ctx.check(input.elementCount() >= channels && output.elementCount() >= bufferSize,
                "tensors are too small for num_channels and the context");
        this.fifo = new SampleFifo(bufferSize);
        reset();
    }

    static PreparedOp prepare(OpContext ctx) throws KernelException {
        SignalOptions.requireCounts(ctx, 1, 2);
        TensorData input = ctx.requireInput(0);
        TensorData output = ctx.output(0);
        TensorData valid = ctx.output(1);
        SignalOptions.requireRank(ctx, input, "input", 1);
        SignalOptions.requireRank(ctx, output, "output", 1);
        SignalOptions.requireRank(ctx, valid, "output_valid", 0);
        SignalOptions.requireType(ctx, input, "input", INT16);
        SignalOptions.requireType(ctx, output, "output", INT16);
        SignalOptions.requireType(ctx, valid, "output_valid", BOOL);
        return new Stacker(ctx, input, output, valid);
    }

    /** TFLM's Reset: empty, and the next frame is treated as the first again. */
    @Override
    public void reset() {
        fifo.reset();
        hasFirstFrame = false;
    }

    @Override
    public void eval() {
        fifo.write(input, 0, channels);
        if (!hasFirstFrame) {
            fifo.extend(channels, leftContext);
            hasFirstFrame = true;
        }
        if (fifo.available() >= bufferSize) {
            fifo.get(bufferSize, output, 0);
            fifo.discard(stepSize);
            valid.setBool(0, true);
        } else {
            valid.setBool(0, false);
        }
    }
}
