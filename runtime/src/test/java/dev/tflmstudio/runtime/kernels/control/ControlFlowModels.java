package dev.tflmstudio.runtime.kernels.control;

import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.TensorType;
import dev.tflmstudio.runtime.tflite.ModelReader;
import dev.tflmstudio.runtime.tflite.ModelBuilder;
import dev.tflmstudio.runtime.tflite.ModelBuilder.SubgraphBuilder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;

/** The synthetic multi-subgraph models of the control-flow tests. */
final class ControlFlowModels {
    private static final Map<String, Object> NO_ACTIVATION = Map.of("fused_activation_function", "NONE");

    private ControlFlowModels() {
    }

    /** y = IF(cond, x): then doubles x (ADD x+x), else squares it (MUL x*x); x and y are float32[2]. */
    static Model ifDoubleOrSquare() throws Exception {
        ModelBuilder b = new ModelBuilder().description("control-flow test model");
        SubgraphBuilder main = b.subgraph("main");
        int cond = main.tensor("cond", TensorType.BOOL, 1);
        int x = main.tensor("x", TensorType.FLOAT32, 2);
        int y = main.tensor("y", TensorType.FLOAT32, 2);
        main.op("IF", new int[] {cond, x}, new int[] {y}, "IfOptions",
                Map.of("then_subgraph_index", 1, "else_subgraph_index", 2)).inputs(cond, x).outputs(y);
        SubgraphBuilder then = b.subgraph("double");
        int a = then.tensor("a", TensorType.FLOAT32, 2);
        int twice = then.tensor("twice", TensorType.FLOAT32, 2);
        then.op("ADD", new int[] {a, a}, new int[] {twice}, "AddOptions", NO_ACTIVATION).inputs(a).outputs(twice);
        SubgraphBuilder otherwise = b.subgraph("square");
        int c = otherwise.tensor("c", TensorType.FLOAT32, 2);
        int squared = otherwise.tensor("squared", TensorType.FLOAT32, 2);
        otherwise.op("MUL", new int[] {c, c}, new int[] {squared}, "MulOptions", NO_ACTIVATION)
                .inputs(c).outputs(squared);
        return ModelReader.read(b.build(), "if-double-or-square");
    }

    /** (count, limit) = WHILE(0, n): cond is count < limit, body adds 1 to count; n and the outputs are int32[1]. */
    static Model whileCountTo() throws Exception {
        ModelBuilder b = new ModelBuilder().description("control-flow test model");
        SubgraphBuilder main = b.subgraph("main");
        int n = main.tensor("n", TensorType.INT32, 1);
        int zero = main.constant("zero", TensorType.INT32, new int[] {1}, int32(0));
        int count = main.tensor("count", TensorType.INT32, 1);
        int limit = main.tensor("limit", TensorType.INT32, 1);
        main.op("WHILE", new int[] {zero, n}, new int[] {count, limit}, "WhileOptions",
                Map.of("cond_subgraph_index", 1, "body_subgraph_index", 2)).inputs(n).outputs(count, limit);
        SubgraphBuilder cond = b.subgraph("cond");
        int ci = cond.tensor("i", TensorType.INT32, 1);
        int cn = cond.tensor("n", TensorType.INT32, 1);
        int less = cond.tensor("less", TensorType.BOOL, 1);
        cond.op("LESS", new int[] {ci, cn}, new int[] {less}, null, null).inputs(ci, cn).outputs(less);
        SubgraphBuilder body = b.subgraph("body");
        int bi = body.tensor("i", TensorType.INT32, 1);
        int bn = body.tensor("n", TensorType.INT32, 1);
        int one = body.constant("one", TensorType.INT32, new int[] {1}, int32(1));
        int next = body.tensor("next", TensorType.INT32, 1);
        body.op("ADD", new int[] {bi, one}, new int[] {next}, "AddOptions", NO_ACTIVATION)
                .inputs(bi, bn).outputs(next, bn);
        return ModelReader.read(b.build(), "while-count-to");
    }

    /**
     * A running total in resource variable "total": CALL_ONCE's init subgraph assigns it 10, then every invoke
     * reads it, adds x and assigns the sum back; the sum (float32[1]) is the output.
     */
    static Model callOnceRunningTotal() throws Exception {
        ModelBuilder b = new ModelBuilder().description("control-flow test model");
        SubgraphBuilder main = b.subgraph("main");
        int x = main.tensor("x", TensorType.FLOAT32, 1);
        int handle = main.tensor("handle", TensorType.RESOURCE);
        int value = main.tensor("value", TensorType.FLOAT32, 1);
        int sum = main.tensor("sum", TensorType.FLOAT32, 1);
        Map<String, Object> total = Map.of("shared_name", "total");
        main.op("CALL_ONCE", new int[0], new int[0], "CallOnceOptions", Map.of("init_subgraph_index", 1))
                .op("VAR_HANDLE", new int[0], new int[] {handle}, "VarHandleOptions", total)
                .op("READ_VARIABLE", new int[] {handle}, new int[] {value}, null, null)
                .op("ADD", new int[] {value, x}, new int[] {sum}, "AddOptions", NO_ACTIVATION)
                .op("ASSIGN_VARIABLE", new int[] {handle, sum}, new int[0], null, null)
                .inputs(x).outputs(sum);
        SubgraphBuilder init = b.subgraph("init");
        int initHandle = init.tensor("handle", TensorType.RESOURCE);
        int ten = init.constant("ten", TensorType.FLOAT32, new int[] {1}, float32(10f));
        init.op("VAR_HANDLE", new int[0], new int[] {initHandle}, "VarHandleOptions", total)
                .op("ASSIGN_VARIABLE", new int[] {initHandle, ten}, new int[0], null, null);
        return ModelReader.read(b.build(), "call-once-running-total");
    }

