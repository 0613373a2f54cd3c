package dev.tflmstudio.app.outline;

import dev.tflmstudio.app.workspace.Selection;

/**
 * One row of the outline tree: a heading (subgraph, "Operators", "Tensors") or an op or tensor that selecting
 * the row selects everywhere.
 *
 * @param text      what the row shows
 * @param detail    grey trailing text (shapes, types)
 * @param selection what selecting it means, or null for headings
 * @param role      input, output, or plain, for the marker icon
 * @param fullName  the whole name, for the tooltip (the text may show only a name's distinguishing tail)
 */
record OutlineItem(String text, String detail, Selection selection, Role role, String fullName) {
    enum Role { HEADING, OP, TENSOR, INPUT, OUTPUT, CONSTANT }

    static OutlineItem heading(String text) {
        return new OutlineItem(text, "", null, Role.HEADING, text);
    }
}
