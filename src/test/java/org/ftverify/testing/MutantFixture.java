package org.ftverify.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.ftverify.core.CheckContext;
import org.ftverify.core.Claim;
import org.ftverify.core.Comparison;
import org.ftverify.core.Evidence;
import org.ftverify.core.EvidenceLevel;
import org.ftverify.core.Mutant;
import org.ftverify.core.Theory;
import org.ftverify.core.Verdict;

/**
 * The mutant test every theory reuses: at one point and seed, the exact theory's claim is VERIFIED and the mutant's
 * claim of the same id is FALSIFIED, by the comparisons the test names. A test that only checked the mutant would
 * pass for a check that rejects everything; checking both sides at one point shows the check discriminates.
 */
public final class MutantFixture {
    /** Seed of mutant tests; a correct theory must pass at any seed, so a fixed one here only makes failures replayable. */
    public static final long SEED = 20261202L;

    private MutantFixture() {}

    /** Runs {@code claim} once at {@code point} (parsed by its space) at the quick level with {@link #SEED}. */
    public static Evidence check(Claim claim, Map<String, ?> point) {
        return check(claim, point, SEED, EvidenceLevel.QUICK);
    }

    public static Evidence check(Claim claim, Map<String, ?> point, long seed, EvidenceLevel level) {
        return claim.check().check(claim.space().parse(point), new CheckContext(seed, level));
    }

    /** The claim {@code id} of {@code theory}'s exact claims. */
    public static Claim claim(Theory theory, String id) {
        return find(theory.claims(), id);
    }

    /** The claim {@code id} as the mutant {@code mutantName} of {@code theory} builds it. */
    public static Claim mutantClaim(Theory theory, String mutantName, String id) {
        Mutant m = theory.mutants().stream().filter(x -> x.name().equals(mutantName)).findFirst()
                .orElseThrow(() -> new AssertionError("theory " + theory.id() + " has no mutant " + mutantName));
        assertTrue(m.breaks().isEmpty() || m.breaks().contains(id),
                "mutant " + mutantName + " does not name " + id + " among the claims it must break " + m.breaks());
        return find(m.claims().get(), id);
    }

    /**
     * Exact VERIFIED and mutant FALSIFIED at the same point and seed; in the mutant's evidence, a comparison whose
     * quantity contains each of {@code mustFail} fails (shows which part of the claim catches the error).
     */
    public static void assertDiscriminates(Claim exact, Map<String, ?> point, Claim mutant, String... mustFail) {
        assertEquals(exact.id(), mutant.id(), "exact and mutant claims must be the same claim");
        Evidence e = check(exact, point);
        assertEquals(Verdict.VERIFIED, e.verdict(), "exact theory at " + point + ":\n" + e.summary());
        Evidence w = check(mutant, point);
        assertEquals(Verdict.FALSIFIED, w.verdict(), "mutant at " + point + ":\n" + w.summary());
        for (String key : mustFail)
            assertTrue(w.comparisons().stream().anyMatch(c -> c.quantity().contains(key) && !c.passes()),
                    "expected a failing comparison containing '" + key + "':\n" + w.summary());
        System.out.printf("%s at %s: exact gap/tol %.3g, mutant gap/tol %.3g%n", exact.id(), point, e.normalisedGap(), w.normalisedGap());
    }

    /** {@link #assertDiscriminates(Claim, Map, Claim, String...)} by theory, claim id and mutant name. */
    public static void assertDiscriminates(Theory theory, String claimId, Map<String, ?> point, String mutantName, String... mustFail) {
        assertDiscriminates(claim(theory, claimId), point, mutantClaim(theory, mutantName, claimId), mustFail);
    }

    /** Comparisons containing each key pass in {@code e} (the parts of a claim a mutant should leave alone). */
    public static void assertPasses(Evidence e, String... keys) {
        for (String key : keys) {
            List<Comparison> hits = e.comparisons().stream().filter(c -> c.quantity().contains(key)).toList();
            assertTrue(!hits.isEmpty() && hits.stream().allMatch(Comparison::passes),
                    "expected comparisons containing '" + key + "' to pass:\n" + e.summary());
        }
    }

    private static Claim find(List<Claim> claims, String id) {
        return claims.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow(() -> new AssertionError("no claim " + id));
    }
}
