package dev.tflmstudio.profiler.overlay;

import java.util.Locale;

/** One per-op number an overlay carries; {@link #id()} is what {@code profile --overlay-metric} takes. */
public enum OverlayMetric {
    LOCAL_US("local median", "µs"),
    BOARD_US("board median", "µs"),
    ESTIMATE_US("device estimate", "µs"),
    SHARE_PCT("share of the local invoke", "%"),
    MACS("MACs", ""),
    LIVE_BYTES("live arena bytes", "B"),
    /** Board share minus local share: where the board spends relatively more time than the local runtime. */
    BOARD_VS_LOCAL_PP("board vs local error (board share - local share)", "pp");

    private final String label;
    private final String unit;

    OverlayMetric(String label, String unit) {
        this.label = label;
        this.unit = unit;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** What a viewer shows as the value's name, unit included, e.g. {@code local median (µs)}. */
    public String title() {
        return unit.isEmpty() ? label : label + " (" + unit + ")";
    }

    public static OverlayMetric fromId(String id) {
        for (OverlayMetric m : values()) {
            if (m.id().equals(id)) {
                return m;
            }
        }
        StringBuilder known = new StringBuilder();
        for (OverlayMetric m : values()) {
            known.append(known.length() == 0 ? "" : ", ").append(m.id());
        }
        throw new IllegalArgumentException("unknown overlay metric '" + id + "' (expected one of " + known + ")");
    }
}
