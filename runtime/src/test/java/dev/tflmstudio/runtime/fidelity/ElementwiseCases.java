package dev.tflmstudio.runtime.fidelity;

import static dev.tflmstudio.runtime.fidelity.CaseModel.BOOL;
import static dev.tflmstudio.runtime.fidelity.CaseModel.F32;
import static dev.tflmstudio.runtime.fidelity.CaseModel.I16;
import static dev.tflmstudio.runtime.fidelity.CaseModel.I32;
import static dev.tflmstudio.runtime.fidelity.CaseModel.I64;
import static dev.tflmstudio.runtime.fidelity.CaseModel.I8;
import static dev.tflmstudio.runtime.fidelity.CaseModel.U8;

import dev.tflmstudio.runtime.model.Quantization;
import dev.tflmstudio.runtime.model.TensorType;
import java.util.HashMap;
import java.util.Map;

/** Unary, binary (broadcasting), reduction and arg-min/max cases. */
final class ElementwiseCases {
    private ElementwiseCases() {
    }

    static void register(Map<String, OpCases.Family> f) {
        for (String op : new String[] {"ABS", "NEG", "SQRT", "RSQRT", "EXP", "LOG", "SIN", "COS", "FLOOR", "CEIL",
            "ROUND", "SQUARE", "LOGISTIC", "TANH", "RELU", "RELU6", "ELU", "HARD_SWISH", "LEAKY_RELU",
            "LOGICAL_NOT", "ZEROS_LIKE", "SOFTMAX", "LOG_SOFTMAX", "L2_NORMALIZATION"}) {
            f.put(op, g -> unary(g, op));
        }
        f.put("DEQUANTIZE", ElementwiseCases::dequantize);
        f.put("QUANTIZE", ElementwiseCases::quantize);
        f.put("CAST", ElementwiseCases::cast);
        for (String op : new String[] {"ADD", "SUB", "MUL", "DIV", "MAXIMUM", "MINIMUM", "SQUARED_DIFFERENCE",
            "FLOOR_DIV", "FLOOR_MOD", "PRELU", "EQUAL", "NOT_EQUAL", "LESS", "LESS_EQUAL", "GREATER",
            "GREATER_EQUAL", "LOGICAL_AND", "LOGICAL_OR"}) {
            f.put(op, g -> binary(g, op));
        }
        for (String op : new String[] {"MEAN", "SUM", "REDUCE_MAX", "REDUCE_MIN", "REDUCE_ALL"}) {
            f.put(op, g -> reduce(g, op));
        }
        f.put("ARG_MAX", g -> argMinMax(g, "ARG_MAX"));
        f.put("ARG_MIN", g -> argMinMax(g, "ARG_MIN"));
        f.put("ADD_N", ElementwiseCases::addN);
    }

    private static TensorType likelyType(CaseModel g, String op) {
        return switch (op) {
            case "ABS", "RSQRT" -> g.type(F32, I8, I16);
            case "NEG" -> g.type(F32, I8, I32, I64);
            case "LOGISTIC", "TANH", "RELU", "RELU6", "ELU", "HARD_SWISH", "LEAKY_RELU", "SOFTMAX",
                 "LOG_SOFTMAX", "L2_NORMALIZATION" -> g.type(F32, I8, I16);
            case "LOGICAL_NOT" -> g.type(BOOL);
            case "ZEROS_LIKE" -> g.type(F32, I32, I64);
            default -> g.type(F32);
        };
    }

    /** The output quantization TFLM's kernel requires for fixed-range outputs, most of the time. */
    private static Quantization outputQuant(CaseModel g, String op, TensorType t) {
        if (g.chance(30)) {
            return g.quant(t);
        }
        return switch (op + "/" + t) {
            case "LOGISTIC/INT8", "SOFTMAX/INT8" -> Quantization.perTensor(1 / 256f, -128);
            case "TANH/INT8" -> Quantization.perTensor(1 / 128f, 0);
            case "LOGISTIC/INT16", "TANH/INT16", "SOFTMAX/INT16" -> Quantization.perTensor(1 / 32768f, 0);
            case "LOG_SOFTMAX/INT8" -> Quantization.perTensor(16 / 256f, 127);
            case "L2_NORMALIZATION/INT8" -> Quantization.perTensor(1 / 128f, 0);
            default -> g.quant(t);
        };
    }

