package dev.tflmstudio.app.properties;

import dev.tflmstudio.runtime.model.Quantization;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes a tensor's quantization as the formula a user checks numbers with: {@code real = s × (q − z)}. */
public final class QuantizationText {
    /** More channels than this are summarised; a 1,024-channel list helps nobody in a properties window. */
    static final int MAX_CHANNELS_LISTED = 16;

    private QuantizationText() {
    }

    /** One line per channel (or one for the whole tensor), exact float scales as Java prints them. */
    public static List<String> formulas(Quantization q) {
        List<String> out = new ArrayList<>();
        if (q == null || !q.isQuantized()) {
            return out;
        }
        int n = q.scales().size();
        if (n == 1) {
            out.add(formula(q.scale(0), q.zeroPoint(0)));
            return out;
        }
        int shown = Math.min(n, MAX_CHANNELS_LISTED);
        for (int c = 0; c < shown; c++) {
            out.add(String.format(Locale.ROOT, "ch %d: %s", c, formula(q.scale(c), q.zeroPoint(c))));
        }
        if (n > shown) {
            float lo = Float.MAX_VALUE;
            float hi = -Float.MAX_VALUE;
            for (float s : q.scaleArray()) {
                lo = Math.min(lo, s);
                hi = Math.max(hi, s);
            }
            out.add(String.format(Locale.ROOT, "… %d more channels (scales %s to %s)", n - shown, lo, hi));
        }
        return out;
    }

    static String formula(float scale, long zeroPoint) {
        String z = zeroPoint == 0 ? "q" : zeroPoint > 0 ? "(q − " + zeroPoint + ")" : "(q + " + (-zeroPoint) + ")";
        return "real = " + scale + " × " + z;
    }
}
