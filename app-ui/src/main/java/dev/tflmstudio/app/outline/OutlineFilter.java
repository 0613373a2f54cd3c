package dev.tflmstudio.app.outline;

import dev.tflmstudio.runtime.model.Operator;
import dev.tflmstudio.runtime.model.Tensor;
import java.util.Locale;

/**
 * The outline's filter. One query matches an op by its index ({@code 12} or {@code #12}) or its type
 * ({@code conv}), and a tensor by its index ({@code t12} or {@code 12}), its name, its type or its shape
 * ({@code [1,96} or {@code 96,96}). Case does not matter; an empty query matches everything.
 */
public final class OutlineFilter {
    private final String q;

    public OutlineFilter(String query) {
        this.q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
    }

    public boolean isEmpty() {
        return q.isEmpty();
    }

    public boolean matches(Operator op) {
        if (q.isEmpty()) {
            return true;
        }
        String idx = q.startsWith("#") ? q.substring(1) : q;
        return idx.equals(Integer.toString(op.index())) || op.opName().toLowerCase(Locale.ROOT).contains(q);
    }

    public boolean matches(Tensor t) {
        if (q.isEmpty()) {
            return true;
        }
        String idx = q.startsWith("t") || q.startsWith("#") ? q.substring(1) : q;
        if (idx.equals(Integer.toString(t.index()))) {
            return true;
        }
        String shape = t.shape().toString();
        String bare = q.replace(" ", "");
        return t.name().toLowerCase(Locale.ROOT).contains(q)
                || t.type().name().toLowerCase(Locale.ROOT).equals(q)
                || (bare.indexOf(',') >= 0 || bare.indexOf('[') >= 0) && shape.contains(bare);
    }
}
