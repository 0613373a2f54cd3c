package dev.tflmstudio.runtime.model;

/**
 * The element types of the TFLite schema, with the byte size TFLM's {@code TfLiteTypeSizeOf} gives each.
 *
 * <p>TFLM sizes arena buffers with that function, so INT4 counts one byte per element there (it is unpacked in
 * the arena) even though a constant INT4 buffer in the file packs two elements per byte. Types TFLM cannot size
 * (STRING, VARIANT and the newest small types) report {@code -1}.
 */
public enum TensorType {
    FLOAT32(0, 4, 32),
    FLOAT16(1, 2, 16),
    INT32(2, 4, 32),
    UINT8(3, 1, 8),
    INT64(4, 8, 64),
    STRING(5, -1, 8),
    BOOL(6, 1, 8),
    INT16(7, 2, 16),
    COMPLEX64(8, 8, 64),
    INT8(9, 1, 8),
    FLOAT64(10, 8, 64),
    COMPLEX128(11, 16, 128),
    UINT64(12, 8, 64),
    RESOURCE(13, 4, 32),
    VARIANT(14, -1, 8),
    UINT32(15, 4, 32),
    UINT16(16, 2, 16),
    INT4(17, 1, 4),
    BFLOAT16(18, 2, 16),
    INT2(19, -1, 2),
    UINT4(20, -1, 4),
    FLOAT8_E4M3FN(21, -1, 8),
    FLOAT8_E5M2(22, -1, 8);

    private static final TensorType[] BY_CODE = values();

    private final int code;
    private final int tflmByteSize;
    private final int storageBits;

    TensorType(int code, int tflmByteSize, int storageBits) {
        this.code = code;
        this.tflmByteSize = tflmByteSize;
        this.storageBits = storageBits;
    }

    /** The schema's enum value. */
    public int code() {
        return code;
    }

    /** Bytes per element in TFLM's arena ({@code TfLiteTypeSizeOf}), or -1 where TFLM has no size. */
    public int tflmByteSize() {
        return tflmByteSize;
    }

    /** Bits per element in a constant buffer of the file (INT4 packs two per byte). */
    public int storageBits() {
        return storageBits;
    }

    /** Bytes a constant buffer of {@code elements} elements takes in the file. */
    public long storageBytes(long elements) {
        return (elements * storageBits + 7) / 8;
    }

    public boolean isFloat() {
        return this == FLOAT32 || this == FLOAT16 || this == FLOAT64 || this == BFLOAT16;
    }

    /** The type for a schema code, or null for a code this schema revision does not know. */
    public static TensorType fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
