package org.ftverify.core;

import java.util.List;
import java.util.function.DoubleFunction;

/**
 * A family of wrong theories for measuring a claim's power: {@code claimsAt.apply(delta)} builds the theory's claims
 * with the quantity the claim checks off by a relative {@code delta} (e.g. the rate multiplied by 1 + delta). The
 * power sweep ({@code ./ftverify power}) runs the claim for growing delta and records the smallest delta it rejects
 * at the quick level: the claim's measured resolution, shown beside the tolerance-based one.
 */
public record PowerProbe(String claimId, String quantity, DoubleFunction<List<Claim>> claimsAt) {}
