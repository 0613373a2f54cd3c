package dev.tflmstudio.runtime.kernels.control;

import static dev.tflmstudio.runtime.kernels.control.ControlFlowModels.float32;
import static dev.tflmstudio.runtime.kernels.control.ControlFlowModels.int32;
import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tflmstudio.runtime.interpreter.Session;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.TensorType;
import org.junit.jupiter.api.Test;

/** IF, WHILE, CALL_ONCE and resource variables on synthetic models, with hand-derived outputs. */
class ControlFlowTest {
    @Test
    void ifRunsTheThenBranchWhenTheConditionIsTrueAndTheElseBranchOtherwise() throws Exception {
        Model model = ControlFlowModels.ifDoubleOrSquare();
        Session s = Session.allocate(model);
        int y = model.main().outputs().get(0);
        s.setInput(1, float32(3f, -1.5f));

        s.setInput(0, new byte[] {1});
        s.run();
        assertThat(s.tensor(y).copyBytes()).isEqualTo(float32(6f, -3f)); // then: x + x

        s.setInput(0, new byte[] {0});
        s.run();
        assertThat(s.tensor(y).copyBytes()).isEqualTo(float32(9f, 2.25f)); // else: x * x
    }

    @Test
    void ifIsOneStepAndLeavesItsInputsIntact() throws Exception {
        Model model = ControlFlowModels.ifDoubleOrSquare();
        Session s = Session.allocate(model);
        s.setInput(0, new byte[] {1});
        s.setInput(1, float32(0.5f, 4f));
        assertThat(s.opCount()).isEqualTo(1);
        assertThat(s.step()).isZero();
        assertThat(s.atEnd()).isTrue();
        assertThat(s.tensor(model.main().inputs().get(1)).copyBytes()).isEqualTo(float32(0.5f, 4f));
        assertThat(s.tensor(model.main().outputs().get(0)).copyBytes()).isEqualTo(float32(1f, 8f));
    }

    @Test
    void whileCountsUpToTheLimit() throws Exception {
        Model model = ControlFlowModels.whileCountTo();
        Session s = Session.allocate(model);
        int count = model.main().outputs().get(0);
        int limit = model.main().outputs().get(1);
        for (int n : new int[] {5, 1, 0, 12}) {
            s.setInput(0, int32(n));
            s.run();
            assertThat(s.tensor(count).getInt32(0)).as("count for n=%d", n).isEqualTo(n);
            assertThat(s.tensor(limit).getInt32(0)).isEqualTo(n);
        }
        s.setInput(0, int32(-3));
        s.run();
        assertThat(s.tensor(count).getInt32(0)).as("the body never runs when 0 >= n").isZero();
    }

    @Test
    void callOnceInitialisesTheVariableOnTheFirstInvokeOnlyAndTheTotalPersists() throws Exception {
        Model model = ControlFlowModels.callOnceRunningTotal();
        Session s = Session.allocate(model);
        int sum = model.main().outputs().get(0);
        s.setInput(0, float32(1f));
        s.run();
        assertThat(s.tensor(sum).getFloat32(0)).isEqualTo(11f); // init assigned 10, then 10 + 1
        s.run();
        assertThat(s.tensor(sum).getFloat32(0)).isEqualTo(12f);
        s.setInput(0, float32(2.5f));
        s.run();
        assertThat(s.tensor(sum).getFloat32(0)).isEqualTo(14.5f);
    }

    @Test
    void resetZeroesResourceVariablesButCallOnceStaysDoneAsInTflm() throws Exception {
        Model model = ControlFlowModels.callOnceRunningTotal();
        Session s = Session.allocate(model);
        int sum = model.main().outputs().get(0);
        s.setInput(0, float32(1f));
        s.run();
        s.run();
        assertThat(s.tensor(sum).getFloat32(0)).isEqualTo(12f);

        s.reset();
        s.run();
        // TFLM's Reset refills resource variables with their default (0 for float) and CALL_ONCE has no reset
        // callback, so the init subgraph does not run again: 0 + 1
        assertThat(s.tensor(sum).getFloat32(0)).isEqualTo(1f);
        s.run();
        assertThat(s.tensor(sum).getFloat32(0)).isEqualTo(2f);

        Session fresh = Session.allocate(model);
        fresh.setInput(0, float32(1f));
        fresh.run();
        assertThat(fresh.tensor(sum).getFloat32(0)).as("a new session runs the init subgraph again").isEqualTo(11f);
    }

    @Test
    void reduceAllAndsOverTheGivenAxis() throws Exception {
        // in = [[T, T, F], [T, T, T]]
        byte[] in = {1, 1, 0, 1, 1, 1};
        Model rows = ControlFlowModels.reduceAll(1, new int[] {2});
        Session s = Session.allocate(rows);
        s.setInput(0, in);
        s.run();
        assertThat(s.tensor(rows.main().outputs().get(0)).copyBytes()).isEqualTo(new byte[] {0, 1});

        Model columns = ControlFlowModels.reduceAll(-2, new int[] {3});
        Session c = Session.allocate(columns);
        c.setInput(0, in);
        c.run();
        assertThat(c.tensor(columns.main().outputs().get(0)).copyBytes()).isEqualTo(new byte[] {1, 1, 0});
    }

    @Test
    void aHandlePassedIntoABranchNamesTheSameVariable() throws Exception {
        Model model = ControlFlowModels.ifAssignsThroughHandle();
        Session s = Session.allocate(model);
        int value = model.main().outputs().get(0);
        s.setInput(0, new byte[] {1});
        s.setInput(1, float32(5f));
        s.run();
        assertThat(s.tensor(value).getFloat32(0)).isEqualTo(5f); // then branch assigned x

        s.setInput(0, new byte[] {0});
        s.setInput(1, float32(7f));
        s.run();
        assertThat(s.tensor(value).getFloat32(0)).as("else branch keeps the variable").isEqualTo(5f);

        s.setInput(0, new byte[] {1});
        s.run();
        assertThat(s.tensor(value).getFloat32(0)).isEqualTo(7f);

        s.reset();
        s.setInput(0, new byte[] {0});
        s.run();
        assertThat(s.tensor(value).getFloat32(0)).as("reset refills the variable with 0").isZero();
    }

    @Test
    void anOpWithoutKernelInACalledSubgraphIsRefusedAtRegistration() throws Exception {
        Model model = ControlFlowModels.ifWithBranchOp(TensorType.BOOL, "GELU");
        assertThatThrownBy(() -> Session.allocate(model))
                .isInstanceOfSatisfying(KernelException.class,
                        e -> assertThat(e.stage()).isEqualTo(KernelException.Stage.REGISTRATION))
                .hasMessageContaining("GELU");
    }

    @Test
    void ifWithANonBoolConditionIsRefusedInPrepare() throws Exception {
        Model model = ControlFlowModels.ifWithBranchOp(TensorType.FLOAT32, "ABS");
        assertThatThrownBy(() -> Session.allocate(model))
                .isInstanceOfSatisfying(KernelException.class,
                        e -> assertThat(e.stage()).isEqualTo(KernelException.Stage.PREPARE))
                .hasMessageContaining("BOOL");
    }
}
