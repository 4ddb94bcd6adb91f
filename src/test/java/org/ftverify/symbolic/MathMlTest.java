package org.ftverify.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MathMlTest {

    @Test
    void rendersAsWrittenWithoutEvaluating() {
        String m = MathMl.render("1+1");
        assertTrue(m.startsWith("<math") && m.endsWith("</math>"), m);
        assertTrue(m.contains("<mn>1</mn><mo>+</mo><mn>1</mn>"), m);
    }

    @Test
    void equationsAndGreekNamesReadAsMathematics() {
        String m = MathMl.render("A(mu) == 3/2*mu*(1-mu^2)");
        assertTrue(m.contains("<mo>=</mo>") && !m.contains("=="), m);
        assertTrue(m.contains("&#x03BC;"), "mu is typeset as a Greek letter: " + m);
    }

    @Test
    void badInputFallsBackToEscapedCode() {
        assertEquals("<code class=\"symja-fallback\">1 + (&lt;</code>", MathMl.render("1 + (<"));
        assertTrue(MathMl.render("").startsWith("<code"));
        assertTrue(MathMl.render(null).startsWith("<code"));
    }
}
