package dev.tflmstudio.app.properties;

import dev.tflmstudio.app.properties.PropertySection.Row;
import dev.tflmstudio.app.workspace.Formats;
import dev.tflmstudio.runtime.model.Operator;
import dev.tflmstudio.runtime.model.Subgraph;
import dev.tflmstudio.runtime.model.Tensor;
import dev.tflmstudio.runtime.plan.MemoryPlan;
import dev.tflmstudio.runtime.plan.PlannedBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns the selected op or tensor into the rows the properties window shows. No JavaFX here: easy to test. */
public final class PropertyRows {
    private PropertyRows() {
    }

    public static List<PropertySection> forOperator(Subgraph g, Operator op, MemoryPlan plan) {
        List<PropertySection> out = new ArrayList<>();
        List<Row> general = new ArrayList<>();
        general.add(Row.of("Operator", "#" + op.index() + " " + op.opName()));
        general.add(Row.of("Execution order", Integer.toString(op.index())));
        general.add(Row.of("Builtin code", op.code().builtinCode() + " (" + op.code().builtinName() + ")"));
        general.add(Row.of("Version", Integer.toString(op.code().version())));
        if (op.code().isCustom()) {
            general.add(Row.of("Custom name", String.valueOf(op.code().customName())));
        }
        out.add(new PropertySection("Operator", general));
        addOptions(out, "Options: " + op.options().type(), op.options().fields());
        addOptions(out, "Custom options", op.customOptions().fields());
        out.add(new PropertySection("Inputs", tensorRows(g, op.inputs())));
        out.add(new PropertySection("Outputs", tensorRows(g, op.outputs())));
        if (!op.intermediates().isEmpty()) {
            out.add(new PropertySection("Intermediates", tensorRows(g, op.intermediates())));
        }
        if (plan != null && g.index() == 0) {
            List<Row> scratch = new ArrayList<>();
            for (PlannedBuffer b : plan.scratchBuffers()) {
                if (b.subgraph() == g.index() && b.op() == op.index()) {
                    scratch.add(Row.of("scratch " + b.scratchIndex(),
                            Formats.bytes(b.rawBytes()) + " at offset " + b.offset()));
                }
            }
            if (!scratch.isEmpty()) {
                out.add(new PropertySection("Scratch buffers (" + plan.planner() + " plan)", scratch));
            }
        }
        return out;
    }

    public static List<PropertySection> forTensor(Subgraph g, Tensor t, MemoryPlan plan) {
        List<PropertySection> out = new ArrayList<>();
        List<Row> general = new ArrayList<>();
        general.add(Row.of("Tensor", Formats.tensorLabel(t)));
        general.add(Row.of("Type", t.type().name()));
        general.add(Row.of("Shape", t.shape().toString()));
        if (t.shapeSignature() != null && !t.shapeSignature().equals(t.shape())) {
            general.add(Row.of("Shape signature", t.shapeSignature().toString()));
        }
        general.add(Row.of("Elements", String.format(java.util.Locale.ROOT, "%,d", t.elementCount())));
        long bytes = t.arenaBytes();
        general.add(Row.of("Bytes", bytes < 0 ? "not sizable by TFLM" : Formats.bytes(bytes)));
        general.add(Row.of("Kind", kindText(g, t)));
        general.add(Row.of("Buffer", Integer.toString(t.buffer())));
        if (t.sparse()) {
            general.add(Row.of("Sparse", "yes (TFLM cannot run sparse tensors)"));
        }
        out.add(new PropertySection("Tensor", general));

        List<Row> quant = new ArrayList<>();
        if (t.isQuantized()) {
            if (t.quantization().isPerChannel()) {
                quant.add(Row.of("Per channel", t.quantization().scales().size() + " channels along axis "
                        + t.quantization().quantizedDimension()));
            }
            for (String f : QuantizationText.formulas(t.quantization())) {
                quant.add(Row.of("", f));
            }
        } else {
            quant.add(Row.of("", "not quantized"));
        }
        out.add(new PropertySection("Quantization", quant));

        List<Row> uses = new ArrayList<>();
        for (Operator op : g.operators()) {
            if (op.outputs().contains(t.index())) {
                uses.add(Row.of("Produced by", "#" + op.index() + " " + op.opName()));
            }
        }
        for (Operator op : g.operators()) {
            if (op.inputs().contains(t.index())) {
                uses.add(Row.of("Read by", "#" + op.index() + " " + op.opName()));
            }
        }
        out.add(new PropertySection("Producers and consumers", uses));

        if (plan != null) {
            out.add(new PropertySection("Arena (" + plan.planner() + " plan)", arenaRows(plan, g.index(), t)));
        }
        return out;
    }

    private static List<Row> arenaRows(MemoryPlan plan, int subgraph, Tensor t) {
        List<Row> rows = new ArrayList<>();
        var buffer = plan.forTensor(subgraph, t.index());
        if (buffer.isEmpty()) {
            rows.add(Row.of("Placement", switch (t.kind()) {
                case CONSTANT -> "in the model (flash), not in the arena";
                case VARIABLE -> "arena tail (persistent variable)";
                case ACTIVATION -> "not planned (unused)";
            }));
            return rows;
        }
        PlannedBuffer b = buffer.get();
        rows.add(Row.of("Offset", b.offset() + " (0x" + Integer.toHexString(b.offset()) + ")"));
        rows.add(Row.of("Size", Formats.bytes(b.size()) + (b.size() != b.rawBytes() ? " (" + b.rawBytes()
                + " B aligned to 16)" : "")));
        rows.add(Row.of("Live", "steps " + b.firstUse() + " to " + b.lastUse() + lifetimeNote(b)));
        if (b.isOffline()) {
            rows.add(Row.of("Offline plan", "pinned at " + b.offlineOffset()));
        }
        return rows;
    }

    private static String lifetimeNote(PlannedBuffer b) {
        // The planner's time: step 0 is before any op runs (graph inputs), op i runs at step i + 1.
        String from = b.firstUse() == 0 ? "graph input" : "from op #" + (b.firstUse() - 1);
        return " (" + from + " to op #" + Math.max(0, b.lastUse() - 1) + ")";
    }

    private static String kindText(Subgraph g, Tensor t) {
        String kind = switch (t.kind()) {
            case CONSTANT -> "constant (weights in flash)";
            case VARIABLE -> "variable (state across invocations)";
            case ACTIVATION -> "activation";
        };
        if (g.inputs().contains(t.index())) {
            kind += ", graph input";
        }
        if (g.outputs().contains(t.index())) {
            kind += ", graph output";
        }
        return kind;
    }

    private static void addOptions(List<PropertySection> out, String title, Map<String, Object> fields) {
        if (fields.isEmpty()) {
            return;
        }
        List<Row> rows = new ArrayList<>();
        fields.forEach((k, v) -> rows.add(Row.of(k, String.valueOf(v))));
        out.add(new PropertySection(title, rows));
    }

    private static List<Row> tensorRows(Subgraph g, List<Integer> indices) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < indices.size(); i++) {
            int idx = indices.get(i);
            if (idx < 0) {
                rows.add(new Row(Integer.toString(i), "(omitted)", -1));
            } else {
                Tensor t = g.tensor(idx);
                rows.add(new Row(Integer.toString(i), Formats.tensorLabel(t) + "  " + Formats.typeAndShape(t), idx));
            }
        }
        return rows;
    }
}
