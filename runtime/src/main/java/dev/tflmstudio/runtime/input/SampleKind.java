package dev.tflmstudio.runtime.input;

/** What a media input file holds: 8-bit pixels (images) or 16-bit PCM samples (WAV), with their value range. */
public enum SampleKind {
    PIXEL("pixel", "p", 0, 255),
    AUDIO("sample", "s", -32768, 32767);

    private final String noun;
    private final String symbol;
    private final int min;
    private final int max;

    SampleKind(String noun, String symbol, int min, int max) {
        this.noun = noun;
        this.symbol = symbol;
        this.min = min;
        this.max = max;
    }

    public String noun() {
        return noun;
    }

    /** The letter the mapping formulas use for one value ({@code p} or {@code s}). */
    public String symbol() {
        return symbol;
    }

    public int min() {
        return min;
    }

    public int max() {
        return max;
    }

    /** The kind a file name's extension says it holds, or null for files that are not media (npy, bin, csv). */
    public static SampleKind ofFile(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".png") || lower.endsWith(".bmp") || lower.endsWith(".jpg") || lower.endsWith(".jpeg")) {
            return PIXEL;
        }
        return lower.endsWith(".wav") ? AUDIO : null;
    }
}
