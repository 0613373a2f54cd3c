package dev.tflmstudio.runtime.kernels.math;

import dev.tflmstudio.runtime.kernels.Kernel;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.LibmFloat;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.TensorType;

/**
 * FLOAT32-only element-wise ops: SIN, COS, LOG, SQRT, SQUARE (TFLM {@code elementwise.cc}), EXP, NEG, FLOOR, CEIL,
 * ROUND. Each refuses other types at the stage TFLM does (Prepare for most; Eval for NEG and FLOOR, which have
 * none). The transcendental functions reproduce glibc's float functions ({@link LibmFloat}), which TFLM calls.
 */
final class UnaryFloat {
    enum Kind {
        SIN(true), COS(true), LOG(true), SQRT(true), SQUARE(true), EXP(true), CEIL(true), ROUND(true),
        NEG(false), FLOOR(false);

        /** Whether TFLM checks the type in Prepare (else only in Eval). */
        private final boolean checkedInPrepare;

        Kind(boolean checkedInPrepare) {
            this.checkedInPrepare = checkedInPrepare;
        }

        float apply(float x) {
            return switch (this) {
                case SIN -> LibmFloat.sin(x);
                case COS -> LibmFloat.cos(x);
                case LOG -> LibmFloat.log(x);
                case SQRT -> (float) Math.sqrt(x);
                case SQUARE -> x * x;
                case EXP -> LibmFloat.exp(x);
                case CEIL -> (float) Math.ceil(x);
                case ROUND -> roundHalfToEven(x);
                case NEG -> -x;
                case FLOOR -> (float) Math.floor(x);
            };
        }
    }

    private UnaryFloat() {
    }

    static Kernel kernel(Kind kind) {
        return ctx -> prepare(ctx, kind);
    }

    private static PreparedOp prepare(OpContext ctx, Kind kind) throws KernelException {
        TensorData in = ctx.requireInput(0);
        TensorData out = ctx.output(0);
        if (in.type() != TensorType.FLOAT32) {
            String detail = "Input data type " + in.type() + " (" + in.type().code() + ") is not supported.";
            if (kind.checkedInPrepare) {
                throw ctx.fail(detail);
            }
            KernelException e = ctx.evalFailure(detail);
            return () -> {
                throw e;
            };
        }
        ctx.check(out.type() == in.type(), "output type " + out.type() + " differs from input type " + in.type());
        ctx.check(out.elementCount() == in.elementCount(),
                "input " + in.shape() + " and output " + out.shape() + " sizes differ");
        int n = in.elementCount();
        return () -> {
            for (int i = 0; i < n; i++) {
                out.setFloat32(i, kind.apply(in.getFloat32(i)));
            }
        };
    }

    /**
     * TFLM's {@code RoundToNearest}: half to even, built on {@code floor}, so it never returns -0 (round(-0.25) is
     * +0, unlike {@code rint}).
     */
    static float roundHalfToEven(float value) {
        float floorVal = (float) Math.floor(value);
        float diff = value - floorVal;
        if (diff < 0.5f || (diff == 0.5f && ((int) floorVal) % 2 == 0)) {
            return floorVal;
        }
        return floorVal + 1.0f;
    }
}
