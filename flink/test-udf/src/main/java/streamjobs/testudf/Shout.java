package streamjobs.testudf;

import org.apache.flink.table.functions.ScalarFunction;

/**
 * A scalar SQL function for the UDF-jar tests: {@code shout('abc')} is {@code 'ABC!'}. It lives in its
 * own jar (test-udf.jar), never in the SQL runner's, so a SQL job can call it only when the jar is on
 * the job's class path (the job's {@code udf_jar_url}).
 */
public class Shout extends ScalarFunction {
    public String eval(String s) {
        return s == null ? null : s.toUpperCase() + "!";
    }
}
