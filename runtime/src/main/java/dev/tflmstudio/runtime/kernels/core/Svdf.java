package dev.tflmstudio.runtime.kernels.core;

import dev.tflmstudio.runtime.kernels.ActivationRange;
import dev.tflmstudio.runtime.kernels.FixedPoint;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.LibmFloat;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.ScratchBuffer;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.TensorType;
import java.nio.ByteBuffer;

/**
 * SVDF (micro/kernels/svdf_common.cc): float32, and int8 input with int8 or int16 time weights and state. The
 * activation state (input 4) is a variable tensor: shifted left by one each invoke, the newest feature column
 * written at the end. Scratch buffers live in the arena as TFLM's do.
 */
public final class Svdf {
    private Svdf() {
    }

    private record Dims(int batch, int input, int filters, int units, int memory, int rank) {
    }

    public static PreparedOp prepare(OpContext ctx) throws KernelException {
        TensorData input = ctx.requireInput(0);
        TensorData wf = ctx.requireInput(1);
        TensorData wt = ctx.requireInput(2);
        TensorData bias = ctx.input(3);
        TensorData state = ctx.requireInput(4);
        TensorData output = ctx.output(0);
        int rank = ctx.options().getInt("rank", 1);
        ctx.check(input.rank() == 2 && output.rank() == 2 && wf.rank() == 2 && wt.rank() == 2 && state.rank() == 2,
                "SVDF tensors must be 2-D");
        int filters = wf.dim(0);
        ctx.check(rank > 0 && filters % rank == 0, "num_filters % rank != 0");
        Dims d = new Dims(input.dim(0), input.dim(1), filters, filters / rank, wt.dim(1), rank);
        ctx.check(output.dim(0) == d.batch() && output.dim(1) == d.units(), "output shape mismatch");
        ctx.check(wf.dim(1) == d.input() && wt.dim(0) == filters, "weights shape mismatch");
        ctx.check(state.dim(0) == d.batch() && state.dim(1) == d.memory() * filters, "state shape mismatch");
        ctx.check(state.isVariable(), "activation state must be a variable tensor");
        ctx.check(ctx.inputCount() == 5, "SVDF needs 5 inputs");
        String act = ActivationRange.of(ctx);
        if (input.type() == TensorType.INT8) {
            ctx.check(wf.type() == TensorType.INT8, "weights_feature must be int8");
            ctx.check(wt.type() == TensorType.INT8 || wt.type() == TensorType.INT16, "weights_time must be int8/int16");
            ctx.check(state.type() == wt.type(), "state type must match weights_time");
            ctx.check(output.type() == TensorType.INT8, "output must be int8");
            ctx.check(bias == null || bias.type() == TensorType.INT32, "bias must be int32");
            long q1 = FixedPoint.quantizeMultiplier(input.scale() * wf.scale() / state.scale());
            long q2 = FixedPoint.quantizeMultiplier(state.scale() * wt.scale() / output.scale());
            ScratchBuffer scratch = ctx.requestScratch(d.batch() * filters * 4);
            ScratchBuffer scratchOut = ctx.requestScratch(d.batch() * d.units() * 4);
            byte[] wfb = wf.copyBytes();
            int[] wti = wt.copyInts();
            int[] b = bias == null ? null : bias.copyInts();
            return new IntegerSvdf(d, input, wfb, wti, b, state, output, scratch, scratchOut, q1, q2,
                    input.zeroPoint(), state.zeroPoint(), output.zeroPoint(), state.type() == TensorType.INT16);
        }
        ctx.check(input.type() == TensorType.FLOAT32, "input type " + input.type() + " not supported");
        ScratchBuffer scratch = ctx.requestScratch(d.batch() * filters * 4);
        float[] wff = wf.copyFloats();
        float[] wtf = wt.copyFloats();
        float[] b = bias == null ? null : bias.copyFloats();
        return () -> evalFloat(d, input, wff, wtf, b, state, output, scratch, act);
    }

