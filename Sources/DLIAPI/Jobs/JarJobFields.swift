import JobDomain

/// The Jar-job fields (dli-api.md §3.3) that SQL jobs do not have, read over the current values.
enum JarJobFields {
    static func read(_ r: FieldReader, into c: inout JobConfig) throws(APIError) {
        let opt = JobLimits.optionMaxLength
        if let v = try r.option("main_class", maxLength: 1024) { c.mainClass = v }
        if let v = try r.option("entrypoint_args", maxLength: opt) { c.entrypointArgs = v }
        if let v = try r.option("entrypoint", maxLength: 1024) { c.entrypoint = v }
        if let v = try r.stringArray("dependency_jars", maxCount: 100, itemLength: 1...1024) { c.dependencyJars = v }
        if let v = try r.stringArray("dependency_files", maxCount: 100, itemLength: 1...1024) { c.dependencyFiles = v }
        if let v = try r.option("checkpoint_path", maxLength: 1024) { c.checkpointPath = v }
        if let v = try r.option("feature", maxLength: 16) {
            guard v == "basic" || v == "custom" else { throw .invalidParameter("feature", "must be 'basic' or 'custom'") }
            c.feature = v
        }
        if let v = try r.option("image", maxLength: 1024) { c.image = v }
    }
}
