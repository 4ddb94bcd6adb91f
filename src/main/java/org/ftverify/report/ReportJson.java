package org.ftverify.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads results.json and proofs.json. A missing file is not an error (the report says it is missing);
 * a file that exists but cannot be read as the schema is a one-line IllegalArgumentException naming the file,
 * because a report drawn from half-parsed evidence would not tell the truth.
 */
public final class ReportJson {
    private static final Gson GSON = new GsonBuilder()
            .registerTypeAdapter(double[].class, new NullableDoubleArray().nullSafe()).create();

    private ReportJson() {
    }

    /** @return the results, or null when the file does not exist */
    public static ReportModel.Results readResults(Path file) {
        ReportModel.Results results = read(file, ReportModel.Results.class);
        if (results != null) {
            validate(file, results);
        }
        return results;
    }

    /** @return the proofs, or null when the file does not exist */
    public static ReportModel.Proofs readProofs(Path file) {
        ReportModel.Proofs proofs = read(file, ReportModel.Proofs.class);
        if (proofs != null && proofs.proofs() == null) {
            throw bad(file, "no \"proofs\" array");
        }
        return proofs;
    }

    private static <T> T read(Path file, Class<T> type) {
        if (file == null || !Files.exists(file)) {
            return null;
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            T value = GSON.fromJson(in, type);
            if (value == null) {
                throw bad(file, "the file is empty");
            }
            return value;
        } catch (JsonParseException | IllegalStateException | NumberFormatException e) {
            throw bad(file, firstLine(e.getMessage()));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + firstLine(e.getMessage()), e);
        }
    }

    private static void validate(Path file, ReportModel.Results results) {
        if (results.theories() == null) {
            throw bad(file, "no \"theories\" array");
        }
        for (ReportModel.Theory theory : results.theories()) {
            if (theory == null || theory.id() == null) {
                throw bad(file, "a theory has no \"id\"");
            }
            if (theory.claims() == null) {
                continue;
            }
            for (ReportModel.Claim claim : theory.claims()) {
                if (claim == null || claim.id() == null) {
                    throw bad(file, "theory " + theory.id() + " has a claim without \"id\"");
                }
                if (!ReportModel.VERDICTS.contains(claim.verdict())) {
                    throw bad(file, "claim " + claim.id() + " has verdict " + claim.verdict()
                            + "; allowed: " + String.join(", ", ReportModel.VERDICTS));
                }
            }
        }
    }

    private static IllegalArgumentException bad(Path file, String why) {
        return new IllegalArgumentException("malformed " + file + ": " + why);
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }

    /**
     * Plot arrays: the engine writes a NaN element as JSON null (and NaN/Infinity literals may appear too).
     * Gson's default double[] reading would fail on null, so null is read back as NaN: the plot then shows the
     * point as "not drawn" instead of the whole report failing or the value silently turning into 0.
     */
    static final class NullableDoubleArray extends TypeAdapter<double[]> {
        @Override
        public double[] read(JsonReader in) throws IOException {
            double[] values = new double[16];
            int n = 0;
            in.beginArray();
            while (in.hasNext()) {
                double v;
                if (in.peek() == JsonToken.NULL) {
                    in.nextNull();
                    v = Double.NaN;
                } else {
                    v = in.nextDouble();
                }
                if (n == values.length) {
                    values = Arrays.copyOf(values, n * 2);
                }
                values[n++] = v;
            }
            in.endArray();
            return Arrays.copyOf(values, n);
        }

        @Override
        public void write(JsonWriter out, double[] value) {
            throw new UnsupportedOperationException("the report only reads results.json");
        }
    }
}
