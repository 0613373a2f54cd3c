package dev.tflmstudio.runtime.interpreter;

import dev.tflmstudio.runtime.kernels.Kernel;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.KernelRegistry;
import dev.tflmstudio.runtime.kernels.MicroGraph;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.ResourceVariables;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.Operator;
import dev.tflmstudio.runtime.model.Subgraph;
import dev.tflmstudio.runtime.model.Tensor;
import dev.tflmstudio.runtime.model.TensorType;
import dev.tflmstudio.runtime.plan.LegacyScalars;
import dev.tflmstudio.runtime.plan.Lifetimes;
import dev.tflmstudio.runtime.plan.MemoryPlan;
import dev.tflmstudio.runtime.plan.PlannedBuffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Every subgraph of a model as kernels see it (TFLM's {@code MicroGraph}): tensor views of all subgraphs, the
 * prepared ops of subgraphs 1.. (subgraph 0 is the {@link Session}'s own), and the resource variables. Ops of a
 * called subgraph run inside the calling op's eval, so a step over IF/WHILE/CALL_ONCE runs the whole call.
 */
final class CalledSubgraphs implements MicroGraph {
    private final Model model;
    private final TensorData[][] tensors;
    private final Kernel[][] kernels;
    private final PreparedOp[][] ops;
    private final List<List<TensorData>> inputs = new ArrayList<>();
    private final List<List<TensorData>> outputs = new ArrayList<>();
    private final ResourceVariables resources = new ResourceVariables();
    private final List<TensorData> privateVariables = new ArrayList<>();
    /** Set from any thread by {@link Session#cancel()}; checked before every op of a called subgraph. */
    private volatile boolean cancelRequested;
    private volatile long maxWhileIterations = Session.DEFAULT_MAX_WHILE_ITERATIONS;

    private CalledSubgraphs(Model model, Kernel[][] kernels) {
        this.model = model;
        int n = model.subgraphs().size();
        this.tensors = new TensorData[n][];
        this.kernels = kernels;
        this.ops = new PreparedOp[n][];
        for (Subgraph sg : model.subgraphs()) {
            TensorData[] views = new TensorData[sg.tensors().size()];
            Set<Integer> scalars = LegacyScalars.of(sg);
            for (Tensor t : sg.tensors()) {
                // the dims TFLM's Prepare leaves: RESHAPE's legacy scalar outputs are rank 0
                views[t.index()] = new TensorData(LegacyScalars.asPrepared(t, scalars));
            }
            tensors[sg.index()] = views;
            inputs.add(sg.inputs().stream().map(i -> views[i]).toList());
            outputs.add(sg.outputs().stream().map(i -> views[i]).toList());
        }
    }

    /**
     * Looks up the kernel of every op of subgraphs 1.. (TFLM registers all subgraphs before preparing any), failing
     * at {@link KernelException.Stage#REGISTRATION} for the first op without one.
     */
    static CalledSubgraphs register(Model model, KernelRegistry registry) throws KernelException {
        Kernel[][] kernels = new Kernel[model.subgraphs().size()][];
        for (Subgraph sg : model.subgraphs().subList(1, model.subgraphs().size())) {
            kernels[sg.index()] = new Kernel[sg.operators().size()];
            for (Operator op : sg.operators()) {
                Kernel k = registry.find(op.code());
                if (k == null) {
                    throw new KernelException(KernelException.Stage.REGISTRATION, op.index(), op.opName(),
                            "this runtime has no kernel for " + op.opName() + " (subgraph " + sg.index() + ")");
                }
                kernels[sg.index()][op.index()] = k;
            }
        }
        return new CalledSubgraphs(model, kernels);
    }

    /** The tensor views of {@code subgraph}. */
    TensorData[] tensors(int subgraph) {
        return tensors[subgraph];
    }

    /** Prepares the ops of subgraphs 1.., in subgraph and op order (after subgraph 0, as TFLM). */
    void prepare() throws KernelException {
        for (Subgraph sg : model.subgraphs().subList(1, model.subgraphs().size())) {
            PreparedOp[] prepared = new PreparedOp[sg.operators().size()];
            for (Operator op : sg.operators()) {
                OpContext ctx = new OpContext(model, sg, op, tensors[sg.index()], this);
                try {
                    prepared[op.index()] = kernels[sg.index()][op.index()].prepare(ctx);
                } catch (RuntimeException e) {
                    throw new KernelException(KernelException.Stage.PREPARE, op.index(), op.opName(),
                            "internal error in prepare: " + e);
                }
                DynamicTensors.check(sg, op);
                if (!ctx.scratchRequests().isEmpty()) {
                    // the arena layout plans scratch buffers of subgraph 0 only
                    throw ctx.fail("scratch buffers of ops in called subgraphs (subgraph " + sg.index()
                            + ") are not supported yet");
                }
            }
            ops[sg.index()] = prepared;
        }
    }

    /**
     * Binds the tensors of subgraphs 1.. where the plan put them; their variable tensors, which the plan leaves
     * out, get buffers of their own that persist across invokes.
     */
    void bind(ByteBuffer arena, MemoryPlan plan) {
        for (int s = 1; s < tensors.length; s++) {
            for (TensorData t : tensors[s]) {
                if (t.isConstant()) {
                    continue;
                }
                int offset = plan.forTensor(s, t.index()).map(PlannedBuffer::offset).orElse(-1);
                if (offset >= 0) {
                    t.bind(arena, offset);
                } else if (t.isVariable()) {
                    t.bind(ByteBuffer.wrap(new byte[Math.max(1, t.byteLength())]).order(ByteOrder.LITTLE_ENDIAN), 0);
                    privateVariables.add(t);
                } else if (Lifetimes.isVarHandleOutput(model.subgraphs().get(s), t.index())) {
                    // TFLM points a VAR_HANDLE output at the op's persistent resource id; it is never planned
                    t.bind(ByteBuffer.wrap(new byte[Math.max(4, t.byteLength())]).order(ByteOrder.LITTLE_ENDIAN), 0);
                } else {
                    t.bind(arena, 0); // zero bytes: a harmless address, as for subgraph 0
                }
            }
        }
        resetVariables();
    }

    /** Forgets ops' state, refills resource variables and the variable tensors of subgraphs 1.. (TFLM's Reset). */
    void reset() {
        for (int s = 1; s < ops.length; s++) {
            for (PreparedOp op : ops[s]) {
                op.reset();
            }
        }
        resources.resetAll();
        resetVariables();
    }

    private void resetVariables() {
        for (TensorData t : privateVariables) {
            byte fill = t.type() == TensorType.INT8 ? (byte) t.zeroPoint() : 0;
            Arrays.fill(t.array(), t.base(), t.base() + t.byteLength(), fill);
        }
    }

    @Override
    public int subgraphCount() {
        return tensors.length;
    }

    @Override
    public List<TensorData> inputs(int subgraph) {
        return inputs.get(subgraph);
    }

    @Override
    public List<TensorData> outputs(int subgraph) {
        return outputs.get(subgraph);
    }

    @Override
    public void invoke(int subgraph) throws KernelException {
        if (subgraph == 0 || subgraph >= ops.length) {
            throw new IllegalStateException("subgraph " + subgraph + " cannot be called");
        }
        PreparedOp[] prepared = ops[subgraph];
        throwIfCancelled(); // on entry too: a WHILE whose cond and body have no ops still loops through here
        for (int i = 0; i < prepared.length; i++) {
            throwIfCancelled();
            try {
                prepared[i].eval();
            } catch (InvokeCancelledException e) {
                throw e;
            } catch (RuntimeException e) {
                Operator op = model.subgraphs().get(subgraph).operator(i);
                throw new KernelException(KernelException.Stage.INVOKE, i, op.opName(),
                        "internal error in eval (subgraph " + subgraph + "): " + e);
            }
        }
    }

    /** Asks the running (or next) op to stop at its next check; any thread. */
    void cancel() {
        cancelRequested = true;
    }

    private void throwIfCancelled() {
        if (takeCancel()) {
            throw new InvokeCancelledException(-1, null); // Session names the op of subgraph 0
        }
    }

    /** Whether {@link #cancel()} was called since the last time this said so. */
    boolean takeCancel() {
        if (cancelRequested) {
            cancelRequested = false;
            return true;
        }
        return false;
    }

    void setMaxWhileIterations(long n) {
        maxWhileIterations = n;
    }

    @Override
    public long maxWhileIterations() {
        return maxWhileIterations;
    }

    @Override
    public ResourceVariables resourceVariables() {
        return resources;
    }
}
