package dev.tflmstudio.runtime.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.OperatorCode;
import dev.tflmstudio.runtime.model.Operator;
import dev.tflmstudio.runtime.model.Options;
import dev.tflmstudio.runtime.model.Shape;
import dev.tflmstudio.runtime.model.Subgraph;
import dev.tflmstudio.runtime.model.Tensor;
import dev.tflmstudio.runtime.model.TensorType;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LifetimesTest {

    static Tensor activation(int index, TensorType type, int... shape) {
        return new Tensor(index, "t" + index, type, Shape.of(shape), null, 0, false, null, false, null);
    }

    static Tensor constant(int index, int... shape) {
        return new Tensor(index, "w" + index, TensorType.INT8, Shape.of(shape), null, 1, false, null, false,
                ByteBuffer.allocate((int) Shape.of(shape).elementCount()));
    }

    static Operator op(int index, String name, int code, List<Integer> in, List<Integer> out, Options options) {
        return new Operator(index, new OperatorCode(code, null, 1), in, out, List.of(), options, Options.NONE, null);
    }

    static Model model(List<Subgraph> subgraphs) {
        return new Model("test", 0, 3, "", List.of(), subgraphs, List.of(), List.of(), null, null);
    }

    @Test
    void ifSubgraphsAdvanceTimeLikeTflm() {
        Subgraph main = new Subgraph(0, "main",
                List.of(activation(0, TensorType.BOOL, 1), activation(1, TensorType.FLOAT32, 4),
                        activation(2, TensorType.FLOAT32, 4)),
                List.of(0, 1), List.of(2),
                List.of(op(0, "IF", 118, List.of(0, 1), List.of(2),
                        new Options("IfOptions", Map.of("then_subgraph_index", 1, "else_subgraph_index", 2)))));
        Subgraph then = branch(1);
        Subgraph otherwise = branch(2);
        List<PlannedBuffer> buffers = Lifetimes.of(model(List.of(main, then, otherwise)), Target.HOST64);
        assertThat(buffers).extracting(b -> b.subgraph() + ":" + b.tensor() + "=" + b.firstUse() + ".." + b.lastUse())
                .containsExactly("0:0=0..5", "0:1=0..5", "0:2=1..5", "1:0=2..3", "1:1=3..3", "2:0=4..5",
                        "2:1=5..5");
    }

    private static Subgraph branch(int index) {
        return new Subgraph(index, "b" + index,
                List.of(activation(0, TensorType.FLOAT32, 4), activation(1, TensorType.FLOAT32, 4)),
                List.of(0), List.of(1), List.of(op(0, "RELU", 19, List.of(0), List.of(1), Options.NONE)));
    }

    @Test
    void constantsZeroSizeAndVariablesAreNotPlannedAndSizesAlignTo16() {
        Tensor variable = new Tensor(3, "state", TensorType.INT16, Shape.of(1, 8), null, 0, true, null, false, null);
        Subgraph sg = new Subgraph(0, "main",
                List.of(activation(0, TensorType.INT8, 1, 3), constant(1, 3, 3), activation(2, TensorType.INT8, 0),
                        variable, activation(4, TensorType.INT8, 1, 3)),
                List.of(0), List.of(4),
                List.of(op(0, "FULLY_CONNECTED", 9, List.of(0, 1, -1), List.of(4), Options.NONE)));
        List<PlannedBuffer> buffers = Lifetimes.of(model(List.of(sg)), Target.HOST64);
        assertThat(buffers).extracting(PlannedBuffer::tensor).containsExactly(0, 4);
        assertThat(buffers).extracting(PlannedBuffer::size).containsExactly(16, 16);
        assertThat(buffers).extracting(PlannedBuffer::rawBytes).containsExactly(3L, 3L);
        // The output of the last op is created and last used at time N (TFLM prints it with '*').
        assertThat(buffers.get(1).firstUse()).isEqualTo(1);
        assertThat(buffers.get(1).lastUse()).isEqualTo(1);
    }

    @Test
    void addNScratchHoldsOnePointerPerInputSoItDependsOnTheTarget() {
        Subgraph sg = new Subgraph(0, "main",
                List.of(activation(0, TensorType.FLOAT32, 4), activation(1, TensorType.FLOAT32, 4),
                        activation(2, TensorType.FLOAT32, 4), activation(3, TensorType.FLOAT32, 4)),
                List.of(0, 1, 2), List.of(3),
                List.of(op(0, "ADD_N", 106, List.of(0, 1, 2), List.of(3), Options.NONE)));
        Model m = model(List.of(sg));
        assertThat(ScratchRequests.of(m, Target.HOST64)).extracting(ScratchRequest::bytes).containsExactly(24L);
        assertThat(ScratchRequests.of(m, Target.MCU32)).extracting(ScratchRequest::bytes).containsExactly(12L);
        MemoryPlan plan = Planners.plan(m, "tflm", Target.MCU32);
        assertThat(plan.scratch(0, 0)).get().extracting(PlannedBuffer::size, PlannedBuffer::firstUse,
                PlannedBuffer::lastUse).containsExactly(16, 1, 1);
    }
}
