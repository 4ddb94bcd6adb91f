package org.ftverify.theory.icl;

import java.util.Map;
import org.ftverify.testing.MutantFixture;
import org.junit.jupiter.api.Test;

class IclProbeSummaryTest {
    @Test
    void printSummaries() {
        IclTheory t = new IclTheory();
        String id = System.getProperty("icl.claim", ReducedFlowClaim.ID);
        System.out.println(MutantFixture.check(MutantFixture.claim(t, id), Map.of()).summary());
    }
}
