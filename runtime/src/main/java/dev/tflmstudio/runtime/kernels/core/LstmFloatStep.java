package dev.tflmstudio.runtime.kernels.core;

import dev.tflmstudio.runtime.kernels.ActivationRange;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.LibmFloat;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.TensorType;

/**
 * The float32 UNIDIRECTIONAL_SEQUENCE_LSTM step ({@code EvalLstm<float, float, float, float>}). Every operation is
 * TFLM's float reference in the same order: each gate is two reference fully connected layers (sum of products in
 * depth order, then {@code + bias} or {@code + 0.0f}, clamped to [lowest, max]), added, then the reference
 * logistic (cutoffs 16.619047 and -9, glibc {@code expf}) or {@code tanhf}; the cell is
 * {@code f*c + i*g} (each product clamped), clipped to +-cell_clip when cell_clip > 0; the hidden state is
 * {@code tanhf(c) * o}.
 */
final class LstmFloatStep implements LstmStep {
    private static final float LO = -Float.MAX_VALUE;
    private static final float HI = Float.MAX_VALUE;
    private static final float CUTOFF_UPPER = 16.619047164916992188f;
    private static final float CUTOFF_LOWER = -9.f;
    /** One gate: weights as one float row per unit, bias (null when absent). */
    private record Gate(float[][] inW, float[] bias, float[][] recW) {
    }

    private final TensorData input;
    private final TensorData hidden;
    private final TensorData cell;
    private final TensorData output;
    private final Gate forget;
    private final Gate inputGate;
    private final Gate cellGate;
    private final Gate outputGate;
    private final float cellClip;
    private final int batch;
    private final int inDim;
    private final int state;
    private final float[] fg;
    private final float[] ig;
    private final float[] cg;
    private final float[] og;
    private final float[] x;
    private final float[] h;

    private LstmFloatStep(TensorData input, TensorData hidden, TensorData cell, TensorData output, Gate[] gates,
                          float cellClip, int batch, int inDim, int state) {
        this.input = input;
        this.hidden = hidden;
        this.cell = cell;
        this.output = output;
        this.forget = gates[0];
        this.inputGate = gates[1];
        this.cellGate = gates[2];
        this.outputGate = gates[3];
        this.cellClip = cellClip;
        this.batch = batch;
        this.inDim = inDim;
        this.state = state;
        int n = batch * state;
        fg = new float[n];
        ig = new float[n];
        cg = new float[n];
        og = new float[n];
        x = new float[inDim];
        h = new float[state];
    }

    static LstmStep prepare(OpContext ctx, TensorData input, TensorData hidden, TensorData cell, TensorData output,
                            float cellClip, int batch, int inDim, int state) throws KernelException {
        Gate[] gates = {
            gate(ctx, 2, 6, 13),
            gate(ctx, 1, 5, 12),
            gate(ctx, 3, 7, 14),
            gate(ctx, 4, 8, 15),
        };
        return new LstmFloatStep(input, hidden, cell, output, gates, cellClip, batch, inDim, state);
    }

    private static Gate gate(OpContext ctx, int inW, int recW, int bias) throws KernelException {
        TensorData w = ctx.requireInput(inW);
        TensorData r = ctx.requireInput(recW);
        TensorData b = ctx.input(bias);
        ctx.check(w.type() == TensorType.FLOAT32 && r.type() == TensorType.FLOAT32,
                "weights must be float32 with float32 activations");
        ctx.check(b == null || b.type() == TensorType.FLOAT32, "bias must be float32 with float32 activations");
        return new Gate(rows(w), b == null ? null : b.copyFloats(), rows(r));
    }

    private static float[][] rows(TensorData w) {
        int units = w.dim(0);
        int depth = w.dim(1);
        float[][] out = new float[units][depth];
        for (int u = 0; u < units; u++) {
            for (int d = 0; d < depth; d++) {
                out[u][d] = w.getFloat32(u * depth + d);
            }
        }
        return out;
    }

    @Override
    public void run(int inAt, int outAt, int stateAt) {
        computeGate(forget, inAt, stateAt, fg, false);
        computeGate(inputGate, inAt, stateAt, ig, false);
        computeGate(cellGate, inAt, stateAt, cg, true);
        int n = batch * state;
        for (int i = 0; i < n; i++) {
            float c = ActivationRange.clamp(fg[i] * cell.getFloat32(stateAt + i), LO, HI);
            float v = c + ActivationRange.clamp(ig[i] * cg[i], LO, HI);
            if (cellClip > 0) {
                // std::max(std::min(clip, v), -clip)
                float m = v < cellClip ? v : cellClip;
                v = m < -cellClip ? -cellClip : m;
            }
            cell.setFloat32(stateAt + i, v);
        }
        computeGate(outputGate, inAt, stateAt, og, false);
        for (int i = 0; i < n; i++) {
            float t = tanhf(cell.getFloat32(stateAt + i));
            hidden.setFloat32(stateAt + i, ActivationRange.clamp(t * og[i], LO, HI));
        }
        for (int i = 0; i < n; i++) {
            output.setFloat32(outAt + i, hidden.getFloat32(stateAt + i));
        }
    }

    private void computeGate(Gate g, int inAt, int stateAt, float[] out, boolean tanh) {
        for (int b = 0; b < batch; b++) {
            for (int d = 0; d < inDim; d++) {
                x[d] = input.getFloat32(inAt + b * inDim + d);
            }
            for (int d = 0; d < state; d++) {
                h[d] = hidden.getFloat32(stateAt + b * state + d);
            }
            for (int s = 0; s < state; s++) {
                float[] wr = g.inW()[s];
                float total = 0f;
                for (int d = 0; d < inDim; d++) {
                    total += x[d] * wr[d];
                }
                float in = ActivationRange.clamp(total + (g.bias() == null ? 0f : g.bias()[s]), LO, HI);
                float[] rr = g.recW()[s];
                float rtotal = 0f;
                for (int d = 0; d < state; d++) {
                    rtotal += h[d] * rr[d];
                }
                // the recurrent layer has no bias: the reference still adds 0.0f (turning -0 into +0)
                float rec = ActivationRange.clamp(rtotal + 0f, LO, HI);
                float sum = in + rec;
                out[b * state + s] = tanh ? tanhf(sum) : logistic(sum);
            }
        }
    }

    /** reference_ops::Logistic for one float. */
    static float logistic(float v) {
        if (v > CUTOFF_UPPER) {
            return 1.0f;
        }
        if (v < CUTOFF_LOWER) {
            return expf(v);
        }
        return 1.f / (1.f + expf(-v));
    }

    static float expf(float v) {
        return LibmFloat.exp(v);
    }

    static float tanhf(float v) {
        return LibmFloat.tanh(v);
    }
}
