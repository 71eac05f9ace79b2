package streamjobs;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a SQL script into statements on top-level semicolons. A semicolon inside a string literal
 * ('it''s;'), a quoted identifier ("a;b", `a;b`), a line comment (-- ;) or a block comment does not
 * split. Comments are dropped; empty statements are skipped. No Flink dependency, so it can be run
 * alone: {@code java -cp sql-runner.jar streamjobs.SqlScript < script.sql} prints one statement a line.
 */
public final class SqlScript {
    private SqlScript() {}

    /** The statements of {@code script}, trimmed, without their terminating semicolons. */
    public static List<String> split(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int n = script.length();
        for (int i = 0; i < n; i++) {
            char c = script.charAt(i);
            char next = i + 1 < n ? script.charAt(i + 1) : '\0';
            if (c == '\'' || c == '"' || c == '`') {
                int end = closing(script, i, c);
                cur.append(script, i, end);
                i = end - 1;
            } else if (c == '-' && next == '-') {
                while (i < n && script.charAt(i) != '\n') i++;
                cur.append('\n');
            } else if (c == '/' && next == '*') {
                int end = script.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 1;
                cur.append(' ');
            } else if (c == ';') {
                add(out, cur);
            } else {
                cur.append(c);
            }
        }
        add(out, cur);
        return out;
    }

    /** The index after the quote closing the one at {@code start}; a doubled quote is an escaped one. */
    private static int closing(String s, int start, char quote) {
        int i = start + 1;
        while (i < s.length()) {
            if (s.charAt(i) == quote) {
                if (i + 1 < s.length() && s.charAt(i + 1) == quote) { i += 2; continue; }
                return i + 1;
            }
            i++;
        }
        return s.length();
    }

    private static void add(List<String> out, StringBuilder cur) {
        String stmt = cur.toString().trim();
        if (!stmt.isEmpty()) out.add(stmt);
        cur.setLength(0);
    }

    public static void main(String[] args) throws Exception {
        String script = new String(System.in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        for (String stmt : split(script)) System.out.println(stmt.replace("\n", "\\n"));
    }
}
