package dev.tflmstudio.runtime.kernels.core;

import dev.tflmstudio.runtime.kernels.FixedPoint;
import dev.tflmstudio.runtime.kernels.Int16Activations;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.TensorType;

/**
 * UNIDIRECTIONAL_SEQUENCE_LSTM (micro/kernels/unidirectional_sequence_lstm.cc, lstm_eval.h) without peephole,
 * projection or layer norm, in TFLM's three flavours: int8 activations and weights with int16 cell state and int32
 * bias (here), int16 activations with int8 weights, int16 cell state and int64 bias ({@link LstmInt16Step}), and
 * float32 ({@link LstmFloatStep}). Quantized gates are two fully connected layers into Q3.12, summed with
 * saturation, then TFLM's int16 sigmoid/tanh; the cell and hidden updates are TFLM's int16 element-wise
 * multiplies. Hidden and cell state are variable tensors. The four gate buffers TFLM takes from the arena are
 * requested as scratch (so the plan matches) and mirrored on the heap.
 */
public final class UnidirectionalSequenceLstm {
    static final float GATE_INPUT_SCALE = 0.000244140625f;
    static final float GATE_OUTPUT_SCALE = 0.000030517578125f;

    private UnidirectionalSequenceLstm() {
    }

    /** One gate: input FC (with bias) plus recurrent FC (no bias), both into int16; one weight row per unit. */
    private record Gate(int[][] inW, int[] bias, int inMult, int inShift, int[][] recW, int recMult, int recShift) {
    }

    /** Element-wise multiply parameters ({@code CreateInterGateMulParams}). */
    record MulParams(int mult, int shift, int offset, int lo, int hi) {
        static MulParams of(float s1, float s2, float out, int zp, boolean int8) {
            long q = FixedPoint.quantizeMultiplier((double) s1 * (double) s2 / (double) out);
            return new MulParams(FixedPoint.multiplierOf(q), FixedPoint.shiftOf(q), zp, int8 ? -128 : -32768,
                    int8 ? 127 : 32767);
        }

        int apply(int a, int b) {
            int v = offset + FixedPoint.multiplyByQuantizedMultiplier(a * b, mult, shift);
            return Math.min(hi, Math.max(lo, v));
        }
    }

    /**
     * The int16 cell state update shared by the int8 and int16 activation LSTMs ({@code UpdateLstmCell}): forget
     * gate times cell, plus input gate times cell gate, saturated, then clipped; and the tanh of the cell that feeds
     * the hidden state ({@code UpdateLstmHidden}, scale power from {@code CheckedLog2} of the cell scale).
     */
    record CellUpdate(MulParams forgetCell, MulParams inputCell, int scalePower, short clip, boolean clipping) {
        void update(TensorData cell, int stateAt, short[] fg, short[] ig, short[] cg, int n) {
            for (int i = 0; i < n; i++) {
                int c = forgetCell.apply(fg[i], cell.getInt16(stateAt + i));
                int add = inputCell.apply(ig[i], cg[i]);
                int v = Math.min(32767, Math.max(-32768, c + add));
                if (clipping) {
                    v = Math.max(Math.min(clip, v), -clip);
                }
                cell.setInt16(stateAt + i, v);
            }
        }

        /** tanh of the updated cell state, in Q0.15. */
        void tanhOfCell(TensorData cell, int stateAt, short[] out, int n) {
            int shift = 15 + scalePower - 3;
            int mult = 0;
            if (shift < 0) {
                shift = -shift;
                mult = 3;
            }
            for (int i = 0; i < n; i++) {
                out[i] = (short) Int16Activations.tanh(cell.getInt16(stateAt + i), mult, shift);
            }
        }
    }

