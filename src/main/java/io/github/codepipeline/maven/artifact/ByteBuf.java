package io.github.codepipeline.maven.artifact;

/** Little-endian fields into a byte array: a zip's headers. */
final class ByteBuf {
    private final byte[] bytes;
    private int length;

    ByteBuf(int capacity) {
        bytes = new byte[capacity];
    }

    ByteBuf int16(int value) {
        bytes[length++] = (byte) value;
        bytes[length++] = (byte) (value >>> 8);
        return this;
    }

    ByteBuf int32(long value) {
        for (int i = 0; i < 4; i++) {
            bytes[length++] = (byte) (value >>> (8 * i));
        }
        return this;
    }

    ByteBuf int64(long value) {
        for (int i = 0; i < 8; i++) {
            bytes[length++] = (byte) (value >>> (8 * i));
        }
        return this;
    }

    ByteBuf bytes(byte[] value) {
        System.arraycopy(value, 0, bytes, length, value.length);
        length += value.length;
        return this;
    }

    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }
}
