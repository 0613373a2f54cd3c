package dev.tflmstudio.runtime.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.runtime.ThreadAllocations;
import dev.tflmstudio.runtime.model.BuiltinOperators;
import dev.tflmstudio.runtime.model.Operator;
import dev.tflmstudio.runtime.model.OperatorCode;
import dev.tflmstudio.runtime.model.Options;
import dev.tflmstudio.runtime.model.Quantization;
import dev.tflmstudio.runtime.model.Shape;
import dev.tflmstudio.runtime.model.Tensor;
import dev.tflmstudio.runtime.model.TensorType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The broadcasting walk against a per-element reference, and its memory on a large output. */
class BroadcastTest {

    @Test
    void everyRunReadsTheElementsAPerElementReferenceReads() throws Exception {
        Random random = new Random(42);
        for (int trial = 0; trial < 2_000; trial++) {
            int rank = random.nextInt(7);
            int[] out = new int[rank];
            for (int d = 0; d < rank; d++) {
                out[d] = random.nextInt(10) == 0 ? 1 : 1 + random.nextInt(4);
            }
            if (random.nextInt(50) == 0 && rank > 0) {
                out[random.nextInt(rank)] = 0;
            }
            int[][] in = {operand(random, out), operand(random, out), operand(random, out)};
            String shapes = Arrays.toString(out) + " from " + Arrays.deepToString(in);
            int count = count(out);
            List<int[]> seen2 = new ArrayList<>();
            Broadcast.of(out, in[0], in[1]).forEach((o, a, stepA, b, stepB, n) -> {
                for (int k = 0; k < n; k++) {
                    seen2.add(new int[] {o + k, a + k * stepA, b + k * stepB});
                }
            });
            List<int[]> seen3 = new ArrayList<>();
            Broadcast.of(out, in).forEach((o, a, stepA, b, stepB, c, stepC, n) -> {
                for (int k = 0; k < n; k++) {
                    seen3.add(new int[] {o + k, a + k * stepA, b + k * stepB, c + k * stepC});
                }
            });
            assertThat(seen2).as(shapes).hasSize(count);
            assertThat(seen3).as(shapes).hasSize(count);
            for (int o = 0; o < count; o++) {
                int[] expected = {o, reference(out, in[0], o), reference(out, in[1], o), reference(out, in[2], o)};
                assertThat(seen3.get(o)).as(shapes + " element " + o).containsExactly(expected);
                assertThat(seen2.get(o)).as(shapes + " element " + o).containsExactly(expected[0], expected[1],
                        expected[2]);
            }
        }
    }

    @Test
    void flatReadsEveryInputAtTheOutputIndex() throws Exception {
        List<int[]> runs = new ArrayList<>();
        Broadcast.flat(7, 2).forEach((o, a, stepA, b, stepB, n) -> runs.add(new int[] {o, a, stepA, b, stepB, n}));
        assertThat(runs).containsExactly(new int[] {0, 0, 1, 0, 1, 7});
    }

    @Test
    void aBroadcastOverTensOfMillionsOfElementsAllocatesNoPerElementMemory() throws Exception {
        ThreadAllocations allocations = ThreadAllocations.orSkip();
        int rows = 4096;
        int columns = 8192;
        for (String op : List.of("ADD", "MINIMUM")) {
            new LargeBroadcast(op, 2, 3).prepareAndEval(); // loads and initialises the classes the op uses
            LargeBroadcast run = new LargeBroadcast(op, rows, columns);
            long before = allocations.bytes();
            run.prepareAndEval();
            long allocated = allocations.bytes() - before;
            // an index map per input would be 4 bytes per output element: 128 MiB each here
            assertThat(allocated).as(op + " over " + rows + " x " + columns).isLessThan(64 << 10);
            for (int[] at : new int[][] {{0, 0}, {1, 2}, {rows - 1, 0}, {0, columns - 1}, {rows - 1, columns - 1}}) {
                // row r holds r % 100, column c holds c % 100 (as real values; ADD's zero point is -128)
                int r = at[0] % 100;
                int c = at[1] % 100;
                assertThat(run.output(at[0], at[1])).as(op + " at " + Arrays.toString(at))
                        .isEqualTo(op.equals("ADD") ? r + c - 128 : Math.min(r, c) - 50);
            }
        }
    }

    /** An int8 op over a [rows, 1] and a [1, columns] input, writing [rows, columns], in an arena of its own. */
    private static final class LargeBroadcast {
        private final Kernel kernel;
        private final OpContext context;
        private final TensorData out;
        private final int columns;

        LargeBroadcast(String op, int rows, int columns) {
            this.columns = columns;
            boolean add = op.equals("ADD");
            Quantization q = add ? Quantization.perTensor(1f, -128) : null;
            List<Tensor> tensors = List.of(
                    new Tensor(0, "a", TensorType.INT8, Shape.of(new int[] {rows, 1}), null, 0, false, q, false, null),
                    new Tensor(1, "b", TensorType.INT8, Shape.of(new int[] {1, columns}), null, 0, false, q, false,
                            null),
                    new Tensor(2, "out", TensorType.INT8, Shape.of(new int[] {rows, columns}), null, 0, false, q,
                            false, null));
            ByteBuffer arena = ByteBuffer.allocate(rows + columns + rows * columns).order(ByteOrder.LITTLE_ENDIAN);
            TensorData[] views = new TensorData[3];
            int offset = 0;
            for (Tensor t : tensors) {
                views[t.index()] = new TensorData(t);
                views[t.index()].bind(arena, offset);
                offset += (int) t.arenaBytes();
            }
            for (int i = 0; i < rows; i++) {
                views[0].setInt8(i, i % 100 - (add ? 128 : 50));
            }
            for (int i = 0; i < columns; i++) {
                views[1].setInt8(i, i % 100 - (add ? 128 : 50));
            }
            Operator operator = new Operator(0, new OperatorCode(BuiltinOperators.code(op), null, 1), List.of(0, 1),
                    List.of(2), List.of(), new Options(op + "Options", Map.of()), Options.NONE, null);
            this.kernel = KernelRegistry.standard().find(operator.code());
            this.context = new OpContext(null, null, operator, views);
            this.out = views[2];
        }

        void prepareAndEval() throws KernelException {
            kernel.prepare(context).eval();
        }

        int output(int row, int column) {
            return out.getInt8(row * columns + column);
        }
    }

    /** A shape that broadcasts to {@code out}: some leading dimensions dropped, some others 1. */
    private static int[] operand(Random random, int[] out) {
        int[] in = Arrays.copyOfRange(out, random.nextInt(out.length + 1), out.length);
        for (int d = 0; d < in.length; d++) {
            if (random.nextInt(3) == 0) {
                in[d] = 1;
            }
        }
        return in;
    }

    /** The flat index of the element of {@code in} that output element {@code o} reads, by its coordinates. */
    private static int reference(int[] out, int[] in, int o) {
        int index = 0;
        int inStride = 1;
        int rest = o;
        for (int d = out.length - 1; d >= 0; d--) {
            int coordinate = rest % out[d];
            rest /= out[d];
            int e = d - (out.length - in.length);
            if (e >= 0) {
                index += (in[e] == 1 ? 0 : coordinate) * inStride;
                inStride *= in[e];
            }
        }
        return index;
    }

    private static int count(int[] dims) {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }
}
