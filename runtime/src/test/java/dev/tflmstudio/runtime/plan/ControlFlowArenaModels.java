package dev.tflmstudio.runtime.plan;

import dev.tflmstudio.runtime.model.TensorType;
import dev.tflmstudio.runtime.tflite.ModelBuilder;
import dev.tflmstudio.runtime.tflite.ModelBuilder.SubgraphBuilder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;

/**
 * Small float32 models with IF, WHILE (alone and one inside the other) and CALL_ONCE, whose sizes vary what
 * TFLM allocates: the number of subgraphs, of subgraph inputs and outputs, of tensors and ops in the called
 * subgraphs. All run in TFLM as built.
 */
final class ControlFlowArenaModels {
    private static final Map<String, Object> NO_ACTIVATION = Map.of("fused_activation_function", "NONE");

    private ControlFlowArenaModels() {
    }

    /**
     * {@code outputs} results of IF(cond, x0..x[inputs-1]) over float32[length] tensors: the then branch (subgraph
     * 1) makes each output by a chain of {@code chain} ADDs, the else branch (2) by MULs.
     */
    static byte[] ifOf(int inputs, int outputs, int length, int chain) {
        ModelBuilder b = new ModelBuilder();
        SubgraphBuilder main = b.subgraph("main");
        int[] in = new int[inputs + 1];
        in[0] = main.tensor("cond", TensorType.BOOL, 1);
        for (int i = 1; i <= inputs; i++) {
            in[i] = main.tensor("x" + i, TensorType.FLOAT32, length);
        }
        int[] out = new int[outputs];
        for (int o = 0; o < outputs; o++) {
            out[o] = main.tensor("y" + o, TensorType.FLOAT32, length);
        }
        main.op("IF", in, out, "IfOptions", Map.of("then_subgraph_index", 1, "else_subgraph_index", 2))
                .inputs(in).outputs(out);
        branch(b, "ADD", inputs, outputs, length, chain);
        branch(b, "MUL", inputs, outputs, length, chain);
        return b.build();
    }

    /** A branch subgraph: output o is {@code op} applied {@code chain} times to input (o mod inputs) and input 0. */
    private static void branch(ModelBuilder b, String op, int inputs, int outputs, int length, int chain) {
        SubgraphBuilder g = b.subgraph(op.toLowerCase());
        int[] in = new int[inputs];
        for (int i = 0; i < inputs; i++) {
            in[i] = g.tensor("a" + i, TensorType.FLOAT32, length);
        }
        int[] out = new int[outputs];
        for (int o = 0; o < outputs; o++) {
            int last = in[o % inputs];
            for (int k = 0; k < chain; k++) {
                int next = g.tensor("r" + o + "_" + k, TensorType.FLOAT32, length);
                g.op(op, new int[] {last, in[0]}, new int[] {next}, options(op), NO_ACTIVATION);
                last = next;
            }
            out[o] = last;
        }
        g.inputs(in).outputs(out);
    }

    /**
     * (i, x) = WHILE(0, x) while i < 3 over x float32[length]: the cond subgraph (1) has {@code condOps} ops (LESS
     * and ADDs nobody reads), the body (2) adds 1 to i and doubles x {@code bodyDoublings} times.
     */
    static byte[] whileOf(int length, int condOps, int bodyDoublings) {
        ModelBuilder b = new ModelBuilder();
        SubgraphBuilder main = b.subgraph("main");
        int x = main.tensor("x", TensorType.FLOAT32, length);
        int zero = main.constant("zero", TensorType.INT32, new int[] {1}, int32(0));
        int i = main.tensor("i", TensorType.INT32, 1);
        int y = main.tensor("y", TensorType.FLOAT32, length);
        main.op("WHILE", new int[] {zero, x}, new int[] {i, y}, "WhileOptions",
                Map.of("cond_subgraph_index", 1, "body_subgraph_index", 2)).inputs(x).outputs(i, y);
        lessThanThree(b, length, condOps);
        SubgraphBuilder body = b.subgraph("body");
        int bi = body.tensor("i", TensorType.INT32, 1);
        int bx = body.tensor("x", TensorType.FLOAT32, length);
        int one = body.constant("one", TensorType.INT32, new int[] {1}, int32(1));
        int next = body.tensor("next", TensorType.INT32, 1);
        body.op("ADD", new int[] {bi, one}, new int[] {next}, "AddOptions", NO_ACTIVATION);
        int last = bx;
        for (int k = 0; k < bodyDoublings; k++) {
            int twice = body.tensor("twice" + k, TensorType.FLOAT32, length);
            body.op("ADD", new int[] {last, last}, new int[] {twice}, "AddOptions", NO_ACTIVATION);
            last = twice;
        }
        body.inputs(bi, bx).outputs(next, last);
        return b.build();
    }

