package org.ftverify.simd;

/** One-line argument checks shared by the kernels; O(1), so they cost nothing next to an O(n) kernel. */
final class Checks {
    private Checks() {}

    static void length(String nName, int n, String aName, double[] a) {
        if (a == null) throw new IllegalArgumentException(aName + " must not be null");
        if (n < 0 || n > a.length) {
            throw new IllegalArgumentException(nName + " = " + n + " must be in [0, " + a.length + "] (length of "
                    + aName + ")");
        }
    }

    static void length(String nName, int n, String aName, double[] a, String bName, double[] b) {
        length(nName, n, aName, a);
        length(nName, n, bName, b);
    }

    /** A is rows x cols; x must hold at least xLen (named xDim) entries and y at least yLen (named yDim). */
    static void matrix(double[] a, int rows, int cols, double[] x, String xDim, int xLen, double[] y, String yDim,
            int yLen) {
        if (rows < 0) throw new IllegalArgumentException("rows = " + rows + " must be >= 0");
        if (cols < 0) throw new IllegalArgumentException("cols = " + cols + " must be >= 0");
        if (a == null) throw new IllegalArgumentException("a must not be null");
        long size = (long) rows * cols;
        if (size > a.length) {
            throw new IllegalArgumentException("rows * cols = " + size + " must be <= a.length = " + a.length);
        }
        vectorLength("x", x, xLen, xDim);
        vectorLength("y", y, yLen, yDim);
    }

    private static void vectorLength(String name, double[] v, int needed, String dimension) {
        if (v == null) throw new IllegalArgumentException(name + " must not be null");
        if (v.length < needed) {
            throw new IllegalArgumentException(name + ".length = " + v.length + " must be >= " + dimension + " = "
                    + needed);
        }
    }

    /** a[off .. off + len) must exist. */
    static void segment(double[] a, int off, long len, String name) {
        if (a == null) throw new IllegalArgumentException(name + " must not be null");
        if (off < 0 || len < 0 || off + len > a.length) {
            throw new IllegalArgumentException(name + " segment [" + off + ", " + (off + len) + ") must lie in [0, " + a.length + "]");
        }
    }
}
