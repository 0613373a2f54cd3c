package dev.tflmstudio.runtime.kernels;

/**
 * Per-channel int32 accumulator to int8 output, exactly as TFLM's reference kernels do it
 * ({@code MultiplyByQuantizedMultiplier}, double rounding, then the output offset and the activation clamp), with
 * each channel's shifts and masks resolved once in prepare and the rounding written without branches, so whole rows
 * of accumulators convert in a plain loop.
 *
 * <p>The branch-free form: {@code SaturatingRoundingDoublingHighMul}'s nudge and division toward zero by 2^31 is
 * {@code (ab + 2^30) >> 31} for either sign of {@code ab}; {@code RoundingDivideByPOT}'s "remainder above the
 * threshold" is the sign bit of {@code threshold - remainder}. Channels where that form could differ from
 * {@link FixedPoint#multiplyByQuantizedMultiplier(int, int, int)} (a multiplier of INT_MIN, which saturates, or a shift
 * of 32 or more) take that method instead.
 */
public final class Requantizer {
    private final int[] multiplier;
    private final int[] shift;
    private final int[] leftShift;
    private final int[] rightShift;
    private final int[] mask;
    private final int[] half;
    private final boolean general;
    private final int outputOffset;
    private final int lo;
    private final int hi;

    public Requantizer(int[] multiplier, int[] shift, int outputOffset, int lo, int hi) {
        int n = multiplier.length;
        this.multiplier = multiplier.clone();
        this.shift = shift.clone();
        this.leftShift = new int[n];
        this.rightShift = new int[n];
        this.mask = new int[n];
        this.half = new int[n];
        boolean anyGeneral = false;
        for (int c = 0; c < n; c++) {
            int left = shift[c] > 0 ? shift[c] : 0;
            int right = shift[c] > 0 ? 0 : -shift[c];
            anyGeneral |= multiplier[c] == Integer.MIN_VALUE || left > 31 || right > 31;
            leftShift[c] = left;
            rightShift[c] = right;
            mask[c] = (int) ((1L << right) - 1);
            half[c] = mask[c] >> 1;
        }
        this.general = anyGeneral;
        this.outputOffset = outputOffset;
        this.lo = lo;
        this.hi = hi;
    }

    /** The channels (length of the multiplier array). */
    public int channels() {
        return multiplier.length;
    }

    /** One accumulator of channel {@code c} to its output value (offset added, clamped). */
    public int apply(int acc, int c) {
        int v = general ? FixedPoint.multiplyByQuantizedMultiplier(acc, multiplier[c], shift[c])
                : scale(acc, multiplier[c], leftShift[c], rightShift[c], mask[c], half[c]);
        v += outputOffset;
        return v < lo ? lo : (v > hi ? hi : v);
    }

    private static int scale(int acc, int m, int left, int right, int mask, int half) {
        int y = (int) (((long) (acc << left) * m + (1L << 30)) >> 31);
        return (y >> right) + ((half + (y >>> 31) - (y & mask)) >>> 31);
    }

    /**
     * Converts {@code n} accumulators of one channel, {@code acc[from + k]}, to {@code out[at + k * stride]}
     * (a plane of one output channel into an NHWC tensor).
     */
    public void channelRow(int[] acc, int from, int n, int c, byte[] out, int at, int stride) {
        if (general) {
            for (int k = 0; k < n; k++) {
                out[at + k * stride] = (byte) apply(acc[from + k], c);
            }
            return;
        }
        final int m = multiplier[c];
        final int left = leftShift[c];
        final int right = rightShift[c];
        final int msk = mask[c];
        final int hf = half[c];
        final int off = outputOffset;
        final int l = lo;
        final int h = hi;
        for (int k = 0; k < n; k++) {
            int v = scale(acc[from + k], m, left, right, msk, hf) + off;
            out[at + k * stride] = (byte) (v < l ? l : (v > h ? h : v));
        }
    }

    /**
     * Converts {@code pixels * channels()} accumulators laid out as NHWC pixels ({@code acc[p * channels() + c]}) to
     * {@code out[at...]} in the same order.
     */
    public void pixels(int[] acc, int pixels, byte[] out, int at) {
        final int n = multiplier.length;
        if (general) {
            for (int p = 0, k = 0; p < pixels; p++) {
                for (int c = 0; c < n; c++, k++) {
                    out[at + k] = (byte) apply(acc[k], c);
                }
            }
            return;
        }
        final int[] mul = multiplier;
        final int[] ls = leftShift;
        final int[] rs = rightShift;
        final int[] mk = mask;
        final int[] hf = half;
        final int off = outputOffset;
        final int l = lo;
        final int h = hi;
        for (int p = 0; p < pixels; p++) {
            int base = p * n;
            int o = at + base;
            for (int c = 0; c < n; c++) {
                int v = scale(acc[base + c], mul[c], ls[c], rs[c], mk[c], hf[c]) + off;
                out[o + c] = (byte) (v < l ? l : (v > h ? h : v));
            }
        }
    }
}
