package org.ftverify.symbolic;

import java.time.Duration;
import java.util.List;

/**
 * One executable {@code [symja,...]} block of a proof page.
 *
 * @param id              step id, unique within the page
 * @param title           the block title (".Title" line), or null
 * @param kind            check (must evaluate to True) or derive (result shown)
 * @param timeout         time budget for all statements of the block together
 * @param statements      the Symja statements, in order
 * @param attributeLine   0-based line index of the "[symja,...]" line
 * @param titleLine       0-based line index of the ".Title" line, or -1
 * @param openLine        0-based line index of the opening "----"
 * @param closeLine       0-based line index of the closing "----"
 */
record ProofBlock(String id, String title, Kind kind, Duration timeout, List<String> statements, int attributeLine,
                  int titleLine, int openLine, int closeLine) {

    enum Kind {
        CHECK("check"), DERIVE("derive");

        final String json;

        Kind(String json) {
            this.json = json;
        }
    }
}
