package dev.tflmstudio.runtime.kernels;

/**
 * Fused activation clamps as TFLM computes them ({@code CalculateActivationRange} for floats,
 * {@code CalculateActivationRangeQuantized} for integer outputs). Activation names are the schema's
 * ({@code NONE}, {@code RELU}, {@code RELU_N1_TO_1}, {@code RELU6}, ...).
 */
public final class ActivationRange {
    private ActivationRange() {
    }

    /** The fused activation of an op's options ({@code "NONE"} when absent). */
    public static String of(OpContext ctx) {
        return ctx.options().getString("fused_activation_function", "NONE");
    }

    /** Float clamp: {@code [min, max]} as a two-element array. */
    public static float[] forFloat(String activation) {
        return switch (activation) {
            case "RELU" -> new float[] {0f, Float.MAX_VALUE};
            case "RELU_N1_TO_1" -> new float[] {-1f, 1f};
            case "RELU6" -> new float[] {0f, 6f};
            default -> new float[] {-Float.MAX_VALUE, Float.MAX_VALUE};
        };
    }

    /** Integer clamp for {@code output} of type int8/int16/uint8/int32: {@code [min, max]}. */
    public static int[] forQuantized(String activation, TensorData output) {
        int qmin;
        int qmax;
        switch (output.type()) {
            case INT8 -> {
                qmin = Byte.MIN_VALUE;
                qmax = Byte.MAX_VALUE;
            }
            case UINT8 -> {
                qmin = 0;
                qmax = 255;
            }
            case INT16 -> {
                qmin = Short.MIN_VALUE;
                qmax = Short.MAX_VALUE;
            }
            default -> {
                qmin = Integer.MIN_VALUE;
                qmax = Integer.MAX_VALUE;
            }
        }
        float scale = output.scale();
        int zp = output.zeroPoint();
        return switch (activation) {
            case "RELU" -> new int[] {Math.max(qmin, quantize(0f, scale, zp)), qmax};
            case "RELU6" -> new int[] {Math.max(qmin, quantize(0f, scale, zp)),
                    Math.min(qmax, quantize(6f, scale, zp))};
            case "RELU_N1_TO_1" -> new int[] {Math.max(qmin, quantize(-1f, scale, zp)),
                    Math.min(qmax, quantize(1f, scale, zp))};
            default -> new int[] {qmin, qmax};
        };
    }

    private static int quantize(float f, float scale, int zeroPoint) {
        return zeroPoint + (int) FixedPoint.roundf(f / scale);
    }

    /**
     * {@code ActivationFunctionWithMinMax}: {@code std::min(std::max(x, lo), hi)}, which (unlike Math.max/min)
     * keeps -0 and NaN as they are.
     */
    public static float clamp(float x, float lo, float hi) {
        float y = x < lo ? lo : x;
        return hi < y ? hi : y;
    }
}
