package dev.tflmstudio.runtime.interpreter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tflmstudio.runtime.input.PatternInput;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.Subgraph;
import dev.tflmstudio.runtime.model.Tensor;
import dev.tflmstudio.runtime.plan.PlannedBuffer;
import dev.tflmstudio.runtime.tflite.ModelReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Stepping, breakpoints, reset, tensor reads and arena-reuse detection on real models. */
class SessionTest {

    private static Model model(String name) throws Exception {
        String shared = System.getProperty("tflm.shared");
        Assumptions.assumeTrue(shared != null, "tflm.shared is not set");
        Path p = Path.of(shared, "models", name);
        Assumptions.assumeTrue(Files.exists(p), p + " is missing");
        return ModelReader.open(p);
    }

    private static Session withPattern(Model model) throws KernelException {
        Session s = Session.allocate(model);
        Subgraph main = model.main();
        for (int i = 0; i < main.inputs().size(); i++) {
            s.setInput(i, PatternInput.bytesFor(main.tensor(main.inputs().get(i))));
        }
        return s;
    }

    @Test
    void stepsOneOpAtATimeAndTellsListeners() throws Exception {
        Session s = withPattern(model("tflm-hello_world_int8.tflite"));
        List<Integer> seen = new ArrayList<>();
        s.addListener((session, op, nanos) -> seen.add(op));
        assertThat(s.position()).isZero();
        assertThat(s.step()).isZero();
        assertThat(s.position()).isEqualTo(1);
        s.runTo(2);
        assertThat(s.atEnd()).isTrue();
        assertThat(seen).containsExactly(0, 1, 2);
        assertThat(s.invokeCount()).isEqualTo(1);
        // the reference output of invoke #1 is -16
        assertThat(s.read(9).raw()).containsExactly((byte) -16);
        assertThat(s.read(9).value(0)).isCloseTo(0.00829095673 * (-16 - 5), org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void resumeStopsBeforeBreakpointsByIndexTypeAndTensor() throws Exception {
        Session s = withPattern(model("tflm-test_conv_model.tflite"));
        s.addBreakpoint(new Breakpoint.OnOpType("MAX_POOL_2D"));
        int stop = s.resume();
        assertThat(stop).isGreaterThan(0);
        assertThat(s.model().main().operator(stop).opName()).isEqualTo("MAX_POOL_2D");
        s.clearBreakpoints();
        int last = s.opCount() - 1;
        s.addBreakpoint(new Breakpoint.AtOp(last));
        assertThat(s.resume()).isEqualTo(last);
        assertThat(s.resume()).isEqualTo(-1);
        assertThat(s.atEnd()).isTrue();
        s.clearBreakpoints();
        int out = s.model().main().outputs().get(0);
        s.addBreakpoint(new Breakpoint.OnTensor(out));
        assertThat(s.resume()).isEqualTo(last);
    }

    @Test
    void readingATensorWhoseBytesWereReusedSaysSo() throws Exception {
        Session s = withPattern(model("tflm-hello_world_int8.tflite"));
        s.step();
        assertThat(s.state(7)).isEqualTo(TensorState.VALID);
        assertThat(s.state(8)).isEqualTo(TensorState.NOT_YET_WRITTEN);
        s.run();
        // op 0's output (tensor 7) and the model output (tensor 9) share offset 0 in TFLM's plan
        assertThat(s.state(7)).isEqualTo(TensorState.OVERWRITTEN);
        assertThat(s.overwrittenBy(7)).contains("tensor 9");
        assertThat(s.state(9)).isEqualTo(TensorState.VALID);
        assertThat(s.state(6)).isEqualTo(TensorState.CONSTANT);
    }

    @Test
    void variablesPersistAcrossInvokesAndResetRestoresThem() throws Exception {
        Model m = model("tflm-keyword_scrambled_8bit.tflite");
        Session s = withPattern(m);
        List<Integer> variables = m.main().tensors().stream().filter(Tensor::variable).map(Tensor::index).toList();
        List<byte[]> initial = variables.stream().map(v -> s.read(v).raw()).toList();
        s.run();
        byte[] first = s.read(m.main().outputs().get(0)).raw();
        List<byte[]> afterOne = variables.stream().map(v -> s.read(v).raw()).toList();
        long changed = java.util.stream.IntStream.range(0, variables.size())
                .filter(i -> !Arrays.equals(initial.get(i), afterOne.get(i))).count();
        assertThat(changed).as("SVDF states written by the first invoke").isPositive();
        s.run();
        List<byte[]> afterTwo = variables.stream().map(v -> s.read(v).raw()).toList();
        assertThat(java.util.stream.IntStream.range(0, variables.size())
                .anyMatch(i -> !Arrays.equals(afterOne.get(i), afterTwo.get(i))))
                .as("state carries over and keeps shifting").isTrue();
        s.reset();
        for (int i = 0; i < variables.size(); i++) {
            assertThat(s.read(variables.get(i)).raw()).isEqualTo(initial.get(i));
        }
        s.run();
        assertThat(s.read(m.main().outputs().get(0)).raw()).isEqualTo(first);
    }

    @Test
    void liveBuffersFollowThePlanAndLieInsideTheArena() throws Exception {
        Session s = withPattern(model("tflm-person_detect_int8.tflite"));
        s.runTo(3);
        List<PlannedBuffer> live = s.liveBuffers();
        assertThat(live).isNotEmpty();
        for (PlannedBuffer b : live) {
            assertThat(b.liveAt(4)).isTrue();
            assertThat(b.end()).isLessThanOrEqualTo(s.layout().headBytes());
        }
        assertThat(s.arenaBytes().length).isGreaterThanOrEqualTo(s.layout().headBytes());
        // the head is exactly TFLM's planned size for this model (ref: 55296)
        assertThat(s.layout().headBytes()).isEqualTo(55296);
    }

    @Test
    void statisticsAndHistogramDescribeTheValues() throws Exception {
        Session s = withPattern(model("tflm-hello_world_float.tflite"));
        s.run();
        TensorSnapshot in = s.read(s.model().main().inputs().get(0));
        TensorSnapshot.Stats st = in.stats();
        assertThat(st.count()).isEqualTo(1);
        assertThat(st.min()).isEqualTo(st.max());
        assertThat(in.histogram(4)).containsExactly(1, 0, 0, 0);
        assertThat(Arrays.stream(s.lastOpNanos()).allMatch(n -> n > 0)).isTrue();
    }

    @Test
    void runTimesEveryOpAndGivesTheSameResultWithOrWithoutListeners() throws Exception {
        Session quiet = withPattern(model("tflm-micro_speech_audio_preprocessor_int8.tflite"));
        Session watched = withPattern(model("tflm-micro_speech_audio_preprocessor_int8.tflite"));
        List<Long> told = new ArrayList<>();
        watched.addListener((session, op, nanos) -> told.add(nanos));
        int output = quiet.model().main().outputs().get(0);
        for (int invoke = 0; invoke < 3; invoke++) {
            quiet.run();
            watched.run();
            assertThat(quiet.read(output).raw()).as("invoke %d", invoke).containsExactly(watched.read(output).raw());
            assertThat(Arrays.stream(quiet.lastOpNanos()).allMatch(n -> n > 0)).as("every op timed").isTrue();
        }
        assertThat(told).hasSize(3 * watched.opCount());
        assertThat(told.subList(told.size() - watched.opCount(), told.size()))
                .containsExactly(Arrays.stream(watched.lastOpNanos()).boxed().toArray(Long[]::new));
    }

    @Test
    void withoutOpTimingARunComputesTheSameAndTracksTensorsAsBefore() throws Exception {
        Session timed = withPattern(model("tflm-micro_speech_audio_preprocessor_int8.tflite"));
        Session untimed = withPattern(model("tflm-micro_speech_audio_preprocessor_int8.tflite"));
        untimed.setOpTiming(false);
        Subgraph main = timed.model().main();
        for (int invoke = 0; invoke < 3; invoke++) {
            timed.run();
            untimed.run();
            assertThat(untimed.atEnd()).isTrue();
            assertThat(untimed.invokeCount()).isEqualTo(invoke + 1);
            for (int t = 0; t < main.tensors().size(); t++) {
                assertThat(untimed.state(t)).as("invoke %d tensor %d", invoke, t).isEqualTo(timed.state(t));
                assertThat(untimed.read(t).raw()).as("invoke %d tensor %d", invoke, t)
                        .containsExactly(timed.read(t).raw());
            }
        }
        long[] medians = untimed.profile(1, 3);
        assertThat(Arrays.stream(medians).allMatch(n -> n > 0)).as("profile times ops anyway").isTrue();
        assertThat(untimed.opTiming()).isFalse();
    }

    @Test
    void profileGivesAMedianPerOpAndPerInvoke() throws Exception {
        Session s = withPattern(model("tflm-hello_world_int8.tflite"));
        long[] medians = s.profile(2, 5);
        assertThat(medians).hasSize(4);
        assertThat(Arrays.stream(medians).allMatch(n -> n > 0)).isTrue();
        assertThat(s.invokeCount()).isEqualTo(7);
        assertThat(s.read(9).raw()).containsExactly((byte) -16);
    }

    @Test
    void aMissingKernelIsReportedByOpIndexAndName() throws Exception {
        Model m = model("tflm-person_detect_vela_ethosu.tflite");
        assertThatThrownBy(() -> Session.allocate(m)).isInstanceOf(KernelException.class)
                .hasMessageContaining("op 0 ethos-u")
                .extracting(e -> ((KernelException) e).stage()).isEqualTo(KernelException.Stage.REGISTRATION);
    }

    @Test
    void wrongInputSizeIsRefused() throws Exception {
        Session s = Session.allocate(model("tflm-hello_world_int8.tflite"));
        assertThatThrownBy(() -> s.setInput(0, new byte[3])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs 1 bytes, got 3");
    }
}
