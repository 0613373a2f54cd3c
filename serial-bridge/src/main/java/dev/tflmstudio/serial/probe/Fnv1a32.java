package dev.tflmstudio.serial.probe;

/** FNV-1a-32 over bytes, as TFLM's reference runs print each op's output checksum. */
final class Fnv1a32 {
    private Fnv1a32() {
    }

    static int of(byte[] bytes) {
        int h = 0x811c9dc5;
        for (byte b : bytes) {
            h ^= b & 0xff;
            h *= 0x01000193;
        }
        return h;
    }
}
