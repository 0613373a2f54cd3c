package dev.tflmstudio.profiler.overlay;

/** The overlay files TFLM Studio writes for other model viewers. */
public enum OverlayFormat {
    MODEL_EXPLORER("model-explorer"),
    NETRON("netron");

    private final String id;

    OverlayFormat(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static OverlayFormat fromId(String id) {
        for (OverlayFormat f : values()) {
            if (f.id.equals(id)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown overlay format '" + id + "' (expected model-explorer or netron)");
    }

    /** The file's text: Model Explorer takes one metric per file, Netron every metric at once. */
    public String write(OpOverlay overlay, OverlayMetric metric) {
        return this == NETRON ? NetronAttachment.write(overlay) : ModelExplorerNodeData.write(overlay, metric);
    }
}
