package org.ftverify.theory.lora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.ftverify.core.CheckContext;
import org.ftverify.core.Claim;
import org.ftverify.core.Comparison;
import org.ftverify.core.Evidence;
import org.ftverify.core.EvidenceLevel;
import org.ftverify.core.Verdict;

/** Shared steps of the mutant tests: check one claim at one point with the exact and a perturbed model. */
final class SimClaimTesting {
    static final long SEED = 20260223L;

    private SimClaimTesting() {}

    static Evidence check(LoraTheoryModel model, String id, Map<String, ?> point) {
        Claim claim = LoraTheory.claimsOf(model).stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no claim " + id));
        return claim.check().check(claim.space().parse(point), new CheckContext(SEED, EvidenceLevel.QUICK));
    }

    /**
     * The exact model passes at the point and the mutant is rejected there, by (at least) the comparisons whose
     * quantity contains one of {@code mustFail}; comparisons containing one of {@code mustPass} still pass (so the
     * test shows which part of the claim catches the perturbation).
     */
    static void assertDiscriminates(String id, Map<String, ?> point, LoraTheoryModel mutant, List<String> mustFail, List<String> mustPass) {
        Evidence exact = check(LoraTheoryModel.exact(), id, point);
        assertEquals(Verdict.VERIFIED, exact.verdict(), "exact model at " + point + ":\n" + exact.summary());
        Evidence wrong = check(mutant, id, point);
        assertEquals(Verdict.FALSIFIED, wrong.verdict(), mutant + " at " + point + ":\n" + wrong.summary());
        for (String key : mustFail) {
            assertTrue(wrong.comparisons().stream().anyMatch(c -> c.quantity().contains(key) && !c.passes()),
                    "expected a failing comparison containing '" + key + "':\n" + wrong.summary());
        }
        for (String key : mustPass) {
            List<Comparison> hits = wrong.comparisons().stream().filter(c -> c.quantity().contains(key)).toList();
            assertTrue(!hits.isEmpty() && hits.stream().allMatch(Comparison::passes),
                    "expected comparisons containing '" + key + "' to pass:\n" + wrong.summary());
        }
        System.out.println(id + " " + mutant + ": exact gap/tol " + String.format("%.3g", exact.normalisedGap())
                + ", mutant gap/tol " + String.format("%.3g", wrong.normalisedGap()));
    }
}
