package dev.tflmstudio.runtime.kernels.signal;

import static dev.tflmstudio.runtime.model.TensorType.BOOL;
import static dev.tflmstudio.runtime.model.TensorType.INT16;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;

/**
 * SignalFramer: cuts each int16 row into overlapping frames of {@code frame_size}, advancing {@code frame_step}
 * samples per frame and carrying the overlap across invokes ({@code prefill} starts with zeros). Output 1 is false
 * while a frame is still incomplete; like TFLM, such a frame's output is left untouched.
 */
final class Framer implements PreparedOp {
    private final TensorData input;
    private final TensorData output;
    private final TensorData valid;
    private final int frameSize;
    private final int frameStep;
    private final int framesPerRow;
    private final boolean prefill;
    private final SampleFifo[] rows;

    private Framer(TensorData input, TensorData output, TensorData valid, int frameSize, int frameStep,
                   boolean prefill) {
        this.input = input;
        this.output = output;
        this.valid = valid;
        this.frameSize = frameSize;
        this.frameStep = frameStep;
        this.prefill = prefill;
        int rowLength = input.dim(input.rank() - 1);
        this.framesPerRow = rowLength / frameStep;
        this.rows = new SampleFifo[input.elementCount() / rowLength];
        int capacity = (frameSize + frameStep - 1) / frameStep * frameStep;
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new SampleFifo(capacity);
        }
        reset();
    }

    static PreparedOp prepare(OpContext ctx) throws KernelException {
        SignalOptions.requireCounts(ctx, 1, 2);
        TensorData input = ctx.requireInput(0);
        TensorData output = ctx.output(0);
        TensorData valid = ctx.output(1);
        ctx.check(input.rank() >= 1 && output.rank() == input.rank() + 1, "output rank must be input rank + 1");
        SignalOptions.requireRank(ctx, valid, "output_valid", 0);
        SignalOptions.requireType(ctx, input, "input", INT16);
        SignalOptions.requireType(ctx, output, "output", INT16);
        SignalOptions.requireType(ctx, valid, "output_valid", BOOL);
        int frameSize = SignalOptions.integer(ctx, "frame_size");
        int frameStep = SignalOptions.integer(ctx, "frame_step");
        int rowLength = input.dim(input.rank() - 1);
        ctx.check(frameStep > 0 && frameSize >= frameStep, "frame_step must be in (0, frame_size]");
        ctx.check(rowLength >= frameStep && rowLength % frameStep == 0,
                "the last input dimension must be a multiple of frame_step");
        ctx.check(output.elementCount() >= input.elementCount() / frameStep * frameSize,
                "output is too small for the frames");
        return new Framer(input, output, valid, frameSize, frameStep, SignalOptions.bool(ctx, "prefill"));
    }

    /** TFLM's Reset: empty rows, pre-filled with {@code frame_size - frame_step} zeros when {@code prefill}. */
    @Override
    public void reset() {
        for (SampleFifo row : rows) {
            row.reset();
            if (prefill) {
                row.writeZeros(frameSize - frameStep);
            }
        }
    }

    @Override
    public void eval() {
        boolean allValid = true;
        for (int r = 0; r < rows.length; r++) {
            for (int f = 0; f < framesPerRow; f++) {
                int frameIndex = r * framesPerRow + f;
                rows[r].write(input, frameIndex * frameStep, frameStep);
                if (rows[r].available() >= frameSize) {
                    rows[r].get(frameSize, output, frameIndex * frameSize);
                    rows[r].discard(frameStep);
                } else {
                    allValid = false;
                }
            }
        }
        valid.setBool(0, allValid);
    }
}
