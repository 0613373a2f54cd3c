package dev.tflmstudio.runtime.fidelity;

import static dev.tflmstudio.runtime.fidelity.CaseModel.BOOL;
import static dev.tflmstudio.runtime.fidelity.CaseModel.F32;
import static dev.tflmstudio.runtime.fidelity.CaseModel.I16;
import static dev.tflmstudio.runtime.fidelity.CaseModel.I32;
import static dev.tflmstudio.runtime.fidelity.CaseModel.I64;
import static dev.tflmstudio.runtime.fidelity.CaseModel.I8;

import dev.tflmstudio.runtime.model.Quantization;
import dev.tflmstudio.runtime.model.TensorType;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Ops that move data: pack, concatenation, transpose, pad, split, reshape, gathers, slices, resizes. */
final class ShapeCases {
    private ShapeCases() {
    }

    static void register(Map<String, OpCases.Family> f) {
        f.put("PACK", ShapeCases::pack);
        f.put("UNPACK", ShapeCases::unpack);
        f.put("CONCATENATION", ShapeCases::concatenation);
        f.put("TRANSPOSE", ShapeCases::transpose);
        f.put("PAD", g -> pad(g, "PAD"));
        f.put("PADV2", g -> pad(g, "PADV2"));
        f.put("MIRROR_PAD", g -> pad(g, "MIRROR_PAD"));
        f.put("SPLIT", ShapeCases::split);
        f.put("RESHAPE", ShapeCases::reshape);
        f.put("SQUEEZE", ShapeCases::squeeze);
        f.put("EXPAND_DIMS", ShapeCases::expandDims);
        f.put("GATHER", ShapeCases::gather);
        f.put("SLICE", ShapeCases::slice);
        f.put("REVERSE_V2", ShapeCases::reverse);
        f.put("DEPTH_TO_SPACE", g -> depthSpace(g, true));
        f.put("SPACE_TO_DEPTH", g -> depthSpace(g, false));
        f.put("BROADCAST_TO", ShapeCases::broadcastTo);
        f.put("SELECT_V2", ShapeCases::selectV2);
        f.put("CUMSUM", ShapeCases::cumsum);
        f.put("RESIZE_NEAREST_NEIGHBOR", g -> resize(g, "RESIZE_NEAREST_NEIGHBOR"));
        f.put("RESIZE_BILINEAR", g -> resize(g, "RESIZE_BILINEAR"));
    }

    private static TensorType dataType(CaseModel g) {
        return g.type(F32, I8, I16, I32, I64);
    }

    private static void pack(CaseModel g) {
        TensorType t = dataType(g);
        int[] in = g.shape(0, 3, 4);
        int n = g.between(1, 3);
        int axis = g.between(0, in.length);
        int[] out = insert(in, axis, n);
        Quantization q = g.quant(t);
        int[] ins = new int[n];
        for (int i = 0; i < n; i++) {
            ins[i] = i == 0 ? g.input(t, in, q) : g.operand(t, in, q);
        }
        int y = g.output(t, out, q);
        int a = g.chance(30) ? axis - out.length : axis;
        g.note(t).note(Arrays.toString(in)).note("axis=" + a);
        g.op("PACK", ins, new int[] {y}, "PackOptions", Map.of("values_count", n, "axis", a));
    }

    private static void unpack(CaseModel g) {
        TensorType t = dataType(g);
        int[] in = g.shape(1, 4, 4);
        int axis = g.r.nextInt(in.length);
        int n = in[axis];
        int[] out = remove(in, axis);
        Quantization q = g.quant(t);
        int x = g.input(t, in, q);
        int[] outs = new int[n];
        for (int i = 0; i < n; i++) {
            outs[i] = g.output(t, out, q);
        }
        int a = g.chance(30) ? axis - in.length : axis;
        g.note(t).note(Arrays.toString(in)).note("axis=" + a);
        g.op("UNPACK", new int[] {x}, outs, "UnpackOptions", Map.of("num", n, "axis", a));
    }

