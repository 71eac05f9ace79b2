package streamjobs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.StatementSet;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

/**
 * Runs a Flink SQL script as one job, started by StreamJobs with {@code POST /jars/{id}/run} (the PyPI
 * Flink has no SQL Gateway). Arguments: {@code --sql-b64 <base64 UTF-8 script>} or {@code --sql <script>},
 * {@code --object-space <directory>}, the job's project object space, and {@code --dirty-data 0|1}, the
 * job's {@code dirty_data_strategy} (json and csv tables skip rows they cannot parse, or fail: {@link DirtyData}).
 *
 * <p>{@code SET 'key' = 'value'} (quotes optional) sets table configuration, as the SQL client does;
 * {@code RESET} statements are ignored. Every INSERT (also inside {@code EXECUTE STATEMENT SET BEGIN …
 * END}) joins one statement set, submitted at the end as a single job, so a fixed job id given by the
 * caller names exactly that job. Other statements (CREATE, ALTER, DROP, USE, …) run in order.
 *
 * <p>Statements that would load a jar or file the SQL names ({@code ADD JAR}, {@code USING JAR}, …) are
 * refused before any statement runs ({@link JarStatements}): a UDF jar comes from the job's
 * {@code udf_jar_url}, which StreamJobs puts on the class path ({@code pipeline.classpaths}). Every
 * file location an option or {@code SET} names is confined to the object space, {@code obs://} objects
 * written as their files there ({@link TablePaths}), also before any statement runs.
 */
public final class SqlRunner {
    private static final Pattern SET =
            Pattern.compile("(?is)^SET\\s+('(?:[^']|'')*'|[^\\s=]+)\\s*=\\s*('(?:[^']|'')*'|.+)$");
    private static final Pattern SET_BEGIN =
            Pattern.compile("(?is)^(?:EXECUTE\\s+)?(?:BEGIN\\s+)?STATEMENT\\s+SET(?:\\s+BEGIN)?\\s*(.*)$");
    private static final Pattern INSERT = Pattern.compile("(?is)^(?:EXECUTE\\s+)?(INSERT\\s.*)$");

    private SqlRunner() {}

    public static void main(String[] args) throws Exception {
        String script = null;
        String objectSpace = null;
        String dirtyData = "0";
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--object-space")) objectSpace = args[i + 1];
            if (args[i].equals("--dirty-data")) dirtyData = args[i + 1];
            if (args[i].equals("--sql-b64")) script = new String(Base64.getDecoder().decode(args[i + 1]), StandardCharsets.UTF_8);
            if (args[i].equals("--sql")) script = args[i + 1];
        }
        if (script == null) throw new IllegalArgumentException("SqlRunner needs --sql-b64 <base64> or --sql <script>");
        if (objectSpace == null) throw new IllegalArgumentException("SqlRunner needs --object-space <the job's project space>");
        TablePaths paths = new TablePaths(objectSpace);
        DirtyData dirty = new DirtyData(dirtyData);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(env);
        StatementSet inserts = tEnv.createStatementSet();
        int insertCount = 0;
        List<String> statements = new ArrayList<>();
        for (String stmt : SqlScript.split(script)) {
            JarStatements.check(stmt);
            statements.add(dirty.apply(paths.rewrite(stmt)));
        }
        for (String stmt : statements) {
            Matcher set = SET.matcher(stmt);
            if (set.matches()) {
                JarStatements.checkSetting(unquote(set.group(1)));
                tEnv.getConfig().getConfiguration().setString(unquote(set.group(1)), unquote(set.group(2).trim()));
                continue;
            }
            if (stmt.matches("(?is)^RESET(\\s.*)?$") || stmt.equalsIgnoreCase("END")) continue;
            Matcher begin = SET_BEGIN.matcher(stmt);
            if (begin.matches()) {
                stmt = begin.group(1).trim();
                if (stmt.isEmpty()) continue;
            }
            Matcher insert = INSERT.matcher(stmt);
            if (insert.matches()) {
                inserts.addInsertSql(insert.group(1));
                insertCount++;
                continue;
            }
            tEnv.executeSql(stmt);
        }
        if (insertCount == 0) throw new IllegalArgumentException("the SQL script has no INSERT statement to run");
        TableResult result = inserts.execute();
        result.getJobClient().ifPresent(c -> System.out.println("submitted job " + c.getJobID()));
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("'") && s.endsWith("'") ? s.substring(1, s.length() - 1).replace("''", "'") : s;
    }
}
