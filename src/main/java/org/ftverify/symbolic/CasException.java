package org.ftverify.symbolic;

/** A Symja evaluation that could not produce a result: syntax error, internal exception, abandoned engine. */
public class CasException extends RuntimeException {
    private final String expression;

    public CasException(String expression, String message, Throwable cause) {
        super(message + " [expression: " + abbreviate(expression) + "]", cause);
        this.expression = expression;
    }

    public CasException(String expression, String message) {
        this(expression, message, null);
    }

    /** @return the Symja input that failed */
    public String expression() {
        return expression;
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "null";
        }
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() <= 200 ? one : one.substring(0, 197) + "...";
    }
}
