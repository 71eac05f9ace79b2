package streamjobs;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses the SQL that would put a file the SQL text names on the job's class path: {@code ADD JAR},
 * {@code REMOVE JAR}, {@code CREATE FUNCTION … USING JAR|FILE|ARCHIVE '<path>'}, and {@code SET} of
 * {@code pipeline.jars} / {@code pipeline.classpaths}. Such a path is read by the JobManager outside the
 * job's project space (another project's jar, any file the JobManager can read), so a SQL job's UDF jar
 * comes only from its {@code udf_jar_url}, which the service resolves inside the job's project. No Flink
 * dependency: {@code java -cp sql-runner.jar streamjobs.JarStatements < script.sql} prints each
 * statement's verdict.
 */
public final class JarStatements {
    private static final Pattern ADD_OR_REMOVE = Pattern.compile("(?is)^(ADD|REMOVE)\\s+JARS?\\b.*");
    private static final Pattern USING = Pattern.compile("(?is).*\\bUSING\\s+(JAR|FILE|ARCHIVE)\\b.*");
    private static final String HINT = "give the UDF jar as the job's udf_jar_url (an obs:// object of the job's project)";

    private JarStatements() {}

    /**
     * Throws for a statement (as {@link SqlScript#split} returns them) that names a jar or file to load.
     *
     * @throws IllegalArgumentException naming the statement kind and {@code udf_jar_url}
     */
    public static void check(String statement) {
        String code = withoutQuotedText(statement);
        if (ADD_OR_REMOVE.matcher(code).matches()) {
            String kind = code.trim().split("\\s+", 2)[0].toUpperCase(java.util.Locale.ROOT);
            throw new IllegalArgumentException(kind + " JAR is not allowed in a StreamJobs SQL job: " + HINT);
        }
        Matcher using = USING.matcher(code);
        if (using.matches()) {
            String kind = using.group(1).toUpperCase(java.util.Locale.ROOT);
            throw new IllegalArgumentException("CREATE FUNCTION ... USING " + kind + " is not allowed in a StreamJobs SQL job: " + HINT);
        }
    }

    /** Throws for a {@code SET} of a configuration key that names jars to load. */
    public static void checkSetting(String key) {
        String k = key.trim().toLowerCase(java.util.Locale.ROOT);
        if (k.equals("pipeline.jars") || k.equals("pipeline.classpaths")) {
            throw new IllegalArgumentException("SET '" + k + "' is not allowed in a StreamJobs SQL job: " + HINT);
        }
    }

    /** {@code s} with the text inside string literals and quoted identifiers removed (the quotes stay). */
    static String withoutQuotedText(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            out.append(c);
            if (c != '\'' && c != '"' && c != '`') continue;
            int j = i + 1;
            while (j < n) {
                if (s.charAt(j) == c) {
                    if (j + 1 < n && s.charAt(j + 1) == c) { j += 2; continue; }
                    break;
                }
                j++;
            }
            if (j < n) out.append(c);
            i = j;
        }
        return out.toString();
    }

    public static void main(String[] args) throws Exception {
        String script = new String(System.in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        for (String stmt : SqlScript.split(script)) {
            try {
                check(stmt);
                System.out.println("allowed: " + stmt.replace("\n", "\\n"));
            } catch (IllegalArgumentException e) {
                System.out.println("refused: " + e.getMessage());
            }
        }
    }
}
