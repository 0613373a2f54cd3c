package dev.tflmstudio.runtime.kernels.signal;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.TensorType;
import java.util.Arrays;

/**
 * SignalOverlapAdd: adds each frame into a running buffer of {@code frame_size} samples, emits its first
 * {@code frame_step} samples and shifts the rest forward (int16 saturates, float32 adds in float). The buffers are
 * state that persists until {@link #reset()}.
 */
final class OverlapAdd implements PreparedOp {
    private final TensorData input;
    private final TensorData output;
    private final boolean isFloat;
    private final int frameSize;
    private final int frameStep;
    private final int frames;
    private final float[][] floatBuffers;
    private final int[][] intBuffers;

    private OverlapAdd(TensorData input, TensorData output, boolean isFloat, int frameStep) {
        this.input = input;
        this.output = output;
        this.isFloat = isFloat;
        this.frameStep = frameStep;
        this.frameSize = input.dim(input.rank() - 1);
        this.frames = input.dim(input.rank() - 2);
        int rows = input.elementCount() / (frameSize * frames);
        this.floatBuffers = isFloat ? new float[rows][frameSize] : null;
        this.intBuffers = isFloat ? null : new int[rows][frameSize];
    }

    static PreparedOp prepare(OpContext ctx) throws KernelException {
        SignalOptions.requireCounts(ctx, 1, 1);
        TensorData input = ctx.requireInput(0);
        TensorData output = ctx.output(0);
        TensorType type = TensorType.fromCode(SignalOptions.integer(ctx, "T"));
        ctx.check(type == TensorType.INT16 || type == TensorType.FLOAT32,
                "SignalOverlapAdd of type " + type + " is not supported");
        SignalOptions.requireType(ctx, input, "input", type);
        SignalOptions.requireType(ctx, output, "output", type);
        ctx.check(input.rank() >= 2 && input.rank() == output.rank() + 1, "input rank must be output rank + 1");
        int frameStep = SignalOptions.integer(ctx, "frame_step");
        int frameSize = input.dim(input.rank() - 1);
        ctx.check(frameStep > 0 && frameStep <= frameSize, "frame_step must be in (0, frame size]");
        ctx.check((long) input.elementCount() / frameSize * frameStep <= output.elementCount(),
                "output is too small");
        return new OverlapAdd(input, output, type == TensorType.FLOAT32, frameStep);
    }

    /** TFLM's Reset: zero buffers. */
    @Override
    public void reset() {
        if (isFloat) {
            for (float[] b : floatBuffers) {
                Arrays.fill(b, 0f);
            }
        } else {
            for (int[] b : intBuffers) {
                Arrays.fill(b, 0);
            }
        }
    }

    @Override
    public void eval() {
        int rows = isFloat ? floatBuffers.length : intBuffers.length;
        for (int r = 0; r < rows; r++) {
            for (int f = 0; f < frames; f++) {
                int in = (r * frames + f) * frameSize;
                int out = (r * frames + f) * frameStep;
                if (isFloat) {
                    addFloat(floatBuffers[r], in, out);
                } else {
                    addInt16(intBuffers[r], in, out);
                }
            }
        }
    }

    private void addInt16(int[] buffer, int in, int out) {
        for (int i = 0; i < frameSize; i++) {
            buffer[i] = Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, input.getInt16(in + i) + buffer[i]));
        }
        for (int i = 0; i < frameStep; i++) {
            output.setInt16(out + i, buffer[i]);
        }
        System.arraycopy(buffer, frameStep, buffer, 0, frameSize - frameStep);
        Arrays.fill(buffer, frameSize - frameStep, frameSize, 0);
    }

    private void addFloat(float[] buffer, int in, int out) {
        for (int i = 0; i < frameSize; i++) {
            buffer[i] += input.getFloat32(in + i);
        }
        for (int i = 0; i < frameStep; i++) {
            output.setFloat32(out + i, buffer[i]);
        }
        System.arraycopy(buffer, frameStep, buffer, 0, frameSize - frameStep);
        Arrays.fill(buffer, frameSize - frameStep, frameSize, 0f);
    }
}
