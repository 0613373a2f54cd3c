package dev.tflmstudio.runtime.kernels.math;

import dev.tflmstudio.runtime.kernels.Broadcast;
import dev.tflmstudio.runtime.kernels.FixedPoint;
import dev.tflmstudio.runtime.kernels.Kernel;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.TensorType;
import java.util.EnumSet;
import java.util.Set;

/**
 * EQUAL, NOT_EQUAL, LESS, LESS_EQUAL, GREATER, GREATER_EQUAL (TFLM {@code comparisons.cc}). Quantized inputs are
 * compared after rescaling both to a common scale: {@code ((q - zp) << 8)} times each input's own scale as a
 * multiplier smaller than one, as TFLM's {@code *WithScaling} functions do. Each op accepts the types its TFLM Eval
 * switch lists; others fail at invoke, as there.
 */
final class Comparison {
    enum Kind {
        EQUAL(EnumSet.of(TensorType.BOOL, TensorType.FLOAT32, TensorType.INT32, TensorType.INT64, TensorType.INT8)),
        NOT_EQUAL(EQUAL.types),
        LESS(EnumSet.of(TensorType.FLOAT32, TensorType.INT32, TensorType.INT64, TensorType.INT8)),
        LESS_EQUAL(LESS.types),
        GREATER(EnumSet.of(TensorType.FLOAT32, TensorType.INT32, TensorType.INT64, TensorType.INT8,
                TensorType.INT16)),
        GREATER_EQUAL(LESS.types);

        private final Set<TensorType> types;

        Kind(Set<TensorType> types) {
            this.types = types;
        }

        boolean test(float a, float b) {
            return switch (this) {
                case EQUAL -> a == b;
                case NOT_EQUAL -> a != b;
                case LESS -> a < b;
                case LESS_EQUAL -> a <= b;
                case GREATER -> a > b;
                case GREATER_EQUAL -> a >= b;
            };
        }

        boolean test(long a, long b) {
            return switch (this) {
                case EQUAL -> a == b;
                case NOT_EQUAL -> a != b;
                case LESS -> a < b;
                case LESS_EQUAL -> a <= b;
                case GREATER -> a > b;
                case GREATER_EQUAL -> a >= b;
            };
        }
    }

    private static final int LEFT_SHIFT = 8;

    private Comparison() {
    }

    static Kernel kernel(Kind kind) {
        return ctx -> prepare(ctx, kind);
    }

    private static PreparedOp prepare(OpContext ctx, Kind kind) throws KernelException {
        TensorData in1 = ctx.requireInput(0);
        TensorData in2 = ctx.requireInput(1);
        TensorData out = ctx.output(0);
        TensorType type = in1.type();
        if (!kind.types.contains(type)) {
            KernelException e = ctx.evalFailure("Type " + type + " (" + OpContext.tfLiteTypeCode(type) + ") not supported.");
            return () -> {
                throw e;
            };
        }
        ctx.check(in2.type() == type, "input types differ: " + type + " and " + in2.type());
        ctx.check(out.type() == TensorType.BOOL, "output type must be BOOL, got " + out.type());
        Broadcast walk = Broadcast.checked(ctx, out, in1, in2);
        int n = out.elementCount();
        return switch (type) {
            case FLOAT32 -> walk.eachRow((o, i1, step1, i2, step2, len) -> {
                for (int k = 0; k < len; k++) {
                    float a = in1.getFloat32(step1 == 0 ? i1 : i1 + k);
                    float b = in2.getFloat32(step2 == 0 ? i2 : i2 + k);
                    out.setBool(o + k, kind.test(a, b));
                }
            });
            case INT8 -> quantized(kind, in1, in2, out, walk);
            // GREATER's Eval has an int16 case, but TFLM's Prepare computes the rescaling parameters for int8 only:
            // they stay as the zeroed persistent buffer left them, every value rescales to 0, and 0 > 0 is false.
            case INT16 -> () -> {
                for (int i = 0; i < n; i++) {
                    out.setBool(i, kind.test(0, 0));
                }
            };
            default -> walk.eachRow((o, i1, step1, i2, step2, len) -> {
                for (int k = 0; k < len; k++) {
                    long a = integer(in1, step1 == 0 ? i1 : i1 + k);
                    long b = integer(in2, step2 == 0 ? i2 : i2 + k);
                    out.setBool(o + k, kind.test(a, b));
                }
            });
        };
    }

    private static long integer(TensorData t, int i) {
        return switch (t.type()) {
            case INT64 -> t.getInt64(i);
            case INT32 -> t.getInt32(i);
            default -> t.getBool(i) ? 1 : 0;
        };
    }

    private static PreparedOp quantized(Kind kind, TensorData in1, TensorData in2, TensorData out,
                                        Broadcast walk) {
        long q1 = FixedPoint.quantizeMultiplier(in1.scale());
        long q2 = FixedPoint.quantizeMultiplier(in2.scale());
        int mult1 = FixedPoint.multiplierOf(q1);
        int shift1 = FixedPoint.shiftOf(q1);
        int mult2 = FixedPoint.multiplierOf(q2);
        int shift2 = FixedPoint.shiftOf(q2);
        int offset1 = -in1.zeroPoint();
        int offset2 = -in2.zeroPoint();
        boolean int16 = in1.type() == TensorType.INT16;
        return walk.eachRow((o, i1, step1, i2, step2, len) -> {
            for (int k = 0; k < len; k++) {
                int j1 = step1 == 0 ? i1 : i1 + k;
                int j2 = step2 == 0 ? i2 : i2 + k;
                int a = int16 ? in1.getInt16(j1) : in1.getInt8(j1);
                int b = int16 ? in2.getInt16(j2) : in2.getInt8(j2);
                int sa = FixedPoint.multiplyByQuantizedMultiplierSmallerThanOneExp(
                        (offset1 + a) * (1 << LEFT_SHIFT), mult1, shift1);
                int sb = FixedPoint.multiplyByQuantizedMultiplierSmallerThanOneExp(
                        (offset2 + b) * (1 << LEFT_SHIFT), mult2, shift2);
                out.setBool(o + k, kind.test(sa, sb));
            }
        });
    }
}
