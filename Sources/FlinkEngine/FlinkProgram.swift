import FlinkSettings
import Foundation
import JobDomain

/// A job as a Flink jar run: which jar, entry class, program arguments and configuration.
struct FlinkProgram: Sendable, Equatable {
    var jarPath: String
    var entryClass: String?
    var arguments: [String]
    var parallelism: Int
    /// Flink configuration for this job (the run request's `flinkConfiguration`).
    var configuration: [(String, String)]

    static func == (a: FlinkProgram, b: FlinkProgram) -> Bool {
        a.jarPath == b.jarPath && a.entryClass == b.entryClass && a.arguments == b.arguments
            && a.parallelism == b.parallelism && a.configuration.elementsEqual(b.configuration, by: ==)
    }

    /// Maps a stored job to a program. SQL jobs run the SQL runner jar with the script (base64) and the
    /// project's object space (`--object-space`, where the runner confines every path the SQL names) as arguments,
    /// their `udf_jar_url` on the class path (`pipeline.classpaths`, where the planner finds the classes a
    /// `CREATE FUNCTION … AS 'class'` names); Jar jobs run their `entrypoint` jar with `main_class` and
    /// `entrypoint_args`, their `dependency_jars` on the class path, and their `dependency_files` as class-path
    /// resources `userData/<name>` (``DependencyFilesJar``). Every location (jars, checkpoints,
    /// savepoints) is one of the job's project space (`EngineObjects`). Checkpoints and savepoints go where
    /// `JobStateLocations` says (Jar: `checkpoint_path`; SQL: under `obs_bucket`), else to the project's
    /// `streamjobs-state` bucket; completed checkpoints are retained when the job is cancelled. The restart
    /// strategy follows `restart_when_exception` (``restartStrategy(_:)``).
    /// - Throws: `EngineError.invalidJob` for a job that cannot run (no SQL, a missing jar, a location
    ///   or `runtime_config` key that is not allowed).
    static func make(_ job: Job, store: EngineObjects, sqlRunnerJar: String) throws(EngineError) -> FlinkProgram {
        let c = job.config
        let project = job.projectID
        var conf: [(String, String)] = [("pipeline.name", job.name)]
        if c.checkpointEnabled {
            conf.append(("execution.checkpointing.interval", "\(max(1, c.checkpointInterval)) s"))
            conf.append(("execution.checkpointing.mode", c.checkpointMode == .exactlyOnce ? "EXACTLY_ONCE" : "AT_LEAST_ONCE"))
            // Flink's default deletes a job's checkpoints when it is cancelled (or fails, or is suspended).
            conf.append(("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION"))
            conf.append(("execution.checkpointing.num-retained", "1"))
        }
        if let base = JobStateLocations.checkpointBase(job) {
            conf.append(("execution.checkpointing.dir", try store.directoryURL(of: base, project: project)))
        } else {
            conf.append(("execution.checkpointing.dir", try store.defaultDirectoryURL("checkpoints", project: project)))
        }
        if let base = JobStateLocations.savepointBase(job) {
            conf.append(("execution.checkpointing.savepoint-dir", try store.directoryURL(of: base, project: project)))
        } else {
            conf.append(("execution.checkpointing.savepoint-dir", try store.defaultDirectoryURL("savepoints", project: project)))
        }
        conf += restartStrategy(c)
        let runtime: RuntimeConfig
        do {
            runtime = try RuntimeConfig(parsing: c.runtimeConfig)
        } catch {
            throw .invalidJob("runtime_config: \(error)")
        }
        let overrides = runtime.settings.map { ($0.key, $0.value) }
        switch job.jobType {
        case .flinkSQL, .flinkOpenSourceSQL, .flinkSQLEdge:
            guard let sql = job.sqlBody, !sql.isEmpty else { throw .invalidJob("the SQL job has no sql_body") }
            conf.append(("table.exec.state.ttl", "\(c.idleStateRetention) s"))
            if let udf = c.udfJarURL, !udf.isEmpty {
                conf.append(("pipeline.classpaths", "file://" + (try store.path(of: udf, project: project))))
            }
            conf = overriding(conf, with: overrides)
            return FlinkProgram(
                jarPath: sqlRunnerJar, entryClass: "streamjobs.SqlRunner",
                arguments: [
                    "--sql-b64", Data(sql.utf8).base64EncodedString(), "--object-space", try store.space(of: project).root,
                    // dirty_data_strategy: "1" fails on rows json/csv cannot parse; "0" (and "2:…" stored
                    // before it was refused) skips them.
                    "--dirty-data", c.dirtyDataStrategy == "1" ? "1" : "0",
                ], parallelism: max(1, c.parallelNumber),
                configuration: conf)
        case .flinkJar:
            guard let entrypoint = c.entrypoint, !entrypoint.isEmpty else { throw .invalidJob("the Jar job has no entrypoint") }
            let jar = try store.path(of: entrypoint, project: project)
            var classpath: [String] = []
            for dependency in c.dependencyJars {
                classpath.append("file://" + (try store.path(of: dependency, project: project)))
            }
            if let files = try DependencyFilesJar.make(for: job, store: store) { classpath.append(files) }
            if !classpath.isEmpty { conf.append(("pipeline.classpaths", classpath.joined(separator: ";"))) }
            conf = overriding(conf, with: overrides)
            return FlinkProgram(
                jarPath: jar, entryClass: c.mainClass.flatMap { $0.isEmpty ? nil : $0 },
                arguments: splitArguments(c.entrypointArgs ?? ""), parallelism: max(1, c.parallelNumber),
                configuration: conf)
        }
    }

