package streamjobs.testdeps;

/** Lives only in test-deps.jar: a Jar job whose main class uses it needs that jar in dependency_jars. */
public final class Greeting {
    private Greeting() {}

    /** The job name the dependent job runs under. */
    public static String name(String who) {
        return "greeting-" + who;
    }
}
