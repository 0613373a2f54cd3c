package dev.tflmstudio.runtime.samples;

import dev.tflmstudio.runtime.model.TensorType;
import dev.tflmstudio.runtime.tflite.ModelBuilder;
import dev.tflmstudio.runtime.tflite.ModelBuilder.SubgraphBuilder;
import java.util.Map;

/**
 * Models the reader accepts whose graph is broken or hostile (as a hand edit or a corrupted converter leaves them),
 * for the tests of the graph check, the interpreter's WHILE limit and cancellation, and the command line. Each
 * returns the file's bytes.
 */
public final class HostileModels {
    private static final Map<String, Object> NO_ACTIVATION = Map.of("fused_activation_function", "NONE");

    private HostileModels() {
    }

    /** Subgraph 2, the body of the main WHILE, holds a WHILE whose body is subgraph 2 again. */
    public static byte[] selfCallingWhile() {
        ModelBuilder b = new ModelBuilder().description("hostile: self-calling WHILE");
        SubgraphBuilder main = b.subgraph("main");
        int n = main.tensor("n", TensorType.INT32, 1);
        int out = main.tensor("out", TensorType.INT32, 1);
        main.op("WHILE", new int[] {n}, new int[] {out}, "WhileOptions",
                Map.of("cond_subgraph_index", 1, "body_subgraph_index", 2)).inputs(n).outputs(out);
        alwaysTrueCond(b);
        SubgraphBuilder body = b.subgraph("body");
        int i = body.tensor("i", TensorType.INT32, 1);
        int j = body.tensor("j", TensorType.INT32, 1);
        body.op("WHILE", new int[] {i}, new int[] {j}, "WhileOptions",
                Map.of("cond_subgraph_index", 1, "body_subgraph_index", 2)).inputs(i).outputs(j);
        return b.build();
    }

    /** The main IF calls subgraph 1, whose IF calls subgraph 2, whose IF calls subgraph 1. */
    public static byte[] ifCycle() {
        ModelBuilder b = new ModelBuilder().description("hostile: IF cycle through two subgraphs");
        for (int s = 0; s < 3; s++) {
            SubgraphBuilder sg = b.subgraph(s == 0 ? "main" : "branch" + s);
            int c = sg.tensor("c", TensorType.BOOL, 1);
            int x = sg.tensor("x", TensorType.FLOAT32, 1);
            int y = sg.tensor("y", TensorType.FLOAT32, 1);
            int callee = s == 1 ? 2 : 1;
            sg.op("IF", new int[] {c, x}, new int[] {y}, "IfOptions",
                    Map.of("then_subgraph_index", callee, "else_subgraph_index", callee)).inputs(c, x).outputs(y);
        }
        return b.build();
    }

    /**
     * Op 0 doubles input n (ADD), op 1 is a WHILE whose condition (n == n) never turns false and whose body adds 1
     * to n and doubles a float32[{@code payload}] it carries along (input v): it loops until the iteration limit or
     * a cancel stops it, each iteration taking longer the larger the payload.
     */
    public static byte[] neverEndingWhile(int payload) {
        ModelBuilder b = new ModelBuilder().description("hostile: WHILE whose condition stays true");
        SubgraphBuilder main = b.subgraph("main");
        int n = main.tensor("n", TensorType.INT32, 1);
        int v = main.tensor("v", TensorType.FLOAT32, payload);
        int twice = main.tensor("twice", TensorType.INT32, 1);
        int out = main.tensor("out", TensorType.INT32, 1);
        int vOut = main.tensor("v_out", TensorType.FLOAT32, payload);
        main.op("ADD", new int[] {n, n}, new int[] {twice}, "AddOptions", NO_ACTIVATION);
        main.op("WHILE", new int[] {twice, v}, new int[] {out, vOut}, "WhileOptions",
                Map.of("cond_subgraph_index", 1, "body_subgraph_index", 2)).inputs(n, v).outputs(out, vOut);
        SubgraphBuilder cond = b.subgraph("cond");
        int ci = cond.tensor("i", TensorType.INT32, 1);
        int cv = cond.tensor("v", TensorType.FLOAT32, payload);
        int t = cond.tensor("t", TensorType.BOOL, 1);
        cond.op("EQUAL", new int[] {ci, ci}, new int[] {t}, null, null).inputs(ci, cv).outputs(t);
        SubgraphBuilder body = b.subgraph("body");
        int i = body.tensor("i", TensorType.INT32, 1);
        int bv = body.tensor("v", TensorType.FLOAT32, payload);
        int one = body.constant("one", TensorType.INT32, new int[] {1}, new byte[] {1, 0, 0, 0});
        int next = body.tensor("next", TensorType.INT32, 1);
        int doubled = body.tensor("doubled", TensorType.FLOAT32, payload);
        body.op("ADD", new int[] {i, one}, new int[] {next}, "AddOptions", NO_ACTIVATION);
        body.op("ADD", new int[] {bv, bv}, new int[] {doubled}, "AddOptions", NO_ACTIVATION).inputs(i, bv)
                .outputs(next, doubled);
        return b.build();
    }

