package dev.tflmstudio.runtime.kernels.signal;

import static dev.tflmstudio.runtime.model.TensorType.INT16;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;

/**
 * SignalDelay: delays every row of the int16 input (its last dimension is one frame) by {@code delay_length}
 * samples across invokes; the first samples out are zeros. State persists until {@link #reset()}.
 */
final class Delay implements PreparedOp {
    private final TensorData input;
    private final TensorData output;
    private final int frame;
    private final int delay;
    private final SampleFifo[] rows;

    private Delay(TensorData input, TensorData output, int frame, int delay) {
        this.input = input;
        this.output = output;
        this.frame = frame;
        this.delay = delay;
        this.rows = new SampleFifo[input.elementCount() / frame];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new SampleFifo(frame + delay);
        }
        reset();
    }

    static PreparedOp prepare(OpContext ctx) throws KernelException {
        SignalOptions.requireCounts(ctx, 1, 1);
        TensorData input = ctx.requireInput(0);
        TensorData output = ctx.output(0);
        SignalOptions.requireType(ctx, input, "input", INT16);
        SignalOptions.requireType(ctx, output, "output", INT16);
        ctx.check(input.rank() >= 1 && output.elementCount() >= input.elementCount(), "shapes do not match");
        int delay = SignalOptions.integer(ctx, "delay_length");
        ctx.check(delay >= 0, "delay_length must not be negative");
        return new Delay(input, output, input.dim(input.rank() - 1), delay);
    }

    /** TFLM's Reset: empty rows pre-filled with {@code delay_length} zeros. */
    @Override
    public void reset() {
        for (SampleFifo row : rows) {
            row.reset();
            row.writeZeros(delay);
        }
    }

    @Override
    public void eval() {
        for (int r = 0, at = 0; r < rows.length; r++, at += frame) {
            rows[r].write(input, at, frame);
            rows[r].get(frame, output, at);
            rows[r].discard(frame);
        }
    }
}
