package org.ftverify.engine;

/** The output location cannot be written; detected before any claim runs. The message is one line. */
public final class OutputUnwritableException extends RuntimeException {
    public OutputUnwritableException(String message) {
        super(message);
    }
}
