import JSONCodec
import JobDomain

/// A job as the body of the request that would create it (`POST …/sql-jobs` or `POST …/flink-jobs`,
/// dli-api.md §3.1/§3.3): DLI field names, `checkpoint_mode` as its number, unset values left out.
/// Exported archives hold one per job, and import reads them back with the create decoders.
enum JobDefinitionBody {
    static func write(_ job: Job) -> [UInt8] {
        let c = job.config
        var w = JSONWriter(capacity: 1024 + (job.sqlBody?.utf8.count ?? 0))
        w.beginObject()
        w.key("name"); w.string(job.name)
        w.key("desc"); w.string(job.description)
        w.key("job_type"); w.string(job.jobType.rawValue)
        w.omittingNil("queue_name", job.queueName)
        if job.jobType.isSQL {
            w.omittingNil("sql_body", job.sqlBody)
            w.key("run_mode"); w.string(job.runMode.rawValue)
            if !job.edgeGroupIDs.isEmpty { w.key("edge_group_ids"); w.stringArray(job.edgeGroupIDs) }
            w.omittingNil("operator_config", c.operatorConfig)
            w.omittingNil("static_estimator_config", c.staticEstimatorConfig)
        }
        w.key("cu_number"); w.int(c.cuNumber)
        w.key("parallel_number"); w.int(c.parallelNumber)
        w.key("manager_cu_number"); w.int(c.managerCuNumber)
        w.key("tm_cus"); w.int(c.tmCus)
        if let v = c.tmSlotNum { w.key("tm_slot_num"); w.int(v) }
        w.key("checkpoint_enabled"); w.bool(c.checkpointEnabled)
        w.key("checkpoint_mode"); w.int(c.checkpointMode.rawValue)
        w.key("checkpoint_interval"); w.int(c.checkpointInterval)
        w.omittingNil("obs_bucket", c.obsBucket)
        w.key("log_enabled"); w.bool(c.logEnabled)
        w.omittingNil("smn_topic", c.smnTopic)
        w.key("restart_when_exception"); w.bool(c.restartWhenException)
        w.key("idle_state_retention"); w.int(c.idleStateRetention)
        w.key("dirty_data_strategy"); w.string(c.dirtyDataStrategy)
        if job.jobType.isSQL { w.omittingNil("udf_jar_url", c.udfJarURL) }
        w.key("resume_checkpoint"); w.bool(c.resumeCheckpoint)
        w.key("resume_max_num"); w.int(c.resumeMaxNum)
        w.omittingNil("runtime_config", c.runtimeConfig)
        w.omittingNil("flink_version", c.flinkVersion)
        w.omittingNil("execution_agency_urn", c.executionAgencyURN)
        w.omittingNil("resource_config_version", c.resourceConfigVersion)
        if let text = c.resourceConfigJSON, let value = try? JSONParser.parse(Array(text.utf8)) {
            w.key("resource_config"); w.value(value)
        }
        w.omittingNil("flink_log_config", c.flinkLogConfig)
        if job.jobType == .flinkJar {
            w.omittingNil("main_class", c.mainClass)
            w.omittingNil("entrypoint", c.entrypoint)
            w.omittingNil("entrypoint_args", c.entrypointArgs)
            if !c.dependencyJars.isEmpty { w.key("dependency_jars"); w.stringArray(c.dependencyJars) }
            if !c.dependencyFiles.isEmpty { w.key("dependency_files"); w.stringArray(c.dependencyFiles) }
            w.omittingNil("checkpoint_path", c.checkpointPath)
            w.omittingNil("feature", c.feature)
            w.omittingNil("image", c.image)
        }
        if !job.tags.isEmpty {
            w.key("tags"); w.tags(job.tags)
        }
        if job.deletionProtection { w.key("deletion_protection"); w.bool(true) }
        w.endObject()
        return w.bytes
    }

    /// Reads a body written by `write` (or by hand) with the create decoders of its `job_type`, plus
    /// the two SQL options only an update can otherwise set.
    static func read(_ r: FieldReader) throws(APIError) -> NewJob {
        let type = try r.choice("job_type", JobType.self)
        if type == .flinkJar { return try JobDefinitionRequests.createJar(r) }
        var job = try CreateSQLJobRequest.decode(r)
        job.config.operatorConfig = try r.option("operator_config", maxLength: JobLimits.optionMaxLength)
        job.config.staticEstimatorConfig = try r.option("static_estimator_config", maxLength: JobLimits.optionMaxLength)
        return job
    }
}

extension JSONWriter {
    /// A string member, or nothing for `nil`.
    fileprivate mutating func omittingNil(_ key: StaticString, _ value: String?) {
        guard let value else { return }
        self.key(key)
        string(value)
    }
}
