package dev.tflmstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tflmstudio.runtime.model.Quantization;
import dev.tflmstudio.runtime.model.TensorType;
import dev.tflmstudio.runtime.samples.HostileModels;
import dev.tflmstudio.runtime.tflite.ModelBuilder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Models the reader accepts but whose graph is hostile, through the command line: a refusal is exit 3 with exactly
 * one {@code error:} line and no stack trace, allocating little; a WHILE that never ends stops at its limit or on
 * Ctrl+C; empty graphs and resource tensors run.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS) // a hang guard: each of these used to recurse, loop or exhaust memory
class HostileModelsCommandTest extends CommandLineTest {
    /** Refusing reads a model of a few hundred bytes and checks it: far less than any tensor it describes. */
    private static final long MAX_ALLOCATION_BYTES = 64L << 20;

    @TempDir
    Path tmp;

    private Path write(String name, byte[] bytes) throws Exception {
        Path p = tmp.resolve(name + ".tflite");
        Files.write(p, bytes);
        return p;
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("self-calling-while", HostileModels.selfCallingWhile(),
                        "subgraph 2 -> 2 (subgraph 2, operator 0 (WHILE) calls 2)"),
                Arguments.of("if-cycle", HostileModels.ifCycle(), "subgraph 1 -> 2 -> 1 (subgraph 1, operator 0 (IF) "
                        + "calls 2; subgraph 2, operator 0 (IF) calls 1)"),
                Arguments.of("huge-activation", HostileModels.hugeActivation(TensorType.INT8, 1, 500_000_000),
                        "tensor 0 'x' INT8[1,500000000]: needs 500,000,000 bytes, over the 256 MiB"),
                Arguments.of("int-overflowing-shape", HostileModels.hugeActivation(TensorType.INT32, 65536, 65536),
                        "needs 17,179,869,184 bytes"),
                Arguments.of("arena-over-the-limit", HostileModels.arenaOverTheLimit(),
                        "the arena needs 400,000,000 bytes"),
                Arguments.of("required-input-omitted", HostileModels.requiredInputOmitted(),
                        "subgraph 0, operator 0 (MAXIMUM): input 1 is omitted (-1), and TFLM's MAXIMUM reads it"),
                Arguments.of("too-few-inputs", HostileModels.tooFewInputs(),
                        "operator 0 (MEAN): input 1 is absent (the op has 1), and TFLM's MEAN reads it"),
                Arguments.of("no-outputs", HostileModels.opWithoutOutputs(), "operator 0 (ABS): has no outputs"),
                Arguments.of("two-writers", HostileModels.twoWriters(), "output tensor 1 'y' is already written by "
                        + "operator 0 (ABS)"),
                Arguments.of("writes-constant", HostileModels.writesConstant(), "output tensor 1 'w' is a constant"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void planRunAndProfileRefuseWithOneErrorLineAndExit3(String name, byte[] bytes, String why) throws Exception {
        Path model = write(name, bytes);
        for (List<String> args : List.of(List.of("plan"), List.of("run"), List.of("run", "--json"),
                List.of("profile", "--repeat", "1"))) {
            String what = name + ": " + args;
            long allocated = allocatedBytes(() -> {
                String[] a = Stream.concat(args.stream(), Stream.of(model.toString())).toArray(String[]::new);
                assertThat(run(a)).as(what + "\n" + err).isEqualTo(ExitCode.INVALID_INPUT);
            });
            assertThat(err.strip().lines()).as(what).hasSize(1).allMatch(l -> l.startsWith("error: "));
            assertThat(err).as(what).contains(why).doesNotContain("internal error", "Exception", "\tat ");
            assertThat(allocated).as(what + ": allocated bytes").isLessThan(MAX_ALLOCATION_BYTES);
        }
        // inspect only describes the file: it shows hostile graphs as they are
        assertThat(run("inspect", model.toString())).as(err).isZero();
        assertThat(run("inspect", "--json", model.toString())).as(err).isZero();
    }

    /**
     * Omitted inputs TFLM's Prepare refuses: plan and run refuse in prepare with its words (exit 4), profile gives
     * its estimate and says why there are no local timings; never an exception inside.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("prepareRefusals")
    void omittedInputsTflmRefusesInPrepareGiveOneErrorLineAndExit4(String name, byte[] bytes, String why)
            throws Exception {
        Path model = write(name, bytes);
        for (List<String> args : List.of(List.of("plan"), List.of("plan", "--target", "mcu32", "--kernels",
                "cmsis-nn"), List.of("run"), List.of("profile", "--repeat", "1"))) {
            String[] a = Stream.concat(args.stream(), Stream.of(model.toString())).toArray(String[]::new);
            String what = name + ": " + args;
            boolean profile = args.get(0).equals("profile");
            assertThat(run(a)).as(what + "\n" + err).isEqualTo(profile ? 0 : ExitCode.NOT_RUNNABLE);
            assertThat(err.strip().lines()).as(what).hasSize(1)
                    .allMatch(l -> l.startsWith(profile ? "warning: no local timings: " : "error: "));
            assertThat(err).as(what).contains(why).doesNotContain("internal error", "Exception", "\tat ");
        }
    }

    static Stream<Arguments> prepareRefusals() {
        return Stream.of(
                Arguments.of("add-input-omitted", HostileModels.inputOmittedRefusedInPrepare(),
                        "op 0 ADD: input2 != nullptr was not true."),
                Arguments.of("conv-without-filter", HostileModels.convWithoutFilter(),
                        "op 0 CONV_2D: filter != nullptr was not true."));
    }

    @Test
    void aWhileThatNeverEndsStopsAtTheIterationLimitNamingTheOp() throws Exception {
        Path model = write("never-ending-while", HostileModels.neverEndingWhile(1));
        assertThat(run("run", model.toString(), "--max-while-iterations", "1000")).isEqualTo(ExitCode.NOT_RUNNABLE);
        assertThat(err.strip()).isEqualTo("error: op 1 WHILE: the condition (subgraph 1) is still true after 1,000 "
                + "iterations; stopped at the WHILE iteration limit");
        assertThat(run("run", model.toString(), "--max-while-iterations", "0")).isEqualTo(ExitCode.USAGE);
        assertThat(run("profile", model.toString(), "--repeat", "1", "--max-while-iterations", "50")).isZero();
        assertThat(err).contains("warning: no local timings: op 1 WHILE: the condition (subgraph 1) is still true "
                + "after 50 iterations");
    }

    /** SIGINT to a real process: the shutdown hook cancels the session, one line, exit 130 (128 + SIGINT). */
    @Test
    void ctrlCStopsALoopingWhileWithOneLineAndExit130() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(Path.of("/proc/self/status")) && Files.isExecutable(
                Path.of("/bin/kill")), "needs Linux signals");
        Assumptions.assumeFalse(sigintIgnored(), "SIGINT is ignored in this environment (a background job without "
                + "job control); a child would ignore it too");
        Path model = write("never-ending-while", HostileModels.neverEndingWhile(1));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "dev.tflmstudio.app.Main", "run", model.toString(), "--step", "--max-while-iterations",
                String.valueOf(Long.MAX_VALUE)).start();
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                return e.toString();
            }
        });
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("op   0 ADD"));
            assertThat(line).as("op 0 ran (stderr: %s)", p.isAlive() ? "" : stderr.join()).isNotNull();
            Thread.sleep(300); // now inside op 1's loop
            new ProcessBuilder("/bin/kill", "-INT", String.valueOf(p.pid())).start().waitFor();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("exited after SIGINT").isTrue();
        } finally {
            p.destroyForcibly();
        }
        assertThat(p.exitValue()).isEqualTo(ExitCode.CANCELLED);
        assertThat(stderr.join().strip()).isEqualTo("cancelled at op 1 WHILE (Ctrl+C)");
    }

    /** Bit 1 (SIGINT) of this process's ignored-signal mask. */
    private static boolean sigintIgnored() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseLong(line.substring(7).strip(), 16) & 2) != 0;
            }
        }
        return false;
    }

    @Test
    void anEmptyMainGraphRunsAndGivesItsInputBack() throws Exception {
        Path model = write("empty-main", HostileModels.emptyMain());
        assertThat(run("run", model.toString())).as(err).isZero();
        // the reference pattern for float32: (i*31+7) % 256 / 128 - 1
        assertThat(out).contains("output 0: tensor 0 FLOAT32[2]", "-0.9453125,-0.703125");
        assertThat(run("run", model.toString(), "--json", "--repeat", "2")).as(err).isZero();
        JsonNode root = new ObjectMapper().readTree(out);
        assertThat(root.get("outputs").get(0).get("values")).hasSize(2);
        assertThat(root.get("ops")).isEmpty();
        assertThat(run("run", model.toString(), "--until", "0")).isEqualTo(ExitCode.USAGE);
        assertThat(err).contains("the main graph has no ops");
        assertThat(run("plan", model.toString())).as(err).isZero();
        assertThat(run("profile", model.toString(), "--repeat", "2")).as(err).isZero();
    }

    @Test
    void resourceInputsAreLeftAsTheyAreAndResourceOutputsAreDescribed() throws Exception {
        Path model = write("resource-io", HostileModels.resourceInputsAndOutputs());
        assertThat(run("run", model.toString(), "--input", "pattern", "pattern")).as(err).isZero();
        assertThat(err.strip()).isEqualTo("input 0: tensor 0 'h' RESOURCE[1] is a resource handle; left as is "
                + "(pattern not applied)");
        assertThat(out).contains("output 1: tensor 2 RESOURCE[1]", "(a resource handle: no values)");
        assertThat(run("run", model.toString(), "--json", "--checksums")).as(err).isZero();
        JsonNode second = new ObjectMapper().readTree(out).get("outputs").get(1);
        assertThat(second.get("type").asText()).isEqualTo("RESOURCE");
        assertThat(second.get("values")).isEmpty();
        assertThat(second.get("note").asText()).isEqualTo("a resource handle: no values");
        Path npy = tmp.resolve("x.npy");
        Files.write(npy, npyFloat32(2.5f));
        assertThat(run("run", model.toString(), "--json", "--input", "random:1", npy.toString())).as(err).isZero();
        assertThat(new ObjectMapper().readTree(out).get("outputs").get(0).get("values").get(0).asDouble())
                .isEqualTo(2.5);
        assertThat(run("profile", model.toString(), "--repeat", "1")).as(err).isZero();
    }

    @Test
    void inspectShowsAZeroPointWithoutScaleAsNotQuantized() throws Exception {
        ModelBuilder b = new ModelBuilder();
        Quantization zeroPointOnly = new Quantization(List.of(), List.of(5L), 0, List.of(), List.of());
        int x = b.addTensor("x", TensorType.INT8, new int[] {2}, 0, zeroPointOnly);
        int y = b.addTensor("y", TensorType.INT8, new int[] {2}, 0, null);
        b.addOperator("RELU", new int[] {x}, new int[] {y}, null, null);
        Path model = write("zero-point-only", b.inputs(x).outputs(y).build());
        assertThat(run("inspect", model.toString())).as(err).isZero();
        assertThat(out).contains("x  [zero point 5 without a scale: not quantized]");
    }

    private static long allocatedBytes(Runnable r) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(id);
        r.run();
        return mx.getThreadAllocatedBytes(id) - before;
    }

    /** A one-element float32 .npy file. */
    private static byte[] npyFloat32(float v) {
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }";
        int total = 10 + header.length() + 1;
        int pad = (64 - total % 64) % 64;
        StringBuilder h = new StringBuilder(header);
        h.append(" ".repeat(pad)).append('\n');
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(10 + h.length() + 4)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) h.length()).put(h.toString().getBytes(StandardCharsets.US_ASCII)).putFloat(v);
        return b.array();
    }
}
