package dev.tflmstudio.runtime.kernels.signal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.runtime.interpreter.Session;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.Operator;
import dev.tflmstudio.runtime.ref.RefModels;
import dev.tflmstudio.runtime.tflite.ModelReader;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The micro_speech front end's window, auto-scale and energy ops on samples the reference runs never reach (full
 * scale, -32768, saturating products), and the integer square roots near every rounding edge, each against the C
 * code's arithmetic written out plainly here: the kernels compute on packed int16 pairs and an FPU root, so these
 * are the cases where such rewrites go wrong.
 */
class SignalExtremeValuesTest {
    private static final short[] EXTREMES = {Short.MIN_VALUE, Short.MAX_VALUE, -1, 0, 1, Short.MIN_VALUE + 1, -2};

    private Session session;

    @BeforeEach
    void load() throws Exception {
        Path shared = RefModels.shared();
        Assumptions.assumeTrue(shared != null, "tflm.shared is not set");
        session = Session.allocate(ModelReader.open(
                shared.resolve("models").resolve("tflm-micro_speech_audio_preprocessor_int8.tflite")));
    }

    @Test
    void windowSaturatesFullScaleSamplesAsTheCCodeDoes() throws Exception {
        byte[] raw = new byte[960];
        short[] samples = samples(480, new Random(1));
        for (int i = 0; i < samples.length; i++) {
            raw[2 * i] = (byte) samples[i];
            raw[2 * i + 1] = (byte) (samples[i] >> 8);
        }
        session.setInput(0, raw);
        session.runTo(0);
        Operator window = op(0, "SignalWindow");
        TensorData weights = session.tensor(window.inputs().get(1));
        TensorData out = session.tensor(window.outputs().get(0));
        int shift = option(window, "shift");
        for (int i = 0; i < samples.length; i++) {
            int raw32 = (samples[i] * weights.getInt16(i)) >> shift;
            short want = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, raw32));
            assertThat(out.getInt16(i)).as("sample %d", i).isEqualTo(want);
        }
    }

    @Test
    void windowWhoseWeightsCanSaturateClampsAsTheCCodeDoes() throws Exception {
        Path file = RefModels.shared().resolve("models").resolve("tflm-micro_speech_audio_preprocessor_int8.tflite");
        byte[] model = Files.readAllBytes(file);
        ByteBuffer weights = session.tensor(op(0, "SignalWindow").inputs().get(1)).tensor().data();
        byte[] original = new byte[weights.remaining()];
        weights.get(weights.position(), original);
        int at = indexOf(model, original);
        assertThat(at).as("the window weights in the model file").isNotNegative();
        Random random = new Random(3);
        for (int i = 0; i < original.length / 2; i++) {
            // full-scale weights of both signs: products of full-scale samples leave int16 after the shift
            short w = i % 3 == 0 ? Short.MIN_VALUE : i % 3 == 1 ? Short.MAX_VALUE : (short) random.nextInt();
            model[at + 2 * i] = (byte) w;
            model[at + 2 * i + 1] = (byte) (w >> 8);
        }
        session = Session.allocate(ModelReader.read(model, "micro_speech front end, saturating window"));
        windowSaturatesFullScaleSamplesAsTheCCodeDoes();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void autoScaleFollowsTheInt16ScanWhenMinus32768IsPresent() throws Exception {
        for (int seed = 0; seed < 4; seed++) {
            short[] samples = samples(480, new Random(seed));
            if (seed % 2 == 1) {
                for (int i = 0; i < samples.length; i++) {
                    samples[i] >>= 9; // quiet enough to shift, with a -32768 placed below
                }
            }
            samples[seed * 100] = Short.MIN_VALUE;
            checkAutoScale(samples);
        }
        short[] quiet = samples(480, new Random(9));
        for (int i = 0; i < quiet.length; i++) {
            quiet[i] >>= 11; // no -32768: the or-ed magnitudes path, with a shift of 4
        }
        checkAutoScale(quiet);
    }

    private void checkAutoScale(short[] samples) throws Exception {
        session.runTo(1);
        Operator autoScale = op(2, "SignalFftAutoScale");
        TensorData in = session.tensor(autoScale.inputs().get(0));
        for (int i = 0; i < samples.length; i++) {
            in.setInt16(i, samples[i]);
        }
        session.step();
        short max = 0;
        for (short v : samples) {
            if (v > max) {
                max = v;
            } else if (-v > max) {
                max = (short) -v;
            }
        }
        int msb = max == 0 ? 32 : 32 - Integer.numberOfLeadingZeros(max);
        int bits = Math.max(0, 16 - msb - 1);
        assertThat(session.tensor(autoScale.outputs().get(1)).getInt32(0)).isEqualTo(bits);
        TensorData out = session.tensor(autoScale.outputs().get(0));
        for (int i = 0; i < samples.length; i++) {
            assertThat(out.getInt16(i)).as("sample %d", i).isEqualTo((short) (samples[i] << bits));
        }
    }

    @Test
    void energySquaresFullScaleBinsWithUint32Wrapping() throws Exception {
        session.runTo(3);
        Operator energy = op(4, "SignalEnergy");
        TensorData in = session.tensor(energy.inputs().get(0));
        short[] spectrum = samples(in.elementCount(), new Random(5));
        for (int i = 0; i < spectrum.length; i++) {
            in.setInt16(i, spectrum[i]);
        }
        session.step();
        TensorData out = session.tensor(energy.outputs().get(0));
        for (int k = option(energy, "start_index"); k < option(energy, "end_index"); k++) {
            int re = spectrum[2 * k];
            int im = spectrum[2 * k + 1];
            assertThat(out.getInt32(k)).as("bin %d", k).isEqualTo(re * re + im * im);
        }
    }

    @Test
    void squareRootsRoundAsTheDigitByDigitCCode() {
        Random random = new Random(7);
        long[] roots = {0, 1, 2, 3, 255, 0xFFFF, 0x10000, 46340, 46341, (1L << 26) - 1, 1L << 26, 0xFFFFFFFFL};
        for (long k : roots) {
            for (long v : new long[] {k * k - 1, k * k, k * k + k, k * k + k + 1, k * k + 2 * k}) {
                checkRoot(v);
            }
        }
        for (long v : new long[] {0xFFFFFFFFL, 1L << 32, (1L << 52) - 1, 1L << 52, -1L, Long.MIN_VALUE, Long.MAX_VALUE}) {
            checkRoot(v);
        }
        for (int i = 0; i < 200_000; i++) {
            checkRoot(random.nextLong() >>> random.nextInt(64));
        }
    }

    private static void checkRoot(long v) {
        assertThat(SignalMath.sqrt64(v)).as("Sqrt64(%s)", Long.toUnsignedString(v)).isEqualTo(digitRoot(v, 64));
        if ((v >>> 32) == 0) {
            assertThat(SignalMath.sqrt32((int) v)).as("Sqrt32(%d)", v).isEqualTo(digitRoot(v, 32));
        }
    }

    /** TFLM's Sqrt32 / Sqrt64 as written: Sqrt64 hands values below 2^32 to Sqrt32 (uint16 result, cap 0xFFFF). */
    private static int digitRoot(long num, int width) {
        if (width == 64 && (num >>> 32) == 0) {
            width = 32;
        }
        if (num == 0) {
            return 0;
        }
        int msb = 64 - Long.numberOfLeadingZeros(num);
        int maxBit = (width - msb) | 1;
        long bit = 1L << (width - 1 - maxBit);
        long res = 0;
        for (int n = (width - 1 - maxBit) / 2 + 1; n > 0; n--) {
            if (Long.compareUnsigned(num, res + bit) >= 0) {
                num -= res + bit;
                res = (res >>> 1) + bit;
            } else {
                res >>>= 1;
            }
            bit >>>= 2;
        }
        long cap = width == 32 ? 0xFFFF : 0xFFFFFFFFL;
        if (Long.compareUnsigned(num, res) > 0 && res != cap) {
            ++res;
        }
        return (int) res;
    }

    /** Random int16 samples with the extremes spread among them. */
    private static short[] samples(int n, Random random) {
        short[] s = new short[n];
        for (int i = 0; i < n; i++) {
            s[i] = i % 5 == 0 ? EXTREMES[(i / 5) % EXTREMES.length] : (short) random.nextInt();
        }
        return s;
    }

    private Operator op(int index, String name) {
        Operator op = session.model().main().operator(index);
        assertThat(op.opName()).isEqualTo(name);
        return op;
    }

    private static int option(Operator op, String name) {
        return ((Number) op.customOptions().fields().get(name)).intValue();
    }
}
