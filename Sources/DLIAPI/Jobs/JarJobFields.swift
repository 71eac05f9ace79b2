import JobDomain

/// The Jar-job fields (dli-api.md §3.3) that SQL jobs do not have, read over the current values.
enum JarJobFields {
    static func read(_ r: FieldReader, into c: inout JobConfig) throws(APIError) {
        let opt = JobLimits.optionMaxLength
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
