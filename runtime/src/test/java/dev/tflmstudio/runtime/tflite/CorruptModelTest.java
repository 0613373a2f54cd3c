package dev.tflmstudio.runtime.tflite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.ModelFormatException;
import dev.tflmstudio.runtime.model.Operator;
import dev.tflmstudio.runtime.model.Subgraph;
import dev.tflmstudio.runtime.model.Tensor;
import dev.tflmstudio.runtime.samples.SampleModels;
import dev.tflmstudio.runtime.tflm.TflmCompatibility;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Thousands of corrupted variants of real models: each either opens as a valid model or fails with a
 * {@link ModelFormatException}; never another exception, never a hang, never an allocation that grows with a number
 * read from the file.
 */
class CorruptModelTest {
    /** Reading a model of a few KB allocates far less; a size field obeyed blindly would allocate far more. */
    private static final long MAX_ALLOCATION_BYTES = 32L << 20;
    private static final long MAX_NANOS = 2_000_000_000L;
    private static final int[] INTERESTING = {0, 1, -1, 4, 0x7FFFFFFF, 0x80000000, 0x7FFFFFF0, 0xFFFF, 0x10000,
            0x3FFFFFFF, -4, 1 << 20};

    static Stream<Arguments> seeds() throws Exception {
        List<Arguments> args = new ArrayList<>();
        args.add(Arguments.of("sample_cnn_int8", SampleModels.sampleCnn().build()));
        String prop = System.getProperty("tflm.shared");
        Path models = Path.of(prop != null ? prop : "../shared").resolve("models");
        for (String name : List.of("tflm-hello_world_int8.tflite", "tflm-micro_speech_int8.tflite",
                "tflm-keyword_scrambled_8bit.tflite", "tflm-person_detect_vela_ethosu.tflite",
                "tflm-micro_speech_audio_preprocessor_int8.tflite")) {
            Path p = models.resolve(name);
            if (Files.isRegularFile(p)) {
                args.add(Arguments.of(name, Files.readAllBytes(p)));
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seeds")
    void everyCorruptionIsRejectedCleanlyOrReadsAsAValidModel(String name, byte[] original) {
        assertThat(tryRead(original, name + " unmodified")).isTrue();
        Random rng = new Random(name.hashCode());
        int variants = 0;
        int rejected = 0;

        // Truncation at every length up to 256 bytes, then at every 1/128 of the file.
        for (int len = 0; len < Math.min(256, original.length); len++) {
            rejected += tryRead(java.util.Arrays.copyOf(original, len), name + " truncated to " + len) ? 0 : 1;
            variants++;
        }
        for (int k = 1; k < 128; k++) {
            int len = (int) ((long) original.length * k / 128);
            rejected += tryRead(java.util.Arrays.copyOf(original, len), name + " truncated to " + len) ? 0 : 1;
            variants++;
        }
        // Random bit flips, one to eight per variant.
        for (int i = 0; i < 600; i++) {
            byte[] b = original.clone();
            int flips = 1 + rng.nextInt(8);
            StringBuilder what = new StringBuilder(name + " bits flipped at");
            for (int f = 0; f < flips; f++) {
                int pos = rng.nextInt(b.length);
                int bit = rng.nextInt(8);
                b[pos] ^= (byte) (1 << bit);
                what.append(' ').append(pos).append('.').append(bit);
            }
            rejected += tryRead(b, what.toString()) ? 0 : 1;
            variants++;
        }
        // Words set to values that break offsets, lengths and dimensions (out of range, negative, huge).
        for (int i = 0; i < 900; i++) {
            byte[] b = original.clone();
            int pos = rng.nextInt(b.length / 4) * 4;
            int value = rng.nextBoolean() ? INTERESTING[rng.nextInt(INTERESTING.length)]
                    : b.length + rng.nextInt(64) - 32;
            putInt(b, pos, value);
            rejected += tryRead(b, name + " word at " + pos + " set to " + value) ? 0 : 1;
            variants++;
        }
        assertThat(variants).isGreaterThan(1000);
        assertThat(rejected).as("most corruptions of %s are caught", name).isGreaterThan(variants / 10);
    }

    /** True when the bytes read as a valid model, false when rejected with ModelFormatException. */
    private static boolean tryRead(byte[] bytes, String what) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long allocatedBefore = mx.getThreadAllocatedBytes(tid);
        long start = System.nanoTime();
        boolean valid;
        try {
            Model m = ModelReader.read(bytes, what);
            touchEverything(m);
            valid = true;
        } catch (ModelFormatException e) {
            assertThat(e.getMessage()).as(what).isNotBlank().doesNotContain("\n");
            valid = false;
        } catch (Throwable t) {
            fail(what + ": " + t, t);
            return false;
        }
        long nanos = System.nanoTime() - start;
        long allocated = mx.getThreadAllocatedBytes(tid) - allocatedBefore;
        assertThat(nanos).as(what + ": took too long").isLessThan(MAX_NANOS);
        assertThat(allocated).as(what + ": allocated too much").isLessThan(MAX_ALLOCATION_BYTES);
        return valid;
    }

    /** What the app and the CLI do with an opened model must not fail either. */
    private static void touchEverything(Model m) {
        for (Subgraph sg : m.subgraphs()) {
            for (Tensor t : sg.tensors()) {
                t.arenaBytes();
                t.shape().toString();
                if (t.hasData()) {
                    t.data().get(0);
                }
            }
            for (Operator op : sg.operators()) {
                op.options().fields().size();
                op.customOptions().fields().size();
                op.opName();
            }
        }
        TflmCompatibility.problems(m);
    }

    private static void putInt(byte[] b, int pos, int v) {
        b[pos] = (byte) v;
        b[pos + 1] = (byte) (v >> 8);
        b[pos + 2] = (byte) (v >> 16);
        b[pos + 3] = (byte) (v >> 24);
    }
}
