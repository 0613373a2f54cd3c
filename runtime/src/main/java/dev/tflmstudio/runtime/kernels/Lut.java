package dev.tflmstudio.runtime.kernels;

/**
 * TFLM's lookup tables for int16 activations ({@code gen_lut} / {@code LUTPopulate} and
 * {@code generic_int16_table_lookup}): 512 interpolation segments plus one end value, each entry biased by half the
 * midpoint error, all in float32 as TFLM computes them.
 */
public final class Lut {
    /** A float function as TFLM passes them to {@code gen_lut} (evaluated in float32). */
    @FunctionalInterface
    public interface FloatFunction {
        float apply(float x);
    }

    private Lut() {
    }

    /** {@code gen_lut<float, int16_t, int16_t>(func, inputMin, inputMax, outputMin, outputMax, lut)}. */
    public static short[] int16(FloatFunction func, float inputMin, float inputMax, float outputMin,
                                float outputMax) {
        final int steps = 512;
        short[] lut = new short[steps + 1];
        float step = (inputMax - inputMin) / steps;
        float halfStep = step / 2;
        float scalingInv = 65536f / (outputMax - outputMin);
        for (int i = 0; i < steps; i++) {
            float val = func.apply(inputMin + i * step);
            float mid = func.apply(inputMin + i * step + halfStep);
            float next = func.apply(inputMin + (i + 1) * step);
            float sample = FixedPoint.roundf(val * scalingInv);
            float midInterp = FixedPoint.roundf((next * scalingInv + FixedPoint.roundf(val * scalingInv)) / 2);
            float midVal = FixedPoint.roundf(mid * scalingInv);
            float bias = FixedPoint.roundf((midInterp - midVal) / 2);
            lut[i] = (short) Math.min(Math.max(sample - bias, -32768f), 32767f);
        }
        lut[steps] = (short) Math.min(Math.max(FixedPoint.roundf(func.apply(inputMax) * scalingInv), -32768f), 32767f);
        return lut;
    }

    /** {@code generic_int16_table_lookup}: interpolates between the two entries around {@code value}. */
    public static int lookupInt16(int value, short[] lut) {
        int index = 256 + (value >> 7);
        int offset = value & 0x7f;
        int base = lut[index];
        int slope = (short) (lut[index + 1] - lut[index]);
        int delta = (short) ((slope * offset + 64) >> 7);
        return (short) (base + delta);
    }

    /** {@code expf} as glibc computes it for the values LUT builders use (correctly rounded double exp). */
    public static float expf(float x) {
        return (float) Math.exp(x);
    }
}
