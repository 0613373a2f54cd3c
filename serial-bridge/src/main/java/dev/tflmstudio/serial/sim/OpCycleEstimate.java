package dev.tflmstudio.serial.sim;

import dev.tflmstudio.devices.DeviceProfile;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.Operator;
import dev.tflmstudio.runtime.model.Subgraph;
import dev.tflmstudio.runtime.model.Tensor;
import dev.tflmstudio.runtime.model.TensorType;

/**
 * A coarse per-op cycle estimate for a board: multiply-accumulates times the profile's reference-kernel cycles per
 * MAC (int8 or float32 by the op's input type), and for ops without MACs a few cycles per output element. Good
 * enough to make the virtual board's numbers plausible in size and proportion; the profiler module's cost model is
 * the real estimate.
 */
final class OpCycleEstimate {
    /** Fixed cost of dispatching one op through the interpreter. */
    static final long OP_OVERHEAD_CYCLES = 200;
    /** Cycles per output element of an op without MACs (copy, activation, elementwise arithmetic). */
    static final double ELEMENTWISE_CYCLES = 4;

    private OpCycleEstimate() {
    }

    static long[] cycles(Model model, DeviceProfile device) {
        Subgraph main = model.main();
        long[] cycles = new long[main.operators().size()];
        for (Operator op : main.operators()) {
            long macs = macs(main, op);
            Tensor input = op.input(0) >= 0 ? main.tensor(op.input(0)) : null;
            boolean isFloat = input != null && input.type() == TensorType.FLOAT32;
            double perMac = isFloat ? device.cyclesPerMac().float32() : device.cyclesPerMac().int8();
            double work = macs > 0 ? macs * perMac : outputElements(main, op) * ELEMENTWISE_CYCLES;
            cycles[op.index()] = OP_OVERHEAD_CYCLES + Math.round(work);
        }
        return cycles;
    }

    static String basis(DeviceProfile device) {
        return "MACs x " + device.cyclesPerMac().int8() + " (int8) / " + device.cyclesPerMac().float32()
                + " (float32) cycles per MAC of " + device.id() + ", " + ELEMENTWISE_CYCLES
                + " cycles per element for other ops";
    }

    static long macs(Subgraph graph, Operator op) {
        long out = outputElements(graph, op);
        switch (op.opName()) {
            case "CONV_2D" -> {
                Tensor filter = graph.tensor(op.input(1));
                return out * dim(filter, 1) * dim(filter, 2) * dim(filter, 3);
            }
            case "DEPTHWISE_CONV_2D" -> {
                Tensor filter = graph.tensor(op.input(1));
                return out * dim(filter, 1) * dim(filter, 2);
            }
            case "FULLY_CONNECTED" -> {
                Tensor weights = graph.tensor(op.input(1));
                return out * lastDim(weights);
            }
            case "TRANSPOSE_CONV" -> {
                Tensor filter = graph.tensor(op.input(1));
                Tensor input = graph.tensor(op.input(2));
                return input.elementCount() * dim(filter, 0) * dim(filter, 1) * dim(filter, 2);
            }
            case "BATCH_MATMUL" -> {
                Tensor lhs = graph.tensor(op.input(0));
                return out * lastDim(lhs);
            }
            default -> {
                return 0;
            }
        }
    }

    private static long dim(Tensor t, int axis) {
        return axis < t.shape().rank() ? Math.max(1, t.shape().dim(axis)) : 1;
    }

    private static long lastDim(Tensor t) {
        return t.shape().rank() == 0 ? 1 : Math.max(1, t.shape().dimFromEnd(1));
    }

    private static long outputElements(Subgraph graph, Operator op) {
        long n = 0;
        for (int t : op.outputs()) {
            if (t >= 0) {
                n += Math.max(1, graph.tensor(t).elementCount());
            }
        }
        return n;
    }
}