    private static void unary(CaseModel g, String op) {
        TensorType t = likelyType(g, op);
        int[] shape = g.shape(op.equals("SOFTMAX") || op.equals("LOG_SOFTMAX") ? 1 : 0, 5, 6);
        Quantization qi = g.quant(t);
        int in = g.input(t, shape, qi);
        int out = g.output(t, shape, outputQuant(g, op, t));
        Map<String, Object> o = new HashMap<>();
        String table = null;
        switch (op) {
            case "LEAKY_RELU" -> {
                table = "LeakyReluOptions";
                o.put("alpha", g.pick(0.2f, 0.01f, 1.5f, -0.3f));
            }
            case "SOFTMAX" -> {
                table = "SoftmaxOptions";
                o.put("beta", g.pick(1f, 0.5f, 2f));
            }
            case "L2_NORMALIZATION" -> {
                table = "L2NormOptions";
                o.put("fused_activation_function", g.chance(85) ? "NONE" : "RELU");
            }
            default -> { }
        }
        g.note(t).note(o);
        g.op(op, new int[] {in}, new int[] {out}, table, o);
    }

    private static void dequantize(CaseModel g) {
        TensorType t = g.type(I8, I16, U8);
        int[] shape = g.shape(0, 4, 6);
        int in = g.input(t, shape, g.chance(95) ? g.quant(t) : null);
        int out = g.output(g.chance(90) ? F32 : g.pick(CaseModel.ALL), shape, null);
        g.note(t);
        g.op("DEQUANTIZE", new int[] {in}, new int[] {out}, null, Map.of());
    }

    private static void quantize(CaseModel g) {
        TensorType ti = g.type(F32, F32, I8, I16, I32, U8);
        TensorType to = g.type(I8, I16, I32, U8);
        int[] shape = g.shape(0, 4, 6);
        int in = g.input(ti, shape, g.quant(ti));
        Quantization qo = to == I32 ? Quantization.perTensor(g.scale(0.001f, 0.1f), 0) : g.quant(to);
        int out = g.output(to, shape, qo);
        g.note(ti + "->" + to);
        g.op("QUANTIZE", new int[] {in}, new int[] {out}, null, Map.of());
    }

    private static void cast(CaseModel g) {
        TensorType ti = g.pick(CaseModel.ALL);
        TensorType to = g.chance(5) ? TensorType.UINT32 : g.pick(CaseModel.ALL);
        int[] shape = g.shape(0, 4, 6);
        int in = g.input(ti, shape, null);
        int out = g.output(to, shape, null);
        g.note(ti + "->" + to);
        g.op("CAST", new int[] {in}, new int[] {out}, null, Map.of());
    }

    private static boolean isComparison(String op) {
        return op.equals("EQUAL") || op.equals("NOT_EQUAL") || op.startsWith("LESS") || op.startsWith("GREATER");
    }

    private static void binary(CaseModel g, String op) {
        TensorType t = op.startsWith("LOGICAL") ? g.type(BOOL)
                : isComparison(op) ? g.type(F32, I8, I16, I32, I64, BOOL)
                : op.equals("PRELU") ? g.type(F32, I8)
                : op.startsWith("FLOOR") ? g.type(F32, I32, I8, I16)
                : g.type(F32, I8, I16, I32, I64);
        int rank = g.chance(80) ? g.between(0, 4) : g.between(5, 6);
        int[] full = g.shape(rank, rank, 4);
        int[] a = broadcastOperand(g, full);
        int[] b = op.equals("PRELU") ? preluAlpha(g, a) : broadcastOperand(g, full);
        int[] out = broadcast(a, b);
        Quantization qa = g.quant(t);
        Quantization qb = g.chance(30) ? qa : g.quant(t);
        int x = g.input(t, a, qa);
        int y = g.operand(t, b, qb);
        TensorType ot = isComparison(op) || op.startsWith("LOGICAL") ? BOOL : t;
        int z = g.output(ot, out, ot == BOOL ? null : g.chance(20) ? qa : g.quant(ot));
        Map<String, Object> o = new HashMap<>();
        String table = switch (op) {
            case "ADD" -> "AddOptions";
            case "SUB" -> "SubOptions";
            case "MUL" -> "MulOptions";
            case "DIV" -> "DivOptions";
            default -> null;
        };
        if (table != null) {
            o.put("fused_activation_function", g.activation());
            if (t == I16 && !op.equals("MUL") && !op.equals("DIV") && g.chance(50)) {
                o.put("pot_scale_int16", false);
            }
        }
        g.note(t).note(java.util.Arrays.toString(a) + "x" + java.util.Arrays.toString(b)).note(o);
        g.op(op, new int[] {x, y}, new int[] {z}, table, o);
    }

