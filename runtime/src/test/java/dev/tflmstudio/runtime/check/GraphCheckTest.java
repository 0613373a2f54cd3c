package dev.tflmstudio.runtime.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tflmstudio.runtime.ThreadAllocations;
import dev.tflmstudio.runtime.cost.CostModel;
import dev.tflmstudio.runtime.interpreter.Session;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.TensorType;
import dev.tflmstudio.runtime.plan.Planners;
import dev.tflmstudio.runtime.plan.ScratchRequests;
import dev.tflmstudio.runtime.plan.Target;
import dev.tflmstudio.runtime.samples.HostileModels;
import dev.tflmstudio.runtime.samples.SampleModels;
import dev.tflmstudio.runtime.samples.SyntheticModels;
import dev.tflmstudio.runtime.tflite.ModelBuilder;
import dev.tflmstudio.runtime.tflite.ModelReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The graph check refuses hostile graphs with one line naming where, and passes every real model. */
@Timeout(value = 60, unit = TimeUnit.SECONDS) // a regression would recurse or loop; this is a hang guard
class GraphCheckTest {
    private static Model read(byte[] bytes) throws Exception {
        return ModelReader.read(bytes, "hostile");
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> refused(byte[] bytes) throws Exception {
        Model m = read(bytes);
        return assertThatThrownBy(() -> GraphCheck.verify(m)).isInstanceOf(InvalidGraphException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void everyRealModelAndSamplePasses() throws Exception {
        String prop = System.getProperty("tflm.shared");
        Path models = Path.of(prop != null ? prop : "../shared").resolve("models");
        Assumptions.assumeTrue(Files.isDirectory(models), "no ../shared/models here; skipping");
        List<Path> all;
        try (Stream<Path> s = Files.walk(models)) {
            all = s.filter(p -> p.toString().endsWith(".tflite")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(all).hasSizeGreaterThan(100);
        for (Path p : all) {
            Model m = ModelReader.open(p);
            assertThatCode(() -> GraphCheck.verify(m)).as(p.toString()).doesNotThrowAnyException();
        }
        assertThatCode(() -> GraphCheck.verify(read(SampleModels.sampleCnn().build()))).doesNotThrowAnyException();
    }

    @Test
    void aSubgraphCallingItselfIsNamedWithTheOpThatCallsIt() throws Exception {
        refused(HostileModels.selfCallingWhile()).hasMessage("subgraph 2 -> 2 (subgraph 2, operator 0 (WHILE) "
                + "calls 2): a subgraph may not call itself, directly or through others");
    }

    @Test
    void aCycleThroughTwoSubgraphsIsNamedHopByHop() throws Exception {
        refused(HostileModels.ifCycle()).hasMessage("subgraph 1 -> 2 -> 1 (subgraph 1, operator 0 (IF) calls 2; "
                + "subgraph 2, operator 0 (IF) calls 1): a subgraph may not call itself, directly or through others");
    }

    @Test
    void thePlannerRefusesACycleInsteadOfRecursingForever() throws Exception {
        Model m = read(HostileModels.ifCycle());
        assertThatThrownBy(() -> Planners.plan(m, "tflm")).isInstanceOf(InvalidGraphException.class);
        assertThatThrownBy(() -> Session.allocate(m)).isInstanceOf(InvalidGraphException.class);
    }

    @Test
    void aRefusedModelIsRefusedByEveryCallerEveryTime() throws Exception {
        Model m = read(HostileModels.ifCycle());
        String words = "subgraph 1 -> 2 -> 1 (subgraph 1, operator 0 (IF) calls 2; subgraph 2, operator 0 (IF) calls "
                + "1): a subgraph may not call itself, directly or through others";
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> GraphCheck.verify(m)).isInstanceOf(InvalidGraphException.class).hasMessage(words);
            assertThatThrownBy(() -> Session.allocate(m)).isInstanceOf(InvalidGraphException.class).hasMessage(words);
            assertThatThrownBy(() -> Planners.plan(m, "tflm")).isInstanceOf(InvalidGraphException.class)
                    .hasMessage(words);
            assertThatThrownBy(() -> ScratchRequests.of(m, Target.HOST64)).isInstanceOf(InvalidGraphException.class)
                    .hasMessage(words);
            assertThatThrownBy(() -> CostModel.of(m)).isInstanceOf(InvalidGraphException.class).hasMessage(words);
        }
    }

    @Test
    void aModelIsCheckedOnceHoweverManyCallersVerifyIt() throws Exception {
        ThreadAllocations allocations = ThreadAllocations.orSkip();
        Model m = read(SyntheticModels.chain(2000).build());
        long before = allocations.bytes();
        GraphCheck.verify(m);
        long first = allocations.bytes() - before;
        before = allocations.bytes();
        GraphCheck.verify(m);
        long again = allocations.bytes() - before;
        // a pass over 2,000 operators allocates per operator (its lists and writer sets); a known model nothing
        assertThat(first).isGreaterThan(100_000);
        assertThat(again).isLessThan(1_000);
        assertThatCode(() -> Session.allocate(m)).doesNotThrowAnyException();
    }

    @Test
    void aTensorOverTheArenaLimitIsRefusedWithItsSizeAndTheLimit() throws Exception {
        refused(HostileModels.hugeActivation(TensorType.INT8, 1, 500_000_000)).hasMessage("subgraph 0, tensor 0 "
                + "'x' INT8[1,500000000]: needs 500,000,000 bytes, over the 256 MiB (268,435,456-byte) limit on one "
                + "arena");
        // 2^34 bytes: an int byte count would wrap to 0
        refused(HostileModels.hugeActivation(TensorType.INT32, 65536, 65536))
                .hasMessageContaining("needs 17,179,869,184 bytes, over the 256 MiB");
    }

    @Test
    void variablesAndActivationsAreBoundedTogether() throws Exception {
        ModelBuilder vars = new ModelBuilder();
        for (int i = 0; i < 2; i++) {
            vars.addTensor("state" + i, TensorType.FLOAT32, new int[] {50_000_000}, 0, null, true);
        }
        refused(vars.build()).hasMessage("the variable tensors take 400,000,000 bytes together, over the 256 MiB "
                + "(268,435,456-byte) limit on one arena");
        ModelBuilder activations = new ModelBuilder();
        for (int i = 0; i < 9; i++) {
            activations.addTensor("t" + i, TensorType.FLOAT32, new int[] {60_000_000}, 0, null);
        }
        refused(activations.build()).hasMessage("the activation tensors take 2,160,000,000 bytes together, more "
                + "than the memory planner's 32-bit offsets (2 GiB) can place");
    }

    @Test
    void anArenaOverTheLimitIsRefusedBeforeItIsAllocated() throws Exception {
        Model m = read(HostileModels.arenaOverTheLimit());
        assertThatCode(() -> GraphCheck.verify(m)).doesNotThrowAnyException();
        assertThatThrownBy(() -> Session.allocate(m)).isInstanceOf(InvalidGraphException.class)
                .hasMessageStartingWith("the arena needs 400,000,000 bytes")
                .hasMessageContaining("over the 256 MiB (268,435,456-byte) limit on one arena");
    }

    @Test
    void anOmittedInputTflmReadsUncheckedIsRefused() throws Exception {
        refused(HostileModels.requiredInputOmitted()).hasMessage("subgraph 0, operator 0 (MAXIMUM): input 1 is "
                + "omitted (-1), and TFLM's MAXIMUM reads it without checking (real TFLM crashes on this model)");
    }

    @Test
    void anAbsentInputTflmReadsUncheckedIsRefused() throws Exception {
        refused(HostileModels.tooFewInputs()).hasMessage("subgraph 0, operator 0 (MEAN): input 1 is absent (the op "
                + "has 1), and TFLM's MEAN reads it without checking (real TFLM crashes on this model)");
    }

    @Test
    void anOmittedInputTflmsPrepareRefusesIsRefusedInPrepareWithItsWords() throws Exception {
        for (byte[] bytes : List.of(HostileModels.inputOmittedRefusedInPrepare(), HostileModels.convWithoutFilter())) {
            Model m = read(bytes);
            assertThatCode(() -> GraphCheck.verify(m)).doesNotThrowAnyException();
            assertThatThrownBy(() -> Session.allocate(m)).isInstanceOf(KernelException.class)
                    .hasMessageMatching("op 0 (ADD: input2|CONV_2D: filter) != nullptr was not true\\.")
                    .satisfies(e -> assertThat(((KernelException) e).stage()).isEqualTo(KernelException.Stage.PREPARE));
        }
    }

    /** y = IF(cond, x) with {@code in} as its input list, both branches y = x + x (float32[2]). */
    private static byte[] ifWithInputs(int... in) {
        ModelBuilder b = new ModelBuilder();
        ModelBuilder.SubgraphBuilder main = b.subgraph("main");
        int cond = main.tensor("cond", TensorType.BOOL, 1);
        int x = main.tensor("x", TensorType.FLOAT32, 2);
        int y = main.tensor("y", TensorType.FLOAT32, 2);
        main.op("IF", in, new int[] {y}, "IfOptions", java.util.Map.of("then_subgraph_index", 1,
                "else_subgraph_index", 1)).inputs(cond, x).outputs(y);
        ModelBuilder.SubgraphBuilder branch = b.subgraph("double");
        int a = branch.tensor("a", TensorType.FLOAT32, 2);
        int r = branch.tensor("r", TensorType.FLOAT32, 2);
        branch.op("ADD", new int[] {a, a}, new int[] {r}, "AddOptions", java.util.Map.of("fused_activation_function",
                "NONE")).inputs(a).outputs(r);
        return b.build();
    }

    @Test
    void anOmittedBranchInputIfCopiesUncheckedIsRefused() throws Exception {
        refused(ifWithInputs(0, -1)).hasMessage("subgraph 0, operator 0 (IF): input 1 is omitted (-1), and TFLM's IF "
                + "copies it into the called subgraph without checking (real TFLM crashes on this model)");
    }

    @Test
    void anInputListTheBranchDoesNotTakeIsRefusedInPrepareWithTflmsWords() throws Exception {
        // the count TFLM's Prepare checks first, before the omitted input is ever read
        Model m = read(ifWithInputs(0, 1, -1));
        assertThatCode(() -> GraphCheck.verify(m)).doesNotThrowAnyException();
        assertThatThrownBy(() -> Session.allocate(m)).isInstanceOf(KernelException.class).hasMessage("op 0 IF: "
                + "num_inputs != graph_info.NumSubgraphInputs(op_data->then_subgraph_index) (2 != 1)");
    }

    @Test
    void anOpOfOneInputGivenTwoIsRefusedInPrepareWithTflmsCountWords() throws Exception {
        ModelBuilder b = new ModelBuilder();
        int x = b.addTensor("x", TensorType.FLOAT32, new int[] {1, 4}, 0, null);
        int y = b.addTensor("y", TensorType.FLOAT32, new int[] {1, 4}, 0, null);
        b.addOperator("SOFTMAX", new int[] {x, -1}, new int[] {y}, "SoftmaxOptions", java.util.Map.of("beta", 1f));
        Model m = read(b.inputs(x).outputs(y).build());
        assertThatCode(() -> GraphCheck.verify(m)).doesNotThrowAnyException();
        assertThatThrownBy(() -> Session.allocate(m)).isInstanceOf(KernelException.class)
                .hasMessage("op 0 SOFTMAX: NumInputs(node) != 1 (2 != 1)");
    }

    @Test
    void anOpWithoutOutputsIsRefused() throws Exception {
        refused(HostileModels.opWithoutOutputs()).hasMessage("subgraph 0, operator 0 (ABS): has no outputs; ABS "
                + "writes at least one");
    }

    @Test
    void aTensorWithTwoWritersIsRefusedNamingBoth() throws Exception {
        refused(HostileModels.twoWriters()).hasMessage("subgraph 0, operator 1 (RELU): output tensor 1 'y' is "
                + "already written by operator 0 (ABS); each tensor has one writer");
    }

    @Test
    void anOpWritingAConstantIsRefused() throws Exception {
        refused(HostileModels.writesConstant()).hasMessage("subgraph 0, operator 0 (ABS): output tensor 1 'w' is a "
                + "constant (it has data in the file); an op may not write it");
    }

    @Test
    void emptyMainGraphsAndResourceTensorsPass() throws Exception {
        assertThatCode(() -> GraphCheck.verify(read(HostileModels.emptyMain()))).doesNotThrowAnyException();
        assertThatCode(() -> GraphCheck.verify(read(HostileModels.resourceInputsAndOutputs())))
                .doesNotThrowAnyException();
        assertThatCode(() -> GraphCheck.verify(read(HostileModels.neverEndingWhile(1)))).doesNotThrowAnyException();
    }
}
