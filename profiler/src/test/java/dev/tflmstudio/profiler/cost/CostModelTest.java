package dev.tflmstudio.profiler.cost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.runtime.cost.CostKind;
import dev.tflmstudio.runtime.cost.CostModel;
import dev.tflmstudio.runtime.cost.ModelCost;
import dev.tflmstudio.runtime.cost.OpCost;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.TensorType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CostModelTest {

    @Test
    void conv3x3ValidCountsOneMacPerTapPerOutputElement() {
        TinyGraph g = new TinyGraph();
        int in = g.activation(TensorType.INT8, 1, 5, 5, 2);
        int w = g.constant(TensorType.INT8, 4, 3, 3, 2);
        int b = g.constant(TensorType.INT32, 4);
        int out = g.activation(TensorType.INT8, 1, 3, 3, 4);
        g.op("CONV_2D", Map.of("padding", "VALID", "stride_w", 1, "stride_h", 1), List.of(in, w, b), List.of(out));

        OpCost c = CostModel.of(g.model("conv")).op(0);

        // 3x3 output positions x 4 output channels x (3x3 taps x 2 input channels) = 36 x 18
        assertThat(c.macs()).isEqualTo(648);
        assertThat(c.kind()).isEqualTo(CostKind.MAC);
        assertThat(c.precision()).isEqualTo("int8");
        assertThat(c.weightBytes()).isEqualTo(72 + 16);
        assertThat(c.activationReadBytes()).isEqualTo(50);
        assertThat(c.activationWriteBytes()).isEqualTo(36);
        assertThat(c.arithmeticIntensity()).isEqualTo(648.0 / (72 + 16 + 50 + 36));
    }

    @Test
    void depthwiseStridedConvAndFullyConnected() {
        TinyGraph g = new TinyGraph();
        int in = g.activation(TensorType.FLOAT32, 1, 8, 8, 16);
        int dw = g.constant(TensorType.FLOAT32, 1, 3, 3, 16);
        int dwOut = g.activation(TensorType.FLOAT32, 1, 4, 4, 16);
        int fcW = g.constant(TensorType.FLOAT32, 10, 256);
        int fcOut = g.activation(TensorType.FLOAT32, 1, 10);
        // no bias: left out of the list (a -1 there makes real TFLM crash, so the graph check refuses it)
        g.op("DEPTHWISE_CONV_2D", Map.of("stride_w", 2, "stride_h", 2), List.of(in, dw), List.of(dwOut));
        g.op("FULLY_CONNECTED", Map.of(), List.of(dwOut, fcW, -1), List.of(fcOut));

        ModelCost cost = CostModel.of(g.model("dw-fc"));

        // depthwise: 4x4x16 outputs, 3x3 taps each
        assertThat(cost.op(0).macs()).isEqualTo(4 * 4 * 16 * 9);
        assertThat(cost.op(0).precision()).isEqualTo("float32");
        assertThat(cost.op(0).isFloat()).isTrue();
        // fully connected: 10 units x 256 inputs
        assertThat(cost.op(1).macs()).isEqualTo(2560);
        assertThat(cost.op(1).weightBytes()).isEqualTo(2560 * 4);
        assertThat(cost.total().macs()).isEqualTo(2304 + 2560);
        assertThat(cost.forType("FULLY_CONNECTED").ops()).isEqualTo(1);
    }

    @Test
    void poolingElementwiseAndDataMovementAreCountedApart() {
        TinyGraph g = new TinyGraph();
        int in = g.activation(TensorType.INT8, 1, 4, 4, 3);
        int pooled = g.activation(TensorType.INT8, 1, 2, 2, 3);
        int other = g.activation(TensorType.INT8, 1, 2, 2, 3);
        int sum = g.activation(TensorType.INT8, 1, 2, 2, 3);
        int shape = g.constant(TensorType.INT32, 2);
        int flat = g.activation(TensorType.INT8, 1, 12);
        int soft = g.activation(TensorType.INT8, 1, 12);
        int windowed = g.activation(TensorType.INT8, 1, 12);
        g.op("AVERAGE_POOL_2D", Map.of("filter_width", 2, "filter_height", 2), List.of(in), List.of(pooled));
        g.op("ADD", Map.of(), List.of(pooled, other), List.of(sum));
        g.op("RESHAPE", Map.of(), List.of(sum, shape), List.of(flat));
        g.op("SOFTMAX", Map.of(), List.of(flat), List.of(soft));
        g.custom("SignalWindow", List.of(soft), List.of(windowed));

        ModelCost cost = CostModel.of(g.model("mixed"));

        assertThat(cost.op(0).kind()).isEqualTo(CostKind.WINDOW);
        assertThat(cost.op(0).elementwiseOps()).isEqualTo(12 * 4);
        assertThat(cost.op(1).kind()).isEqualTo(CostKind.ELEMENTWISE);
        assertThat(cost.op(1).elementwiseOps()).isEqualTo(12);
        assertThat(cost.op(1).activationReadBytes()).isEqualTo(24);
        assertThat(cost.op(2).kind()).isEqualTo(CostKind.DATA_MOVEMENT);
        assertThat(cost.op(2).work()).isZero();
        assertThat(cost.op(2).weightBytes()).isEqualTo(8);
        assertThat(cost.op(3).kind()).isEqualTo(CostKind.REDUCTION);
        assertThat(cost.op(3).elementwiseOps()).isEqualTo(12);
        assertThat(cost.op(4).kind()).isEqualTo(CostKind.CUSTOM);
        assertThat(cost.total().macs()).isZero();
        assertThat(cost.total().elementwiseOps()).isEqualTo(48 + 12 + 12 + 12);
    }

    @Test
    void transposeConvScattersEveryInputThroughTheFilter() {
        TinyGraph g = new TinyGraph();
        int in = g.activation(TensorType.INT8, 1, 2, 2, 3);
        int outShape = g.constant(TensorType.INT32, 4);
        int w = g.constant(TensorType.INT8, 5, 3, 3, 3);
        int out = g.activation(TensorType.INT8, 1, 4, 4, 5);
        g.op("TRANSPOSE_CONV", Map.of(), List.of(outShape, w, in), List.of(out));

        Model m = g.model("tconv");
        // 2x2x3 input elements, each into 3x3 taps of 5 output channels
        assertThat(CostModel.of(m).op(0).macs()).isEqualTo(12 * 45);
        assertThat(CostModel.of(m).op(0).scratchBytes()).isEqualTo(80 * 4);
    }

    @Test
    void svdfCountsFeatureAndTimeWeights() {
        TinyGraph g = new TinyGraph();
        int in = g.activation(TensorType.FLOAT32, 2, 10);
        int feature = g.constant(TensorType.FLOAT32, 6, 10);
        int time = g.constant(TensorType.FLOAT32, 6, 4);
        int state = g.activation(TensorType.FLOAT32, 2, 24);
        int bias = g.constant(TensorType.FLOAT32, 3); // real TFLM crashes on an SVDF without one
        int out = g.activation(TensorType.FLOAT32, 2, 3);
        g.op("SVDF", Map.of("rank", 2), List.of(in, feature, time, bias, state), List.of(out));

        OpCost c = CostModel.of(g.model("svdf")).op(0);
        assertThat(c.macs()).isEqualTo(2 * (60 + 24));
        assertThat(c.elementwiseOps()).isEqualTo(6 * 2);
    }
}
