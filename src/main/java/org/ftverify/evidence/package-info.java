/**
 * The shared evidence toolkit every theory uses and none copies: seed-parallel Monte Carlo ({@link
 * org.ftverify.evidence.SeedParallel}), the run memo ({@link org.ftverify.evidence.RunMemo}), sample statistics
 * ({@link org.ftverify.evidence.SampleStats}), Monte Carlo budgets per level ({@link org.ftverify.evidence.Budget})
 * and tolerance builders that write their own derivation ({@link org.ftverify.evidence.Tolerance}).
 */
package org.ftverify.evidence;
