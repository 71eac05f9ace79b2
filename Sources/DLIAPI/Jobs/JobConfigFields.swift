import FlinkSettings
import JSONCodec
import JobDomain

/// Reads the configuration fields SQL and Jar jobs share (dli-api.md §3.1–3.4) into a `JobConfig`,
/// keeping the current value for every absent field. Used by create (over defaults) and update.
enum JobConfigFields {
    typealias L = JobLimits

    static func read(_ r: FieldReader, into c: inout JobConfig) throws(APIError) {
        let opt = L.optionMaxLength
        if let v = try r.int("cu_number", range: L.cuNumber) { c.cuNumber = v }
        if let v = try r.int("parallel_number", range: L.parallelNumber) { c.parallelNumber = v }
        if let v = try r.int("manager_cu_number", range: L.managerCuNumber) { c.managerCuNumber = v }
        if let v = try r.int("tm_cus", range: L.tmCus) { c.tmCus = v }
        if let v = try r.int("tm_slot_num", range: L.tmSlotNum) { c.tmSlotNum = v }
        if let v = try r.bool("checkpoint_enabled") { c.checkpointEnabled = v }
        if let v = try r.int("checkpoint_mode", range: 1...2) { c.checkpointMode = CheckpointMode(rawValue: v)! }
        if let v = try r.int("checkpoint_interval", range: L.checkpointInterval) { c.checkpointInterval = v }
        if let v = try r.location("obs_bucket") { c.obsBucket = v }
        if let v = try r.bool("log_enabled") { c.logEnabled = v }
        if let v = try r.option("smn_topic", maxLength: 1024) { c.smnTopic = v }
        if let v = try r.bool("restart_when_exception") { c.restartWhenException = v }
        if let v = try r.int("idle_state_retention", range: L.idleStateRetention) { c.idleStateRetention = v }
        if let v = try r.option("dirty_data_strategy", maxLength: 1024) {
            guard v == "0" || v == "1" || (v.hasPrefix("2:") && v.count > 2) else {
                throw .invalidParameter("dirty_data_strategy", "must be \"0\", \"1\" or \"2:<obs dir>\"")
            }
            if v.hasPrefix("2:") {
                try FieldReader.checkLocation(String(v.dropFirst(2)), field: "dirty_data_strategy")
                // Flink's formats only skip (`<format>.ignore-parse-errors`) or fail on rows they cannot
                // parse; they hand the rows to no one, so there is nothing to save.
                throw .invalidParameter(
                    "dirty_data_strategy",
                    "saving unparsable rows (\"2:<obs dir>\") is not supported: Flink's formats can only skip them (\"0\") or fail the job (\"1\")")
            }
            c.dirtyDataStrategy = v
        }
        if let v = try r.location("udf_jar_url") { c.udfJarURL = v }
        if let v = try r.bool("resume_checkpoint") { c.resumeCheckpoint = v }
        if let v = try r.int("resume_max_num", range: -1...Int(Int32.max)) {
            guard v != 0 else { throw .invalidParameter("resume_max_num", "must be -1 (unlimited) or positive") }
            c.resumeMaxNum = v
        }
        if let v = try r.option("runtime_config", maxLength: opt) {
            do {
                _ = try RuntimeConfig(parsing: v)
            } catch {
                throw .invalidParameter("runtime_config", error.description)
            }
            c.runtimeConfig = v
        }
        if let v = try r.option("flink_version", maxLength: 32) { c.flinkVersion = v }
        if let v = try r.option("execution_agency_urn", maxLength: 1024) { c.executionAgencyURN = v }
        if let v = try r.option("resource_config_version", maxLength: 8) {
            guard v == "v1" || v == "v2" else { throw .invalidParameter("resource_config_version", "must be 'v1' or 'v2'") }
            c.resourceConfigVersion = v
        }
        if let spec = try r.object("resource_config") { c.resourceConfigJSON = try resourceConfig(spec) }
        if let v = try r.option("flink_log_config", maxLength: opt) { c.flinkLogConfig = v }
    }

    /// Validates `resource_config` (§3.17) and returns it as compact JSON.
    private static func resourceConfig(_ r: FieldReader) throws(APIError) -> String {
        _ = try r.int("max_slot", range: 1...2000)
        _ = try r.int("parallel_number", range: L.parallelNumber)
        for key in ["jobmanager_resource_spec", "taskmanager_resource_spec"] {
            if let spec = try r.object(key) {
                _ = try spec.double("cpu", minimum: 0.5)
                _ = try spec.string("memory", length: 1...16, singleLine: true)
            }
        }
        let value = JSONValue.object(r.object)
        // Stored as jsonb, which cannot hold U+0000 (SQLSTATE 22P05): refuse it here, not with a 500.
        if value.containsNUL { throw .invalidParameter("resource_config", "must not contain the character U+0000") }
        return String(decoding: value.serialized(), as: UTF8.self)
    }

    /// `tags`: at most 20 `{key, value}` objects with distinct keys.
    static func tags(_ r: FieldReader) throws(APIError) -> [JobTag]? {
        guard
            let tags = try r.objectArray(
                "tags", maxCount: L.tagCount.upperBound,
                { (t: FieldReader) throws(APIError) -> JobTag in
                    JobTag(
                        key: try t.requiredString("key", length: L.tagKeyLength),
                        value: try t.requiredString("value", length: L.tagValueLength))
                })
        else { return nil }
        var seen: Set<String> = []
        for tag in tags where !seen.insert(tag.key).inserted {
            throw .invalidParameter("tags", "key '\(tag.key)' appears twice")
        }
        return tags
    }
}
