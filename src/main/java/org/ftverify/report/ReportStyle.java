package org.ftverify.report;

import org.asciidoctor.ast.Document;
import org.asciidoctor.extension.DocinfoProcessor;

/**
 * Adds the report's own CSS (verdict and provenance badges, summary cards, plots) to the HTML head, after
 * Asciidoctor's embedded default stylesheet. Inline, so the report stays one file that opens offline.
 */
final class ReportStyle extends DocinfoProcessor {
    static final String CSS = """
            .badge{display:inline-block;padding:.05em .6em;border-radius:.8em;font-size:.78em;font-weight:600;\
            line-height:1.6;white-space:nowrap;font-family:"Helvetica Neue",Helvetica,Arial,sans-serif;\
            vertical-align:middle;margin-right:.3em;letter-spacing:.02em}
            .verdict-verified{background:#1e7e34;color:#fff}
            .verdict-falsified{background:#c62828;color:#fff}
            .verdict-inconclusive{background:#f2a900;color:#1d1d1d}
            .verdict-not-run{background:#8a8f98;color:#fff}
            .prov-paper,.prov-derived,.prov-unknown{white-space:normal}
            .prov-paper{background:#e6eefb;color:#1b3d6e;border:1px solid #9db5dc}
            .prov-derived{background:#f4eafd;color:#5b2491;border:1px solid #c7a3ef}
            .prov-unknown{background:#fff;color:#b00020;border:1px dashed #b00020}
            .count-ok{background:#e8f5e9;color:#1e7e34;border:1px solid #a5d6a7}
            .count-bad{background:#c62828;color:#fff}
            .count-zero{background:#f1f1f1;color:#666;border:1px solid #ddd}
            .gap-ok{color:#1e7e34;font-weight:600}
            .gap-bad{color:#c62828;font-weight:700}
            .gap-none{color:#888}
            .ftv-cards{display:flex;flex-wrap:wrap;gap:.7em;margin:.5em 0 1.2em}
            .ftv-card{border:1px solid #ddd;border-radius:6px;padding:.5em .9em;min-width:8em;background:#fafafa}
            .ftv-card .k{font-size:.72em;text-transform:uppercase;color:#666;letter-spacing:.06em}
            .ftv-card .v{font-size:1.35em;font-weight:600;color:#222}
            .ftv-card.verified{border-top:4px solid #1e7e34}
            .ftv-card.falsified{border-top:4px solid #c62828}
            .ftv-card.inconclusive{border-top:4px solid #f2a900}
            .ftv-card.not-run{border-top:4px solid #8a8f98}
            .ftv-claim-head{margin:.2em 0 .8em}
            .ftv-plot-box{margin:.8em 0 1.2em;overflow-x:auto}
            .ftv-plot{max-width:100%;height:auto;border:1px solid #e5e5e5;border-radius:4px}
            code.symja-fallback{background:#fff4e5;border:1px dashed #f2a900}
            .symja-step{border-left:4px solid #8a8f98;padding:.3em .9em;margin:0 0 1.2em;background:#fbfbfb}
            .symja-step.symja-checked{border-left-color:#1e7e34}
            .symja-step.symja-derived{border-left-color:#1b5fb4}
            .symja-step.symja-failed{border-left-color:#c62828;background:#fdf1f1}
            .symja-step.symja-error{border-left-color:#f2a900;background:#fff8e6}
            .symja-output{margin:.3em 0;overflow-x:auto}
            .symja-status{margin:.2em 0 0}
            .symja-failed .symja-status strong{color:#c62828}
            .symja-error .symja-status strong{color:#9a6700}
            .symja-checked .symja-status strong{color:#1e7e34}
            .symja-time{color:#888;font-size:.85em}
            math{font-size:1.08em}
            .evidence-none{background:#fff;color:#b00020;border:2px solid #b00020}
            .count-ok,.count-zero,.evidence-none{white-space:normal}
            table.ftv-overview{table-layout:fixed}
            table.ftv-overview td,table.ftv-overview th{overflow-wrap:break-word}
            .ftv-graph-box{margin:.6em 0 1.4em;overflow-x:auto}
            .ftv-graph{border:1px solid #e5e5e5;border-radius:4px;max-width:none}
            .ftv-graph a:hover ellipse,.ftv-graph a:hover rect{stroke-width:3}
            .ftv-step-status{color:#777;font-size:.85em}
            """;

    @Override
    public String process(Document document) {
        return "<style>\n" + CSS + "</style>";
    }
}