    /** cond(i) = (i == i), always true. */
    private static void alwaysTrueCond(ModelBuilder b) {
        SubgraphBuilder cond = b.subgraph("cond");
        int i = cond.tensor("i", TensorType.INT32, 1);
        int t = cond.tensor("t", TensorType.BOOL, 1);
        cond.op("EQUAL", new int[] {i, i}, new int[] {t}, null, null).inputs(i).outputs(t);
    }

    /** RELU on an int8 activation of {@code shape}, e.g. [1,500000000] (500 MB) or [65536,65536] int32. */
    public static byte[] hugeActivation(TensorType type, int... shape) {
        ModelBuilder b = new ModelBuilder().description("hostile: huge activation");
        int x = b.addTensor("x", type, shape, 0, null);
        int y = b.addTensor("y", type, shape, 0, null);
        b.addOperator("RELU", new int[] {x}, new int[] {y}, null, null);
        return b.inputs(x).outputs(y).build();
    }

    /** y = x + x on float32[50000000] (200 MB each): every tensor fits the arena limit, the two together do not. */
    public static byte[] arenaOverTheLimit() {
        ModelBuilder b = new ModelBuilder().description("hostile: arena over the limit");
        int x = b.addTensor("x", TensorType.FLOAT32, new int[] {50_000_000}, 0, null);
        int y = b.addTensor("y", TensorType.FLOAT32, new int[] {50_000_000}, 0, null);
        b.addOperator("ADD", new int[] {x, x}, new int[] {y}, "AddOptions", NO_ACTIVATION);
        return b.inputs(x).outputs(y).build();
    }

    /** MAXIMUM whose second input is omitted (-1): real TFLM reads it unchecked and crashes. */
    public static byte[] requiredInputOmitted() {
        ModelBuilder b = new ModelBuilder().description("hostile: required input omitted");
        int x = b.addTensor("x", TensorType.FLOAT32, new int[] {2}, 0, null);
        int y = b.addTensor("y", TensorType.FLOAT32, new int[] {2}, 0, null);
        b.addOperator("MAXIMUM", new int[] {x, -1}, new int[] {y}, null, Map.of());
        return b.inputs(x).outputs(y).build();
    }

    /** ADD whose second input is omitted (-1): TFLM's Prepare refuses it ("input2 != nullptr was not true."). */
    public static byte[] inputOmittedRefusedInPrepare() {
        ModelBuilder b = new ModelBuilder().description("hostile: input omitted, refused in prepare");
        int x = b.addTensor("x", TensorType.FLOAT32, new int[] {2}, 0, null);
        int y = b.addTensor("y", TensorType.FLOAT32, new int[] {2}, 0, null);
        b.addOperator("ADD", new int[] {x, -1}, new int[] {y}, "AddOptions", NO_ACTIVATION);
        return b.inputs(x).outputs(y).build();
    }

    /** A MEAN with its input only: real TFLM reads the absent axis unchecked and crashes. */
    public static byte[] tooFewInputs() {
        ModelBuilder b = new ModelBuilder().description("hostile: too few inputs");
        int x = b.addTensor("x", TensorType.FLOAT32, new int[] {1, 4, 4, 2}, 0, null);
        int y = b.addTensor("y", TensorType.FLOAT32, new int[] {1, 1, 1, 2}, 0, null);
        b.addOperator("MEAN", new int[] {x}, new int[] {y}, "ReducerOptions", Map.of("keep_dims", true));
        return b.inputs(x).outputs(y).build();
    }

