package dev.tflmstudio.runtime.kernels.core;

import dev.tflmstudio.runtime.kernels.FixedPoint;
import dev.tflmstudio.runtime.kernels.Int16Activations;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.TensorType;

/**
 * The int16x8 UNIDIRECTIONAL_SEQUENCE_LSTM step ({@code EvalLstm<int16_t, int8_t, int16_t, int64_t>}): int16
 * input and hidden state, int8 weights, int64 bias, int16 cell state. Each gate is TFLM's integer fully connected
 * with an int64 accumulator (so the 64-bit {@code MultiplyByQuantizedMultiplier}) into Q3.12, input plus recurrent
 * saturated to int16, then the int16 sigmoid or tanh; the hidden state is the int16 product of tanh(cell) and the
 * output gate.
 */
final class LstmInt16Step implements LstmStep {
    /** One gate: weights as one int row per unit, int64 bias, the input and recurrent rescales. */
    private record Gate(int[][] inW, long[] bias, int inMult, int inShift, int[][] recW, int recMult, int recShift) {
    }

    private final TensorData input;
    private final TensorData hidden;
    private final TensorData cell;
    private final TensorData output;
    private final Gate forget;
    private final Gate inputGate;
    private final Gate cellGate;
    private final Gate outputGate;
    private final UnidirectionalSequenceLstm.CellUpdate cellUpdate;
    private final UnidirectionalSequenceLstm.MulParams hiddenMul;
    private final int batch;
    private final int inDim;
    private final int state;
    private final int inputOffset;
    private final int hiddenOffset;
    private final short[] fg;
    private final short[] ig;
    private final short[] cg;
    private final short[] og;
    private final short[] tanhCell;
    private final int[] x;
    private final int[] h;

    private LstmInt16Step(TensorData input, TensorData hidden, TensorData cell, TensorData output, Gate[] gates,
                          UnidirectionalSequenceLstm.CellUpdate cellUpdate,
                          UnidirectionalSequenceLstm.MulParams hiddenMul, int batch, int inDim, int state) {
        this.input = input;
        this.hidden = hidden;
        this.cell = cell;
        this.output = output;
        this.forget = gates[0];
        this.inputGate = gates[1];
        this.cellGate = gates[2];
        this.outputGate = gates[3];
        this.cellUpdate = cellUpdate;
        this.hiddenMul = hiddenMul;
        this.batch = batch;
        this.inDim = inDim;
        this.state = state;
        this.inputOffset = -input.zeroPoint();
        this.hiddenOffset = -hidden.zeroPoint();
        int n = batch * state;
        fg = new short[n];
        ig = new short[n];
        cg = new short[n];
        og = new short[n];
        tanhCell = new short[n];
        x = new int[inDim];
        h = new int[state];
    }

    static LstmStep prepare(OpContext ctx, TensorData input, TensorData hidden, TensorData cell, TensorData output,
                            UnidirectionalSequenceLstm.CellUpdate cellUpdate, int batch, int inDim, int state)
            throws KernelException {
        Gate[] gates = {
            gate(ctx, input, hidden, 2, 6, 13),
            gate(ctx, input, hidden, 1, 5, 12),
            gate(ctx, input, hidden, 3, 7, 14),
            gate(ctx, input, hidden, 4, 8, 15),
        };
        // the hidden state is int16 here, so the product saturates to int16 instead of int8
        UnidirectionalSequenceLstm.MulParams hiddenMul = UnidirectionalSequenceLstm.MulParams.of(
                UnidirectionalSequenceLstm.GATE_OUTPUT_SCALE, UnidirectionalSequenceLstm.GATE_OUTPUT_SCALE,
                hidden.scale(), hidden.zeroPoint(), false);
        return new LstmInt16Step(input, hidden, cell, output, gates, cellUpdate, hiddenMul, batch, inDim, state);
    }

    private static Gate gate(OpContext ctx, TensorData input, TensorData hidden, int inW, int recW, int bias)
            throws KernelException {
        TensorData w = ctx.requireInput(inW);
        TensorData r = ctx.requireInput(recW);
        TensorData b = ctx.requireInput(bias);
        ctx.check(w.type() == TensorType.INT8 && r.type() == TensorType.INT8,
                "weights must be int8 with int16 activations");
        ctx.check(w.quantization() != null && !w.quantization().isPerChannel() && r.quantization() != null
                && !r.quantization().isPerChannel(), "weights must be quantized per tensor");
        ctx.check(b.type() == TensorType.INT64, "bias must be int64 with int16 activations, got " + b.type());
        float gateScale = UnidirectionalSequenceLstm.GATE_INPUT_SCALE;
        long qi = FixedPoint.quantizeMultiplier((double) (input.scale() * w.scale()) / (double) gateScale);
        long qr = FixedPoint.quantizeMultiplier((double) (hidden.scale() * r.scale()) / (double) gateScale);
        return new Gate(rows(w), b.copyLongs(), FixedPoint.multiplierOf(qi), FixedPoint.shiftOf(qi), rows(r),
                FixedPoint.multiplierOf(qr), FixedPoint.shiftOf(qr));
    }

    /**
     * A [units, depth] weight matrix as one int row per unit, with the weight offset (minus the zero point, which
     * TFLM's {@code CalculateOpDataFullyConnected} passes on; 0 for converter output) already added.
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

    @Override
    public void run(int inAt, int outAt, int stateAt) {
        computeGate(forget, inAt, stateAt, fg, false);
        computeGate(inputGate, inAt, stateAt, ig, false);
        computeGate(cellGate, inAt, stateAt, cg, true);
        int n = batch * state;
        cellUpdate.update(cell, stateAt, fg, ig, cg, n);
        computeGate(outputGate, inAt, stateAt, og, false);
        cellUpdate.tanhOfCell(cell, stateAt, tanhCell, n);
        for (int i = 0; i < n; i++) {
            hidden.setInt16(stateAt + i, hiddenMul.apply(tanhCell[i], og[i]));
        }
        for (int i = 0; i < n; i++) {
            output.setInt16(outAt + i, hidden.getInt16(stateAt + i));
        }
    }

    private void computeGate(Gate g, int inAt, int stateAt, short[] out, boolean tanh) {
        for (int b = 0; b < batch; b++) {
            for (int d = 0; d < inDim; d++) {
                x[d] = input.getInt16(inAt + b * inDim + d) + inputOffset;
            }
            for (int d = 0; d < state; d++) {
                h[d] = hidden.getInt16(stateAt + b * state + d) + hiddenOffset;
            }
            for (int s = 0; s < state; s++) {
                int[] wr = g.inW()[s];
                long acc = 0;
                for (int d = 0; d < inDim; d++) {
                    acc += wr[d] * x[d];
                }
                acc += g.bias()[s];
                int xv = FixedPoint.multiplyByQuantizedMultiplier(acc, g.inMult(), g.inShift());
                xv = Math.min(32767, Math.max(-32768, xv));
                int[] rr = g.recW()[s];
                long racc = 0;
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
