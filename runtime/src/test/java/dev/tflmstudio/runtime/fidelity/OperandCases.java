package dev.tflmstudio.runtime.fidelity;

import static dev.tflmstudio.runtime.fidelity.CaseModel.F32;
import static dev.tflmstudio.runtime.fidelity.CaseModel.I16;
import static dev.tflmstudio.runtime.fidelity.CaseModel.I32;
import static dev.tflmstudio.runtime.fidelity.CaseModel.I8;

import dev.tflmstudio.runtime.model.Quantization;
import dev.tflmstudio.runtime.model.TensorType;
import java.util.Map;

/**
 * Hand-built models whose weights or index operands are runtime tensors (a model input or another op's output)
 * where converters write constants (issue #12, "every type TFLM accepts, we run"): {@link FixedCases} lists them
 * with what TFLM does.
 */
final class OperandCases {
    private OperandCases() {
    }

    /** An int8 op whose packed INT4 filter is a model input (TFLM unpacks it into its scratch at every Eval). */
    static byte[] int4FilterInput(String op) {
        CaseModel g = new CaseModel(11);
        int c = 3;
        boolean fc = op.equals("FULLY_CONNECTED");
        boolean depthwise = op.equals("DEPTHWISE_CONV_2D");
        int x = g.input(I8, fc ? new int[] {2, 5} : new int[] {1, 4, 4, c}, Quantization.perTensor(0.02f, -3));
        int[] fshape = fc ? new int[] {c, 5} : depthwise ? new int[] {1, 2, 2, c} : new int[] {c, 2, 2, c};
        // per-channel int4 FULLY_CONNECTED is refused by TFLM: per-tensor there
        Quantization fq = fc ? Quantization.perTensor(0.03f, 0) : FixedCases.filterQuant(c, depthwise ? 3 : 0);
        int filter = g.input(TensorType.INT4, fshape, fq);
        int bias = g.constant(I32, new int[] {c}, null, CaseModel.int32s(700, -900, 4000));
        int y = g.output(I8, fc ? new int[] {2, c} : new int[] {1, 3, 3, c}, Quantization.perTensor(0.1f, 2));
        FixedCases.convLike(g, op, x, filter, bias, y);
        return g.build();
    }

    /** TRANSPOSE_CONV whose filter and bias are model inputs (int8) or DEQUANTIZE outputs (float32). */
    static byte[] transposeConvRuntimeWeights(TensorType t) {
        CaseModel g = new CaseModel(12);
        int c = 3;
        int shape = g.constant(I32, new int[] {4}, null, CaseModel.int32s(1, 5, 5, c));
        int[] fshape = {c, 2, 2, 2};
        int filter;
        int bias;
        int x;
        int y;
        if (t == F32) {
            int packed = g.randomConstant(I8, fshape, Quantization.perTensor(0.03f, 4));
            filter = g.intermediate(F32, fshape, null);
            g.op("DEQUANTIZE", new int[] {packed}, new int[] {filter}, null, Map.of());
            int packedBias = g.randomConstant(I8, new int[] {c}, FixedCases.filterQuant(c, 0));
            bias = g.intermediate(F32, new int[] {c}, null);
            g.op("DEQUANTIZE", new int[] {packedBias}, new int[] {bias}, null, Map.of());
            x = g.input(F32, new int[] {1, 4, 4, 2}, null);
            y = g.output(F32, new int[] {1, 5, 5, c}, null);
        } else {
            boolean int16 = t == I16;
            x = g.input(t, new int[] {1, 4, 4, 2}, int16 ? Quantization.perTensor(0.0005f, 0)
                    : Quantization.perTensor(0.02f, -3));
            filter = g.input(I8, fshape, FixedCases.filterQuant(c, 0));
            // int16x8 with an int16 bias: TFLM widens it into a scratch at every Eval
            bias = g.input(int16 ? I16 : I32, new int[] {c}, null);
            y = g.output(t, new int[] {1, 5, 5, c}, int16 ? Quantization.perTensor(0.002f, 0)
                    : Quantization.perTensor(0.1f, 2));
        }
        g.op("TRANSPOSE_CONV", new int[] {shape, filter, x, bias}, new int[] {y}, "TransposeConvOptions",
                Map.of("padding", "VALID", "stride_w", 1, "stride_h", 1, "fused_activation_function", "NONE"));
        return g.build();
    }

    /** STRIDED_SLICE whose operand {@code runtime} (1 begin, 2 end, 3 strides) is a model input. */
    static byte[] stridedSliceRuntimeOperand(int runtime) {
        CaseModel g = new CaseModel(13);
        int x = g.input(F32, new int[] {4, 6}, null);
        int[][] values = {{1, 0}, {3, 6}, {1, 2}};
        int[] operands = new int[3];
        for (int k = 0; k < 3; k++) {
            operands[k] = k + 1 == runtime ? g.input(I32, new int[] {2}, null)
                    : g.constant(I32, new int[] {2}, null, CaseModel.int32s(values[k]));
        }
        int y = g.output(F32, new int[] {2, 3}, null);
        g.op("STRIDED_SLICE", new int[] {x, operands[0], operands[1], operands[2]}, new int[] {y},
                "StridedSliceOptions", Map.of("begin_mask", 0, "end_mask", 0, "shrink_axis_mask", 0));
        return g.build();
    }