    public static PreparedOp prepare(OpContext ctx) throws KernelException {
        ctx.check(ctx.inputCount() == 24 && ctx.outputCount() == 1, "needs 24 inputs and 1 output");
        TensorData input = ctx.requireInput(0);
        TensorData hidden = ctx.requireInput(18);
        TensorData cell = ctx.requireInput(19);
        TensorData output = ctx.output(0);
        ctx.check(hidden.isVariable() && cell.isVariable(), "hidden and cell state must be variable tensors");
        ctx.check(hidden.type() == input.type() && output.type() == input.type(),
                "input, hidden state and output types must match");
        for (int i : new int[] {9, 10, 11, 16, 17, 20, 21, 22, 23}) {
            ctx.check(ctx.input(i) == null, "peephole, projection and layer-norm LSTMs are not supported (input "
                    + i + ")");
        }
        TensorType type = input.type();
        TensorType cellType = cell.type();
        ctx.check((type == TensorType.INT8 && cellType == TensorType.INT16)
                        || (type == TensorType.INT16 && cellType == TensorType.INT16)
                        || (type == TensorType.FLOAT32 && cellType == TensorType.FLOAT32),
                "supported activation / cell state types are INT8/INT16, INT16/INT16 and FLOAT32/FLOAT32, got "
                        + type + "/" + cellType);
        var o = ctx.options();
        boolean timeMajor = o.getBool("time_major", false);
        float cellClip = o.getFloat("cell_clip", 0f);
        ctx.check(cellClip >= 0, "cell_clip must be >= 0");
        ctx.check("TANH".equals(o.getString("fused_activation_function", "TANH")),
                "cell gate activation must be TANH");
        int batch = timeMajor ? input.dim(1) : input.dim(0);
        int time = timeMajor ? input.dim(0) : input.dim(1);
        int inDim = input.dim(2);
        int state = hidden.tensor().shape().rank() == 2 ? hidden.dim(1) : hidden.dim(hidden.rank() - 1);
        ctx.check(output.rank() == 3 && output.dim(2) == state, "output shape mismatch");
        // a step covers every batch row when time major, one row otherwise (TFLM's LstmStepManager)
        int stepBatch = timeMajor ? batch : 1;
        LstmStep step;
        if (type == TensorType.FLOAT32) {
            step = LstmFloatStep.prepare(ctx, input, hidden, cell, output, cellClip, stepBatch, inDim, state);
        } else {
            ctx.check(cell.scale() > 0, "cell state must be quantized");
            int scalePower = Math.round((float) (Math.log(cell.scale()) * (1.0f / Math.log(2.0f))));
            int quantizedClip = (int) Math.min(Math.max((double) cellClip / (double) cell.scale(), -32768.0),
                    32767.0);
            CellUpdate cellUpdate = new CellUpdate(
                    MulParams.of(GATE_OUTPUT_SCALE, cell.scale(), cell.scale(), 0, false),
                    MulParams.of(GATE_OUTPUT_SCALE, GATE_OUTPUT_SCALE, cell.scale(), 0, false),
                    scalePower, (short) quantizedClip, cellClip > 0);
            step = type == TensorType.INT16
                    ? LstmInt16Step.prepare(ctx, input, hidden, cell, output, cellUpdate, stepBatch, inDim, state)
                    : int8Step(ctx, input, hidden, cell, output, cellUpdate, stepBatch, inDim, state);
        }
        // the four gate buffers of batch x state cell-state elements TFLM takes from the arena
        int bufferBytes = batch * state * cellType.tflmByteSize();
        for (int i = 0; i < 4; i++) {
            ctx.requestScratch(bufferBytes);
        }
        return () -> {
            if (timeMajor) {
                for (int t = 0; t < time; t++) {
                    step.run(t * batch * inDim, t * batch * state, 0);
                }
            } else {
                for (int b = 0; b < batch; b++) {
                    for (int t = 0; t < time; t++) {
                        int k = b * time + t;
                        step.run(k * inDim, k * state, b * state);
                    }
                }
            }
        };
    }

    private static LstmStep int8Step(OpContext ctx, TensorData input, TensorData hidden, TensorData cell,
                                     TensorData output, CellUpdate cellUpdate, int stepBatch, int inDim, int state)
            throws KernelException {
        Gate forget = gate(ctx, input, hidden, 2, 6, 13);
        Gate inputGate = gate(ctx, input, hidden, 1, 5, 12);
        Gate cellGate = gate(ctx, input, hidden, 3, 7, 14);
        Gate outputGate = gate(ctx, input, hidden, 4, 8, 15);
        MulParams hiddenMul = MulParams.of(GATE_OUTPUT_SCALE, GATE_OUTPUT_SCALE, hidden.scale(),
                hidden.zeroPoint(), true);
        return new Step(input, hidden, cell, output, forget, inputGate, cellGate, outputGate, cellUpdate,
                hiddenMul, stepBatch, inDim, state, -input.zeroPoint(), -hidden.zeroPoint());
    }

    private static Gate gate(OpContext ctx, TensorData input, TensorData hidden, int inW, int recW, int bias)
            throws KernelException {
        TensorData w = ctx.requireInput(inW);
        TensorData r = ctx.requireInput(recW);
        TensorData b = ctx.requireInput(bias);
        ctx.check(w.type() == TensorType.INT8 && r.type() == TensorType.INT8, "weights must be int8");
        ctx.check(w.quantization() != null && !w.quantization().isPerChannel() && r.quantization() != null
                        && !r.quantization().isPerChannel(),
                "per-channel LSTM weights are not supported");
        ctx.check(b.type() == TensorType.INT32, "bias must be int32");
        long qi = FixedPoint.quantizeMultiplier((double) (input.scale() * w.scale()) / (double) GATE_INPUT_SCALE);
        long qr = FixedPoint.quantizeMultiplier((double) (hidden.scale() * r.scale()) / (double) GATE_INPUT_SCALE);
        return new Gate(rows(w), b.copyInts(), FixedPoint.multiplierOf(qi), FixedPoint.shiftOf(qi),
                rows(r), FixedPoint.multiplierOf(qr), FixedPoint.shiftOf(qr));
    }

