package nnrun.data;

/** The flat storage behind a {@link Dataset}: compact bytes for images, floats otherwise. */
sealed interface SampleStore {

    long length();

    long heapBytes();

    void copy(long from, int count, float[] dst, int dstOff);

    SampleStore gather(int[] indices, int sampleLength);

    record UnsignedBytes(byte[] values) implements SampleStore {
        /** value / 255 for every byte value, looked up rather than multiplied so 255 maps exactly to 1. */
        private static final float[] SCALED = new float[256];

        static {
            for (int v = 0; v < 256; v++) {
                SCALED[v] = v / 255f;
            }
        }

        @Override
        public long length() {
            return values.length;
        }

        @Override
        public long heapBytes() {
            return values.length;
        }

        @Override
        public void copy(long from, int count, float[] dst, int dstOff) {
            int src = (int) from;
            for (int i = 0; i < count; i++) {
                dst[dstOff + i] = SCALED[values[src + i] & 0xFF];
            }
        }

        @Override
        public SampleStore gather(int[] indices, int sampleLength) {
            byte[] out = new byte[Math.multiplyExact(indices.length, sampleLength)];
            for (int i = 0; i < indices.length; i++) {
                System.arraycopy(values, indices[i] * sampleLength, out, i * sampleLength, sampleLength);
            }
            return new UnsignedBytes(out);
        }
    }

    record Floats(float[] values) implements SampleStore {
        @Override
        public long length() {
            return values.length;
        }

        @Override
        public long heapBytes() {
            return 4L * values.length;
        }

        @Override
        public void copy(long from, int count, float[] dst, int dstOff) {
            System.arraycopy(values, (int) from, dst, dstOff, count);
        }

        @Override
        public SampleStore gather(int[] indices, int sampleLength) {
            float[] out = new float[Math.multiplyExact(indices.length, sampleLength)];
            for (int i = 0; i < indices.length; i++) {
                System.arraycopy(values, indices[i] * sampleLength, out, i * sampleLength, sampleLength);
            }
            return new Floats(out);
        }
    }
}