    /**
     * A CONV_2D with its input only: TFLM's Prepare refuses it ("filter != nullptr was not true."); the planner and
     * the cost model, which read a CONV_2D's filter, must refuse it too.
     */
    public static byte[] convWithoutFilter() {
        ModelBuilder b = new ModelBuilder().description("hostile: conv without filter");
        int x = b.addTensor("x", TensorType.FLOAT32, new int[] {1, 4, 4, 2}, 0, null);
        int y = b.addTensor("y", TensorType.FLOAT32, new int[] {1, 4, 4, 2}, 0, null);
        b.addOperator("CONV_2D", new int[] {x}, new int[] {y}, "Conv2DOptions", Map.of("stride_w", 1,
                "stride_h", 1));
        return b.inputs(x).outputs(y).build();
    }

    /** An ABS with no outputs. */
    public static byte[] opWithoutOutputs() {
        ModelBuilder b = new ModelBuilder().description("hostile: op without outputs");
        int x = b.addTensor("x", TensorType.FLOAT32, new int[] {2}, 0, null);
        b.addOperator("ABS", new int[] {x}, new int[0], null, null);
        return b.inputs(x).outputs(x).build();
    }

    /** ABS and RELU both write y. */
    public static byte[] twoWriters() {
        ModelBuilder b = new ModelBuilder().description("hostile: two writers");
        int x = b.addTensor("x", TensorType.FLOAT32, new int[] {2}, 0, null);
        int y = b.addTensor("y", TensorType.FLOAT32, new int[] {2}, 0, null);
        b.addOperator("ABS", new int[] {x}, new int[] {y}, null, null);
        b.addOperator("RELU", new int[] {x}, new int[] {y}, null, null);
        return b.inputs(x).outputs(y).build();
    }

    /** ABS writes into a constant tensor. */
    public static byte[] writesConstant() {
        ModelBuilder b = new ModelBuilder().description("hostile: op writes a constant");
        int x = b.addTensor("x", TensorType.FLOAT32, new int[] {2}, 0, null);
        int w = b.addTensor("w", TensorType.FLOAT32, new int[] {2}, b.addBuffer(new byte[8]), null);
        b.addOperator("ABS", new int[] {x}, new int[] {w}, null, null);
        return b.inputs(x).outputs(w).build();
    }

    /** A main subgraph without ops whose output is its input (TFLM invokes it and copies nothing). */
    public static byte[] emptyMain() {
        ModelBuilder b = new ModelBuilder().description("hostile: main subgraph without ops");
        int x = b.addTensor("x", TensorType.FLOAT32, new int[] {2}, 0, null);
        return b.inputs(x).outputs(x).build();
    }

    /**
     * Inputs (h RESOURCE[1], x float32[1]); a VAR_HANDLE, an ASSIGN_VARIABLE of x and a READ_VARIABLE into y;
     * outputs (y, the handle): resource tensors at both ends of the graph.
     */
    public static byte[] resourceInputsAndOutputs() {
        ModelBuilder b = new ModelBuilder().description("hostile: resource inputs and outputs");
        int h = b.addTensor("h", TensorType.RESOURCE, new int[] {1}, 0, null);
        int x = b.addTensor("x", TensorType.FLOAT32, new int[] {1}, 0, null);
        int v = b.addTensor("v", TensorType.RESOURCE, new int[] {1}, 0, null);
        int y = b.addTensor("y", TensorType.FLOAT32, new int[] {1}, 0, null);
        b.addOperator("VAR_HANDLE", new int[0], new int[] {v}, "VarHandleOptions",
                Map.of("container", "", "shared_name", "acc"));
        b.addOperator("ASSIGN_VARIABLE", new int[] {v, x}, new int[0], null, null);
        b.addOperator("READ_VARIABLE", new int[] {v}, new int[] {y}, null, null);
        return b.inputs(h, x).outputs(y, v).build();
    }
}