    /**
     * A variable set inside an IF branch through a handle passed in as a branch input: VAR_HANDLE, IF(cond, handle,
     * x) whose then branch assigns x, READ_VARIABLE (the output), and an ASSIGN_VARIABLE of the value read, whose
     * prepare is what gives the variable its buffer (as in TFLM, an assign in another subgraph cannot).
     */
    static Model ifAssignsThroughHandle() throws Exception {
        ModelBuilder b = new ModelBuilder().description("control-flow test model");
        SubgraphBuilder main = b.subgraph("main");
        int cond = main.tensor("cond", TensorType.BOOL, 1);
        int x = main.tensor("x", TensorType.FLOAT32, 1);
        int handle = main.tensor("handle", TensorType.RESOURCE);
        int value = main.tensor("value", TensorType.FLOAT32, 1);
        Map<String, Object> name = Map.of("container", "c", "shared_name", "v");
        main.op("VAR_HANDLE", new int[0], new int[] {handle}, "VarHandleOptions", name)
                .op("IF", new int[] {cond, handle, x}, new int[0], "IfOptions",
                        Map.of("then_subgraph_index", 1, "else_subgraph_index", 2))
                .op("READ_VARIABLE", new int[] {handle}, new int[] {value}, null, null)
                .op("ASSIGN_VARIABLE", new int[] {handle, value}, new int[0], null, null)
                .inputs(cond, x).outputs(value);
        SubgraphBuilder then = b.subgraph("assign");
        int th = then.tensor("handle", TensorType.RESOURCE);
        int tx = then.tensor("x", TensorType.FLOAT32, 1);
        then.op("ASSIGN_VARIABLE", new int[] {th, tx}, new int[0], null, null).inputs(th, tx);
        SubgraphBuilder otherwise = b.subgraph("keep");
        int eh = otherwise.tensor("handle", TensorType.RESOURCE);
        int ex = otherwise.tensor("x", TensorType.FLOAT32, 1);
        otherwise.inputs(eh, ex);
        return ModelReader.read(b.build(), "if-assigns-through-handle");
    }

    /** IF whose branch (subgraph 1) uses {@code branchOp} on float32[1]; {@code condType} is the condition's type. */
    static Model ifWithBranchOp(TensorType condType, String branchOp) throws Exception {
        ModelBuilder b = new ModelBuilder().description("control-flow test model");
        SubgraphBuilder main = b.subgraph("main");
        int cond = main.tensor("cond", condType, 1);
        int x = main.tensor("x", TensorType.FLOAT32, 1);
        int y = main.tensor("y", TensorType.FLOAT32, 1);
        main.op("IF", new int[] {cond, x}, new int[] {y}, "IfOptions",
                Map.of("then_subgraph_index", 1, "else_subgraph_index", 1)).inputs(cond, x).outputs(y);
        SubgraphBuilder branch = b.subgraph("branch");
        int a = branch.tensor("a", TensorType.FLOAT32, 1);
        int r = branch.tensor("r", TensorType.FLOAT32, 1);
        branch.op(branchOp, new int[] {a}, new int[] {r}, null, null).inputs(a).outputs(r);
        return ModelReader.read(b.build(), "if-with-" + branchOp);
    }

    /** REDUCE_ALL of a bool[2,3] input over axis {@code axis} (constant), keep_dims false. */
    static Model reduceAll(int axis, int[] outShape) throws Exception {
        ModelBuilder b = new ModelBuilder().description("control-flow test model");
        SubgraphBuilder main = b.subgraph("main");
        int in = main.tensor("in", TensorType.BOOL, 2, 3);
        int axes = main.constant("axis", TensorType.INT32, new int[] {1}, int32(axis));
        int out = main.tensor("out", TensorType.BOOL, outShape);
        main.op("REDUCE_ALL", new int[] {in, axes}, new int[] {out}, "ReducerOptions", Map.of("keep_dims", false))
                .inputs(in).outputs(out);
        return ModelReader.read(b.build(), "reduce-all");
    }

    static byte[] int32(int... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putInt(v);
        }
        return b.array();
    }

    static byte[] float32(float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }
}
