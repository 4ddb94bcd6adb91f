package org.ftverify.theory.dln;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The min-Q Newton step's linear solve, tested directly: inside MinQSolver a wrong solve only gives a worse Newton
 * direction (the line search and the gradient stopping rule still find the optimum), so mutation testing found
 * Cholesky's arithmetic unchecked.
 */
class CholeskyTest {
    @Test
    void solvesASymmetricPositiveDefiniteSystem() {
        // A = L Lᵀ with L = [[2,0,0],[1,3,0],[-1,2,1]]; b = A x for x = (1, -2, 0.5)
        double[] a = {4, 2, -2, 2, 10, 5, -2, 5, 6};
        double[] x = {1, -2, 0.5};
        double[] b = new double[3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) b[i] += a[i * 3 + j] * x[j];
        assertTrue(Cholesky.solveInPlace(a, 3, b));
        assertArrayEquals(x, b, 1e-14);
    }

    @Test
    void refusesAMatrixThatIsNotPositiveDefinite() {
        double[] a = {1, 2, 2, 1};
        assertFalse(Cholesky.solveInPlace(a, 2, new double[] {1, 1}));
        assertFalse(Cholesky.solveInPlace(new double[] {0}, 1, new double[] {1}), "a zero pivot is not positive");
    }
}
