package org.ftverify.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** 'ftverify explore' input errors: one line naming the option and what is allowed, exit code 2. */
class ExploreCommandTest {
    private String err;

    private int run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    private void assertOneLine(String fragment) {
        assertTrue(err.contains(fragment), err);
        assertEquals(1, err.strip().lines().count(), err);
    }

    @Test
    void needsAClaim() {
        assertEquals(2, run("explore"));
        assertOneLine("explore needs --claim C");
    }

    @Test
    void budgetMustBeANonNegativeInteger() {
        assertEquals(2, run("explore", "--claim", "lora.saddle-growth-rate", "--budget", "-3"));
        assertOneLine("budget: '-3' is outside the allowed range [0, 999]");
        assertEquals(2, run("explore", "--claim", "lora.saddle-growth-rate", "--budget", "many"));
        assertOneLine("budget: 'many' is not an integer");
    }

    @Test
    void unknownOptionAndClaimAndMutant() {
        assertEquals(2, run("explore", "--claim", "x.y", "--shrink"));
        assertOneLine("unknown option '--shrink' for 'explore'");
        assertEquals(2, run("explore", "--claim", "lora.nothing"));
        assertOneLine("unknown claim 'lora.nothing'");
        assertEquals(2, run("explore", "--claim", "lora.saddle-growth-rate", "--mutant", "nope"));
        assertOneLine("unknown mutant 'nope'");
    }

    @Test
    void helpListsExplore() {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        Main.run(new String[] {"help"}, new PrintStream(o, true, StandardCharsets.UTF_8), System.err);
        assertTrue(o.toString(StandardCharsets.UTF_8).contains("explore --claim C [--budget N]"));
    }
}
