package dev.tflmstudio.runtime.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.runtime.model.TensorType;
import dev.tflmstudio.runtime.tflite.ModelBuilder;
import dev.tflmstudio.runtime.tflite.ModelBuilder.SubgraphBuilder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * IF, WHILE, CALL_ONCE, VAR_HANDLE, READ_VARIABLE and ASSIGN_VARIABLE with an omitted input (-1), a shorter input
 * list and a longer one (1 and 2 more: a real tensor, or -1), against real TFLM, as {@link OmittedInputTest} does
 * for the ops the sweep generates (the sweep generates none of these): from a small model TFLM runs, each variant
 * of the op's input list in the main subgraph. Where TFLM runs it we must run it bit for bit, and predict its arena
 * head and every allocation line it logs; where it refuses we refuse at the same stage with its words, where it
 * crashes we refuse cleanly.
 */
class ControlFlowArityTest {
    private static final Map<String, Object> NO_ACTIVATION = Map.of("fused_activation_function", "NONE");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"IF", "WHILE", "CALL_ONCE", "VAR_HANDLE", "READ_VARIABLE", "ASSIGN_VARIABLE"})
    void inputListsAsTflm(String op, @TempDir Path tmp) throws Exception {
        TflmRefTool tflm = TflmRefTool.find();
        Assumptions.assumeTrue(tflm != null, "tflm_ref not found under tflm.shared/tools/tflm-ref: skipped");
        Function<UnaryOperator<int[]>, byte[]> model = op.equals("IF") ? ControlFlowArityTest::ifModel
                : op.equals("WHILE") ? ControlFlowArityTest::whileModel
                : rewrite -> variablesModel(op, rewrite);
        // the op's own list, and a real tensor of the model to append (the first tensor of the main subgraph)
        int[][] seen = new int[1][];
        model.apply(in -> {
            seen[0] = in.clone();
            return in;
        });
        int[] base = seen[0];
        int real = 0;
        List<String> names = new ArrayList<>();
        List<UnaryOperator<int[]>> variants = new ArrayList<>();
        names.add("as built");
        variants.add(in -> in);
        for (int p = 0; p < base.length; p++) {
            int at = p;
            names.add("input " + p + " omitted");
            variants.add(in -> {
                in[at] = -1;
                return in;
            });
            names.add("inputs from " + p + " dropped");
            variants.add(in -> Arrays.copyOf(in, at));
        }
        for (int extra = 1; extra <= 2; extra++) {
            int count = extra;
            names.add(count + " extra input(s), tensor " + real);
            variants.add(in -> append(in, count, real));
            names.add(count + " extra input(s), omitted");
            variants.add(in -> append(in, count, -1));
        }
        List<Path> files = new ArrayList<>();
        for (UnaryOperator<int[]> v : variants) {
            files.add(Files.write(tmp.resolve(op.toLowerCase() + "_" + files.size() + ".tflite"), model.apply(v)));
        }
        List<List<String>> reports = tflm.run(files, 2);
        assertThat(reports.get(0)).as(op + " as built: TFLM runs it").contains("exit_code: 0");
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            List<String> report = reports.get(i);
            String d = OmittedInputTest.difference(files.get(i), report);
            if (Boolean.getBoolean("omitted.survey")) {
                System.out.println("control " + op + " " + Arrays.toString(base) + " [" + names.get(i) + "]: "
                        + OmittedInputTest.tflmOutcome(report) + (d == null ? "" : " DIFF " + d));
            }
            if (d != null) {
                differences.add(names.get(i) + ": " + d);
            }
        }
        assertThat(differences).as(op + " " + Arrays.toString(base) + " with inputs omitted, dropped or added")
                .isEmpty();
    }

    private static int[] append(int[] in, int count, int tensor) {
        int[] longer = Arrays.copyOf(in, in.length + count);
        Arrays.fill(longer, in.length, longer.length, tensor);
        return longer;
    }

    /** y = IF(cond, x): then doubles x (ADD), else squares it (MUL); x and y float32[2]. */
    private static byte[] ifModel(UnaryOperator<int[]> rewrite) {
        ModelBuilder b = new ModelBuilder();
        SubgraphBuilder main = b.subgraph("main");
        int x = main.tensor("x", TensorType.FLOAT32, 2);
        int cond = main.tensor("cond", TensorType.BOOL, 1);
        int y = main.tensor("y", TensorType.FLOAT32, 2);
        main.op("IF", rewrite.apply(new int[] {cond, x}), new int[] {y}, "IfOptions",
                Map.of("then_subgraph_index", 1, "else_subgraph_index", 2)).inputs(cond, x).outputs(y);
        for (String branch : List.of("ADD", "MUL")) {
            SubgraphBuilder g = b.subgraph(branch.toLowerCase());
            int a = g.tensor("a", TensorType.FLOAT32, 2);
            int r = g.tensor("r", TensorType.FLOAT32, 2);
            g.op(branch, new int[] {a, a}, new int[] {r}, branch.equals("ADD") ? "AddOptions" : "MulOptions",
                    NO_ACTIVATION).inputs(a).outputs(r);
        }
        return b.build();
    }

    /**
     * (i, x) = WHILE(0, x) while i < 3: the body adds 1 to i and doubles x; x float32[2] is the model's input, i
     * int32[1] starts from a constant.
     */
    private static byte[] whileModel(UnaryOperator<int[]> rewrite) {
        ModelBuilder b = new ModelBuilder();
        SubgraphBuilder main = b.subgraph("main");
        int x = main.tensor("x", TensorType.FLOAT32, 2);
        int zero = main.constant("zero", TensorType.INT32, new int[] {1}, int32(0));
        int i = main.tensor("i", TensorType.INT32, 1);
        int y = main.tensor("y", TensorType.FLOAT32, 2);
        main.op("WHILE", rewrite.apply(new int[] {zero, x}), new int[] {i, y}, "WhileOptions",
                Map.of("cond_subgraph_index", 1, "body_subgraph_index", 2)).inputs(x).outputs(i, y);
        SubgraphBuilder cond = b.subgraph("cond");
        int ci = cond.tensor("i", TensorType.INT32, 1);
        int cx = cond.tensor("x", TensorType.FLOAT32, 2);
        int three = cond.constant("three", TensorType.INT32, new int[] {1}, int32(3));
        int less = cond.tensor("less", TensorType.BOOL, 1);
        cond.op("LESS", new int[] {ci, three}, new int[] {less}, null, null).inputs(ci, cx).outputs(less);
        SubgraphBuilder body = b.subgraph("body");
        int bi = body.tensor("i", TensorType.INT32, 1);
        int bx = body.tensor("x", TensorType.FLOAT32, 2);
        int one = body.constant("one", TensorType.INT32, new int[] {1}, int32(1));
        int next = body.tensor("next", TensorType.INT32, 1);
        int twice = body.tensor("twice", TensorType.FLOAT32, 2);
        body.op("ADD", new int[] {bi, one}, new int[] {next}, "AddOptions", NO_ACTIVATION)
                .op("ADD", new int[] {bx, bx}, new int[] {twice}, "AddOptions", NO_ACTIVATION)
                .inputs(bi, bx).outputs(next, twice);
        return b.build();
    }

    /**
     * A running total in resource variable "total": CALL_ONCE's init subgraph assigns it 10, then every invoke
     * reads it, adds x and assigns the sum back (float32[1], the output). {@code rewrite} changes the input list
     * of {@code op} in the main subgraph.
     */
    private static byte[] variablesModel(String op, UnaryOperator<int[]> rewrite) {
        ModelBuilder b = new ModelBuilder();
        SubgraphBuilder main = b.subgraph("main");
        int x = main.tensor("x", TensorType.FLOAT32, 1);
        int handle = main.tensor("handle", TensorType.RESOURCE);
        int value = main.tensor("value", TensorType.FLOAT32, 1);
        int sum = main.tensor("sum", TensorType.FLOAT32, 1);
        Map<String, Object> total = Map.of("shared_name", "total");
        UnaryOperator<int[]> none = in -> in;
        main.op("CALL_ONCE", (op.equals("CALL_ONCE") ? rewrite : none).apply(new int[0]), new int[0],
                        "CallOnceOptions", Map.of("init_subgraph_index", 1))
                .op("VAR_HANDLE", (op.equals("VAR_HANDLE") ? rewrite : none).apply(new int[0]), new int[] {handle},
                        "VarHandleOptions", total)
                .op("READ_VARIABLE", (op.equals("READ_VARIABLE") ? rewrite : none).apply(new int[] {handle}),
                        new int[] {value}, null, null)
                .op("ADD", new int[] {value, x}, new int[] {sum}, "AddOptions", NO_ACTIVATION)
                .op("ASSIGN_VARIABLE", (op.equals("ASSIGN_VARIABLE") ? rewrite : none).apply(new int[] {handle, sum}),
                        new int[0], null, null)
                .inputs(x).outputs(sum);
        SubgraphBuilder init = b.subgraph("init");
        int initHandle = init.tensor("handle", TensorType.RESOURCE);
        int ten = init.constant("ten", TensorType.FLOAT32, new int[] {1},
                ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(10f).array());
        init.op("VAR_HANDLE", new int[0], new int[] {initHandle}, "VarHandleOptions", total)
                .op("ASSIGN_VARIABLE", new int[] {initHandle, ten}, new int[0], null, null);
        return b.build();
    }

    private static byte[] int32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }
}