    /** Drops the oldest of {@code count} state entries of {@code width} bytes, moving the rest down by one. */
    private static void shiftState(TensorData state, int width, int count) {
        int bytes = (count - 1) * width;
        int base = state.base();
        if (bytes <= 0) {
            return;
        }
        if (state.array() != null) {
            // arraycopy copies overlapping ranges as if through a temporary, so this moves every entry down by one
            System.arraycopy(state.array(), base + width, state.array(), base, bytes);
            return;
        }
        ByteBuffer s = state.buffer();
        for (int i = 0; i < bytes; i++) {
            s.put(base + i, s.get(base + width + i));
        }
    }

    private static void evalFloat(Dims d, TensorData input, float[] wf, float[] wt, float[] bias, TensorData state,
                                  TensorData output, ScratchBuffer scratch, String act) {
        int stateCount = d.batch() * d.filters() * d.memory();
        shiftState(state, 4, stateCount);
        for (int b = 0; b < d.batch(); b++) {
            for (int f = 0; f < d.filters(); f++) {
                float dot = 0f;
                for (int k = 0; k < d.input(); k++) {
                    dot += wf[f * d.input() + k] * input.getFloat32(b * d.input() + k);
                }
                state.setFloat32(b * d.filters() * d.memory() + f * d.memory() + d.memory() - 1, dot);
            }
        }
        ByteBuffer sc = scratch.buffer();
        int sb = scratch.base();
        for (int b = 0; b < d.batch(); b++) {
            for (int f = 0; f < d.filters(); f++) {
                float acc = 0f;
                for (int j = 0; j < d.memory(); j++) {
                    acc += wt[f * d.memory() + j] * state.getFloat32(b * d.memory() * d.filters() + f * d.memory() + j);
                }
                sc.putFloat(sb + 4 * (b * d.filters() + f), acc);
            }
        }
        for (int b = 0; b < d.batch(); b++) {
            for (int u = 0; u < d.units(); u++) {
                float v = bias == null ? 0f : bias[u];
                for (int r = 0; r < d.rank(); r++) {
                    v += sc.getFloat(sb + 4 * (b * d.filters() + u * d.rank() + r));
                }
                output.setFloat32(b * d.units() + u, activation(act, v));
            }
        }
    }

    /** {@code ActivationValFloat}. */
    static float activation(String act, float a) {
        return switch (act) {
            case "RELU" -> 0f < a ? a : 0f;
            case "RELU_N1_TO_1" -> Math.max(-1f, Math.min(a, 1f));
            case "RELU6" -> Math.max(0f, Math.min(a, 6f));
            // std::tanh on a float is glibc's tanhf
            case "TANH" -> LibmFloat.tanh(a);
            case "SIGN_BIT" -> (Float.floatToRawIntBits(a) < 0) ? 1f : 0f;
            default -> a;
        };
    }

