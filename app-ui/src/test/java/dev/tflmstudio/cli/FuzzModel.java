package dev.tflmstudio.cli;

import dev.tflmstudio.runtime.model.BuiltinOperators;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.Operator;
import dev.tflmstudio.runtime.model.Quantization;
import dev.tflmstudio.runtime.model.Subgraph;
import dev.tflmstudio.runtime.model.TensorType;
import dev.tflmstudio.runtime.tflite.ModelBuilder;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model as plain mutable data (subgraphs of tensors and ops), read from a parsed {@link Model} and written back
 * through the project's {@link ModelBuilder}: what the IR-level mutations of {@link HostileModelFuzzTest} edit.
 * Not kept: intermediates, shape signatures, metadata (the offline plan), op versions.
 */
final class FuzzModel {
    /** One tensor; {@code data} is null for a runtime tensor. */
    static final class T {
        String name;
        TensorType type;
        int[] shape;
        byte[] data;
        Quantization q;
        boolean variable;

        T copy() {
            T t = new T();
            t.name = name;
            t.type = type;
            t.shape = shape.clone();
            t.data = data == null ? null : data.clone();
            t.q = q;
            t.variable = variable;
            return t;
        }
    }

    /** One op: a builtin by schema name, or a custom op by {@code custom} name. */
    static final class Op {
        String builtin;
        String custom;
        byte[] customOptions;
        List<Integer> in = new ArrayList<>();
        List<Integer> out = new ArrayList<>();
        String optionsTable;
        Map<String, Object> options = new LinkedHashMap<>();

        Op copy() {
            Op o = new Op();
            o.builtin = builtin;
            o.custom = custom;
            o.customOptions = customOptions == null ? null : customOptions.clone();
            o.in = new ArrayList<>(in);
            o.out = new ArrayList<>(out);
            o.optionsTable = optionsTable;
            o.options = deepCopy(options);
            return o;
        }
    }

    /** One subgraph. */
    static final class G {
        String name;
        List<T> tensors = new ArrayList<>();
        List<Op> ops = new ArrayList<>();
        List<Integer> inputs = new ArrayList<>();
        List<Integer> outputs = new ArrayList<>();

        G copy() {
            G g = new G();
            g.name = name;
            tensors.forEach(t -> g.tensors.add(t.copy()));
            ops.forEach(o -> g.ops.add(o.copy()));
            g.inputs = new ArrayList<>(inputs);
            g.outputs = new ArrayList<>(outputs);
            return g;
        }
    }

    final List<G> subgraphs = new ArrayList<>();

    static FuzzModel of(Model m) {
        FuzzModel f = new FuzzModel();
        for (Subgraph s : m.subgraphs()) {
            G g = new G();
            g.name = s.name() == null ? "sg" + s.index() : s.name();
            for (var t : s.tensors()) {
                T x = new T();
                x.name = t.name() == null ? "" : t.name();
                x.type = t.type();
                x.shape = t.shape().toArray();
                ByteBuffer d = t.data();
                if (d != null) {
                    x.data = new byte[d.remaining()];
                    d.get(x.data);
                }
                x.q = t.quantization();
                x.variable = t.variable();
                g.tensors.add(x);
            }
            for (Operator op : s.operators()) {
                Op o = new Op();
                if (op.code().isCustom()) {
                    o.custom = op.code().customName() == null ? "custom" : op.code().customName();
                    ByteBuffer c = op.customOptionsBytes();
                    if (c != null) {
                        o.customOptions = new byte[c.remaining()];
                        c.duplicate().get(o.customOptions);
                    }
                } else {
                    o.builtin = op.code().builtinName();
                }
                o.in.addAll(op.inputs());
                o.out.addAll(op.outputs());
                if (!op.options().type().equals("NONE")) {
                    o.optionsTable = op.options().type();
                    o.options = deepCopy(op.options().fields());
                }
                g.ops.add(o);
            }
            g.inputs.addAll(s.inputs());
            g.outputs.addAll(s.outputs());
            f.subgraphs.add(g);
        }
        return f;
    }

    FuzzModel copy() {
        FuzzModel f = new FuzzModel();
        subgraphs.forEach(g -> f.subgraphs.add(g.copy()));
        return f;
    }

    G main() {
        return subgraphs.get(0);
    }

    /** The file's bytes; throws IllegalArgumentException for what ModelBuilder cannot write (an unknown builtin). */
    byte[] build() {
        ModelBuilder b = new ModelBuilder();
        for (G g : subgraphs) {
            ModelBuilder.SubgraphBuilder sb = b.subgraph(g.name);
            for (T t : g.tensors) {
                int buffer = t.data == null ? 0 : b.addBuffer(t.data);
                sb.addTensor(t.name, t.type, t.shape, buffer, t.q, t.variable);
            }
            for (Op o : g.ops) {
                int[] in = o.in.stream().mapToInt(Integer::intValue).toArray();
                int[] out = o.out.stream().mapToInt(Integer::intValue).toArray();
                if (o.custom != null) {
                    sb.addCustomOperator(o.custom, in, out, o.customOptions);
                } else if (BuiltinOperators.code(o.builtin) < 0) {
                    throw new IllegalArgumentException("unknown builtin " + o.builtin);
                } else {
                    sb.addOperator(o.builtin, in, out, o.optionsTable, o.options);
                }
            }
            sb.inputs(g.inputs.stream().mapToInt(Integer::intValue).toArray());
            sb.outputs(g.outputs.stream().mapToInt(Integer::intValue).toArray());
        }
        return b.build();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> m) {
        Map<String, Object> c = new LinkedHashMap<>();
        m.forEach((k, v) -> c.put(k, v instanceof Map<?, ?> sub ? deepCopy((Map<String, Object>) sub)
                : v instanceof List<?> l ? new ArrayList<>(l) : v));
        return c;
    }
}