    private static void concatenation(CaseModel g) {
        TensorType t = g.type(F32, I8, I16, I32, I64, BOOL);
        int[] base = g.shape(1, 4, 4);
        int axis = g.r.nextInt(base.length);
        int n = g.between(1, 3);
        int total = 0;
        Quantization q = g.quant(t);
        int[] ins = new int[n];
        for (int i = 0; i < n; i++) {
            int[] s = base.clone();
            s[axis] = g.between(1, 3);
            total += s[axis];
            ins[i] = i == 0 ? g.input(t, s, q) : g.operand(t, s, g.chance(70) ? q : g.quant(t));
        }
        int[] out = base.clone();
        out[axis] = total;
        int y = g.output(t, out, g.chance(70) ? q : g.quant(t));
        int a = g.chance(30) ? axis - base.length : axis;
        Map<String, Object> o = Map.of("axis", a, "fused_activation_function", g.chance(85) ? "NONE" : "RELU");
        g.note(t).note(Arrays.toString(base)).note(o);
        g.op("CONCATENATION", ins, new int[] {y}, "ConcatenationOptions", o);
    }

    private static void transpose(CaseModel g) {
        TensorType t = g.type(F32, I8, I16, I32, BOOL);
        int[] in = g.shape(1, 6, 4);
        int[] perm = permutation(g, in.length);
        int[] out = new int[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = in[perm[i]];
        }
        Quantization q = g.quant(t);
        int x = g.input(t, in, q);
        // int32 only: TFLM reads an int64 perm as int32 and then reads outside the input (we refuse at invoke)
        int p = g.constant(I32, new int[] {perm.length}, null, CaseModel.int32s(perm));
        int y = g.output(t, out, q);
        g.note(t).note(Arrays.toString(in)).note("perm=" + Arrays.toString(perm));
        g.op("TRANSPOSE", new int[] {x, p}, new int[] {y}, null, Map.of());
    }

    private static void pad(CaseModel g, String op) {
        TensorType t = g.type(F32, I8, I16, I32);
        int[] in = g.shape(1, 5, 4);
        boolean mirror = op.equals("MIRROR_PAD");
        boolean reflect = g.chance(50);
        int[] pads = new int[2 * in.length];
        int[] out = in.clone();
        for (int i = 0; i < in.length; i++) {
            int max = mirror ? (reflect ? in[i] - 1 : in[i]) : 2;
            pads[2 * i] = g.between(0, Math.max(0, Math.min(2, max)));
            pads[2 * i + 1] = g.between(0, Math.max(0, Math.min(2, max)));
            out[i] += pads[2 * i] + pads[2 * i + 1];
        }
        Quantization q = g.quant(t);
        int x = g.input(t, in, q);
        int p = g.indexConstant(new int[] {in.length, 2}, pads);
        int y = g.output(t, out, q);
        g.note(t).note(Arrays.toString(in)).note("pads=" + Arrays.toString(pads));
        if (op.equals("PADV2")) {
            int v = g.randomConstant(t, g.chance(80) ? new int[0] : new int[] {1}, q);
            g.op(op, new int[] {x, p, v}, new int[] {y}, null, Map.of());
        } else if (mirror) {
            g.op(op, new int[] {x, p}, new int[] {y}, "MirrorPadOptions", Map.of("mode", reflect ? "REFLECT" : "SYMMETRIC"));
        } else {
            g.op(op, new int[] {x, p}, new int[] {y}, null, Map.of());
        }
    }

    private static void split(CaseModel g) {
        TensorType t = g.type(F32, I8, I16, I32);
        int[] in = g.shape(1, 4, 4);
        int axis = g.r.nextInt(in.length);
        int n = g.pick(1, 2, 3);
        in[axis] = n * g.between(1, 2);
        int[] out = in.clone();
        out[axis] = in[axis] / n;
        Quantization q = g.quant(t);
        int a = g.constant(I32, new int[0], null, CaseModel.int32s(g.chance(30) ? axis - in.length : axis));
        int x = g.input(t, in, q);
        int[] outs = new int[n];
        for (int i = 0; i < n; i++) {
            outs[i] = g.output(t, out, q);
        }
        g.note(t).note(Arrays.toString(in)).note("axis=" + axis);
        g.op("SPLIT", new int[] {a, x}, outs, "SplitOptions", Map.of("num_splits", n));
    }

