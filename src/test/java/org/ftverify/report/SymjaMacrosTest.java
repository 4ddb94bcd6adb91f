package org.ftverify.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SymjaMacrosTest {
    @Test
    void macroEndIsFoundByBracketBalancing() {
        String s = "x symja:[Abs[m[a] - Sqrt[d]]] y";
        assertEquals(s.indexOf("] y"), org.ftverify.symbolic.MathMl.closingBracket(s, s.indexOf('[')));
        String out = SymjaMacros.replace(s);
        assertTrue(out.startsWith("x pass:["), out);
        assertTrue(out.endsWith("] y"), out);
        assertFalse(out.contains("symja:["), out);
        assertTrue(out.contains("<math"), "typeset as MathML: " + out);
    }

    @Test
    void matrixBracketsInClaimTextAreNotAnchors() {
        assertEquals("gamma \\[[B, A], [A, 0]] and symja:[f[x[1]]]",
                ClaimSection.literalDoubleBrackets("gamma [[B, A], [A, 0]] and symja:[f[x[1]]]"));
    }

    @Test
    void unbalancedMacroIsLeftAsWritten() {
        assertEquals("symja:[Sqrt[x]", SymjaMacros.replace("symja:[Sqrt[x]"));
    }

    @Test
    void textWithoutMacrosIsUnchanged() {
        assertEquals("plain *text*", SymjaMacros.replace("plain *text*"));
    }
}
