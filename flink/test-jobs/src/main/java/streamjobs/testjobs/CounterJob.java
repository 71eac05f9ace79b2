package streamjobs.testjobs;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.ParameterTool;

import java.io.FileWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * The restore test job: a rate-limited sequence → one counter kept in operator state (so a checkpoint
 * carries it, and a job started from that checkpoint continues it) → discarding sink. Every
 * {@code --every} records (default 10) it appends {@code count=<n> restored=<bool>} to the local file
 * {@code --out}, where {@code restored} says whether this run's state came from a checkpoint or
 * savepoint. Options: {@code --out F} (required), {@code --rps R} (default 20), {@code --name N}.
 * Parallelism 1 throughout, so there is one counter.
 */
public class CounterJob {
    public static void main(String[] args) throws Exception {
        ParameterTool p = ParameterTool.fromArgs(args);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        DataGeneratorSource<Long> src = new DataGeneratorSource<>(
                (GeneratorFunction<Long, Long>) i -> i, Long.MAX_VALUE,
                RateLimiterStrategy.perSecond(p.getDouble("rps", 20.0)), Types.LONG);
        env.fromSource(src, WatermarkStrategy.noWatermarks(), "sequence").uid("src")
                .map(new Counter(p.getRequired("out"), p.getLong("every", 10))).uid("counter")
                .sinkTo(new DiscardingSink<>()).uid("sink").name("discard");
        env.execute(p.get("name", "counter-job"));
    }

    /** Counts every record in operator list state and appends the count to a file now and then. */
    public static class Counter implements MapFunction<Long, Long>, CheckpointedFunction {
        private final String out;
        private final long every;
        private long count;
        private boolean restored;
        private transient ListState<Long> state;

        public Counter(String out, long every) {
            this.out = out;
            this.every = Math.max(1, every);
        }

        @Override public void initializeState(FunctionInitializationContext ctx) throws Exception {
            state = ctx.getOperatorStateStore().getListState(new ListStateDescriptor<>("count", Types.LONG));
            restored = ctx.isRestored();
            count = 0;
            for (Long c : state.get()) count += c;
        }

        @Override public void snapshotState(FunctionSnapshotContext ctx) throws Exception {
            state.update(java.util.List.of(count));
        }

        @Override public Long map(Long v) throws IOException {
            count++;
            if (count % every == 0) {
                try (Writer w = new FileWriter(out, StandardCharsets.UTF_8, true)) {
                    w.write("count=" + count + " restored=" + restored + "\n");
                }
            }
            return count;
        }
    }
}