    private static void reshape(CaseModel g) {
        TensorType t = g.type(F32, I8, I16, I32, BOOL);
        int[] in = g.shape(0, 4, 4);
        int[] out = Arrays.stream(in).sorted().toArray();
        if (out.length > 1 && g.chance(50)) {
            out = new int[] {out[0] * out[1], out.length > 2 ? out[2] : 1};
        }
        if (g.chance(5)) {
            // the legacy scalar: an output shape [0] with no shape input stands for one element (TFLM's Prepare
            // makes it a scalar before planning), so TFLM runs a 1-element input and refuses 0 or 2 elements
            in = g.pick(new int[] {0}, new int[] {2}, new int[] {1}, new int[] {1, 1});
            out = new int[] {0};
        }
        Quantization q = g.quant(t);
        int x = g.input(t, in, q);
        int y = g.output(t, out, q);
        int[] shapeValues = out.clone();
        if (shapeValues.length > 0 && g.chance(30)) {
            shapeValues[0] = -1;
        }
        g.note(t).note(Arrays.toString(in) + "->" + Arrays.toString(shapeValues));
        if (g.chance(60)) {
            int s = g.indexConstant(new int[] {shapeValues.length}, shapeValues);
            g.op("RESHAPE", new int[] {x, s}, new int[] {y}, null, Map.of());
        } else {
            g.op("RESHAPE", new int[] {x}, new int[] {y}, "ReshapeOptions",
                    Map.of("new_shape", Arrays.stream(shapeValues).boxed().toList()));
        }
    }

