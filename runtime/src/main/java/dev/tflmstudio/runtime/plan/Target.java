package dev.tflmstudio.runtime.plan;

/**
 * The machine TFLM runs on, as far as arena sizes care: the pointer (word) size changes struct sizes in the tail
 * and the ADD_N scratch buffer (an array of pointers).
 */
public enum Target {
    /** x86-64 host build: what {@code ../shared/ref} was measured on. */
    HOST64("host64", 8),
    /** 32-bit Cortex-M boards. */
    MCU32("mcu32", 4);

    private final String id;
    private final int pointerBytes;

    Target(String id, int pointerBytes) {
        this.id = id;
        this.pointerBytes = pointerBytes;
    }

    public String id() {
        return id;
    }

    public int pointerBytes() {
        return pointerBytes;
    }

    /** The target for {@code host64} or {@code mcu32}. */
    public static Target fromId(String id) {
        for (Target t : values()) {
            if (t.id.equalsIgnoreCase(id)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown target '" + id + "' (expected host64 or mcu32)");
    }

    @Override
    public String toString() {
        return id;
    }
}
