package dev.tflmstudio.runtime.kernels.control;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.ResourceVariables;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.TensorType;

/**
 * VAR_HANDLE, READ_VARIABLE and ASSIGN_VARIABLE (TFLM {@code var_handle.cc}, {@code read_variable.cc},
 * {@code assign_variable.cc}). A handle tensor carries the variable's id: TFLM points it at the id, we write the
 * id as its int32 value, so a handle passed into another subgraph (IF/WHILE copy its bytes) still names the variable.
 */
final class Variables {
    private Variables() {
    }

    static PreparedOp varHandle(OpContext ctx) throws KernelException {
        ResourceVariables resources = ctx.graph().resourceVariables();
        String container = ctx.options().getString("container", null);
        String sharedName = ctx.options().getString("shared_name", null);
        int id = resources.idFor(container, sharedName);
        TensorData handle = ctx.output(0);
        resources.bindHandle(handle, id);
        boolean holdsId = handle.byteLength() >= 4;
        return () -> {
            if (holdsId) {
                handle.setInt32(0, id);
            }
        };
    }

    static PreparedOp readVariable(OpContext ctx) throws KernelException {
        // TFLM only DCHECKs the counts: later inputs are ignored (a missing handle the graph check refuses)
        ctx.check(ctx.outputCount() == 1, "expects 1 output");
        TensorData handle = ctx.requireInput(0);
        ctx.check(handle.type() == TensorType.RESOURCE, "input type must be RESOURCE, got " + handle.type());
        ctx.check(handle.elementCount() == 1, "input must have 1 element");
        ResourceVariables resources = ctx.graph().resourceVariables();
        TensorData out = ctx.output(0);
        int preparedId = resources.handleId(handle);
        KernelException missing = ctx.evalFailure("reads a resource variable that does not exist");
        return () -> {
            if (!resources.read(idOf(handle, preparedId), out)) {
                throw missing;
            }
        };
    }

    static PreparedOp assignVariable(OpContext ctx) throws KernelException {
        // the input count, in TFLM's words: OmittedInputs, before this
        ctx.check(ctx.outputCount() == 0, "expects no outputs, has " + ctx.outputCount());
        TensorData handle = ctx.requireInput(0);
        ctx.check(handle.type() == TensorType.RESOURCE || handle.type() == TensorType.INT32,
                "handle type must be RESOURCE or INT32, got " + handle.type());
        ctx.check(handle.elementCount() == 1, "handle must have 1 element");
        TensorData value = ctx.requireInput(1);
        ResourceVariables resources = ctx.graph().resourceVariables();
        int preparedId = resources.handleId(handle);
        // TFLM allocates here when the handle's id is known (same subgraph as its VAR_HANDLE); otherwise the id
        // only exists at eval and the buffer must come from another ASSIGN_VARIABLE's prepare
        if (preparedId >= 0) {
            resources.allocate(preparedId, value);
        }
        KernelException unallocated = ctx.evalFailure("assigns a resource variable before its buffer was "
                + "allocated");
        return () -> {
            if (!resources.assign(idOf(handle, preparedId), value)) {
                throw unallocated;
            }
        };
    }

    private static int idOf(TensorData handle, int preparedId) {
        return preparedId >= 0 ? preparedId : handle.getInt32(0);
    }
}