    private static void squeeze(CaseModel g) {
        TensorType t = g.type(F32, I8, I16, I32);
        int[] in = g.shape(1, 5, 3);
        in[g.r.nextInt(in.length)] = 1;
        java.util.List<Integer> dims = new java.util.ArrayList<>();
        boolean all = g.chance(40);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == 1 && (all || g.chance(50))) {
                dims.add(g.chance(30) ? i - in.length : i);
            }
        }
        int[] out = Arrays.stream(in).filter(d -> d != 1).toArray();
        if (!all) {
            java.util.List<Integer> keep = new java.util.ArrayList<>();
            for (int i = 0; i < in.length; i++) {
                int ii = i;
                boolean squeezed = dims.stream().anyMatch(d -> (d < 0 ? d + in.length : d) == ii);
                if (!squeezed) {
                    keep.add(in[i]);
                }
            }
            out = keep.stream().mapToInt(Integer::intValue).toArray();
        }
        Quantization q = g.quant(t);
        int x = g.input(t, in, q);
        int y = g.output(t, out, q);
        g.note(t).note(Arrays.toString(in)).note("dims=" + (all ? "all" : dims));
        g.op("SQUEEZE", new int[] {x}, new int[] {y}, "SqueezeOptions", Map.of("squeeze_dims", all ? java.util.List.of() : dims));
    }

    private static void expandDims(CaseModel g) {
        TensorType t = g.type(F32, I8, I16, I32);
        int[] in = g.shape(0, 4, 4);
        int axis = g.between(0, in.length);
        int[] out = insert(in, axis, 1);
        Quantization q = g.quant(t);
        int x = g.input(t, in, q);
        int a = g.indexConstant(new int[] {1}, g.chance(30) ? axis - in.length - 1 : axis);
        int y = g.output(t, out, q);
        g.note(t).note(Arrays.toString(in)).note("axis=" + axis);
        g.op("EXPAND_DIMS", new int[] {x, a}, new int[] {y}, null, Map.of());
    }

    private static void gather(CaseModel g) {
        TensorType t = g.type(F32, I8, I16, I32, BOOL);
        int[] params = g.shape(1, 3, 4);
        int axis = g.r.nextInt(params.length);
        int[] idxShape = g.shape(0, 2, 3);
        int count = CaseModel.count(idxShape);
        int[] idx = new int[count];
        for (int i = 0; i < count; i++) {
            // never out of range: TFLM does not check and reads outside the tensor (we refuse at invoke)
            idx[i] = g.r.nextInt(Math.max(1, params[axis]));
        }
        int[] out = new int[params.length - 1 + idxShape.length];
        int k = 0;
        for (int i = 0; i < axis; i++) {
            out[k++] = params[i];
        }
        for (int d : idxShape) {
            out[k++] = d;
        }
        for (int i = axis + 1; i < params.length; i++) {
            out[k++] = params[i];
        }
        Quantization q = g.quant(t);
        int x = g.input(t, params, q);
        int ix = g.indexConstant(idxShape, idx);
        int y = g.output(t, out, q);
        int a = g.chance(30) ? axis - params.length : axis;
        g.note(t).note(Arrays.toString(params)).note("axis=" + a + " idx=" + Arrays.toString(idx));
        g.op("GATHER", new int[] {x, ix}, new int[] {y}, "GatherOptions", Map.of("axis", a, "batch_dims", 0));
    }

    private static void slice(CaseModel g) {
        TensorType t = g.type(F32, I8, I16, I32, BOOL);
        int[] in = g.shape(1, 5, 5);
        int[] begin = new int[in.length];
        int[] size = new int[in.length];
        int[] out = new int[in.length];
        for (int i = 0; i < in.length; i++) {
            begin[i] = g.r.nextInt(Math.max(1, in[i]));
            out[i] = g.between(Math.min(1, in[i] - begin[i]), Math.max(0, in[i] - begin[i]));
            size[i] = g.chance(20) ? -1 : out[i];
            if (size[i] == -1) {
                out[i] = in[i] - begin[i];
            }
        }
        Quantization q = g.quant(t);
        int x = g.input(t, in, q);
        // begin and size of one type: TFLM reads size with begin's type (past its end for int32 size, int64 begin)
        boolean wide = g.chance(15);
        int b = g.constant(wide ? I64 : I32, new int[] {in.length}, null,
                wide ? CaseModel.int64s(begin) : CaseModel.int32s(begin));
        int s = g.constant(wide ? I64 : I32, new int[] {in.length}, null,
                wide ? CaseModel.int64s(size) : CaseModel.int32s(size));
        int y = g.output(t, out, q);
        g.note(t).note(Arrays.toString(in)).note("begin=" + Arrays.toString(begin) + " size=" + Arrays.toString(size));
        g.op("SLICE", new int[] {x, b, s}, new int[] {y}, null, Map.of());
    }

    private static void reverse(CaseModel g) {
        TensorType t = g.type(F32, I8, I16, I32, I64, BOOL);
        int[] in = g.shape(1, 5, 4);
        int n = g.between(1, Math.min(2, in.length));
        int[] axes = new int[n];
        for (int i = 0; i < n; i++) {
            axes[i] = g.r.nextInt(in.length);
        }
        Quantization q = g.quant(t);
        int x = g.input(t, in, q);
        int a = g.indexConstant(new int[] {n}, axes);
        int y = g.output(t, in, q);
        g.note(t).note(Arrays.toString(in)).note("axes=" + Arrays.toString(axes));
        g.op("REVERSE_V2", new int[] {x, a}, new int[] {y}, null, Map.of());
    }

    private static void depthSpace(CaseModel g, boolean toSpace) {
        TensorType t = g.type(F32, I8, I16);
        int b = g.between(1, 3);
        int h = g.between(1, 3);
        int w = g.between(1, 3);
        int c = g.between(1, 3);
        int[] in = toSpace ? new int[] {1, h, w, c * b * b} : new int[] {1, h * b, w * b, c};
        int[] out = toSpace ? new int[] {1, h * b, w * b, c} : new int[] {1, h, w, c * b * b};
        Quantization q = g.quant(t);
        int x = g.input(t, in, q);
        int y = g.output(t, out, q);
        g.note(t).note(Arrays.toString(in)).note("block=" + b);
        g.op(toSpace ? "DEPTH_TO_SPACE" : "SPACE_TO_DEPTH", new int[] {x}, new int[] {y},
                toSpace ? "DepthToSpaceOptions" : "SpaceToDepthOptions", Map.of("block_size", b));
    }

    private static void broadcastTo(CaseModel g) {
        TensorType t = g.type(F32, I8, I16, I32, BOOL);
        int[] out = g.shape(1, 5, 4);
        int[] in = new int[g.between(0, out.length)];
        for (int i = 0; i < in.length; i++) {
            int d = out[out.length - in.length + i];
            in[i] = g.chance(50) ? 1 : d;
        }
        Quantization q = g.quant(t);
        int x = g.input(t, in, q);
        int s = g.indexConstant(new int[] {out.length}, out);
        int y = g.output(t, out, q);
        g.note(t).note(Arrays.toString(in) + "->" + Arrays.toString(out));
        g.op("BROADCAST_TO", new int[] {x, s}, new int[] {y}, null, Map.of());
    }

    private static void selectV2(CaseModel g) {
        TensorType t = g.type(F32, I8, I16, I32);
        int[] full = g.shape(1, 4, 4);
        int[] c = full.clone();
        int[] a = full.clone();
        int[] b = full.clone();
        for (int[] s : new int[][] {c, a, b}) {
            for (int i = 0; i < s.length; i++) {
                if (g.chance(25)) {
                    s[i] = 1;
                }
            }
        }
        int[] out = ElementwiseCases.broadcast(ElementwiseCases.broadcast(c, a), b);
        Quantization q = g.quant(t);
        int cond = g.input(BOOL, c, null);
        int x = g.operand(t, a, q);
        int y = g.operand(t, b, q);
        int z = g.output(t, out, q);
        g.note(t).note(Arrays.toString(c) + Arrays.toString(a) + Arrays.toString(b));
        g.op("SELECT_V2", new int[] {cond, x, y}, new int[] {z}, null, Map.of());
    }

    private static void cumsum(CaseModel g) {
        TensorType t = g.type(F32, I32, I8, I16, I64);
        int[] in = g.shape(1, 4, 5);
        int axis = g.r.nextInt(in.length);
        Quantization q = g.quant(t);
        int x = g.input(t, in, q);
        int a = g.constant(I32, new int[0], null, CaseModel.int32s(g.chance(30) ? axis - in.length : axis));
        int y = g.output(t, in, q);
        Map<String, Object> o = Map.of("exclusive", g.chance(50), "reverse", g.chance(50));
        g.note(t).note(Arrays.toString(in)).note("axis=" + axis).note(o);
        g.op("CUMSUM", new int[] {x, a}, new int[] {y}, "CumsumOptions", o);
    }

    private static void resize(CaseModel g, String op) {
        TensorType t = g.type(F32, I8, I16);
        int h = g.between(1, 5);
        int w = g.between(1, 5);
        int c = g.between(1, 3);
        int oh = g.between(1, 8);
        int ow = g.between(1, 8);
        boolean align = g.chance(30);
        boolean half = !align && g.chance(50);
        Quantization q = g.quant(t);
        int x = g.input(t, new int[] {1, h, w, c}, q);
        int s = g.constant(I32, new int[] {2}, null, CaseModel.int32s(oh, ow));
        int y = g.output(t, new int[] {1, oh, ow, c}, q);
        Map<String, Object> o = Map.of("align_corners", align, "half_pixel_centers", half);
        g.note(t).note(h + "x" + w + "->" + oh + "x" + ow).note(o);
        g.op(op, new int[] {x, s}, new int[] {y},
                op.equals("RESIZE_BILINEAR") ? "ResizeBilinearOptions" : "ResizeNearestNeighborOptions", o);
    }

    static int[] insert(int[] a, int at, int v) {
        int[] r = new int[a.length + 1];
        for (int i = 0, k = 0; i < r.length; i++) {
            r[i] = i == at ? v : a[k++];
        }
        return r;
    }

    static int[] remove(int[] a, int at) {
        int[] r = new int[a.length - 1];
        for (int i = 0, k = 0; i < a.length; i++) {
            if (i != at) {
                r[k++] = a[i];
            }
        }
        return r;
    }

    private static int[] permutation(CaseModel g, int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = g.r.nextInt(i + 1);
            int tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
        return p;
    }
}
