package dev.tflmstudio.runtime.kernels.control;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.MicroGraph;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.TensorType;
import java.util.ArrayList;
import java.util.List;

/**
 * IF (TFLM {@code if.cc}): input 0 (one BOOL) picks the then or else subgraph. The op's other inputs go to the
 * branch through a staging buffer, the branch runs, its outputs come back through a second staging buffer, and the
 * op's inputs are restored from the first (the branch's tensors may share arena memory with the caller's).
 */
final class If {
    private If() {
    }

    static PreparedOp prepare(OpContext ctx) throws KernelException {
        int thenIndex = ctx.options().getInt("then_subgraph_index", 0);
        int elseIndex = ctx.options().getInt("else_subgraph_index", 0);
        // the input count and the condition's presence: OmittedInputs, in TFLM's words, before this
        TensorData cond = ctx.requireInput(0);
        ctx.check(cond.type() == TensorType.BOOL, "condition type must be BOOL, got " + cond.type());
        ctx.check(cond.elementCount() == 1, "condition must have 1 element, has " + cond.elementCount());
        MicroGraph graph = ctx.graph();
        ctx.check(thenIndex < graph.subgraphCount(), "then subgraph " + thenIndex + " does not exist");
        ctx.check(elseIndex < graph.subgraphCount(), "else subgraph " + elseIndex + " does not exist");
        // TFLM checks the counts against the then branch only (the else branch's are found at invoke); with them
        // right, an omitted branch input is one TFLM reads unchecked (the graph check refuses it)
        ctx.ensureEq(ctx.inputCount() - 1, graph.inputs(thenIndex).size(), "num_inputs",
                "graph_info.NumSubgraphInputs(op_data->then_subgraph_index)");
        ctx.ensureEq(ctx.outputCount(), graph.outputs(thenIndex).size(), "num_outputs",
                "graph_info.NumSubgraphOutputs(op_data->then_subgraph_index)");
        List<TensorData> inputs = new ArrayList<>();
        for (int i = 1; i < ctx.inputCount(); i++) {
            inputs.add(ctx.requireInput(i));
        }
        List<TensorData> outputs = new ArrayList<>();
        for (int i = 0; i < ctx.outputCount(); i++) {
            outputs.add(ctx.output(i));
        }
        Branch thenBranch = Branch.of(ctx, graph, thenIndex, inputs, outputs);
        Branch elseBranch = Branch.of(ctx, graph, elseIndex, inputs, outputs);
        byte[] inputStaging = new byte[SubgraphCopy.bytes(inputs)];
        byte[] outputStaging = new byte[SubgraphCopy.bytes(outputs)];
        return () -> {
            Branch b = cond.getBool(0) ? thenBranch : elseBranch;
            if (b.mismatch != null) {
                throw b.mismatch;
            }
            SubgraphCopy.save(inputs, inputStaging);
            SubgraphCopy.restore(inputStaging, b.inputs);
            graph.invoke(b.index);
            SubgraphCopy.save(b.outputs, outputStaging);
            SubgraphCopy.restore(outputStaging, outputs);
            SubgraphCopy.restore(inputStaging, inputs);
        };
    }

    /** One branch's tensors, and the eval failure TFLM reports when they do not match the op's. */
    private record Branch(int index, List<TensorData> inputs, List<TensorData> outputs, KernelException mismatch) {
        static Branch of(OpContext ctx, MicroGraph graph, int index, List<TensorData> opInputs,
                         List<TensorData> opOutputs) {
            List<TensorData> in = graph.inputs(index);
            List<TensorData> out = graph.outputs(index);
            String problem = in.size() != opInputs.size() || out.size() != opOutputs.size()
                    ? "subgraph " + index + " takes " + in.size() + " inputs and gives " + out.size() + " outputs"
                    : SubgraphCopy.mismatch(opInputs, in, "subgraph " + index + " input");
            if (problem == null) {
                problem = SubgraphCopy.mismatch(opOutputs, out, "subgraph " + index + " output");
            }
            return new Branch(index, in, out, problem == null ? null : ctx.evalFailure(problem));
        }
    }
}
