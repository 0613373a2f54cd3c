package dev.tflmstudio.app.graph;

import java.util.List;
import java.util.Set;
import javafx.scene.paint.Color;

/** Node colours: one per op family (so structure stands out) and a heat-map ramp for metrics. */
public final class NodeColors {
    /** An op family with its legend name and colour. */
    public record Family(String name, Color color) {
    }

    public static final Family CONV = new Family("Convolution", Color.web("#4C78A8"));
    public static final Family DEPTHWISE = new Family("Depthwise conv", Color.web("#72B7B2"));
    public static final Family DENSE = new Family("Fully connected / matmul", Color.web("#B279A2"));
    public static final Family POOL = new Family("Pooling / reduction", Color.web("#54A24B"));
    public static final Family ACTIVATION = new Family("Activation", Color.web("#F58518"));
    public static final Family ARITHMETIC = new Family("Elementwise math", Color.web("#E45756"));
    public static final Family MOVEMENT = new Family("Reshape / data movement", Color.web("#9D9DA1"));
    public static final Family QUANT = new Family("Quantize / cast", Color.web("#9D755D"));
    public static final Family RECURRENT = new Family("Recurrent (SVDF, LSTM)", Color.web("#EECA3B"));
    public static final Family CUSTOM = new Family("Custom op", Color.web("#FF9DA6"));
    public static final Family OTHER = new Family("Other", Color.web("#BAB0AC"));
    public static final List<Family> ALL = List.of(CONV, DEPTHWISE, DENSE, POOL, ACTIVATION, ARITHMETIC, MOVEMENT,
            QUANT, RECURRENT, CUSTOM, OTHER);

    private static final Set<String> CONVS = Set.of("CONV_2D", "TRANSPOSE_CONV", "CONV_3D", "CONV_3D_TRANSPOSE");
    private static final Set<String> DENSES = Set.of("FULLY_CONNECTED", "BATCH_MATMUL");
    private static final Set<String> POOLS = Set.of("AVERAGE_POOL_2D", "MAX_POOL_2D", "L2_POOL_2D", "MEAN", "SUM",
            "REDUCE_MAX", "REDUCE_MIN", "REDUCE_PROD", "ARG_MAX", "ARG_MIN");
    private static final Set<String> ACTIVATIONS = Set.of("RELU", "RELU6", "RELU_N1_TO_1", "RELU_0_TO_1", "LOGISTIC",
            "TANH", "SOFTMAX", "LOG_SOFTMAX", "HARD_SWISH", "LEAKY_RELU", "PRELU", "ELU", "GELU");
    private static final Set<String> ARITHMETICS = Set.of("ADD", "SUB", "MUL", "DIV", "ADD_N", "SQUARED_DIFFERENCE",
            "MAXIMUM", "MINIMUM", "ABS", "NEG", "EXP", "LOG", "SQRT", "RSQRT", "SQUARE", "POW", "FLOOR", "CEIL",
            "ROUND", "SIN", "COS", "FLOOR_DIV", "FLOOR_MOD", "L2_NORMALIZATION");
    private static final Set<String> MOVEMENTS = Set.of("RESHAPE", "SQUEEZE", "EXPAND_DIMS", "CONCATENATION", "PAD",
            "PADV2", "MIRROR_PAD", "STRIDED_SLICE", "SLICE", "TRANSPOSE", "GATHER", "GATHER_ND", "SPLIT", "SPLIT_V",
            "PACK", "UNPACK", "TILE", "SPACE_TO_DEPTH", "DEPTH_TO_SPACE", "BATCH_TO_SPACE_ND", "SPACE_TO_BATCH_ND",
            "BROADCAST_TO", "RESIZE_BILINEAR", "RESIZE_NEAREST_NEIGHBOR", "SHAPE", "FILL", "ZEROS_LIKE");
    private static final Set<String> QUANTS = Set.of("QUANTIZE", "DEQUANTIZE", "CAST");
    private static final Set<String> RECURRENTS = Set.of("SVDF", "LSTM", "UNIDIRECTIONAL_SEQUENCE_LSTM",
            "BIDIRECTIONAL_SEQUENCE_LSTM", "UNIDIRECTIONAL_SEQUENCE_RNN", "RNN");

    private static final Color[] RAMP = {Color.web("#FFF7BC"), Color.web("#FEC44F"), Color.web("#FB9A29"),
            Color.web("#D95F0E"), Color.web("#993404")};

    private NodeColors() {
    }

    public static Family family(String opName, boolean custom) {
        if (custom) {
            return CUSTOM;
        }
        if (CONVS.contains(opName)) {
            return CONV;
        }
        if ("DEPTHWISE_CONV_2D".equals(opName)) {
            return DEPTHWISE;
        }
        if (DENSES.contains(opName)) {
            return DENSE;
        }
        if (POOLS.contains(opName)) {
            return POOL;
        }
        if (ACTIVATIONS.contains(opName)) {
            return ACTIVATION;
        }
        if (ARITHMETICS.contains(opName)) {
            return ARITHMETIC;
        }
        if (MOVEMENTS.contains(opName)) {
            return MOVEMENT;
        }
        if (QUANTS.contains(opName)) {
            return QUANT;
        }
        return RECURRENTS.contains(opName) ? RECURRENT : OTHER;
    }

    /** Heat-map colour for a value in [0, 1] (clamped): pale yellow (cold) to dark brown (hot). */
    public static Color heat(double fraction) {
        double f = Math.max(0, Math.min(1, Double.isNaN(fraction) ? 0 : fraction)) * (RAMP.length - 1);
        int i = Math.min(RAMP.length - 2, (int) f);
        return RAMP[i].interpolate(RAMP[i + 1], f - i);
    }

    /** Black or white, whichever reads better on {@code fill}. */
    public static Color textOn(Color fill) {
        double luminance = 0.2126 * fill.getRed() + 0.7152 * fill.getGreen() + 0.0722 * fill.getBlue();
        return luminance > 0.55 ? Color.web("#1B1B1B") : Color.WHITE;
    }

    public static String hex(Color c) {
        return String.format("#%02X%02X%02X", Math.round(c.getRed() * 255), Math.round(c.getGreen() * 255),
                Math.round(c.getBlue() * 255));
    }
}
