package dev.tflmstudio.app.properties;

import java.util.List;

/** A titled group of name/value rows in the properties window. */
public record PropertySection(String title, List<Row> rows) {
    public PropertySection {
        rows = List.copyOf(rows);
    }

    /** One name/value row; {@code tensor} is the tensor index a click on it should select, or -1. */
    public record Row(String name, String value, int tensor) {
        public static Row of(String name, String value) {
            return new Row(name, value, -1);
        }
    }
}