    /** WHILE's cond subgraph over (i, x): i < 3, after {@code ops - 1} ADDs whose results nobody reads. */
    private static void lessThanThree(ModelBuilder b, int length, int ops) {
        SubgraphBuilder cond = b.subgraph("cond");
        int i = cond.tensor("i", TensorType.INT32, 1);
        int x = cond.tensor("x", TensorType.FLOAT32, length);
        int three = cond.constant("three", TensorType.INT32, new int[] {1}, int32(3));
        int last = i;
        for (int k = 1; k < ops; k++) {
            int unused = cond.tensor("unused" + k, TensorType.INT32, 1);
            cond.op("ADD", new int[] {last, three}, new int[] {unused}, "AddOptions", NO_ACTIVATION);
            last = unused;
        }
        int less = cond.tensor("less", TensorType.BOOL, 1);
        cond.op("LESS", new int[] {i, three}, new int[] {less}, null, null).inputs(i, x).outputs(less);
    }

    /** WHILE(i < 3) over x float32[3] whose body runs IF(i < 1, x): subgraphs main, cond, body, then, else. */
    static byte[] ifInsideWhile() {
        int length = 3;
        ModelBuilder b = new ModelBuilder();
        SubgraphBuilder main = b.subgraph("main");
        int x = main.tensor("x", TensorType.FLOAT32, length);
        int zero = main.constant("zero", TensorType.INT32, new int[] {1}, int32(0));
        int i = main.tensor("i", TensorType.INT32, 1);
        int y = main.tensor("y", TensorType.FLOAT32, length);
        main.op("WHILE", new int[] {zero, x}, new int[] {i, y}, "WhileOptions",
                Map.of("cond_subgraph_index", 1, "body_subgraph_index", 2)).inputs(x).outputs(i, y);
        lessThanThree(b, length, 1);
        SubgraphBuilder body = b.subgraph("body");
        int bi = body.tensor("i", TensorType.INT32, 1);
        int bx = body.tensor("x", TensorType.FLOAT32, length);
        int one = body.constant("one", TensorType.INT32, new int[] {1}, int32(1));
        int next = body.tensor("next", TensorType.INT32, 1);
        int first = body.tensor("first", TensorType.BOOL, 1);
        int r = body.tensor("r", TensorType.FLOAT32, length);
        body.op("ADD", new int[] {bi, one}, new int[] {next}, "AddOptions", NO_ACTIVATION)
                .op("LESS", new int[] {bi, one}, new int[] {first}, null, null)
                .op("IF", new int[] {first, bx}, new int[] {r}, "IfOptions",
                        Map.of("then_subgraph_index", 3, "else_subgraph_index", 4))
                .inputs(bi, bx).outputs(next, r);
        branch(b, "ADD", 1, 1, length, 1);
        branch(b, "MUL", 1, 1, length, 1);
        return b.build();
    }