    private static final class IntegerSvdf implements PreparedOp {
        /** int16 state values straight from the arena array (plain loads once compiled). */
        private static final java.lang.invoke.VarHandle INT16 = java.lang.invoke.MethodHandles
                .byteArrayViewVarHandle(short[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
        private final Dims d;
        private final TensorData input;
        /** The feature weights by input element: {@code wfByInput[k][f]} (filters contiguous, a vectorized loop). */
        private final int[][] wfByInput;
        private final int[] dots;
        private final int[] wt;
        private final int[] bias;
        private final TensorData state;
        private final TensorData output;
        private final ScratchBuffer scratch;
        private final ScratchBuffer scratchOut;
        private final int m1;
        private final int s1;
        private final int m2;
        private final int s2;
        private final int inZp;
        private final int stateZp;
        private final int outZp;
        private final boolean int16State;
        /** Eval's working copies: one batch's input and the whole state, each less its zero point. */
        private final int[] inputRow;
        private final int[] stateValues;

        IntegerSvdf(Dims d, TensorData input, byte[] wf, int[] wt, int[] bias, TensorData state, TensorData output,
                    ScratchBuffer scratch, ScratchBuffer scratchOut, long q1, long q2, int inZp, int stateZp,
                    int outZp, boolean int16State) {
            this.d = d;
            this.input = input;
            this.wfByInput = new int[d.input()][d.filters()];
            for (int f = 0; f < d.filters(); f++) {
                for (int k = 0; k < d.input(); k++) {
                    wfByInput[k][f] = wf[f * d.input() + k];
                }
            }
            this.dots = new int[d.filters()];
            this.wt = wt;
            this.bias = bias;
            this.state = state;
            this.output = output;
            this.scratch = scratch;
            this.scratchOut = scratchOut;
            this.m1 = FixedPoint.multiplierOf(q1);
            this.s1 = FixedPoint.shiftOf(q1);
            this.m2 = FixedPoint.multiplierOf(q2);
            this.s2 = FixedPoint.shiftOf(q2);
            this.inZp = inZp;
            this.stateZp = stateZp;
            this.outZp = outZp;
            this.int16State = int16State;
            this.inputRow = new int[d.input()];
            this.stateValues = new int[d.batch() * d.filters() * d.memory()];
        }

        @Override
        public void eval() {
            int width = int16State ? 2 : 1;
            int filters = d.filters();
            int memory = d.memory();
            shiftState(state, width, d.batch() * filters * memory);
            int lo = int16State ? Short.MIN_VALUE : Byte.MIN_VALUE;
            int hi = int16State ? Short.MAX_VALUE : Byte.MAX_VALUE;
            int inputSize = d.input();
            int[] in = inputRow;
            int[] dot = dots;
            for (int b = 0; b < d.batch(); b++) {
                // the batch's input, offset by its zero point, read once for all filters
                for (int k = 0; k < inputSize; k++) {
                    in[k] = input.getInt8(b * inputSize + k) - inZp;
                }
                // every filter's dot product at once, input element by input element (int sums: any order is exact)
                java.util.Arrays.fill(dot, 0);
                for (int k = 0; k < inputSize; k++) {
                    int x = in[k];
                    int[] w = wfByInput[k];
                    for (int f = 0; f < filters; f++) {
                        dot[f] += w[f] * x;
                    }
                }
                for (int f = 0; f < filters; f++) {
                    int v = FixedPoint.multiplyByQuantizedMultiplier(dot[f], m1, s1);
                    v = stateZp + v;
                    v = Math.min(Math.max(lo, v), hi);
                    int at = b * filters * memory + f * memory + memory - 1;
                    if (int16State) {
                        state.setInt16(at, v);
                    } else {
                        state.setInt8(at, v);
                    }
                }
            }
            ByteBuffer sc = scratch.buffer();
            int sb = scratch.base();
            int[] st = stateValues;
            byte[] sa = state.array();
            int stateBase = state.base();
            if (int16State && sa != null) {
                for (int i = 0; i < st.length; i++) {
                    st[i] = (short) INT16.get(sa, stateBase + 2 * i) - stateZp;
                }
            } else if (int16State) {
                for (int i = 0; i < st.length; i++) {
                    st[i] = state.getInt16(i) - stateZp;
                }
            } else if (sa != null) {
                for (int i = 0; i < st.length; i++) {
                    st[i] = sa[stateBase + i] - stateZp;
                }
            } else {
                for (int i = 0; i < st.length; i++) {
                    st[i] = state.getInt8(i) - stateZp;
                }
            }
            for (int b = 0; b < d.batch(); b++) {
                for (int f = 0; f < filters; f++) {
                    int acc = 0;
                    int row = f * memory;
                    int at = b * memory * filters + row;
                    for (int j = 0; j < memory; j++) {
                        acc += wt[row + j] * st[at + j];
                    }
                    sc.putInt(sb + 4 * (b * filters + f), acc);
                }
            }
            ByteBuffer so = scratchOut.buffer();
            int ob = scratchOut.base();
            for (int b = 0; b < d.batch(); b++) {
                for (int u = 0; u < d.units(); u++) {
                    int v = bias == null ? 0 : bias[u];
                    for (int r = 0; r < d.rank(); r++) {
                        v += sc.getInt(sb + 4 * (b * filters + u * d.rank() + r));
                    }
                    so.putInt(ob + 4 * (b * d.units() + u), v);
                }
            }
            for (int i = 0; i < d.batch() * d.units(); i++) {
                int x = FixedPoint.multiplyByQuantizedMultiplier(so.getInt(ob + 4 * i), m2, s2) + outZp;
                output.setInt8(i, Math.min(Math.max(-128, x), 127));
            }
        }
    }
}
