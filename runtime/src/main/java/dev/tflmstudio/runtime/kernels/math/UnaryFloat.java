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
        SIN(Check.ELEMENTWISE), COS(Check.ELEMENTWISE), LOG(Check.ELEMENTWISE), SQRT(Check.ELEMENTWISE),
        SQUARE(Check.ELEMENTWISE), EXP(Check.SAME_SHAPE_FLOAT), CEIL(Check.SAME_SHAPE_FLOAT),
        ROUND(Check.SAME_SHAPE_FLOAT), NEG(Check.EVAL_SWITCH), FLOOR(Check.EVAL_TYPE);

        /** What TFLM's kernel checks, and when. */
        private final Check check;

        Kind(Check check) {
            this.check = check;
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

    /**
     * ELEMENTWISE: elementwise.cc (input and output types equal in Prepare, FLOAT32 only in Eval); SAME_SHAPE_FLOAT:
     * exp.cc, ceil.cc, round.cc (FLOAT32, same type, bytes and shape in Prepare); EVAL_SWITCH: neg.cc (no Prepare,
     * Eval's type switch); EVAL_TYPE: floor.cc (no Prepare, FLOAT32 ensured in Eval).
     */
    private enum Check { ELEMENTWISE, SAME_SHAPE_FLOAT, EVAL_SWITCH, EVAL_TYPE }

    private UnaryFloat() {
    }

    static Kernel kernel(Kind kind) {
        return ctx -> prepare(ctx, kind);
    }

    private static PreparedOp prepare(OpContext ctx, Kind kind) throws KernelException {
        TensorData in = ctx.requireInput(0);
        TensorData out = ctx.output(0);
        TensorType f32 = TensorType.FLOAT32;
        switch (kind.check) {
            case ELEMENTWISE -> {
                ctx.ensureEq(ctx.inputCount(), 1, "NumInputs(node)", "1");
                ctx.ensureEq(ctx.outputCount(), 1, "NumOutputs(node)", "1");
                ctx.ensureTypesEq(in.type(), out.type(), "input->type", "output->type");
                if (in.type() != f32) {
                    return ctx.refuseAtInvoke("input->type != expected_type (" + in.type() + " != FLOAT32)");
                }
            }
            case SAME_SHAPE_FLOAT -> {
                ctx.ensureEq(ctx.inputCount(), 1, "NumInputs(node)", "1");
                ctx.ensureEq(ctx.outputCount(), 1, "NumOutputs(node)", "1");
                ctx.ensureTypesEq(in.type(), f32, "input->type", "kTfLiteFloat32");
                ctx.ensureTypesEq(out.type(), in.type(), "output->type", "input->type");
                ctx.ensureEq(out.byteLength(), in.byteLength(), "output->bytes", "input->bytes");
                ctx.ensureEq(out.rank(), in.rank(), "output->dims->size", "input->dims->size");
                for (int i = 0; i < out.rank(); i++) {
                    ctx.ensureEq(out.dim(i), in.dim(i), "output->dims->data[i]", "input->dims->data[i]");
                }
            }
            case EVAL_SWITCH -> {
                if (in.type() != f32) {
                    return ctx.refuseAtInvoke("Type " + OpContext.typeAndCode(in.type()) + " not supported.");
                }
            }
            case EVAL_TYPE -> {
                if (in.type() != f32) {
                    return ctx.refuseAtInvoke("input->type != kTfLiteFloat32 (" + in.type() + " != FLOAT32)");
                }
            }
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
