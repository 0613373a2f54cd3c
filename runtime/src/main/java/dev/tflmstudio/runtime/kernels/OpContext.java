package dev.tflmstudio.runtime.kernels;

import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.Operator;
import dev.tflmstudio.runtime.model.Options;
import dev.tflmstudio.runtime.model.Subgraph;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a kernel's prepare step sees (TFLM's {@code TfLiteContext} + {@code TfLiteNode} during Prepare): the op, its
 * tensors, a way to request scratch memory and a way to fail with a message naming the op.
 */
public final class OpContext {
    /** TFLM's {@code kMaxScratchBuffersPerOp}. */
    public static final int MAX_SCRATCH_PER_OP = 12;

    private final Model model;
    private final Subgraph subgraph;
    private final Operator op;
    private final TensorData[] tensors;
    private final MicroGraph graph;
    private final List<ScratchBuffer> scratch = new ArrayList<>();

    /**
     * @param tensors the subgraph's tensor views, indexed by tensor index (shared by all ops of the subgraph)
     */
    public OpContext(Model model, Subgraph subgraph, Operator op, TensorData[] tensors) {
        this(model, subgraph, op, tensors, null);
    }

    /**
     * @param graph the whole model as control-flow and resource-variable ops see it; null where there is none
     *              (single-op test harnesses), and then those ops fail in prepare
     */
    public OpContext(Model model, Subgraph subgraph, Operator op, TensorData[] tensors, MicroGraph graph) {
        this.model = model;
        this.subgraph = subgraph;
        this.op = op;
        this.tensors = tensors;
        this.graph = graph;
    }

    public Model model() {
        return model;
    }

    public Subgraph subgraph() {
        return subgraph;
    }

    /** The model's subgraphs and resource variables (TFLM's {@code MicroContext::graph}). */
    public MicroGraph graph() throws KernelException {
        if (graph == null) {
            throw fail("needs the whole model (subgraphs and resource variables), which this context lacks");
        }
        return graph;
    }

    public Operator op() {
        return op;
    }

    public int opIndex() {
        return op.index();
    }

    /** The name TFLM prints for the op ({@code CONV_2D}, or the custom name). */
    public String opName() {
        return op.opName();
    }

    /** Builtin options by schema field name ({@code stride_w}, {@code fused_activation_function}). */
    public Options options() {
        return op.options();
    }

    /** Decoded custom options (FlexBuffers map) of a custom op. */
    public Options customOptions() {
        return op.customOptions();
    }

    public int inputCount() {
        return op.inputs().size();
    }

    public int outputCount() {
        return op.outputs().size();
    }

    /** Input {@code i}, or null when it is omitted (-1) or beyond the op's input list (optional inputs). */
    public TensorData input(int i) {
        int t = op.input(i);
        return t < 0 ? null : tensors[t];
    }

    public TensorData output(int i) {
        return tensors[op.output(i)];
    }

    /** Input {@code i}, failing with a clear message when it is missing. */
    public TensorData requireInput(int i) throws KernelException {
        TensorData t = input(i);
        if (t == null) {
            throw fail("input " + i + " is missing");
        }
        return t;
    }

    public int intermediateCount() {
        return op.intermediates().size();
    }

    public TensorData intermediate(int i) {
        return tensors[op.intermediates().get(i)];
    }

    /** Any tensor of the subgraph (for ops that reference tensors by index). */
    public TensorData tensor(int index) {
        return tensors[index];
    }

    /**
     * Requests a scratch buffer in the arena head (TFLM's {@code RequestScratchBufferInArena}); it is bound before
     * the first eval and valid only while this op runs.
     */
    public ScratchBuffer requestScratch(int bytes) throws KernelException {
        if (scratch.size() >= MAX_SCRATCH_PER_OP) {
            throw fail("Scratch buffer request exceeds limit per operator (" + MAX_SCRATCH_PER_OP + ")");
        }
        ScratchBuffer s = new ScratchBuffer(scratch.size(), bytes);
        scratch.add(s);
        return s;
    }

    /** The scratch requests of this op, in request order (interpreter and planner). */
    public List<ScratchBuffer> scratchRequests() {
        return Collections.unmodifiableList(scratch);
    }