    /**
     * MEAN over an axis that an ADD computes at invoke from a model input (the fill rule's int32 values -493 and
     * -462) and a constant: axes {@code axes} once added, on a [2, 3, 4] input of type {@code t}.
     */
    static byte[] meanComputedAxis(TensorType t, int[] axes, boolean keepDims, int[] outShape) {
        CaseModel g = new CaseModel(14);
        Quantization q = t == I8 ? Quantization.perTensor(0.05f, -4) : t == I16
                ? Quantization.perTensor(0.0004f, 0) : null;
        int x = g.input(t, new int[] {2, 3, 4}, q);
        int[] fill = {-493, -462};
        int[] offsets = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            offsets[i] = axes[i] - fill[i];
        }
        int raw = g.input(I32, new int[] {axes.length}, null);
        int shift = g.constant(I32, new int[] {axes.length}, null, CaseModel.int32s(offsets));
        int axis = g.intermediate(I32, new int[] {axes.length}, null);
        g.op("ADD", new int[] {raw, shift}, new int[] {axis}, "AddOptions",
                Map.of("fused_activation_function", "NONE"));
        Quantization oq = t == I8 ? Quantization.perTensor(0.03f, 5) : t == I16
                ? Quantization.perTensor(0.0003f, 0) : null;
        int y = g.output(t, outShape, oq);
        g.op("MEAN", new int[] {x, axis}, new int[] {y}, "ReducerOptions", Map.of("keep_dims", keepDims));
        return g.build();
    }

    /** MEAN whose axis is a model input: the fill rule's -493, out of range for any input. */
    static byte[] meanAxisInput() {
        CaseModel g = new CaseModel(15);
        int x = g.input(F32, new int[] {2, 3, 4}, null);
        int axis = g.input(I32, new int[] {1}, null);
        int y = g.output(F32, new int[] {2, 4}, null);
        g.op("MEAN", new int[] {x, axis}, new int[] {y}, "ReducerOptions", Map.of("keep_dims", false));
        return g.build();
    }

    /** MEAN of type {@code t} over the constant axis {@code axis}, out of range for its [2, 3, 4] input. */
    static byte[] meanConstantAxisOutOfRange(TensorType t, int axis) {
        return reductionAxisOutOfRange("MEAN", t, axis);
    }

    /** The reduction {@code op} of type {@code t} over the constant axis {@code axis}, out of range for [2, 3, 4]. */
    static byte[] reductionAxisOutOfRange(String op, TensorType t, int axis) {
        CaseModel g = new CaseModel(18);
        Quantization q = t == I8 ? Quantization.perTensor(0.05f, -4) : t == I16
                ? Quantization.perTensor(0.0004f, 0) : null;
        int x = g.input(t, new int[] {2, 3, 4}, q);
        int a = g.constant(I32, new int[] {1}, null, CaseModel.int32s(axis));
        int y = g.output(t, new int[] {2, 4}, q);
        g.op(op, new int[] {x, a}, new int[] {y}, "ReducerOptions", Map.of("keep_dims", false));
        return g.build();
    }

    /**
     * An int8 MEAN over an axis outside its input whose output the planner puts where the dead model input was (a
     * 128-byte input SLICEd to 8 elements): TFLM's reset shows as zeros there, not the input's bytes.
     */
    static byte[] meanAxisOutOfRangeOverDeadMemory() {
        CaseModel g = new CaseModel(19);
        Quantization q = Quantization.perTensor(0.05f, -4);
        int x = g.input(I8, new int[] {16, 8}, q);
        int begin = g.constant(I32, new int[] {2}, null, CaseModel.int32s(0, 0));
        int size = g.constant(I32, new int[] {2}, null, CaseModel.int32s(1, 8));
        int a = g.intermediate(I8, new int[] {1, 8}, q);
        g.op("SLICE", new int[] {x, begin, size}, new int[] {a}, null, Map.of());
        int axis = g.constant(I32, new int[] {1}, null, CaseModel.int32s(5));
        int y = g.output(I8, new int[] {8}, q);
        g.op("MEAN", new int[] {a, axis}, new int[] {y}, "ReducerOptions", Map.of("keep_dims", false));
        return g.build();
    }

    /** PAD or PADV2 of type {@code t} whose constant_values is a model input (int8: sharing the quantization). */
    static byte[] padRuntimeValue(String op, TensorType t) {
        CaseModel g = new CaseModel(16);
        Quantization q = t == I8 ? Quantization.perTensor(0.05f, -4) : null;
        int x = g.input(t, new int[] {2, 3}, q);
        int p = g.constant(I32, new int[] {2, 2}, null, CaseModel.int32s(1, 0, 0, 2));
        int v = g.input(t, new int[0], q);
        int y = g.output(t, new int[] {3, 5}, q);
        g.op(op, new int[] {x, p, v}, new int[] {y}, null, Map.of());
        return g.build();
    }

    /** PAD or PADV2 whose paddings are a model input. */
    static byte[] padRuntimePaddings(String op) {
        CaseModel g = new CaseModel(17);
        int x = g.input(F32, new int[] {2, 3}, null);
        int p = g.input(I32, new int[] {2, 2}, null);
        int y = g.output(F32, new int[] {3, 5}, null);
        g.op(op, new int[] {x, p}, new int[] {y}, null, Map.of());
        return g.build();
    }
}
