package org.ftverify.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CasTest {

    @Test
    void evaluatesAndPrintsInSymjaSyntax() {
        assertEquals("1+2*x+x^2", Cas.evalText("Expand((x+1)^2)"));
        assertTrue(Cas.isTrue("Expand((a+b)^2 - a^2 - 2*a*b - b^2) == 0"));
        assertFalse(Cas.isTrue("x == y"), "an unevaluated equation is not True");
    }

    @Test
    void printsMachineNumbersWithAllDigits() {
        assertEquals(Math.PI, Double.parseDouble(Cas.evalText("N(Pi)")), 0.0);
        assertEquals(1e-8 / 3, Double.parseDouble(Cas.evalText("N(1/3*10^-8)").replace("*10^", "E")), 0.0);
        assertEquals(Math.PI, Cas.evalDouble("Pi"), 0.0);
    }

    @Test
    void cachesByInputText() {
        Evaluation first = Cas.evaluate("Factor(x^4 - 1)");
        assertSame(first, Cas.evaluate("Factor(x^4 - 1)"));
    }

    @Test
    void rejectsSideEffectsButAllowsScopedLocals() {
        for (String stateful : new String[] {"a = 1", "f(x_) := x^2", "Clear(a)", "1 + (b = 2)"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cas.evaluate(stateful));
            assertTrue(e.getMessage().contains("side-effect-free"), e.getMessage());
        }
        assertEquals("3", Cas.evalText("Module({c = 1}, c + 2)"));
    }

    @Test
    void timeoutCancelsAndNamesExpressionAndLimit() {
        long t0 = System.nanoTime();
        CasTimeoutException e = assertThrows(CasTimeoutException.class,
                () -> Cas.evaluate("While(True, 1)", Duration.ofMillis(500)));
        double seconds = (System.nanoTime() - t0) * 1e-9;
        assertTrue(e.getMessage().contains("While(True, 1)") && e.getMessage().contains("0.5 s"), e.getMessage());
        assertTrue(seconds < 5, "cancellation took " + seconds + " s");
        assertEquals("2", Cas.evalText("1+1"), "the shared engine is usable after a timeout");
    }

    @Test
    void syntaxErrorIsACasException() {
        CasException e = assertThrows(CasException.class, () -> Cas.evaluate("1 + ("));
        assertTrue(e.getMessage().contains("1 + ("), e.getMessage());
    }

    @Test
    void evalDoubleRejectsNonReal() {
        assertThrows(CasException.class, () -> Cas.evalDouble("Sqrt(-2)"));
        assertThrows(CasException.class, () -> Cas.evalDouble("x + 1"));
    }

    @Test
    void sessionsKeepTheirOwnDefinitions() {
        try (CasSession one = Cas.newSession("one"); CasSession two = Cas.newSession("two")) {
            Duration limit = Duration.ofSeconds(20);
            one.evaluate("sq(x_) := x^2", limit);
            one.evaluate("A2 = 5", limit);
            assertEquals("9", one.evaluate("sq(3)", limit).text());
            assertEquals("5", one.evaluate("a2", limit).text(), "identifiers are case-insensitive");
            assertEquals("sq(3)", two.evaluate("sq(3)", limit).text(), "definitions do not leak between sessions");
        }
    }

    @Test
    void sessionCapturesSymjaMessages() {
        try (CasSession s = Cas.newSession("messages")) {
            Evaluation e = s.evaluate("1/0", Duration.ofSeconds(20));
            assertEquals("ComplexInfinity", e.text());
            assertTrue(e.messages().contains("Infinite expression"), e.messages());
        }
    }

    @Test
    void sessionSurvivesATimeoutWithItsDefinitions() {
        try (CasSession s = Cas.newSession("timeout")) {
            s.evaluate("keep = 7", Duration.ofSeconds(20));
            assertThrows(CasTimeoutException.class, () -> s.evaluate("Do(Expand((a+b+c)^k), {k, 1, 10^7})",
                    Duration.ofMillis(500)));
            assertTrue(s.isUsable());
            assertEquals("7", s.evaluate("keep", Duration.ofSeconds(20)).text());
        }
    }

    @Test
    void closedSessionRefusesWork() {
        CasSession s = Cas.newSession("closed");
        s.close();
        assertThrows(CasException.class, () -> s.evaluate("1+1", Duration.ofSeconds(5)));
        assertThrows(IllegalArgumentException.class, () -> Cas.evaluate("1+1", Duration.ZERO));
    }
}
