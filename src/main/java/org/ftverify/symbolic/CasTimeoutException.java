package org.ftverify.symbolic;

import java.time.Duration;

/** A Symja evaluation that did not finish within its time limit and was cancelled. */
public final class CasTimeoutException extends CasException {
    private final Duration limit;

    public CasTimeoutException(String expression, Duration limit, boolean engineAbandoned) {
        super(expression, "Symja evaluation exceeded its time limit of " + seconds(limit) + " s and was cancelled"
                + (engineAbandoned ? "; the engine did not stop and was abandoned (its definitions are lost)" : ""));
        this.limit = limit;
    }

    /** @return the time limit that was exceeded */
    public Duration limit() {
        return limit;
    }

    private static String seconds(Duration d) {
        return String.valueOf(d.toMillis() / 1000.0);
    }
}
