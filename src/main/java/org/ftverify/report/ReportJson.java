package org.ftverify.report;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads results.json and proofs.json. A missing file is not an error (the report says it is missing);
 * a file that exists but cannot be read as the schema is a one-line IllegalArgumentException naming the file,
 * because a report drawn from half-parsed evidence would not tell the truth.
 */
public final class ReportJson {
    private static final Gson GSON = new Gson();

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
}
