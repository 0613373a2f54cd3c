package dev.tflmstudio.app.inputs;

import dev.tflmstudio.runtime.input.InputMapping;
import java.io.File;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The view of {@link InputFilesModel}: per input a file field, Browse, the mapping and what it does. */
public final class InputFilesDialog extends Dialog<ButtonType> {
    public InputFilesDialog(Window owner, InputFilesModel model, Path startDir, Consumer<InputFilesModel> onOk) {
        initOwner(owner);
        setTitle("Set Inputs From Files");
        setHeaderText("One file per input: .npy, .csv, raw .bin, an image (PNG, BMP, JPEG, exactly the input's "
                + "size) or 16-bit PCM WAV.\nImages and WAV go through the mapping chosen beside them.");
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        int y = 0;
        for (InputFilesModel.Row row : model.rows()) {
            int i = row.index();
            grid.add(new Label(row.title()), 0, y++, 3, 1);
            TextField path = new TextField();
            path.setId("inputPath" + i);
            path.setPromptText("a file path (empty: the reference pattern)");
            path.textProperty().bindBidirectional(row.pathProperty());
            GridPane.setHgrow(path, Priority.ALWAYS);
            Button browse = new Button("Browse…");
            browse.setOnAction(e -> browse(row, startDir));
            ComboBox<InputMapping> mapping = new ComboBox<>();
            mapping.setId("inputMapping" + i);
            mapping.getItems().setAll(InputMapping.values());
            mapping.setButtonCell(mappingCell());
            mapping.setCellFactory(l -> mappingCell());
            mapping.valueProperty().bindBidirectional(row.mappingProperty());
            mapping.disableProperty().bind(Bindings.createBooleanBinding(() -> !row.isMedia(), row.pathProperty()));
            grid.addRow(y++, path, browse, mapping);
            Label what = new Label();
            what.setId("inputMappingText" + i);
            what.textProperty().bind(row.explanationProperty());
            what.setWrapText(true);
            grid.add(what, 0, y++, 3, 1);
        }
        grid.setPrefWidth(640);
        getDialogPane().setContent(grid);
        getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        setResultConverter(b -> b);
        setOnHidden(e -> {
            if (getResult() == ButtonType.OK) {
                onOk.accept(model);
            }
        });
    }

    private void browse(InputFilesModel.Row row, Path startDir) {
        FileChooser fc = new FileChooser();
        fc.setTitle("File for input " + row.index());
        fc.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Inputs", "*.png", "*.bmp", "*.jpg", "*.jpeg", "*.wav", "*.npy",
                        "*.csv", "*.bin", "*.raw"),
                new FileChooser.ExtensionFilter("All files", "*"));
        if (startDir != null && startDir.toFile().isDirectory()) {
            fc.setInitialDirectory(startDir.toFile());
        }
        File f = fc.showOpenDialog(getDialogPane().getScene().getWindow());
        if (f != null) {
            row.pathProperty().set(f.getPath());
        }
    }

    private static ListCell<InputMapping> mappingCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(InputMapping item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? "mapping" : switch (item) {
                    case RAW -> "raw bytes";
                    case UNIT -> "0..1";
                    case SIGNED -> "-1..1";
                    case QUANTIZED -> "whole range";
                });
            }
        };
    }
}
