package dev.tflmstudio.app.tensors;

import dev.tflmstudio.runtime.interpreter.TensorSnapshot;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.Operator;
import javafx.scene.control.Label;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The banner over the tensor viewer when the bytes shown are not the tensor's value (its op has not run yet in
 * this invoke, or a later buffer reused its bytes). It sits on its own line above the values, so a long tensor
 * name cannot push it out of sight, and the values below are greyed while it shows.
 */
final class StaleBanner extends Label {
    StaleBanner() {
        setId("tensorStaleBanner");
        getStyleClass().add("stale-banner");
        setGraphic(new FontIcon("mdi2a-alert-outline"));
        setWrapText(true);
        setMaxWidth(Double.MAX_VALUE);
        show(null, null);
    }

    /** Shows the banner for {@code s} (or hides it when its bytes are its value); true when shown. */
    boolean show(TensorSnapshot s, Model model) {
        String text = s == null ? null : text(s, model);
        setText(text);
        setVisible(text != null);
        setManaged(text != null);
        return text != null;
    }

    static String text(TensorSnapshot s, Model model) {
        return switch (s.state()) {
            case CONSTANT, VALID -> null;
            case NOT_YET_WRITTEN -> "Not written yet in this invoke" + producer(s, model)
                    + ". The bytes below are leftovers from earlier ops, not this tensor's values.";
            case OVERWRITTEN -> "Overwritten by " + s.overwrittenBy()
                    + ": its arena bytes now hold that buffer. The bytes below are not this tensor's values.";
        };
    }

    private static String producer(TensorSnapshot s, Model model) {
        if (model == null) {
            return "";
        }
        for (Operator op : model.main().operators()) {
            if (op.outputs().contains(s.tensor().index())) {
                return " (op #" + op.index() + " " + op.opName() + " writes it)";
            }
        }
        return "";
    }
}
