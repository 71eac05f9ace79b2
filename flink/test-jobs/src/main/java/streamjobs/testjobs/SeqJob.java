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
 * {@code --fail-after K} (throws after K records: FAILS when restarts are off).
 */
public class SeqJob {
    public static void main(String[] args) throws Exception {
        ParameterTool p = ParameterTool.fromArgs(args);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataGeneratorSource<Long> src = new DataGeneratorSource<>(
                (GeneratorFunction<Long, Long>) i -> i, p.getLong("count", Long.MAX_VALUE),
                RateLimiterStrategy.perSecond(p.getDouble("rps", 10.0)), Types.LONG);
        DataStream<Long> s = env.fromSource(src, WatermarkStrategy.noWatermarks(), "sequence").uid("src");
        s.keyBy(v -> v % 4).map(new CountPerKey(p.getLong("fail-after", -1))).uid("count")
                .sinkTo(new DiscardingSink<>()).uid("sink").name("discard");
        env.execute(p.get("name", "seq-job"));
    }

    /** Counts records per key in keyed state; fails on purpose after {@code failAfter} records. */
    public static class CountPerKey extends RichMapFunction<Long, Long> {
        private final long failAfter;
        private long seen;
        private transient ValueState<Long> count;

        public CountPerKey(long failAfter) { this.failAfter = failAfter; }

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
