package dev.tflmstudio.runtime.kernels.core;

import static dev.tflmstudio.runtime.kernels.core.LstmModels.C;
import static dev.tflmstudio.runtime.kernels.core.LstmModels.F;
import static dev.tflmstudio.runtime.kernels.core.LstmModels.I;
import static dev.tflmstudio.runtime.kernels.core.LstmModels.O;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tflmstudio.runtime.interpreter.Session;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.TensorType;
import dev.tflmstudio.runtime.plan.ScratchRequest;
import dev.tflmstudio.runtime.plan.ScratchRequests;
import dev.tflmstudio.runtime.plan.Target;
import dev.tflmstudio.runtime.tflite.ModelReader;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * UNIDIRECTIONAL_SEQUENCE_LSTM in float32 and int16x8: tiny cases worked out by hand from TFLM's lstm_eval, and
 * invariants (zero weights give zero output, state carried across steps and invokes, reset clears it, batch rows
 * are independent whatever the layout).
 */
class LstmFloatAndInt16Test {

    /**
     * Float, 1 batch, 2 steps, 2 units, input [1, 2] then [0, 0]. Pre-activations are chosen where TFLM's logistic
     * and tanhf are exact: logistic(x > 16.6) = 1, logistic(-300) = expf(-300) = 0, logistic(0) = 0.5,
     * tanhf(|x| >= 20) = +-1.
     * Step 1: f = 0, i = 1, g = tanh([20, -20]) = [1, -1], o = 1: c = [1, -1], h = [tanh 1, -tanh 1].
     * Step 2: f = 0.5, i = 1, g = tanh(40 * h[0]) = [1, 1] (recurrent only), o = 1: c = 0.5 c + 1 = [1.5, 0.5],
     * h = [tanh 1.5, tanh 0.5].
     */
    @Test
    void floatTwoStepsMatchHandDerivation() throws Exception {
        LstmModels.Weights w = handWeights();
        Session s = session(LstmModels.build(TensorType.FLOAT32, new int[] {1, 2, 2}, 2, false, 0f, w));
        float[] out = runFloat(s, 1f, 2f, 0f, 0f);
        float t1 = LstmFloatStep.tanhf(1f);
        assertThat(out).containsExactly(t1, -t1, LstmFloatStep.tanhf(1.5f), LstmFloatStep.tanhf(0.5f));
        // glibc's tanhf, which the kernel reproduces, agrees with the true tanh to within an ulp
        assertThat((double) t1).isCloseTo(Math.tanh(1.0), org.assertj.core.data.Offset.offset(1e-7));
        assertThat(LstmFloatStep.logistic(0f)).isEqualTo(0.5f);
        assertThat(LstmFloatStep.logistic(-300f)).isEqualTo(0f);
        assertThat(LstmFloatStep.logistic(17f)).isEqualTo(1f);
    }

    /** Same first step with cell_clip 0.5: c = [1, -1] is clipped to [0.5, -0.5], so h = +-tanh(0.5). */
    @Test
    void floatCellClipLimitsTheCellState() throws Exception {
        Session s = session(LstmModels.build(TensorType.FLOAT32, new int[] {1, 1, 2}, 2, false, 0.5f,
                handWeights()));
        float t = LstmFloatStep.tanhf(0.5f);
        assertThat(runFloat(s, 1f, 2f)).containsExactly(t, -t);
    }

    /**
     * int16x8, 1 step, 2 units, x = [1000, -2000] (input scale 2^-12, weight scale 1, so pre-activations in Q3.12
     * are plain dot products plus the int64 bias). Forget, input and output gates have zero weights and bias:
     * sigmoid(0) = 16384 (0.5 in Q0.15). Cell gate rows [3, 1] and [0, -1], bias [-500, 30000]: pre = [500, 32000],
     * g = tanh = [3980, 32767] (tanh(500/4096) * 32768 = 3980.2; saturated). Cell scale 2^-11: c = 0.5 * 0 +
     * round(16384 g / 2^19) = [124, 1024]. Hidden: tanh(c / 2048) in Q0.15 from TFLM's table = [1981, 15143]
     * (true values 1981.6, 15142.7), times o = 0.5, rounded: [991, 7572].
     */
    @Test
    void int16x8OneStepMatchesHandDerivation() throws Exception {
        LstmModels.Weights w = LstmModels.Weights.zero(2, 2);
        w.inW()[C] = new double[] {3, 1, 0, -1};
        w.bias()[C] = new double[] {-500, 30000};
        Session s = session(LstmModels.build(TensorType.INT16, new int[] {1, 1, 2}, 2, false, 0f, w));
        s.setInput(0, LstmModels.shorts(1000, -2000));
        s.run();
        assertThat(LstmModels.toShorts(s.read(outputOf(s)).raw())).containsExactly(991, 7572);
    }

