package dev.tflmstudio.runtime.fidelity;

import static dev.tflmstudio.runtime.fidelity.CaseModel.F32;
import static dev.tflmstudio.runtime.fidelity.CaseModel.I16;
import static dev.tflmstudio.runtime.fidelity.CaseModel.I32;
import static dev.tflmstudio.runtime.fidelity.CaseModel.I64;
import static dev.tflmstudio.runtime.fidelity.CaseModel.I8;

import dev.tflmstudio.runtime.model.Quantization;
import dev.tflmstudio.runtime.model.TensorType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Models built by hand for the differences from TFLM that deep sweeps found (issue #12), compared with TFLM as a
 * sweep case is, whatever seed CI runs. Each says what TFLM does with it, so a case cannot pass by taking
 * another path (a refusal where TFLM runs it).
 */
final class FixedCases {
    /** One hand-built model and what TFLM does with it. */
    record Fixed(String name, Differential.Outcome tflm, byte[] model) {
        String fileName() {
            return "fixed_" + name + ".tflite";
        }
    }

    private FixedCases() {
    }

    static List<Fixed> all() {
        return List.of(
                // seed 31 case 5060: alpha's multiplier is exactly -15/64, so x * alpha hits .5 ties
                new Fixed("leaky_relu_int8_negative_alpha", Differential.Outcome.RAN,
                        leakyRelu(I8, new int[] {4, 3, 5}, Quantization.perTensor(0.015f, 127),
                                Quantization.perTensor(0.0192f, -5), -0.3f)),
                new Fixed("leaky_relu_int16_negative_alpha", Differential.Outcome.RAN,
                        leakyRelu(I16, new int[] {64}, Quantization.perTensor(1 / 2048f, 0),
                                Quantization.perTensor(1 / 1024f, 0), -0.375f)),
                // seed 53: an axis of size 0 unpacks into no outputs; TFLM runs it and writes nothing
                new Fixed("unpack_empty_axis", Differential.Outcome.RAN, unpackEmptyAxis()),
                new Fixed("reshape_legacy_scalar_int32", Differential.Outcome.RAN, legacyScalar(I32, new int[] {1})),
                new Fixed("reshape_legacy_scalar_int8", Differential.Outcome.RAN, legacyScalar(I8, new int[] {1, 1})),
                new Fixed("reshape_legacy_scalar_into_add", Differential.Outcome.RAN, legacyScalarIntoAdd()),
                new Fixed("conv_2d_int8_int64_bias", Differential.Outcome.RAN, conv("CONV_2D")),
                new Fixed("depthwise_conv_2d_int8_int64_bias", Differential.Outcome.RAN,
                        conv("DEPTHWISE_CONV_2D")),
                new Fixed("fully_connected_int8_int64_bias", Differential.Outcome.RAN, fullyConnected()),
                // the kernels' layouts: float blocks of eight sums then singles (13), by depth (40); int8 rows of four
                new Fixed("fully_connected_float_13_outputs", Differential.Outcome.RAN, fullyConnectedWide(F32, 13)),
                new Fixed("fully_connected_float_40_outputs", Differential.Outcome.RAN, fullyConnectedWide(F32, 40)),
                new Fixed("fully_connected_int8_13_outputs", Differential.Outcome.RAN, fullyConnectedWide(I8, 13)),
                new Fixed("transpose_conv_int8_int64_bias", Differential.Outcome.RAN, transposeConv()),
                // float weights that a DEQUANTIZE writes at invoke (converted float models): TFLM reads them at Eval
                new Fixed("conv_2d_float_dequantized_filter", Differential.Outcome.RAN, dequantizedWeights("CONV_2D")),
                new Fixed("depthwise_conv_2d_float_dequantized_filter", Differential.Outcome.RAN,
                        dequantizedWeights("DEPTHWISE_CONV_2D")),
                new Fixed("fully_connected_float_dequantized_weights", Differential.Outcome.RAN,
                        dequantizedWeights("FULLY_CONNECTED")),
                new Fixed("conv_2d_int8_filter_input", Differential.Outcome.RAN, filterInput("CONV_2D")),
                new Fixed("depthwise_conv_2d_int8_filter_input", Differential.Outcome.RAN,
                        filterInput("DEPTHWISE_CONV_2D")),
                new Fixed("fully_connected_int8_filter_input", Differential.Outcome.RAN,
                        filterInput("FULLY_CONNECTED")),
                new Fixed("conv_2d_int16_filter_input", Differential.Outcome.RAN, int16FilterInput("CONV_2D")),
                new Fixed("depthwise_conv_2d_int16_filter_input", Differential.Outcome.RAN,
                        int16FilterInput("DEPTHWISE_CONV_2D")),
                new Fixed("fully_connected_int16_filter_input", Differential.Outcome.RAN,
                        int16FilterInput("FULLY_CONNECTED")),
                // runtime tensors where converters write constants (OperandCases)
                new Fixed("conv_2d_int4_filter_input", Differential.Outcome.RAN,
                        OperandCases.int4FilterInput("CONV_2D")),
                new Fixed("depthwise_conv_2d_int4_filter_input", Differential.Outcome.RAN,
                        OperandCases.int4FilterInput("DEPTHWISE_CONV_2D")),
                new Fixed("fully_connected_int4_filter_input", Differential.Outcome.RAN,
                        OperandCases.int4FilterInput("FULLY_CONNECTED")),
                new Fixed("transpose_conv_float_dequantized_weights", Differential.Outcome.RAN,
                        OperandCases.transposeConvRuntimeWeights(F32)),
                new Fixed("transpose_conv_int8_weights_input", Differential.Outcome.RAN,
                        OperandCases.transposeConvRuntimeWeights(I8)),
                new Fixed("transpose_conv_int16_weights_input", Differential.Outcome.RAN,
                        OperandCases.transposeConvRuntimeWeights(I16)),
                new Fixed("strided_slice_begin_input", Differential.Outcome.REFUSED,
                        OperandCases.stridedSliceRuntimeOperand(1)),
                new Fixed("strided_slice_end_input", Differential.Outcome.REFUSED,
                        OperandCases.stridedSliceRuntimeOperand(2)),
                new Fixed("strided_slice_strides_input", Differential.Outcome.REFUSED,
                        OperandCases.stridedSliceRuntimeOperand(3)),
                new Fixed("mean_float_computed_axis", Differential.Outcome.RAN,
                        OperandCases.meanComputedAxis(F32, new int[] {1}, false, new int[] {2, 4})),
                new Fixed("mean_int8_computed_axes", Differential.Outcome.RAN,
                        OperandCases.meanComputedAxis(I8, new int[] {2, 0}, true, new int[] {1, 3, 1})),
                new Fixed("mean_int16_computed_axis", Differential.Outcome.RAN,
                        OperandCases.meanComputedAxis(I16, new int[] {-1}, false, new int[] {2, 3})),
                new Fixed("mean_axis_input_out_of_range", Differential.Outcome.REFUSED,
                        OperandCases.meanAxisInput()),
                new Fixed("mean_float_constant_axis_out_of_range", Differential.Outcome.REFUSED,
                        OperandCases.meanConstantAxisOutOfRange(F32, 3)),
                // TFLM's integer mean drops the failed ResolveAxis status: it logs, leaves the zeroed output, runs on
                new Fixed("mean_int8_constant_axis_out_of_range", Differential.Outcome.RAN,
                        OperandCases.meanConstantAxisOutOfRange(I8, -4)),
                new Fixed("mean_int16_constant_axis_out_of_range", Differential.Outcome.RAN,
                        OperandCases.meanConstantAxisOutOfRange(I16, 7)),
                // SUM, REDUCE_MAX, REDUCE_MIN: float and REDUCE_MAX/MIN int8 fail, integer SUM runs on as MEAN
                new Fixed("sum_float_axis_out_of_range", Differential.Outcome.REFUSED,
                        OperandCases.reductionAxisOutOfRange("SUM", F32, 3)),
                new Fixed("sum_int8_axis_out_of_range", Differential.Outcome.RAN,
                        OperandCases.reductionAxisOutOfRange("SUM", I8, 3)),
                new Fixed("sum_int16_axis_out_of_range", Differential.Outcome.RAN,
                        OperandCases.reductionAxisOutOfRange("SUM", I16, 3)),
                new Fixed("reduce_max_float_axis_out_of_range", Differential.Outcome.REFUSED,
                        OperandCases.reductionAxisOutOfRange("REDUCE_MAX", F32, 3)),
                new Fixed("reduce_max_int8_axis_out_of_range", Differential.Outcome.REFUSED,
                        OperandCases.reductionAxisOutOfRange("REDUCE_MAX", I8, 3)),
                new Fixed("reduce_min_float_axis_out_of_range", Differential.Outcome.REFUSED,
                        OperandCases.reductionAxisOutOfRange("REDUCE_MIN", F32, 3)),
                new Fixed("reduce_min_int8_axis_out_of_range", Differential.Outcome.REFUSED,
                        OperandCases.reductionAxisOutOfRange("REDUCE_MIN", I8, -4)),
                new Fixed("mean_int8_axis_out_of_range_over_dead_memory", Differential.Outcome.RAN,
                        OperandCases.meanAxisOutOfRangeOverDeadMemory()),
                new Fixed("pad_float_constant_values_input", Differential.Outcome.RAN,
                        OperandCases.padRuntimeValue("PAD", F32)),
                new Fixed("pad_int8_constant_values_input", Differential.Outcome.RAN,
                        OperandCases.padRuntimeValue("PAD", I8)),
                new Fixed("pad_paddings_input", Differential.Outcome.REFUSED,
                        OperandCases.padRuntimePaddings("PAD")),
                new Fixed("padv2_paddings_input", Differential.Outcome.REFUSED,
                        OperandCases.padRuntimePaddings("PADV2")));
    }

    private static byte[] leakyRelu(TensorType t, int[] shape, Quantization in,
                                    Quantization out, float alpha) {
        CaseModel g = new CaseModel(0);
        int x = g.input(t, shape, in);
        int y = g.output(t, shape, out);
        g.op("LEAKY_RELU", new int[] {x}, new int[] {y}, "LeakyReluOptions", Map.of("alpha", alpha));
        return g.build();
    }

    /** RESHAPE without a shape input to the file's shape [0]: TFLM's Prepare makes the output a scalar. */
    private static byte[] legacyScalar(TensorType t, int[] inShape) {
        CaseModel g = new CaseModel(0);
        Quantization q = t == I8 ? Quantization.perTensor(0.05f, 3) : null;
        int x = g.input(t, inShape, q);
        int y = g.output(t, new int[] {0}, q);
        g.op("RESHAPE", new int[] {x}, new int[] {y}, null, Map.of());
        return g.build();
    }

    /** The legacy scalar as an intermediate: planned as one element between RESHAPE and the ADD that reads it. */
    private static byte[] legacyScalarIntoAdd() {
        CaseModel g = new CaseModel(0);
        int x = g.input(F32, new int[] {1, 1}, null);
        int mid = g.intermediate(F32, new int[] {0}, null);
        byte[] quarter = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.25f).array();
        int c = g.constant(F32, new int[0], null, quarter);
        int y = g.output(F32, new int[0], null);
        g.op("RESHAPE", new int[] {x}, new int[] {mid}, null, Map.of());
        g.op("ADD", new int[] {mid, c}, new int[] {y}, "AddOptions", Map.of("fused_activation_function", "NONE"));
        return g.build();
    }

    static Quantization filterQuant(int channels, int dimension) {
        float[] scales = new float[channels];
        for (int i = 0; i < channels; i++) {
            scales[i] = 0.004f + 0.003f * i;
        }
        return new CaseModel(0).perChannel(scales, dimension);
    }

    /** An int8 convolution with an int64 bias, large enough that reading it as int32 elements shows. */
    private static byte[] conv(String op) {
        CaseModel g = new CaseModel(5);
        boolean depthwise = op.equals("DEPTHWISE_CONV_2D");
        int c = 3;
        int x = g.input(I8, new int[] {1, 4, 4, c}, Quantization.perTensor(0.02f, -3));
        int[] fshape = depthwise ? new int[] {1, 2, 2, c} : new int[] {c, 2, 2, c};
        int filter = g.randomConstant(I8, fshape, filterQuant(c, depthwise ? 3 : 0));
        int bias = g.constant(I64, new int[] {c}, null, CaseModel.int64s(700, -900, 40_000));
        int y = g.output(I8, new int[] {1, 3, 3, c}, Quantization.perTensor(0.1f, 2));
        Map<String, Object> o = new HashMap<>(Map.of("padding", "VALID", "stride_w", 1, "stride_h", 1,
                "fused_activation_function", "NONE"));
        if (depthwise) {
            o.put("depth_multiplier", 1);
        }
        g.op(op, new int[] {x, filter, bias}, new int[] {y}, depthwise ? "DepthwiseConv2DOptions" : "Conv2DOptions",
                o);
        return g.build();
    }

    private static byte[] fullyConnected() {
        CaseModel g = new CaseModel(6);
        int x = g.input(I8, new int[] {2, 5}, Quantization.perTensor(0.02f, -3));
        int filter = g.randomConstant(I8, new int[] {3, 5}, filterQuant(1, 0));
        int bias = g.constant(I64, new int[] {3}, null, CaseModel.int64s(700, -900, 40_000));
        int y = g.output(I8, new int[] {2, 3}, Quantization.perTensor(0.1f, 2));
        g.op("FULLY_CONNECTED", new int[] {x, filter, bias}, new int[] {y}, "FullyConnectedOptions",
                Map.of("fused_activation_function", "NONE", "keep_num_dims", false));
        return g.build();
    }

    /** FULLY_CONNECTED of 3 batches of 20 inputs to {@code units} outputs, with a bias and RELU6. */
    private static byte[] fullyConnectedWide(TensorType t, int units) {
        CaseModel g = new CaseModel(units);
        boolean f = t == F32;
        int x = g.input(t, new int[] {3, 20}, f ? null : Quantization.perTensor(0.02f, -3));
        int filter = g.randomConstant(t, new int[] {units, 20}, f ? null : filterQuant(units, 0));
        int bias = g.randomConstant(f ? F32 : I32, new int[] {units}, null);
        int y = g.output(t, new int[] {3, units}, f ? null : Quantization.perTensor(0.05f, 2));
        g.op("FULLY_CONNECTED", new int[] {x, filter, bias}, new int[] {y}, "FullyConnectedOptions",
                Map.of("fused_activation_function", "RELU6", "keep_num_dims", false));
        return g.build();
    }

    private static byte[] unpackEmptyAxis() {
        CaseModel g = new CaseModel(53);
        int x = g.input(I16, new int[] {2, 0, 3}, null);
        g.op("UNPACK", new int[] {x}, new int[0], "UnpackOptions", Map.of("num", 0, "axis", 1));
        return g.build();
    }

    private static byte[] transposeConv() {
        CaseModel g = new CaseModel(7);
        int c = 3;
        int shape = g.constant(I32, new int[] {4}, null, CaseModel.int32s(1, 5, 5, c));
        int filter = g.randomConstant(I8, new int[] {c, 2, 2, 2}, filterQuant(c, 0));
        int x = g.input(I8, new int[] {1, 4, 4, 2}, Quantization.perTensor(0.02f, -3));
        int bias = g.constant(I64, new int[] {c}, null, CaseModel.int64s(700, -900, 40_000));
        int y = g.output(I8, new int[] {1, 5, 5, c}, Quantization.perTensor(0.1f, 2));
        g.op("TRANSPOSE_CONV", new int[] {shape, filter, x, bias}, new int[] {y}, "TransposeConvOptions",
                Map.of("padding", "VALID", "stride_w", 1, "stride_h", 1, "fused_activation_function", "NONE"));
        return g.build();
    }

    /**
     * A float op whose filter and bias are DEQUANTIZE outputs of int8 constants (runtime tensors): per-tensor
     * for the filter, per-channel for the bias.
     */
    private static byte[] dequantizedWeights(String op) {
        CaseModel g = new CaseModel(8);
        int c = 3;
        boolean fc = op.equals("FULLY_CONNECTED");
        boolean depthwise = op.equals("DEPTHWISE_CONV_2D");
        int[] inShape = fc ? new int[] {2, 5} : new int[] {1, 4, 4, c};
        int[] fshape = fc ? new int[] {c, 5} : depthwise ? new int[] {1, 2, 2, c} : new int[] {c, 2, 2, c};
        int x = g.input(F32, inShape, null);
        int packed = g.randomConstant(I8, fshape, Quantization.perTensor(0.03f, 4));
        int filter = g.intermediate(F32, fshape, null);
        g.op("DEQUANTIZE", new int[] {packed}, new int[] {filter}, null, Map.of());
        int packedBias = g.randomConstant(I8, new int[] {c}, filterQuant(c, 0));
        int bias = g.intermediate(F32, new int[] {c}, null);
        g.op("DEQUANTIZE", new int[] {packedBias}, new int[] {bias}, null, Map.of());
        int y = g.output(F32, fc ? new int[] {2, c} : new int[] {1, 3, 3, c}, null);
        convLike(g, op, x, filter, bias, y);
        return g.build();
    }

    /** An int8 op whose per-channel int8 filter is a model input (TFLM computes the multipliers from its scales). */
    private static byte[] filterInput(String op) {
        CaseModel g = new CaseModel(9);
        int c = 3;
        boolean fc = op.equals("FULLY_CONNECTED");
        boolean depthwise = op.equals("DEPTHWISE_CONV_2D");
        int x = g.input(I8, fc ? new int[] {2, 5} : new int[] {1, 4, 4, c}, Quantization.perTensor(0.02f, -3));
        int[] fshape = fc ? new int[] {c, 5} : depthwise ? new int[] {1, 2, 2, c} : new int[] {c, 2, 2, c};
        int filter = g.input(I8, fshape, filterQuant(c, depthwise ? 3 : 0));
        int bias = g.input(I32, new int[] {c}, null);
        int y = g.output(I8, fc ? new int[] {2, c} : new int[] {1, 3, 3, c}, Quantization.perTensor(0.1f, 2));
        convLike(g, op, x, filter, bias, y);
        return g.build();
    }

    /** CONV_2D / DEPTHWISE_CONV_2D (VALID, stride 1) or FULLY_CONNECTED, no fused activation. */
    static void convLike(CaseModel g, String op, int x, int filter, int bias, int y) {
        if (op.equals("FULLY_CONNECTED")) {
            g.op(op, new int[] {x, filter, bias}, new int[] {y}, "FullyConnectedOptions",
                    Map.of("fused_activation_function", "NONE", "keep_num_dims", false));
            return;
        }
        boolean depthwise = op.equals("DEPTHWISE_CONV_2D");
        Map<String, Object> o = new HashMap<>(Map.of("padding", "VALID", "stride_w", 1, "stride_h", 1,
                "fused_activation_function", "NONE"));
        if (depthwise) {
            o.put("depth_multiplier", 1);
        }
        g.op(op, new int[] {x, filter, bias}, new int[] {y}, depthwise ? "DepthwiseConv2DOptions" : "Conv2DOptions",
                o);
    }

    /** int16x8 with the int8 filter and the int64 bias model inputs. */
    private static byte[] int16FilterInput(String op) {
        CaseModel g = new CaseModel(10);
        int c = 3;
        boolean fc = op.equals("FULLY_CONNECTED");
        boolean depthwise = op.equals("DEPTHWISE_CONV_2D");
        int x = g.input(I16, fc ? new int[] {2, 5} : new int[] {1, 4, 4, c}, Quantization.perTensor(0.0005f, 0));
        int[] fshape = fc ? new int[] {c, 5} : depthwise ? new int[] {1, 2, 2, c} : new int[] {c, 2, 2, c};
        int filter = g.input(I8, fshape, filterQuant(c, depthwise ? 3 : 0));
        int bias = g.input(I64, new int[] {c}, null);
        int y = g.output(I16, fc ? new int[] {2, c} : new int[] {1, 3, 3, c}, Quantization.perTensor(0.002f, 0));
        convLike(g, op, x, filter, bias, y);
        return g.build();
    }
}
