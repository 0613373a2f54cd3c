package dev.tflmstudio.app.graph;

/** What node colours show: the op family, or a heat map of a per-op metric. */
public enum ColorMode {
    OP_TYPE("Op type", ""),
    LATENCY("Heat: latency", "µs"),
    SHARE("Heat: share of time", "%"),
    MACS("Heat: MACs", "MACs"),
    LIVE_BYTES("Heat: live arena bytes", "B");

    private final String title;
    private final String unit;

    ColorMode(String title, String unit) {
        this.title = title;
        this.unit = unit;
    }

    public String unit() {
        return unit;
    }

    public boolean isHeatMap() {
        return this != OP_TYPE;
    }

    @Override
    public String toString() {
        return title;
    }
}