    /** A prepare-time failure to throw: {@code throw ctx.fail("filter type INT16 is not supported")}. */
    public KernelException fail(String detail) {
        return new KernelException(KernelException.Stage.PREPARE, op.index(), op.opName(), detail);
    }

    /** Throws {@link #fail} with {@code detail} unless {@code condition} holds. */
    public void check(boolean condition, String detail) throws KernelException {
        if (!condition) {
            throw fail(detail);
        }
    }

    /**
     * An eval-time failure (TFLM's Eval returning an error), created in prepare and thrown from eval so eval does
     * not allocate: {@code KernelException e = ctx.evalFailure("..."); return () -> { throw e; };}.
     */
    public KernelException evalFailure(String detail) {
        return new KernelException(KernelException.Stage.INVOKE, op.index(), op.opName(), detail);
    }

    // TFLM's TF_LITE_ENSURE* macros, with the words they print (without the source file and line).

    /** {@code TF_LITE_ENSURE(context, expr)}: "{@code expr} was not true." */
    public void ensure(boolean condition, String expr) throws KernelException {
        if (!condition) {
            throw fail(expr + " was not true.");
        }
    }

    /** {@code TF_LITE_ENSURE_EQ} on integers: "{@code a != b (va != vb)}". */
    public void ensureEq(long actual, long expected, String a, String b) throws KernelException {
        if (actual != expected) {
            throw fail(a + " != " + b + " (" + actual + " != " + expected + ")");
        }
    }

    /** {@code TF_LITE_ENSURE_EQ} on two types: prints their {@code TfLiteType} numbers. */
    public void ensureEqTypeCodes(dev.tflmstudio.runtime.model.TensorType actual,
                                  dev.tflmstudio.runtime.model.TensorType expected, String a, String b)
            throws KernelException {
        ensureEq(tfLiteTypeCode(actual), tfLiteTypeCode(expected), a, b);
    }

    /** {@code TF_LITE_ENSURE_TYPES_EQ}: "{@code a != b (INT8 != FLOAT32)}". */
    public void ensureTypesEq(dev.tflmstudio.runtime.model.TensorType actual,
                              dev.tflmstudio.runtime.model.TensorType expected, String a, String b)
            throws KernelException {
        if (actual != expected) {
            throw fail(a + " != " + b + " (" + actual + " != " + expected + ")");
        }
    }

    /** {@code TF_LITE_ENSURE_NEAR}: "{@code a not near b (%f != %f)}". */
    public void ensureNear(float actual, float expected, float epsilon, String a, String b)
            throws KernelException {
        if (Math.abs(actual - expected) > epsilon) {
            throw fail(String.format(java.util.Locale.ROOT, "%s not near %s (%f != %f)", a, b, actual, expected));
        }
    }

    /** A refusal in Eval with TFLM's words: the prepared op fails on every invoke. */
    public PreparedOp refuseAtInvoke(String detail) {
        KernelException failure = evalFailure(detail);
        return () -> {
            throw failure;
        };
    }

    /** TFLM's {@code TfLiteTypeGetName} and {@code TfLiteType} number, as its "Type %s (%d)" messages print them. */
    public static String typeAndCode(dev.tflmstudio.runtime.model.TensorType t) {
        return t + " (" + tfLiteTypeCode(t) + ")";
    }

    /** The number of a type in TFLM's C enum {@code TfLiteType} (not the schema's {@code TensorType} number). */
    public static int tfLiteTypeCode(dev.tflmstudio.runtime.model.TensorType t) {
        return switch (t) {
            case FLOAT32 -> 1;
            case INT32 -> 2;
            case UINT8 -> 3;
            case INT64 -> 4;
            case STRING -> 5;
            case BOOL -> 6;
            case INT16 -> 7;
            case COMPLEX64 -> 8;
            case INT8 -> 9;
            case FLOAT16 -> 10;
            case FLOAT64 -> 11;
            case COMPLEX128 -> 12;
            case UINT64 -> 13;
            case RESOURCE -> 14;
            case VARIANT -> 15;
            case UINT32 -> 16;
            case UINT16 -> 17;
            case INT4 -> 18;
            case BFLOAT16 -> 19;
            default -> t.code();
        };
    }
}