    /**
     * A [units, depth] weight matrix as one int array per unit (plain indices let the JIT vectorize dots), with the
     * weight offset TFLM's gate fully connected layers apply (minus the zero point, 0 for converter output) added.
     */
    private static int[][] rows(TensorData w) {
        int units = w.dim(0);
        int depth = w.dim(1);
        int offset = -w.zeroPoint();
        int[][] out = new int[units][depth];
        for (int u = 0; u < units; u++) {
            for (int d = 0; d < depth; d++) {
                out[u][d] = w.getInt8(u * depth + d) + offset;
            }
        }
        return out;
    }

    /** One int8 LSTM time step over {@code batch} rows, with the gate buffers it reuses. */
    private static final class Step implements LstmStep {
        private final TensorData input;
        private final TensorData hidden;
        private final TensorData cell;
        private final TensorData output;
        private final Gate forget;
        private final Gate inputGate;
        private final Gate cellGate;
        private final Gate outputGate;
        private final CellUpdate cellUpdate;
        private final MulParams hiddenMul;
        private final int batch;
        private final int inDim;
        private final int state;
        private final int inputOffset;
        private final int hiddenOffset;
        private final short[] fg;
        private final short[] ig;
        private final short[] cg;
        private final short[] og;
        private final short[] tmp;
        private final int[] x;
        private final int[] h;

        Step(TensorData input, TensorData hidden, TensorData cell, TensorData output, Gate forget, Gate inputGate,
             Gate cellGate, Gate outputGate, CellUpdate cellUpdate, MulParams hiddenMul, int batch, int inDim,
             int state, int inputOffset, int hiddenOffset) {
            this.input = input;
            this.hidden = hidden;
            this.cell = cell;
            this.output = output;
            this.forget = forget;
            this.inputGate = inputGate;
            this.cellGate = cellGate;
            this.outputGate = outputGate;
            this.cellUpdate = cellUpdate;
            this.hiddenMul = hiddenMul;
            this.batch = batch;
            this.inDim = inDim;
            this.state = state;
            this.inputOffset = inputOffset;
            this.hiddenOffset = hiddenOffset;
            int n = batch * state;
            fg = new short[n];
            ig = new short[n];
            cg = new short[n];
            og = new short[n];
            tmp = new short[n];
            x = new int[inDim];
            h = new int[state];
        }

        @Override
        public void run(int inAt, int outAt, int stateAt) {
            computeGate(forget, inAt, stateAt, fg, false);
            computeGate(inputGate, inAt, stateAt, ig, false);
            computeGate(cellGate, inAt, stateAt, cg, true);
            int n = batch * state;
            cellUpdate.update(cell, stateAt, fg, ig, cg, n);
            computeGate(outputGate, inAt, stateAt, og, false);
            cellUpdate.tanhOfCell(cell, stateAt, tmp, n);
            for (int i = 0; i < n; i++) {
                hidden.setInt8(stateAt + i, hiddenMul.apply(tmp[i], og[i]));
            }
            for (int i = 0; i < n; i++) {
                output.setInt8(outAt + i, hidden.getInt8(stateAt + i));
            }
        }

        private void computeGate(Gate g, int inAt, int stateAt, short[] out, boolean tanh) {
            for (int b = 0; b < batch; b++) {
                for (int d = 0; d < inDim; d++) {
                    x[d] = input.getInt8(inAt + b * inDim + d) + inputOffset;
                }
                for (int d = 0; d < state; d++) {
                    h[d] = hidden.getInt8(stateAt + b * state + d) + hiddenOffset;
                }
                for (int s = 0; s < state; s++) {
                    int[] wr = g.inW()[s];
                    int acc = 0;
                    for (int d = 0; d < inDim; d++) {
                        acc += wr[d] * x[d];
                    }
                    acc += g.bias()[s];
                    int xv = FixedPoint.multiplyByQuantizedMultiplier(acc, g.inMult(), g.inShift());
                    xv = Math.min(32767, Math.max(-32768, xv));
                    int[] rr = g.recW()[s];
                    int racc = 0;
                    for (int d = 0; d < state; d++) {
                        racc += rr[d] * h[d];
                    }
                    int y = FixedPoint.multiplyByQuantizedMultiplier(racc, g.recMult(), g.recShift());
                    y = Math.min(32767, Math.max(-32768, y));
                    int sum = Math.min(32767, Math.max(-32768, xv + y));
                    out[b * state + s] = (short) (tanh ? Int16Activations.tanh(sum, 0, 0)
                            : Int16Activations.logistic(sum, 0, 0));
                }
            }
        }
    }
}
