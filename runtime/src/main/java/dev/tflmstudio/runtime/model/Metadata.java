package dev.tflmstudio.runtime.model;

/** A named metadata entry of the model, pointing at a buffer. {@code size} is that buffer's byte count. */
public record Metadata(String name, int buffer, long size) {
}