    @Test
    void zeroWeightsGiveZeroOutput() throws Exception {
        for (TensorType t : new TensorType[] {TensorType.FLOAT32, TensorType.INT16}) {
            Session s = session(LstmModels.build(t, new int[] {2, 3, 4}, 3, false, 0f,
                    LstmModels.Weights.zero(4, 3)));
            byte[] in = randomInput(t, 2 * 3 * 4, 7);
            s.setInput(0, in);
            s.run();
            byte[] out = s.read(outputOf(s)).raw();
            // float zeros may be +0 or -0 (tanh(0) * 0.5); both are zero
            if (t == TensorType.FLOAT32) {
                for (float f : LstmModels.toFloats(out)) {
                    assertThat(f).isZero();
                }
            } else {
                assertThat(out).containsOnly(0);
            }
        }
    }

    @Test
    void stateCarriesAcrossInvokesAndResetClearsIt() throws Exception {
        for (TensorType t : new TensorType[] {TensorType.FLOAT32, TensorType.INT16}) {
            Session s = session(LstmModels.build(t, new int[] {1, 3, 4}, 3, false, 0f, randomWeights(t, 4, 3, 5)));
            byte[] in = randomInput(t, 3 * 4, 9);
            byte[] first = invoke(s, in);
            byte[] second = invoke(s, in);
            assertThat(second).as(t + ": the second invoke starts from the state the first left")
                    .isNotEqualTo(first);
            s.reset();
            assertThat(invoke(s, in)).as(t + ": after reset").isEqualTo(first);
        }
    }

    /**
     * Each batch row is its own sequence: a 2-row batch, batch-major or time-major, gives exactly what each row
     * gives alone (this checks the input, output and state offsets of both layouts).
     */
    @Test
    void batchRowsAreIndependentInBothLayouts() throws Exception {
        for (TensorType t : new TensorType[] {TensorType.FLOAT32, TensorType.INT16}) {
            int time = 3;
            int inDim = 2;
            int state = 3;
            int width = t.tflmByteSize();
            LstmModels.Weights w = randomWeights(t, inDim, state, 21);
            byte[] rows = randomInput(t, 2 * time * inDim, 22);
            int rowBytes = time * inDim * width;
            byte[][] alone = new byte[2][];
            for (int r = 0; r < 2; r++) {
                Session one = session(LstmModels.build(t, new int[] {1, time, inDim}, state, false, 0f, w));
                alone[r] = invoke(one, Arrays.copyOfRange(rows, r * rowBytes, (r + 1) * rowBytes));
            }
            Session batchMajor = session(LstmModels.build(t, new int[] {2, time, inDim}, state, false, 0f, w));
            byte[] bm = invoke(batchMajor, rows);
            int outRow = time * state * width;
            assertThat(Arrays.copyOfRange(bm, 0, outRow)).as(t + " batch-major row 0").isEqualTo(alone[0]);
            assertThat(Arrays.copyOfRange(bm, outRow, 2 * outRow)).as(t + " batch-major row 1").isEqualTo(alone[1]);

            // time major: [time, batch, inDim], rows interleaved per step
            byte[] tmIn = new byte[rows.length];
            int stepIn = inDim * width;
            for (int r = 0; r < 2; r++) {
                for (int k = 0; k < time; k++) {
                    System.arraycopy(rows, (r * time + k) * stepIn, tmIn, (k * 2 + r) * stepIn, stepIn);
                }
            }
            Session timeMajor = session(LstmModels.build(t, new int[] {time, 2, inDim}, state, true, 0f, w));
            byte[] tm = invoke(timeMajor, tmIn);
            int stepOut = state * width;
            for (int r = 0; r < 2; r++) {
                for (int k = 0; k < time; k++) {
                    assertThat(Arrays.copyOfRange(tm, (k * 2 + r) * stepOut, (k * 2 + r + 1) * stepOut))
                            .as(t + " time-major row " + r + " step " + k)
                            .isEqualTo(Arrays.copyOfRange(alone[r], k * stepOut, (k + 1) * stepOut));
                }
            }
        }
    }

