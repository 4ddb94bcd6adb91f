package org.ftverify.report;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SvgPlotTest {
    static ReportModel.Series series(String name, String role, boolean logX, boolean logY, double[] x, double[] y,
                                     double[] err) {
        return new ReportModel.Series("p", name, role, "x <label>", "y & label", logX, logY, x, y, err);
    }

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void linearPlotIsWellFormedSvgWithLineAndErrorBars() throws Exception {
        String svg = SvgPlot.render("m(alpha) <mu=0.5> & more", List.of(
                series("ODE", "theory", false, false, new double[]{0, 1, 2}, new double[]{0.1, 0.5, 0.7}, null),
                series("SGD \"runs\"", "simulation", false, false, new double[]{0, 2}, new double[]{0.12, 0.69},
                        new double[]{0.01, 0.02})));
        Document doc = parse(svg);
        assertEquals("svg", doc.getDocumentElement().getLocalName());
        assertEquals("http://www.w3.org/2000/svg", doc.getDocumentElement().getNamespaceURI());
        assertEquals(1, doc.getElementsByTagName("polyline").getLength(), "theory drawn as one line");
        assertEquals(2 + 1, doc.getElementsByTagName("circle").getLength(), "two points plus a legend marker");
        assertTrue(svg.contains("x &lt;label&gt;"), "labels escaped");
    }

    @Test
    void logAxesAreWellFormedAndUseDecades() throws Exception {
        String svg = SvgPlot.render("loglog", List.of(
                series("C/sqrt(d)", "theory", true, true, new double[]{64, 4096}, new double[]{0.375, 0.0469}, null),
                series("measured", "simulation", true, true, new double[]{64, 4096}, new double[]{0.08, 0.005},
                        new double[]{0.1, 0.001})));
        parse(svg);
        assertTrue(svg.contains(">1000<") && svg.contains(">0.01<"), "decade tick labels");
        assertTrue(svg.contains("(log scale)"));
    }

    @Test
    void logAxisRejectsNonPositiveValuesWithClearMessage() {
        IllegalArgumentException ey = assertThrows(IllegalArgumentException.class, () -> SvgPlot.render("risk",
                List.of(series("sim", "simulation", false, true, new double[]{1, 2}, new double[]{0.5, 0.0}, null))));
        assertEquals("plot 'risk', series 'sim': log y axis needs y > 0, but y[1] = 0.0", ey.getMessage());
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> SvgPlot.render("risk",
                List.of(series("th", "theory", true, false, new double[]{-1, 2}, new double[]{0.5, 1}, null))));
        assertEquals("plot 'risk', series 'th': log x axis needs x > 0, but x[0] = -1.0", ex.getMessage());
    }

    @Test
    void badShapesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> SvgPlot.render("p",
                List.of(series("a", "theory", false, false, new double[]{1, 2}, new double[]{1}, null))));
        assertThrows(IllegalArgumentException.class, () -> SvgPlot.render("p",
                List.of(series("a", "guess", false, false, new double[]{1}, new double[]{1}, null))));
        assertThrows(IllegalArgumentException.class, () -> SvgPlot.render("p", List.of(
                series("a", "theory", false, false, new double[]{1}, new double[]{1}, null),
                series("b", "theory", true, false, new double[]{1}, new double[]{1}, null))));
        assertThrows(IllegalArgumentException.class, () -> SvgPlot.render("p",
                List.of(series("a", "theory", false, false, new double[]{Double.NaN}, new double[]{1}, null))));
    }

    @Test
    void nonFinitePointsAreCountedAndBreakTheLine() throws Exception {
        String svg = SvgPlot.render("p", List.of(series("a", "theory", false, false,
                new double[]{0, 1, 2, 3, 4}, new double[]{1, 2, Double.NaN, 3, 4}, null)));
        Document doc = parse(svg);
        assertEquals(2, doc.getElementsByTagName("polyline").getLength());
        assertTrue(svg.contains("1 non-finite point(s)"));
    }

    @Test
    void constantDataStillGetsAnAxis() throws Exception {
        parse(SvgPlot.render("flat", List.of(series("zero", "theory", false, false,
                new double[]{0, 1}, new double[]{0, 0}, null))));
    }

    @Test
    void narrowLogRangeGetsTwoAndFiveMarks() throws Exception {
        String svg = SvgPlot.render("narrow", List.of(series("a", "theory", false, true,
                new double[]{0, 1}, new double[]{150, 700}, null)));
        parse(svg);
        assertTrue(svg.contains(">200<") && svg.contains(">500<"), svg);
    }
}
