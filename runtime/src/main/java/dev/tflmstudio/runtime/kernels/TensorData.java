package dev.tflmstudio.runtime.kernels;

import dev.tflmstudio.runtime.model.Quantization;
import dev.tflmstudio.runtime.model.Shape;
import dev.tflmstudio.runtime.model.Tensor;
import dev.tflmstudio.runtime.model.TensorType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A tensor as kernels see it (TFLM's {@code TfLiteEvalTensor}): its metadata plus where its bytes are.
 *
 * <p>Activations, model inputs/outputs, variables and scratch live in the interpreter's one arena, a heap
 * little-endian {@link ByteBuffer} over a {@code byte[]} ({@link #array()} non-null). Constants are views of the
 * model's mapped buffer, or of a heap copy when small ({@link #array()} is null either way; never write them). Element accessors take an element index and use absolute
 * ByteBuffer reads, which the JIT compiles to plain loads. In hot loops, copy {@link #buffer()}, {@link #array()}
 * and {@link #base()} to locals first (the binding is set once, after planning, and never changes while an op runs).
 */
public final class TensorData {
    /**
     * Constants up to this size are read from a heap copy: eval reads small constant operands (scalars, tables) per
     * element, and a getter that sees only heap buffers compiles to a plain load, where one that also sees the mapped
     * file's buffers makes a call per element (micro_speech's front end: MINIMUM of 40 values against a scalar took
     * 6 us). Larger constants (weights) stay views of the mapped file; kernels copy those in prepare.
     */
    private static final int SMALL_CONSTANT_BYTES = 4096;

    private final int index;
    private final Tensor tensor;
    private final int[] dims;
    private final int elementCount;
    private final int byteLength;
    private ByteBuffer buffer;
    private byte[] array;
    private int base;

    public TensorData(Tensor tensor) {
        this.index = tensor.index();
        this.tensor = tensor;
        this.dims = tensor.shape().toArray();
        this.elementCount = (int) tensor.elementCount();
        long bytes = tensor.arenaBytes();
        this.byteLength = bytes < 0 ? 0 : (int) bytes;
        if (tensor.hasData()) {
            ByteBuffer data = tensor.data().slice();
            if (data.remaining() <= SMALL_CONSTANT_BYTES) {
                byte[] copy = new byte[data.remaining()];
                data.get(0, copy);
                data = ByteBuffer.wrap(copy);
            }
            this.buffer = data.order(ByteOrder.LITTLE_ENDIAN);
            this.array = null;
            this.base = 0;
        }
    }

    /** Binds the tensor to {@code arena} at {@code offset} (interpreter only; never for constants). */
    public void bind(ByteBuffer arena, int offset) {
        this.buffer = arena;
        this.array = arena.array();
        this.base = offset;
    }

    public boolean isBound() {
        return buffer != null;
    }

    /** Index of the tensor in its subgraph. */
    public int index() {
        return index;
    }

    public Tensor tensor() {
        return tensor;
    }

    public TensorType type() {
        return tensor.type();
    }

    public Shape shape() {
        return tensor.shape();
    }

    /** The dimensions (do not modify the returned array). */
    public int[] dims() {
        return dims;
    }

    public int rank() {
        return dims.length;
    }

    public int dim(int axis) {
        return dims[axis];
    }

    public int elementCount() {
        return elementCount;
    }

    /** Byte length in the arena, as {@code TfLiteEvalTensorByteLength}. */
    public int byteLength() {
        return byteLength;
    }

    /** Has data in the model file (weights, constant operands). */
    public boolean isConstant() {
        return tensor.hasData();
    }

    public boolean isVariable() {
        return tensor.variable();
    }

    /** Per-tensor scale (the first when per-channel); 0 when not quantized, as TFLM's params.scale. */
    public float scale() {
        Quantization q = tensor.quantization();
        return q == null || !q.isQuantized() ? 0f : q.scale(0);
    }

    /** Per-tensor zero point (the first when per-channel); 0 when not quantized. */
    public int zeroPoint() {
        Quantization q = tensor.quantization();
        return q == null || !q.isQuantized() ? 0 : (int) q.zeroPoint(0);
    }

    /** The quantization parameters, or null. */
    public Quantization quantization() {
        return tensor.quantization();
    }

    /** Little-endian buffer; element {@code i} of width {@code w} is at {@code base() + i * w}. */
    public ByteBuffer buffer() {
        return buffer;
    }

    /** The arena array when the tensor lives in the arena, null for constants. */
    public byte[] array() {
        return array;
    }

    public int base() {
        return base;
    }

    public byte getInt8(int i) {
        return buffer.get(base + i);
    }

    public int getUint8(int i) {
        return buffer.get(base + i) & 0xFF;
    }

    public short getInt16(int i) {
        return buffer.getShort(base + 2 * i);
    }

    public int getInt32(int i) {
        return buffer.getInt(base + 4 * i);
    }

    public long getInt64(int i) {
        return buffer.getLong(base + 8 * i);
    }

    public float getFloat32(int i) {
        return buffer.getFloat(base + 4 * i);
    }

    public boolean getBool(int i) {
        return buffer.get(base + i) != 0;
    }

    public void setInt8(int i, int v) {
        buffer.put(base + i, (byte) v);
    }

    public void setInt16(int i, int v) {
        buffer.putShort(base + 2 * i, (short) v);
    }

    public void setInt32(int i, int v) {
        buffer.putInt(base + 4 * i, v);
    }

    public void setInt64(int i, long v) {
        buffer.putLong(base + 8 * i, v);
    }

    public void setFloat32(int i, float v) {
        buffer.putFloat(base + 4 * i, v);
    }

    public void setBool(int i, boolean v) {
        buffer.put(base + i, (byte) (v ? 1 : 0));
    }

    /** Copies all bytes of {@code src} (same byte length) into this tensor, as TFLM's memcpy in RESHAPE etc. */
    public void copyFrom(TensorData src) {
        if (src.buffer == buffer && src.base == base) {
            return;
        }
        if (src.array != null) {
            System.arraycopy(src.array, src.base, array, base, byteLength);
        } else {
            buffer.put(base, src.buffer, src.base, byteLength);
        }
    }

    /**
     * Reads the whole tensor into a new byte array (for constants in prepare, e.g. to precompute packed weights; the
     * interpreter itself never copies constants).
     */
    public byte[] copyBytes() {
        byte[] out = new byte[byteLength];
        buffer.get(base, out, 0, byteLength);
        return out;
    }

    /** All elements as ints (INT8, UINT8, INT16, INT32 widened), read once in prepare for constant operands. */
    public int[] copyInts() {
        int[] out = new int[elementCount];
        readInts(out);
        return out;
    }

    /** Reads all elements as ints, as {@link #copyInts()}, into {@code out} (at least {@link #elementCount()} long). */
    public void readInts(int[] out) {
        for (int i = 0; i < elementCount; i++) {
            out[i] = switch (type()) {
                case INT8 -> getInt8(i);
                case UINT8 -> getUint8(i);
                case INT16 -> getInt16(i);
                case INT32 -> getInt32(i);
                case INT64 -> (int) getInt64(i);
                default -> throw new IllegalStateException(tensor + ": not an integer tensor");
            };
        }
    }

    /** All elements as longs (INT32 and INT64 bias). */
    public long[] copyLongs() {
        long[] out = new long[elementCount];
        for (int i = 0; i < elementCount; i++) {
            out[i] = type() == TensorType.INT64 ? getInt64(i) : getInt32(i);
        }
        return out;
    }

    /** All elements of a FLOAT32 tensor. */
    public float[] copyFloats() {
        float[] out = new float[elementCount];
        for (int i = 0; i < elementCount; i++) {
            out[i] = getFloat32(i);
        }
        return out;
    }

    @Override
    public String toString() {
        return tensor.toString();
    }
}
