package org.ftverify.report;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Titles, claim texts, numbers and cross-references as the report writes them (no Asciidoctor needed). */
class ReportTextTest {
    @Test
    void comparisonOperatorsBecomeSymbolsOutsideMacros() {
        assertEquals("horizon α ≤ 20, x ≥ 1, a ≠ b, p ⇔ q", InlineText.operators("horizon α <= 20, x >= 1, a != b, p <=> q"));
        assertEquals("symja:[x <= 1] and pass:[a<=b] but y ≤ 2", InlineText.operators("symja:[x <= 1] and pass:[a<=b] but y <= 2"));
        assertEquals("constant &#40;C)", InlineText.operators("constant (C)"));
    }

    @Test
    void titleMarkupIsRenderedOrStrippedConsistently() {
        assertEquals("pass:[(αK/(γλ))<sup>1/(α+1)</sup> and m<sub>ODE</sub>]",
                InlineText.title("(αK/(γλ))^1/(α+1)^ and m~ODE~"));
        assertEquals("(αK/(γλ))^(1/(α+1)) and m_ODE", InlineText.plainTitle("(αK/(γλ))^1/(α+1)^ and m~ODE~"));
        assertEquals("pass:[x &lt; 1]", InlineText.title("x < 1"));
    }

    @Test
    void symjaNamesKeepTheirSubscriptsAndGreekLetters() {
        assertEquals("Max(Abs(Subscript(u,\"SGD\") - Subscript(u,\"ODE\")), γ*Subscript(τ,0)) <= c/Sqrt(d)",
                SymjaDisplay.input("Max(Abs(uSGD - uODE), gamma*tau0) <= c/Sqrt(d)"));
        assertEquals("f(\"uSGD\") + Sqrt[d]", SymjaDisplay.input("f(\"uSGD\") + Sqrt[d]"));
        assertEquals("<mi>max</mi><mo stretchy=\"false\">|</mo>", SymjaDisplay.output("<mi>Max</mi><mo>&#10072;</mo>"));
    }

    @Test
    void numbersGoThroughOneFormatterAndNaNIsNone() {
        assertEquals("0.2012", Fmt.text("0.20122282236110972"));
        assertEquals("none", Fmt.text("NaN"));
        assertEquals("20480", Fmt.text("20480"));
        assertEquals("9192040369819965211", Fmt.text("9192040369819965211"), "seeds are not rounded");
        assertEquals("Species[double, 8]", Fmt.text("Species[double, 8]"));
        assertEquals("[none, none, 66.95]", Fmt.text("[NaN, NaN, 66.953125]"));
        assertEquals("0.1235, 2", Fmt.text("0.123456, 2.0000"));
        assertEquals("run 3 of 0.123456", Fmt.text("run 3 of 0.123456"));
        assertEquals("none", Fmt.num(Double.NaN));
        assertEquals(List.of("1.97e-2", "1.2e-5", "0", "∞"), Fmt.column(Arrays.asList(0.0197, 1.2e-5, 0.0,
                Double.POSITIVE_INFINITY)));
        assertEquals(List.of("0.0197", "3.5"), Fmt.column(List.of(0.0197, 3.5)));
        assertEquals("2.3%", Fmt.percent(0.0234));
        assertEquals("absolute only", Fmt.percent(Double.POSITIVE_INFINITY));
    }

    @Test
    void crossReferencesBetweenPagesBecomeInternalOrPlainText() {
        Xrefs.Known known = new Xrefs.Known(Set.of("lora-p3", "proof-lora-fixed-point", "proof-proofs-lora",
                "theory-page-lora"));
        assertEquals("see xref:lora-p3[P3]", Xrefs.rewrite("see xref:../docs/theory/lora.adoc#lora-p3[P3]", known));
        assertEquals("xref:proof-lora-fixed-point[step]",
                Xrefs.rewrite("xref:../../proofs/lora.adoc#fixed-point[step]", known));
        assertEquals("xref:proof-proofs-lora[the proofs]", Xrefs.rewrite("xref:../../proofs/lora.adoc[the proofs]", known));
        assertEquals("xref:theory-page-lora[]", Xrefs.rewrite("<<../docs/theory/lora.adoc>>", known));
        String outside = Xrefs.rewrite("xref:/home/someone/notes.adoc#secret[a note]", known);
        assertEquals("pass:[a note]", outside);
        assertFalse(Xrefs.rewrite("xref:/home/someone/notes.adoc#secret[]", known).contains("/home"));
        assertTrue(Xrefs.rewrite("xref:lora-p3[P3]", known).contains("xref:lora-p3[P3]"));
        Xrefs.Known guide = new Xrefs.Known(Set.of("guide-reading-the-report"));
        assertEquals("xref:guide-reading-the-report[the guide]",
                Xrefs.rewrite("xref:reading-the-report.adoc[the guide]", guide), "a guide page links to another");
    }

    @Test
    void boundsAreDrawnUnderTheCurveTheyBound() {
        double[] x = {1, 2, 3};
        String svg = SvgPlot.render("p", List.of(
                new ReportModel.Series("p", "V(c)", "theory", "c", "V", false, false, x, new double[]{3, 2, 1}, null),
                new ReportModel.Series("p", "lower bound", "theory", "c", "V", false, false, x, new double[]{3, 2, 1}, null)));
        int bound = svg.indexOf("<title>lower bound</title>");
        int curve = svg.indexOf("<title>V(c)</title>");
        assertTrue(bound >= 0 && curve > bound, "bound first, curve on top");
        assertTrue(svg.contains("stroke-dasharray"), "bounds dashed");
    }

    @Test
    void longPlotTitlesWrap() {
        String title = "P6 power-law envelope of V_opt (M3, T = infinity, this try) with a much longer explanation of the axes";
        String svg = SvgPlot.render(title, List.of(new ReportModel.Series("p", "a", "theory", "x", "y", false, false,
                new double[]{1, 2}, new double[]{1, 2}, null)));
        assertTrue(svg.contains(">P6 power-law envelope") && svg.contains("translate(0 17)"), svg);
    }

    @Test
    void legendWrapsInsteadOfTruncating() {
        String long1 = "upper bound C/sqrt(d) with C = 3 from the finite-size fluctuation analysis of the ODE and more words";
        String svg = SvgPlot.render("p", List.of(new ReportModel.Series("p", long1, "theory", "x", "y", false, false,
                new double[]{1, 2}, new double[]{1, 2}, null)));
        assertFalse(svg.contains("…"), svg);
        for (String word : long1.split(" ")) {
            assertTrue(svg.contains(word), word);
        }
    }
}