    /** The four gate buffers are batch x state cell-state elements each, as TFLM requests them. */
    @Test
    void requestsFourGateBuffersSizedByTheCellType() throws Exception {
        for (TensorType t : new TensorType[] {TensorType.FLOAT32, TensorType.INT16}) {
            Model m = ModelReader.read(LstmModels.build(t, new int[] {2, 3, 4}, 5, false, 0f,
                    LstmModels.Weights.zero(4, 5)), "lstm");
            Session s = Session.allocate(m);
            long bytes = 2L * 5 * t.tflmByteSize();
            for (int i = 0; i < 4; i++) {
                assertThat(s.layout().plan().scratch(0, i).orElseThrow().rawBytes()).isEqualTo(bytes);
            }
            assertThat(ScratchRequests.of(m, Target.HOST64)).extracting(ScratchRequest::bytes)
                    .containsExactly(bytes, bytes, bytes, bytes);
        }
    }

    @Test
    void negativeCellClipIsRefusedAtPrepare() throws Exception {
        LstmModels.Weights w = LstmModels.Weights.zero(2, 2);
        byte[] bad = LstmModels.build(TensorType.INT16, new int[] {1, 1, 2}, 2, false, -1f, w);
        Model m = ModelReader.read(bad, "lstm");
        assertThatThrownBy(() -> Session.allocate(m)).isInstanceOf(KernelException.class)
                .hasMessageContaining("cell_clip")
                .satisfies(e -> assertThat(((KernelException) e).stage()).isEqualTo(KernelException.Stage.PREPARE));
    }

    private static LstmModels.Weights handWeights() {
        LstmModels.Weights w = LstmModels.Weights.zero(2, 2);
        w.inW()[F] = new double[] {-300, 0, -300, 0};
        w.bias()[I] = new double[] {100, 100};
        w.inW()[C] = new double[] {10, 5, -4, -8};
        w.recW()[C] = new double[] {40, 0, 40, 0};
        w.bias()[O] = new double[] {100, 100};
        return w;
    }

    /** Random weights: floats in [-1, 1), or int8 weights and int64 biases small enough for Q3.12 gates. */
    private static LstmModels.Weights randomWeights(TensorType t, int inDim, int state, long seed) {
        Random rng = new Random(seed);
        LstmModels.Weights w = LstmModels.Weights.zero(inDim, state);
        for (int g = 0; g < 4; g++) {
            fill(w.inW()[g], rng, t);
            fill(w.recW()[g], rng, t);
            for (int i = 0; i < state; i++) {
                w.bias()[g][i] = t == TensorType.FLOAT32 ? rng.nextFloat() - 0.5 : rng.nextInt(4001) - 2000;
            }
        }
        return w;
    }

    private static void fill(double[] a, Random rng, TensorType t) {
        for (int i = 0; i < a.length; i++) {
            a[i] = t == TensorType.FLOAT32 ? 2 * rng.nextFloat() - 1 : rng.nextInt(255) - 127;
        }
    }

    private static byte[] randomInput(TensorType t, int n, long seed) {
        Random rng = new Random(seed);
        if (t == TensorType.FLOAT32) {
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = 4 * rng.nextFloat() - 2;
            }
            return LstmModels.floats(v);
        }
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextInt(8001) - 4000;
        }
        return LstmModels.shorts(v);
    }

    private static Session session(byte[] model) throws Exception {
        return Session.allocate(ModelReader.read(model, "lstm"));
    }

    private static int outputOf(Session s) {
        return s.model().main().outputs().get(0);
    }

    private static byte[] invoke(Session s, byte[] in) throws KernelException {
        s.setInput(0, in);
        s.run();
        return s.read(outputOf(s)).raw();
    }

    private static float[] runFloat(Session s, float... in) throws KernelException {
        return LstmModels.toFloats(invoke(s, LstmModels.floats(in)));
    }
}
