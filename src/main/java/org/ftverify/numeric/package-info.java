/**
 * Generic numerics shared by theories: Gauss–Hermite expectations over a standard normal ({@link
 * org.ftverify.numeric.GaussHermite}), a damped fixed-point iteration that reports its residual ({@link
 * org.ftverify.numeric.DampedFixedPoint}) and a bracketing scalar root finder on Hipparchus' Brent solver ({@link
 * org.ftverify.numeric.Roots}). Theory packages use these instead of keeping private copies.
 */
package org.ftverify.numeric;