    /// Flink's restart strategy for the job's `restart_when_exception` and `resume_max_num`:
    /// - `resume_max_num` N > 0: `failure-rate`, at most N failures per hour (restarted 1 s apart); the
    ///   (N+1)th failure within an hour fails the job (DLI's "restarts per hour").
    /// - `resume_max_num` −1: `exponential-delay`, restarted without limit, backing off.
    /// - `restart_when_exception` false: `none`, the first failure fails the job.
    /// A `runtime_config` setting `restart-strategy.*` is refused while `restart_when_exception` is true.
    static func restartStrategy(_ c: JobConfig) -> [(String, String)] {
        guard c.restartWhenException else { return [("restart-strategy.type", "none")] }
        guard c.resumeMaxNum > 0 else { return [("restart-strategy.type", "exponential-delay")] }
        return [
            ("restart-strategy.type", "failure-rate"),
            ("restart-strategy.failure-rate.max-failures-per-interval", "\(c.resumeMaxNum)"),
            ("restart-strategy.failure-rate.failure-rate-interval", "1 h"),
            ("restart-strategy.failure-rate.delay", "1 s"),
        ]
    }

    /// `base` with `overrides` applied: an overridden key keeps its place and takes the new value (the
    /// run request's configuration is a JSON object, so each key may appear once); new keys go last.
    static func overriding(_ base: [(String, String)], with overrides: [(String, String)]) -> [(String, String)] {
        var out = base
        for (key, value) in overrides {
            if let index = out.firstIndex(where: { $0.0 == key }) { out[index].1 = value } else { out.append((key, value)) }
        }
        return out
    }

    /// Splits `entrypoint_args` on spaces; double or single quotes group words.
    static func splitArguments(_ text: String) -> [String] {
        var out: [String] = []
        var current = ""
        var quote: Character? = nil
        var inWord = false
        for ch in text {
            if let q = quote {
                if ch == q { quote = nil } else { current.append(ch) }
            } else if ch == "\"" || ch == "'" {
                quote = ch
                inWord = true
            } else if ch == " " || ch == "\t" || ch == "\n" {
                if inWord { out.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(ch)
                inWord = true
            }
        }
        if inWord { out.append(current) }
        return out
    }
}
