package dev.tflmstudio.runtime.kernels.control;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.MicroGraph;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;
import java.util.ArrayList;
import java.util.List;

/**
 * WHILE (TFLM {@code while.cc}): copies the op's inputs to the cond subgraph's inputs and to the op's outputs, runs
 * cond, and while its first output is true copies the outputs into body, runs body, copies body's outputs back to
 * the op's outputs and from there into cond, and runs cond again.
 */
final class While {
    private While() {
    }

    static PreparedOp prepare(OpContext ctx) throws KernelException {
        int condIndex = ctx.options().getInt("cond_subgraph_index", 0);
        int bodyIndex = ctx.options().getInt("body_subgraph_index", 0);
        MicroGraph graph = ctx.graph();
        ctx.check(condIndex < graph.subgraphCount(), "cond subgraph " + condIndex + " does not exist");
        ctx.check(bodyIndex < graph.subgraphCount(), "body subgraph " + bodyIndex + " does not exist");
        int n = ctx.inputCount();
        // TFLM's count checks, in its words; with them right, an omitted input is one TFLM's Eval reads unchecked
        // (the graph check refuses it)
        ctx.ensureEq(n, graph.inputs(condIndex).size(), "num_inputs",
                "graph_info.NumSubgraphInputs(op_data->cond_subgraph_index)");
        ctx.ensureEq(n, graph.inputs(bodyIndex).size(), "num_inputs",
                "graph_info.NumSubgraphInputs(op_data->body_subgraph_index)");
        ctx.ensureEq(n, ctx.outputCount(), "num_inputs", "num_outputs");
        ctx.ensureEq(ctx.outputCount(), graph.outputs(bodyIndex).size(), "num_outputs",
                "graph_info.NumSubgraphOutputs(op_data->body_subgraph_index)");
        List<TensorData> inputs = new ArrayList<>();
        List<TensorData> outputs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            inputs.add(ctx.requireInput(i));
            outputs.add(ctx.output(i));
        }
        List<TensorData> condIn = graph.inputs(condIndex);
        List<TensorData> bodyIn = graph.inputs(bodyIndex);
        List<TensorData> bodyOut = graph.outputs(bodyIndex);
        ctx.check(!graph.outputs(condIndex).isEmpty(), "cond subgraph " + condIndex + " has no output");
        TensorData condOut = graph.outputs(condIndex).get(0);
        String problem = firstProblem(SubgraphCopy.mismatch(inputs, condIn, "cond input"),
                SubgraphCopy.mismatch(inputs, outputs, "output"),
                SubgraphCopy.mismatch(outputs, bodyIn, "body input"),
                SubgraphCopy.mismatch(bodyOut, outputs, "body output"));
        KernelException mismatch = problem == null ? null : ctx.evalFailure(problem);
        return () -> {
            if (mismatch != null) {
                throw mismatch;
            }
            SubgraphCopy.copyAll(inputs, condIn);
            SubgraphCopy.copyAll(inputs, outputs);
            graph.invoke(condIndex);
            long limit = graph.maxWhileIterations();
            for (long iterations = 0; condOut.getBool(0); iterations++) {
                if (iterations == limit) {
                    throw ctx.evalFailure(String.format(java.util.Locale.ROOT, "the condition (subgraph %d%s) is "
                            + "still true after %,d iterations; stopped at the WHILE iteration limit", condIndex,
                            ctx.subgraph().index() == 0 ? "" : ", called from subgraph " + ctx.subgraph().index(),
                            limit));
                }
                SubgraphCopy.copyAll(outputs, bodyIn);
                graph.invoke(bodyIndex);
                SubgraphCopy.copyAll(bodyOut, outputs);
                SubgraphCopy.copyAll(outputs, condIn);
                graph.invoke(condIndex);
            }
        };
    }

    private static String firstProblem(String... problems) {
        for (String p : problems) {
            if (p != null) {
                return p;
            }
        }
        return null;
    }
}