    /**
     * IF(cond, x) over x float32[4] whose then branch (1) runs WHILE(i < 3) doubling x (cond 3, body 4) and whose
     * else branch (2) squares x.
     */
    static byte[] whileInsideIf() {
        int length = 4;
        ModelBuilder b = new ModelBuilder();
        SubgraphBuilder main = b.subgraph("main");
        int cond = main.tensor("cond", TensorType.BOOL, 1);
        int x = main.tensor("x", TensorType.FLOAT32, length);
        int y = main.tensor("y", TensorType.FLOAT32, length);
        main.op("IF", new int[] {cond, x}, new int[] {y}, "IfOptions",
                Map.of("then_subgraph_index", 1, "else_subgraph_index", 2)).inputs(cond, x).outputs(y);
        SubgraphBuilder then = b.subgraph("then");
        int tx = then.tensor("x", TensorType.FLOAT32, length);
        int zero = then.constant("zero", TensorType.INT32, new int[] {1}, int32(0));
        int ti = then.tensor("i", TensorType.INT32, 1);
        int ty = then.tensor("y", TensorType.FLOAT32, length);
        then.op("WHILE", new int[] {zero, tx}, new int[] {ti, ty}, "WhileOptions",
                Map.of("cond_subgraph_index", 3, "body_subgraph_index", 4)).inputs(tx).outputs(ty);
        branch(b, "MUL", 1, 1, length, 1);
        lessThanThree(b, length, 1);
        SubgraphBuilder body = b.subgraph("body");
        int bi = body.tensor("i", TensorType.INT32, 1);
        int bx = body.tensor("x", TensorType.FLOAT32, length);
        int one = body.constant("one", TensorType.INT32, new int[] {1}, int32(1));
        int next = body.tensor("next", TensorType.INT32, 1);
        int twice = body.tensor("twice", TensorType.FLOAT32, length);
        body.op("ADD", new int[] {bi, one}, new int[] {next}, "AddOptions", NO_ACTIVATION)
                .op("ADD", new int[] {bx, bx}, new int[] {twice}, "AddOptions", NO_ACTIVATION)
                .inputs(bi, bx).outputs(next, twice);
        return b.build();
    }

    /**
     * A running total in resource variable "total" (float32[length]): CALL_ONCE's init subgraph (1) computes its
     * first value with {@code initOps - 1} ADDs and assigns it; every invoke reads it, adds x and assigns the sum.
     */
    static byte[] callOnceInit(int length, int initOps) {
        ModelBuilder b = new ModelBuilder();
        SubgraphBuilder main = b.subgraph("main");
        int x = main.tensor("x", TensorType.FLOAT32, length);
        int handle = main.tensor("handle", TensorType.RESOURCE);
        int value = main.tensor("value", TensorType.FLOAT32, length);
        int sum = main.tensor("sum", TensorType.FLOAT32, length);
        Map<String, Object> total = Map.of("shared_name", "total");
        main.op("CALL_ONCE", new int[0], new int[0], "CallOnceOptions", Map.of("init_subgraph_index", 1))
                .op("VAR_HANDLE", new int[0], new int[] {handle}, "VarHandleOptions", total)
                .op("READ_VARIABLE", new int[] {handle}, new int[] {value}, null, null)
                .op("ADD", new int[] {value, x}, new int[] {sum}, "AddOptions", NO_ACTIVATION)
                .op("ASSIGN_VARIABLE", new int[] {handle, sum}, new int[0], null, null)
                .inputs(x).outputs(sum);
        SubgraphBuilder init = b.subgraph("init");
        int initHandle = init.tensor("handle", TensorType.RESOURCE);
        ByteBuffer tens = ByteBuffer.allocate(4 * length).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < length; k++) {
            tens.putFloat(10f + k);
        }
        int ten = init.constant("ten", TensorType.FLOAT32, new int[] {length}, tens.array());
        int last = ten;
        for (int k = 1; k < initOps; k++) {
            int next = init.tensor("t" + k, TensorType.FLOAT32, length);
            init.op("ADD", new int[] {last, ten}, new int[] {next}, "AddOptions", NO_ACTIVATION);
            last = next;
        }
        init.op("VAR_HANDLE", new int[0], new int[] {initHandle}, "VarHandleOptions", total)
                .op("ASSIGN_VARIABLE", new int[] {initHandle, last}, new int[0], null, null);
        return b.build();
    }

    private static String options(String op) {
        return op.equals("ADD") ? "AddOptions" : "MulOptions";
    }

    private static byte[] int32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }
}
