package dev.tflmstudio.runtime.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tflmstudio.runtime.ThreadAllocations;
import dev.tflmstudio.runtime.model.Shape;
import dev.tflmstudio.runtime.model.Tensor;
import dev.tflmstudio.runtime.model.TensorType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The reduction walk: each input element's output index, as TFLM's ReduceGeneric folds them, in bounded memory. */
class AxisMapTest {
    private static final KernelException BAD_AXIS = new KernelException(KernelException.Stage.INVOKE, 0, "MEAN",
            "axis outside the input");

    @Test
    void everyInputElementGoesToTheOutputIndexOfItsKeptCoordinates() throws Exception {
        Random random = new Random(5);
        for (int round = 0; round < 2_000; round++) {
            int rank = random.nextInt(6);
            int[] dims = new int[rank];
            for (int d = 0; d < rank; d++) {
                dims[d] = random.nextInt(4);
            }
            int[] axes = new int[random.nextInt(4)];
            for (int k = 0; k < axes.length; k++) {
                // negative and repeated axes included
                axes[k] = rank == 0 ? random.nextInt(3) : random.nextInt(2 * rank) - rank;
            }
            AxisMap map = new AxisMap(dims, axis(axes));
            map.resolve(BAD_AXIS);
            boolean[] reduced = new boolean[rank];
            for (int a : axes) {
                if (rank > 0) {
                    reduced[a < 0 ? a + rank : a] = true;
                }
            }
            long kept = 1;
            long each = 1;
            int n = 1;
            for (int d = 0; d < rank; d++) {
                kept *= reduced[d] ? 1 : dims[d];
                each *= reduced[d] ? dims[d] : 1;
                n *= dims[d];
            }
            assertThat(map.keptCount()).isEqualTo(kept);
            assertThat(map.reducedCount()).isEqualTo(each);
            for (int i = 0; i < n; i++) {
                assertThat(map.next()).as("element %d of %s over %s", i, java.util.Arrays.toString(dims),
                        java.util.Arrays.toString(axes)).isEqualTo(expected(dims, reduced, i));
            }
        }
    }

    @Test
    void anAxisOutsideTheInputFailsAndAResolvedOneRestartsTheWalk() throws Exception {
        assertThatThrownBy(() -> new AxisMap(new int[] {2, 3}, axis(2)).resolve(BAD_AXIS)).isSameAs(BAD_AXIS);
        AxisMap map = new AxisMap(new int[] {2, 3}, axis(0));
        map.resolve(BAD_AXIS);
        assertThat(new int[] {map.next(), map.next(), map.next(), map.next()}).containsExactly(0, 1, 2, 0);
        map.resolve(BAD_AXIS);
        assertThat(map.next()).isZero();
    }

    @Test
    void aReductionOverTensOfMillionsOfElementsHoldsNoMemoryPerElement() throws Exception {
        ThreadAllocations allocations = ThreadAllocations.orSkip();
        int[] dims = {4096, 8192};
        TensorData axis = axis(1);
        long before = allocations.bytes();
        AxisMap map = new AxisMap(dims, axis);
        map.resolve(BAD_AXIS);
        long allocated = allocations.bytes() - before;
        // an index per element would be 128 MiB here
        assertThat(allocated).isLessThan(4 << 10);
        int last = 0;
        for (int i = 0; i < dims[0] * dims[1]; i++) {
            last = map.next();
        }
        assertThat(last).isEqualTo(dims[0] - 1);
    }

    /** The output index of input element {@code i}: its kept coordinates, row-major. */
    private static int expected(int[] dims, boolean[] reduced, int i) {
        int out = 0;
        int stride = 1;
        for (int d = dims.length - 1; d >= 0; d--) {
            int coordinate = i % dims[d];
            i /= dims[d];
            if (!reduced[d]) {
                out += coordinate * stride;
                stride *= dims[d];
            }
        }
        return out;
    }

    private static TensorData axis(int... values) {
        ByteBuffer data = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            data.putInt(v);
        }
        Tensor t = new Tensor(0, "axis", TensorType.INT32, Shape.of(new int[] {values.length}), null, 1, false, null,
                false, data.flip());
        return new TensorData(t);
    }
}
