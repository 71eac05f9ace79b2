package streamjobs;

import java.util.List;
import java.util.Locale;

/**
 * DLI's {@code dirty_data_strategy} for a SQL job's tables: data a format cannot parse is ignored
 * ({@code "0"}, DLI's default: Flink sets the fields it cannot parse to NULL and skips rows it cannot
 * read at all) or fails the job ({@code "1"}). Flink's json and csv formats decide this
 * per table with {@code '<format>.ignore-parse-errors'}, so every {@code CREATE [TEMPORARY] TABLE … WITH
 * (…)} whose {@code 'format'} (or {@code 'value.format'} / {@code 'key.format'}) is json or csv gets that
 * option added, unless the statement sets it itself: an option the user wrote always wins.
 */
final class DirtyData {
    private final boolean skip;

    /** @param strategy {@code "0"} (skip unparsable rows) or {@code "1"} (fail the job) */
    DirtyData(String strategy) {
        if (!strategy.equals("0") && !strategy.equals("1")) {
            throw new IllegalArgumentException("--dirty-data " + strategy + ": must be 0 (skip) or 1 (fail)");
        }
        skip = strategy.equals("0");
    }

    /** {@code statement} with the parse-error option added to its WITH list where it applies. */
    String apply(String statement) {
        if (!statement.matches("(?is)^\\s*CREATE\\s+(TEMPORARY\\s+)?TABLE\\b.*")) return statement;
        List<TablePaths.Token> tokens = TablePaths.tokens(statement);
        int open = -1;
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (!tokens.get(i).isString() && tokens.get(i).text.equalsIgnoreCase("WITH") && tokens.get(i + 1).text.equals("(")) {
                open = i + 1;
            }
        }
        if (open < 0) return statement;
        int depth = 0, close = -1;
        for (int i = open; i < tokens.size() && close < 0; i++) {
            TablePaths.Token t = tokens.get(i);
            if (t.isString()) continue;
            if (t.text.equals("(")) depth++;
            if (t.text.equals(")") && --depth == 0) close = i;
        }
        if (close < 0) return statement;
        StringBuilder added = new StringBuilder();
        for (String format : formats(tokens, open, close)) {
            String key = format + ".ignore-parse-errors";
            if (hasKey(tokens, open, close, key)) continue;
            added.append(", ").append(TablePaths.quote(key)).append(" = ").append(TablePaths.quote(String.valueOf(skip)));
        }
        if (added.length() == 0) return statement;
        int at = tokens.get(close).start;
        boolean empty = close == open + 1;
        return statement.substring(0, at) + (empty ? added.substring(2) : added) + statement.substring(at);
    }

    /** The json/csv formats the WITH list between {@code open} and {@code close} names. */
    private static List<String> formats(List<TablePaths.Token> tokens, int open, int close) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        for (int i = open + 1; i + 2 < close; i++) {
            TablePaths.Token key = tokens.get(i), eq = tokens.get(i + 1), value = tokens.get(i + 2);
            if (!key.isString() || !eq.text.equals("=") || !value.isString()) continue;
            String k = key.value.toLowerCase(Locale.ROOT);
            String v = value.value.trim().toLowerCase(Locale.ROOT);
            if ((k.equals("format") || k.equals("value.format") || k.equals("key.format"))
                    && (v.equals("json") || v.equals("csv")) && !out.contains(v)) {
                out.add(v);
            }
        }
        return out;
    }

    private static boolean hasKey(List<TablePaths.Token> tokens, int open, int close, String key) {
        for (int i = open + 1; i + 1 < close; i++) {
            TablePaths.Token t = tokens.get(i);
            if (t.isString() && t.value.equalsIgnoreCase(key) && tokens.get(i + 1).text.equals("=")) return true;
        }
        return false;
    }
}
