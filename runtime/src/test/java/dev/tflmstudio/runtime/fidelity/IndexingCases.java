package dev.tflmstudio.runtime.fidelity;

import static dev.tflmstudio.runtime.fidelity.CaseModel.BOOL;
import static dev.tflmstudio.runtime.fidelity.CaseModel.F32;
import static dev.tflmstudio.runtime.fidelity.CaseModel.I16;
import static dev.tflmstudio.runtime.fidelity.CaseModel.I32;
import static dev.tflmstudio.runtime.fidelity.CaseModel.I64;
import static dev.tflmstudio.runtime.fidelity.CaseModel.I8;

import dev.tflmstudio.runtime.model.Quantization;
import dev.tflmstudio.runtime.model.TensorType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Ops that index, fill or describe shapes: STRIDED_SLICE (masks, negative strides), SPLIT_V (a -1 split), GATHER_ND,
 * EMBEDDING_LOOKUP, DYNAMIC_UPDATE_SLICE, SPACE_TO_BATCH_ND / BATCH_TO_SPACE_ND, FILL, SHAPE, BROADCAST_ARGS.
 */
final class IndexingCases {
    private IndexingCases() {
    }

    static void register(Map<String, OpCases.Family> f) {
        f.put("STRIDED_SLICE", IndexingCases::stridedSlice);
        f.put("SPLIT_V", IndexingCases::splitV);
        f.put("GATHER_ND", IndexingCases::gatherNd);
        f.put("EMBEDDING_LOOKUP", IndexingCases::embeddingLookup);
        f.put("DYNAMIC_UPDATE_SLICE", IndexingCases::dynamicUpdateSlice);
        f.put("SPACE_TO_BATCH_ND", g -> spaceBatch(g, true));
        f.put("BATCH_TO_SPACE_ND", g -> spaceBatch(g, false));
        f.put("FILL", IndexingCases::fill);
        f.put("SHAPE", IndexingCases::shape);
        f.put("BROADCAST_ARGS", IndexingCases::broadcastArgs);
    }

