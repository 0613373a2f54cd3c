package dev.tflmstudio.app.inputs;

import dev.tflmstudio.runtime.input.InputException;
import dev.tflmstudio.runtime.input.InputMapping;
import dev.tflmstudio.runtime.input.InputSources;
import dev.tflmstudio.runtime.input.SampleKind;
import dev.tflmstudio.runtime.model.Subgraph;
import dev.tflmstudio.runtime.model.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.concurrent.Task;

/**
 * Run > Set Inputs > From File: one file per model input and, for images and WAV, the mapping from the file's
 * values to the input's elements, with a line saying what a value becomes. Loading reads the files, so it is a
 * task for a background thread.
 */
public final class InputFilesModel {
    /** One model input: the file chosen for it, the mapping and what that mapping does. */
    public static final class Row {
        private final int index;
        private final Tensor tensor;
        private final StringProperty path = new SimpleStringProperty(this, "path", "");
        private final ObjectProperty<InputMapping> mapping = new SimpleObjectProperty<>(this, "mapping");
        private final StringBinding explanation;

        Row(int index, Tensor tensor) {
            this.index = index;
            this.tensor = tensor;
            // A new file gets the mapping TFLM's tests would use for it; the user may then pick another.
            path.addListener((o, was, now) -> {
                SampleKind kind = SampleKind.ofFile(now);
                mapping.set(kind == null ? null : InputMapping.defaultFor(tensor, kind));
            });
            explanation = Bindings.createStringBinding(this::explain, path, mapping);
        }

        private String explain() {
            SampleKind kind = SampleKind.ofFile(path.get());
            if (path.get().isBlank()) {
                return "no file: the input keeps the reference pattern";
            }
            if (kind == null) {
                return "the file's values as they are (.npy, .csv, or .bin of exactly " + tensor.arenaBytes()
                        + " bytes)";
            }
            InputMapping m = mapping.get() == null ? InputMapping.defaultFor(tensor, kind) : mapping.get();
            return m.describe(tensor, kind);
        }

        public int index() {
            return index;
        }

        public Tensor tensor() {
            return tensor;
        }

        public String title() {
            String q = tensor.isQuantized() ? String.format(Locale.ROOT, ", scale %.6g, zero point %d",
                    tensor.quantization().scale(0), tensor.quantization().zeroPoint(0)) : "";
            return "Input " + index + ": " + tensor.name() + " " + tensor.type().name().toLowerCase(Locale.ROOT)
                    + tensor.shape() + q;
        }

        public StringProperty pathProperty() {
            return path;
        }

        public ObjectProperty<InputMapping> mappingProperty() {
            return mapping;
        }

        /** What a value of the chosen file becomes, e.g. "pixel p -> int8 p-128". */
        public StringBinding explanationProperty() {
            return explanation;
        }

        /** True when the file is an image or WAV, so the mapping applies. */
        public boolean isMedia() {
            return SampleKind.ofFile(path.get()) != null;
        }
    }

    /** The bytes for every input and one console line per file saying how it was read. */
    public record Loaded(byte[][] bytes, List<String> lines) {
    }

    private final List<Row> rows = new ArrayList<>();

    public InputFilesModel(Subgraph main) {
        for (int i = 0; i < main.inputs().size(); i++) {
            rows.add(new Row(i, main.tensor(main.inputs().get(i))));
        }
    }

    public List<Row> rows() {
        return rows;
    }

    /** Reads the chosen files (on the thread that runs the task); inputs without a file get the pattern. */
    public Task<Loaded> loadTask() {
        List<String> paths = rows.stream().map(r -> r.path.get().trim()).toList();
        List<InputMapping> mappings = rows.stream().map(r -> r.mapping.get()).toList();
        List<String> explanations = rows.stream().map(r -> r.explanation.get()).toList();
        return new Task<>() {
            @Override
            protected Loaded call() throws InputException {
                byte[][] bytes = new byte[rows.size()][];
                List<String> lines = new ArrayList<>();
                for (int i = 0; i < rows.size(); i++) {
                    String spec = paths.get(i).isEmpty() ? "pattern" : paths.get(i);
                    try {
                        bytes[i] = InputSources.load(spec, rows.get(i).tensor, mappings.get(i));
                    } catch (InputException e) {
                        throw new InputException("input " + i + ": " + e.getMessage());
                    }
                    lines.add("Input " + i + " from " + spec + (SampleKind.ofFile(spec) == null ? ""
                            : " (" + explanations.get(i) + ")"));
                }
                return new Loaded(bytes, lines);
            }
        };
    }
}
