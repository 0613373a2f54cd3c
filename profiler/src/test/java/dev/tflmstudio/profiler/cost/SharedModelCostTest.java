package dev.tflmstudio.profiler.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tflmstudio.runtime.cost.CostKind;
import dev.tflmstudio.runtime.cost.CostModel;
import dev.tflmstudio.runtime.cost.CostTotals;
import dev.tflmstudio.runtime.cost.ModelCost;
import dev.tflmstudio.runtime.cost.OpCost;
import dev.tflmstudio.profiler.testing.Shared;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.tflite.ModelReader;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** MAC totals of the shared models, each worked out by hand from the layer shapes (see the comments). */
class SharedModelCostTest {

    /*
     * person_detect (MobileNetV1 0.25, 96x96x1): depthwise 3x3 layers give out_elements x 9:
     *   48x48x8 (x2) + 24x24x16 + 24x24x32 + 12x12x32 + 12x12x64 + 6x6x64 + 6x6x128 (x5) + 3x3x128 + 3x3x256
     *   = (18432x2 + 9216 + 18432 + 4608 + 9216 + 2304 + 4608x5 + 1152 + 2304) x 9 = 964,224
     * pointwise 1x1 give out_elements x in_channels:
     *   48x48x16x8 + 24x24x32x16 + 24x24x32x32 + 12x12x64x32 + 12x12x64x64 + 6x6x128x64 + 6x6x128x128 (x5)
     *   + 3x3x256x128 + 3x3x256x256 + logits 2x256 = 6,193,664
     * vww_96 (the same network on 96x96x3): the first layer is a full 3x3 conv 3->8 (18432 x 27 = 497,664
     *   instead of the 165,888 depthwise) and the logits a FC 256x2 (512): 7,157,888 - 165,888 + 497,664 = 7,489,664
     * ic_resnet (ResNet-8, 32x32x3): 3x3 convs 1024x16x27 + 2 x 1024x16x144 + 256x32x144 + 256x32x288
     *   + 64x64x288 + 64x64x576, 1x1 shortcuts 256x32x16 + 64x64x32, FC 64x10 = 12,501,632
     * kws (DS-CNN, 49x10x1): 10x4 conv 125x64x40 + 4 x (depthwise 125x64x9 + pointwise 125x64x64) + FC 64x12
     *   = 320,000 + 4 x (72,000 + 512,000) + 768 = 2,656,768
     * ad01 (FC autoencoder): 640x128 + 3 x 128x128 + 128x8 + 8x128 + 3 x 128x128 + 128x640 = 264,192
     * micro_speech: depthwise 10x8 kernel into 25x20x8 = 4000 x 80, FC 4000x4 = 336,000
     * test_conv_model: 3x3 conv 14x14x16x9 + 3x3 conv 12x12x32x144 + FC 1152x10 = 703,296
     * hello_world: FC 1x16 + 16x16 + 16x1 = 288
     * mnist_lstm: 28 steps x 4 gates x 20 cells x (28 inputs + 20 recurrent) + FC 560x10 = 107,520 + 5,600
     */
    @ParameterizedTest
    @CsvSource({
            "tflm-person_detect_int8.tflite, 7157888",
            "mlperf-vww_96_int8.tflite, 7489664",
            "mlperf-ic_resnet_int8.tflite, 12501632",
            "mlperf-ic_resnet_float32.tflite, 12501632",
            "mlperf-kws_ref_model_int8.tflite, 2656768",
            "mlperf-ad01_int8.tflite, 264192",
            "mlperf-ad01_fp32.tflite, 264192",
            "tflm-micro_speech_int8.tflite, 336000",
            "tflm-test_conv_model.tflite, 703296",
            "tflm-hello_world_int8.tflite, 288",
            "tflm-hello_world_float.tflite, 288",
            "tflm-mnist_lstm_int8.tflite, 113120",
    })
    void totalMacsMatchHandCount(String file, long expectedMacs) throws Exception {
        ModelCost cost = CostModel.of(Shared.open(file));
        assertThat(cost.total().macs()).isEqualTo(expectedMacs);
        assertThat(cost.ops().stream().mapToLong(OpCost::macs).sum()).isEqualTo(cost.total().macs());
    }

    @Test
    void personDetectSplitsByOpType() throws Exception {
        ModelCost cost = CostModel.of(Shared.open("tflm-person_detect_int8.tflite"));
        assertThat(cost.forType("CONV_2D").macs()).isEqualTo(6_193_664);
        assertThat(cost.forType("CONV_2D").ops()).isEqualTo(14);
        assertThat(cost.forType("DEPTHWISE_CONV_2D").macs()).isEqualTo(964_224);
        assertThat(cost.forType("DEPTHWISE_CONV_2D").ops()).isEqualTo(14);
        assertThat(cost.byOpType()).extracting(CostTotals::label)
                .containsExactly("DEPTHWISE_CONV_2D", "CONV_2D", "AVERAGE_POOL_2D", "RESHAPE", "SOFTMAX");
        // Average pool 3x3 over 3x3x256 into 1x1x256: 256 x 9 additions.
        assertThat(cost.forType("AVERAGE_POOL_2D").elementwiseOps()).isEqualTo(2304);
        // Op 2 (1x1 conv 8->16): reads the 48x48x8 activation, writes 48x48x16, weights 16x8 int8 + 16 int32 bias.
        OpCost op2 = cost.op(2);
        assertThat(op2.activationReadBytes()).isEqualTo(18432);
        assertThat(op2.activationWriteBytes()).isEqualTo(36864);
        assertThat(op2.weightBytes()).isEqualTo(128 + 64);
        // Weights of the whole model: every constant read once per use, as stored in the file.
        assertThat(cost.total().weightBytes()).isGreaterThan(200_000).isLessThan(300_568);
    }

    @Test
    void scratchBytesComeFromTheReferenceKernelRequests() throws Exception {
        // keyword_scrambled: 7 int8 SVDF ops each request two scratch buffers (filters and units, int32).
        ModelCost cost = CostModel.of(Shared.open("tflm-keyword_scrambled_8bit.tflite"));
        assertThat(cost.forType("SVDF").scratchBytes()).isPositive();
        assertThat(cost.forType("FULLY_CONNECTED").scratchBytes()).isZero();
    }

    static Stream<Path> everyModel() throws Exception {
        List<Path> all = Shared.allModels();
        return all.isEmpty() ? Stream.of((Path) null) : all.stream();
    }

    @ParameterizedTest
    @MethodSource("everyModel")
    void everySharedModelHasACostForEveryOp(Path file) throws Exception {
        assumeTrue(file != null, "shared models not available");
        Model model = ModelReader.open(file);
        ModelCost cost = CostModel.of(model);
        assertThat(cost.ops()).hasSize(model.main().operators().size());
        for (OpCost op : cost.ops()) {
            assertThat(op.macs()).isNotNegative();
            assertThat(op.elementwiseOps()).isNotNegative();
            assertThat(op.bytesMoved()).isPositive();
            if (op.kind() == CostKind.MAC) {
                assertThat(op.macs()).as("op %d %s", op.opIndex(), op.opName()).isPositive();
            }
        }
    }
}
