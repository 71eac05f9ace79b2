import JobDomain
import ObjectStore

/// The Jar-job fields (dli-api.md §3.3) that SQL jobs do not have, read over the current values.
enum JarJobFields {
    /// - Throws: `APIError.invalidParameter` for a field of the wrong form, and for `udf_jar_url`, which
    ///   DLI's Jar-job body does not have (a Jar job's extra jars are its `dependency_jars`).
    static func read(_ r: FieldReader, into c: inout JobConfig) throws(APIError) {
        let opt = JobLimits.optionMaxLength
        if try r.option("udf_jar_url", maxLength: ObjectPath.maxLength) != nil {
            throw .invalidParameter("udf_jar_url", "applies to SQL jobs; give a Jar job's extra jars as dependency_jars")
        }
        if let v = try r.option("main_class", maxLength: 1024) { c.mainClass = v }
        if let v = try r.option("entrypoint_args", maxLength: opt) { c.entrypointArgs = v }
        if let v = try r.location("entrypoint") { c.entrypoint = v }
        if let v = try r.locations("dependency_jars", maxCount: 100) { c.dependencyJars = v }
        if let v = try r.locations("dependency_files", maxCount: 100) { c.dependencyFiles = v }
        if let v = try r.location("checkpoint_path") { c.checkpointPath = v }
        if let v = try r.option("feature", maxLength: 16) {
            guard v == "basic" || v == "custom" else { throw .invalidParameter("feature", "must be 'basic' or 'custom'") }
            c.feature = v
        }
        if let v = try r.option("image", maxLength: 1024) { c.image = v }
    }
}
