package io.jdask.array;

/** Shapes and chunks written the way NumPy and Dask print them: {@code (3, 4)}, {@code (5,)}. */
final class ShapeText {
    private ShapeText() {}

    static String of(int[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i] < 0 ? "nan" : Integer.toString(shape[i]));
        }
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }

    static String of(int[][] chunks) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < chunks.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(of(chunks[i]));
        }
        return sb.append(chunks.length == 1 ? ",)" : ")").toString();
    }
}
