package streamjobs.testjobs;

import org.apache.flink.util.ParameterTool;

/**
 * SeqJob under a name from {@code streamjobs.testdeps.Greeting}, a class only in test-deps.jar:
 * it runs only when that jar reaches the job's class path (dependency_jars).
 */
public class GreetingJob {
    public static void main(String[] args) throws Exception {
        ParameterTool p = ParameterTool.fromArgs(args);
        String name = streamjobs.testdeps.Greeting.name(p.get("name", "job"));
        SeqJob.main(new String[] {"--name", name, "--rps", p.get("rps", "10")});
    }
}