    private static void stridedSlice(CaseModel g) {
        TensorType t = g.type(F32, I8, I16, I32, BOOL);
        int[] in = g.shape(1, 4, 5);
        int n = in.length;
        int[] begin = new int[n];
        int[] end = new int[n];
        int[] strides = new int[n];
        int beginMask = 0;
        int endMask = 0;
        int shrinkMask = 0;
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int d = in[i];
            int s = g.chance(25) ? -g.between(1, 2) : g.between(1, 2);
            strides[i] = s;
            begin[i] = g.between(-d, d);
            end[i] = g.between(-d, d);
            if (g.chance(20)) {
                beginMask |= 1 << i;
            }
            if (g.chance(20)) {
                endMask |= 1 << i;
            }
            boolean shrink = d > 0 && g.chance(10);
            int b = (beginMask >> i & 1) != 0 ? (s > 0 ? 0 : d - 1) : clamp(begin[i] < 0 ? begin[i] + d : begin[i], s, d);
            int e = (endMask >> i & 1) != 0 ? (s > 0 ? d : -1) : clamp(end[i] < 0 ? end[i] + d : end[i], s, d);
            if (shrink) {
                // a shrunk axis takes one element at begin (begin must be in range); not with a negative stride,
                // which TFLM's loop walks away from, leaving the output as the arena held it (undefined)
                begin[i] = g.between(0, d - 1);
                strides[i] = g.between(1, 2);
                beginMask &= ~(1 << i);
                shrinkMask |= 1 << i;
                continue;
            }
            int size = s > 0 ? Math.max(0, (e - b + s - 1) / s) : Math.max(0, (b - e + (-s) - 1) / (-s));
            out.add(size);
        }
        Quantization q = g.quant(t);
        int x = g.input(t, in, q);
        int bt = g.constant(I32, new int[] {n}, null, CaseModel.int32s(begin));
        int et = g.constant(I32, new int[] {n}, null, CaseModel.int32s(end));
        int st = g.constant(I32, new int[] {n}, null, CaseModel.int32s(strides));
        int y = g.output(t, out.stream().mapToInt(Integer::intValue).toArray(), q);
        Map<String, Object> o = new HashMap<>();
        o.put("begin_mask", beginMask);
        o.put("end_mask", endMask);
        o.put("shrink_axis_mask", shrinkMask);
        g.note(t).note(Arrays.toString(in)).note("begin=" + Arrays.toString(begin) + " end=" + Arrays.toString(end)
                + " strides=" + Arrays.toString(strides)).note(o);
        g.op("STRIDED_SLICE", new int[] {x, bt, et, st}, new int[] {y}, "StridedSliceOptions", o);
    }

    /** TFLM's clamp of a resolved begin or end: [0, d] for positive strides, [-1, d - 1] for negative ones. */
    private static int clamp(int v, int stride, int d) {
        return stride > 0 ? Math.max(0, Math.min(d, v)) : Math.max(-1, Math.min(d - 1, v));
    }

    private static void splitV(CaseModel g) {
        TensorType t = g.type(F32, I8, I16, I32);
        int[] in = g.shape(1, 4, 5);
        int axis = g.r.nextInt(in.length);
        int n = g.between(1, 3);
        int[] sizes = new int[n];
        int left = in[axis];
        for (int i = 0; i < n - 1; i++) {
            sizes[i] = g.between(0, left);
            left -= sizes[i];
        }
        sizes[n - 1] = left;
        int[] given = sizes.clone();
        if (g.chance(30)) {
            given[g.r.nextInt(n)] = -1;
        }
        Quantization q = g.quant(t);
        int x = g.input(t, in, q);
        int s = g.constant(I32, new int[] {n}, null, CaseModel.int32s(given));
        int a = g.constant(I32, new int[] {}, null, CaseModel.int32s(g.chance(30) ? axis - in.length : axis));
        int[] outs = new int[n];
        for (int i = 0; i < n; i++) {
            int[] shape = in.clone();
            shape[axis] = sizes[i];
            outs[i] = g.output(t, shape, q);
        }
        g.note(t).note(Arrays.toString(in)).note("axis=" + axis + " sizes=" + Arrays.toString(given));
        g.op("SPLIT_V", new int[] {x, s, a}, outs, "SplitVOptions", Map.of("num_splits", n));
    }

    private static void gatherNd(CaseModel g) {
        TensorType t = g.type(F32, I8, I16, I32);
        int[] params = g.shape(1, 3, 4);
        int k = g.between(1, params.length);
        int rows = g.between(1, 3);
        int[] idx = new int[rows * k];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < k; j++) {
                idx[r * k + j] = g.r.nextInt(Math.max(1, params[j]));
            }
        }
        int[] out = new int[1 + params.length - k];
        out[0] = rows;
        System.arraycopy(params, k, out, 1, params.length - k);
        Quantization q = g.quant(t);
        int p = g.input(t, params, q);
        int i = g.constant(I32, new int[] {rows, k}, null, CaseModel.int32s(idx));
        int y = g.output(t, out, q);
        g.note(t).note(Arrays.toString(params)).note("indices=" + Arrays.toString(idx) + " k=" + k);
        g.op("GATHER_ND", new int[] {p, i}, new int[] {y}, null, Map.of());
    }

    private static void embeddingLookup(CaseModel g) {
        TensorType t = g.type(F32, I8);
        int rows = g.between(1, 5);
        int cols = g.between(1, 4);
        int n = g.between(1, 4);
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = g.r.nextInt(rows);
        }
        Quantization q = t == I8 ? Quantization.perTensor(g.scale(0.01f, 0.1f), 0) : null;
        int lookup = g.constant(I32, new int[] {n}, null, CaseModel.int32s(ids));
        int value = g.operand(t, new int[] {rows, cols}, q);
        int y = g.output(t, new int[] {n, cols}, q);
        g.note(t).note("ids=" + Arrays.toString(ids) + " value=[" + rows + "," + cols + "]");
        g.op("EMBEDDING_LOOKUP", new int[] {lookup, value}, new int[] {y}, null, Map.of());
    }

    private static void dynamicUpdateSlice(CaseModel g) {
        TensorType t = g.type(F32, I8, I16, I32);
        int[] operand = g.shape(1, 4, 4);
        int[] update = new int[operand.length];
        int[] start = new int[operand.length];
        for (int i = 0; i < operand.length; i++) {
            update[i] = g.between(Math.min(1, operand[i]), operand[i]);
            // starts past the end are clamped by the kernel
            start[i] = g.between(-1, operand[i]);
        }
        Quantization q = g.quant(t);
        int x = g.input(t, operand, q);
        int u = g.operand(t, update, q);
        int s = g.indexConstant(new int[] {operand.length}, start);
        int y = g.output(t, operand, q);
        g.note(t).note(Arrays.toString(operand)).note("update=" + Arrays.toString(update) + " start="
                + Arrays.toString(start));
        g.op("DYNAMIC_UPDATE_SLICE", new int[] {x, u, s}, new int[] {y}, null, Map.of());
    }

    private static void spaceBatch(CaseModel g, boolean toBatch) {
        TensorType t = g.type(F32, I8);
        int bh = g.between(1, 2);
        int bw = g.between(1, 2);
        int n = g.between(1, 2);
        int c = g.between(1, 3);
        int h = bh * g.between(1, 3);
        int w = bw * g.between(1, 3);
        int[] pads = {0, 0, 0, 0};
        if (toBatch && g.chance(40)) {
            pads[1] = bh;
            pads[3] = bw;
        }
        int[] space = {n, h, w, c};
        int[] batch = {n * bh * bw, (h + pads[0] + pads[1]) / bh, (w + pads[2] + pads[3]) / bw, c};
        Quantization q = g.quant(t);
        int x = g.input(t, toBatch ? space : batch, q);
        int block = g.constant(I32, new int[] {2}, null, CaseModel.int32s(bh, bw));
        int padding = g.constant(I32, new int[] {2, 2}, null, CaseModel.int32s(pads));
        int y = g.output(t, toBatch ? batch : new int[] {n, h + pads[0] + pads[1], w + pads[2] + pads[3], c},
                g.chance(80) ? q : g.quant(t));
        g.note(t).note(Arrays.toString(toBatch ? space : batch)).note("block=" + bh + "x" + bw + " pads="
                + Arrays.toString(pads));
        g.op(toBatch ? "SPACE_TO_BATCH_ND" : "BATCH_TO_SPACE_ND", new int[] {x, block, padding}, new int[] {y},
                null, Map.of());
    }

    private static void fill(CaseModel g) {
        TensorType t = g.type(F32, I8, I16, I32, I64, BOOL);
        int[] dims = g.shape(0, 4, 4);
        int d = g.indexConstant(new int[] {dims.length}, dims);
        Quantization q = g.quant(t);
        int v = g.operand(t, new int[] {}, q);
        int y = g.output(t, dims, q);
        g.note(t).note(Arrays.toString(dims));
        g.op("FILL", new int[] {d, v}, new int[] {y}, null, Map.of());
    }

    private static void shape(CaseModel g) {
        TensorType t = g.type(F32, I8, I16, I32, I64, BOOL);
        int[] in = g.shape(0, 5, 4);
        TensorType outType = g.chance(85) ? I32 : I64;
        int x = g.input(t, in, g.quant(t));
        int y = g.output(outType, new int[] {in.length}, null);
        g.note(t).note(Arrays.toString(in)).note(outType);
        g.op("SHAPE", new int[] {x}, new int[] {y}, "ShapeOptions", Map.of("out_type", outType.name()));
    }

    private static void broadcastArgs(CaseModel g) {
        TensorType t = g.chance(85) ? I32 : I64;
        int[] a = g.shape(0, 4, 4);
        int[] b = new int[g.between(0, 4)];
        for (int i = 0; i < b.length; i++) {
            int fromEnd = b.length - 1 - i;
            int other = fromEnd < a.length ? a[a.length - 1 - fromEnd] : 1;
            b[i] = g.chance(40) ? 1 : g.chance(90) ? other : g.between(1, 4);
        }
        int[] out = new int[Math.max(a.length, b.length)];
        for (int i = 0; i < out.length; i++) {
            int da = i < a.length ? a[a.length - 1 - i] : 1;
            int db = i < b.length ? b[b.length - 1 - i] : 1;
            out[out.length - 1 - i] = da == 1 ? db : db == 1 ? da : Math.max(da, db);
        }
        int x = t == I32 ? g.constant(t, new int[] {a.length}, null, CaseModel.int32s(a))
                : g.constant(t, new int[] {a.length}, null, CaseModel.int64s(a));
        int y = t == I32 ? g.constant(t, new int[] {b.length}, null, CaseModel.int32s(b))
                : g.constant(t, new int[] {b.length}, null, CaseModel.int64s(b));
        int z = g.output(t, new int[] {out.length}, null);
        g.note(t).note(Arrays.toString(a) + " " + Arrays.toString(b));
        g.op("BROADCAST_ARGS", new int[] {x, y}, new int[] {z}, null, Map.of());
    }
}
