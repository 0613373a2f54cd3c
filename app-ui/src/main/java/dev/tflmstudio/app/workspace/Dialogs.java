package dev.tflmstudio.app.workspace;

import java.io.PrintWriter;
import java.io.StringWriter;
import javafx.scene.control.Alert;
import javafx.scene.control.TextArea;
import javafx.stage.Window;

/** Error dialogs that say what went wrong and what to do, with the technical details folded away. */
public final class Dialogs {
    private Dialogs() {
    }

    public static void error(Window owner, String what, String advice, Throwable cause) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        if (owner != null) {
            alert.initOwner(owner);
        }
        alert.setTitle("TFLM Studio");
        alert.setHeaderText(what + " failed");
        alert.setContentText(BackgroundWork.message(cause) + (advice == null ? "" : "\n\n" + advice));
        if (cause != null) {
            StringWriter sw = new StringWriter();
            cause.printStackTrace(new PrintWriter(sw));
            TextArea details = new TextArea(sw.toString());
            details.setEditable(false);
            details.setWrapText(false);
            details.setPrefRowCount(14);
            alert.getDialogPane().setExpandableContent(details);
        }
        alert.show();
    }
}
