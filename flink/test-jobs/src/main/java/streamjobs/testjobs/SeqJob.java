package streamjobs.testjobs;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.ParameterTool;

/**
 * The test Jar job: rate-limited sequence → keyed running count (state, so savepoints carry some) →
 * discarding sink. {@code --name N}, {@code --rps R}, {@code --count C} (bounded: FINISHES),
 * {@code --fail-after K} (throws after K records: FAILS when restarts are off),
 * {@code --hold-on-cancel-seconds H} (when cancelled, the counting task ignores the cancellation for H
 * seconds before it ends, so the job stays CANCELLING that long; keep H well under the TaskManager's
 * {@code task.cancellation.timeout}, 180 s by default, which would kill the TaskManager),
 * {@code --resource R} (reads class-path resource R, e.g. {@code userData/conf.txt}, as a DLI job reads its
 * {@code dependency_files}: fails when it is missing, and appends its first line to the job's name).
 */
public class SeqJob {
    public static void main(String[] args) throws Exception {
        ParameterTool p = ParameterTool.fromArgs(args);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataGeneratorSource<Long> src = new DataGeneratorSource<>(
                (GeneratorFunction<Long, Long>) i -> i, p.getLong("count", Long.MAX_VALUE),
                RateLimiterStrategy.perSecond(p.getDouble("rps", 10.0)), Types.LONG);
        DataStream<Long> s = env.fromSource(src, WatermarkStrategy.noWatermarks(), "sequence").uid("src");
        s.keyBy(v -> v % 4).map(new CountPerKey(p.getLong("fail-after", -1), p.getLong("hold-on-cancel-seconds", 0))).uid("count")
                .sinkTo(new DiscardingSink<>()).uid("sink").name("discard");
        String name = p.get("name", "seq-job");
        if (p.has("resource")) name += "-" + firstLine(p.get("resource"));
        env.execute(name);
    }

    /** The first line of class-path resource {@code resource}; throws when it is not on the class path. */
    static String firstLine(String resource) throws java.io.IOException {
        java.io.InputStream in = SeqJob.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) throw new IllegalStateException("class-path resource " + resource + " not found");
        try (java.io.BufferedReader r = new java.io.BufferedReader(
                new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8))) {
            String line = r.readLine();
            return line == null ? "" : line.trim();
        }
    }

    /**
     * Counts records per key in keyed state; fails on purpose after {@code failAfter} records; holds its
     * task for {@code holdSeconds} when it is closed (on cancellation: the job is unbounded then).
     */
    public static class CountPerKey extends RichMapFunction<Long, Long> {
        private final long failAfter;
        private final long holdSeconds;
        private long seen;
        private transient ValueState<Long> count;

        public CountPerKey(long failAfter, long holdSeconds) {
            this.failAfter = failAfter;
            this.holdSeconds = holdSeconds;
        }

        /** Runs in the task thread when the task ends; swallows Flink's interrupts until the hold is over. */
        @Override public void close() throws Exception {
            long end = System.nanoTime() + holdSeconds * 1_000_000_000L;
            boolean interrupted = false;
            while (System.nanoTime() < end) {
                try {
                    Thread.sleep(Math.max(1, (end - System.nanoTime()) / 1_000_000L));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
            super.close();
        }

        @Override public void open(OpenContext ctx) {
            count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
        }

        @Override public Long map(Long v) throws Exception {
            if (failAfter >= 0 && ++seen > failAfter) throw new RuntimeException("test failure after " + failAfter + " records");
            Long c = count.value();
            c = (c == null ? 0L : c) + 1;
            count.update(c);
            return c;
        }
    }
}