    /** The trailing dims of {@code full}, some of them 1. */
    private static int[] broadcastOperand(CaseModel g, int[] full) {
        int rank = g.chance(70) ? full.length : g.between(0, full.length);
        int[] s = new int[rank];
        for (int i = 0; i < rank; i++) {
            int d = full[full.length - rank + i];
            s[i] = g.chance(30) ? 1 : d;
        }
        return s;
    }

    private static int[] preluAlpha(CaseModel g, int[] input) {
        int[] s = input.clone();
        for (int i = 0; i < s.length; i++) {
            if (g.chance(60)) {
                s[i] = 1;
            }
        }
        return s;
    }

    static int[] broadcast(int[] a, int[] b) {
        int n = Math.max(a.length, b.length);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int da = i < n - a.length ? 1 : a[i - (n - a.length)];
            int db = i < n - b.length ? 1 : b[i - (n - b.length)];
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    private static void reduce(CaseModel g, String op) {
        TensorType t = op.equals("REDUCE_ALL") ? g.type(BOOL) : g.type(F32, I8, I16, I32);
        int[] in = g.shape(1, 5, 5);
        int n = g.between(1, Math.min(in.length, 3));
        int[] axes = new int[n];
        boolean[] reduced = new boolean[in.length];
        for (int i = 0; i < n; i++) {
            int a = g.r.nextInt(in.length);
            reduced[a] = true;
            axes[i] = g.chance(30) ? a - in.length : a;
        }
        boolean keep = g.chance(50);
        int[] out = keep ? in.clone() : new int[in.length - count(reduced)];
        for (int i = 0, k = 0; i < in.length; i++) {
            if (reduced[i] && keep) {
                out[i] = 1;
            } else if (!reduced[i] && !keep) {
                out[k++] = in[i];
            }
        }
        Quantization q = g.quant(t);
        int x = g.input(t, in, q);
        int ax = g.indexConstant(g.chance(85) || n > 1 ? new int[] {n} : new int[0], axes);
        int y = g.output(t, out, g.chance(50) ? q : g.quant(t));
        g.note(t).note(java.util.Arrays.toString(in)).note("axes=" + java.util.Arrays.toString(axes)).note("keep=" + keep);
        g.op(op, new int[] {x, ax}, new int[] {y}, "ReducerOptions", Map.of("keep_dims", keep));
    }

    private static int count(boolean[] b) {
        int n = 0;
        for (boolean v : b) {
            n += v ? 1 : 0;
        }
        return n;
    }

    private static void argMinMax(CaseModel g, String op) {
        TensorType t = g.type(F32, I8, I16, I32);
        int[] in = g.shape(1, 4, 5);
        int axis = g.r.nextInt(in.length);
        int[] out = new int[in.length - 1];
        for (int i = 0, k = 0; i < in.length; i++) {
            if (i != axis) {
                out[k++] = in[i];
            }
        }
        TensorType ot = g.chance(70) ? I32 : I64;
        int x = g.input(t, in, g.quant(t));
        int ax = g.indexConstant(new int[] {1}, g.chance(30) ? axis - in.length : axis);
        int y = g.output(ot, out, null);
        g.note(t + "->" + ot).note(java.util.Arrays.toString(in)).note("axis=" + axis);
        g.op(op, new int[] {x, ax}, new int[] {y}, op.equals("ARG_MAX") ? "ArgMaxOptions" : "ArgMinOptions",
                Map.of("output_type", ot.name()));
    }

    private static void addN(CaseModel g) {
        TensorType t = g.type(F32, I32, I8);
        int[] shape = g.shape(0, 4, 5);
        int n = g.between(1, 4);
        int[] ins = new int[n];
        Quantization q = g.quant(t);
        for (int i = 0; i < n; i++) {
            ins[i] = g.operand(t, shape, q);
        }
        if (g.chance(50) || n == 0) {
            ins[0] = g.input(t, shape, q);
        }
        int y = g.output(t, shape, q);
        g.note(t).note(n + " inputs");
        g.op("ADD_N", ins, new int[] {y}, null, Map.of());
    }
}
