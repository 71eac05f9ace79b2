import JSONCodec
import JobDomain

/// Writes a job as DLI's job object (dli-api.md §3.7): snake_case keys, epoch-millisecond times,
/// `checkpoint_mode` as its name, unset values as `null`.
enum JobJSON {
    /// The whole job (the detail, list items with `show_detail`); `extra` writes members after DLI's own
    /// (an extension's, such as a deleted job's deletion).
    static func write(_ job: Job, now: Int64, to w: inout JSONWriter, extra: (inout JSONWriter) -> Void = { _ in }) {
        w.beginObject()
        writeCommon(job.summary, now: now, to: &w)
        w.key("sql_body"); w.optionalString(job.sqlBody)
        w.key("main_class"); w.optionalString(job.config.mainClass)
        w.key("entrypoint_args"); w.optionalString(job.config.entrypointArgs)
        w.key("execution_graph"); w.null()
        w.key("restart_times"); w.int(job.restartTimes)
        w.key("deletion_protection"); w.bool(job.deletionProtection)  // a StreamJobs extension
        w.key("job_config"); writeConfig(job, to: &w)
        extra(&w)
        w.endObject()
    }

    /// A list item without `show_detail`: identity, status and times, no SQL text or configuration;
    /// `extra` as in ``write(_:now:to:extra:)``.
    static func writeSummary(
        _ job: JobSummary, now: Int64, to w: inout JSONWriter, extra: (inout JSONWriter) -> Void = { _ in }
    ) {
        w.beginObject()
        writeCommon(job, now: now, to: &w)
        // Older clients (DLI's Go SDK) read the creator of list items as `username`.
        w.key(Keys.shared.username); w.optionalString(job.userName)
        extra(&w)
        w.endObject()
    }

    /// The keys every list item repeats, quoted once. One instance (``shared``), read once per item:
    /// each access to a global costs a `swift_once` call, which showed in list profiles.
    final class Keys: Sendable {
        static let shared = Keys()

        let jobId = JSONKey("job_id")
        let name = JSONKey("name")
        let desc = JSONKey("desc")
        let userName = JSONKey("user_name")
        let jobType = JSONKey("job_type")
        let status = JSONKey("status")
        let statusDesc = JSONKey("status_desc")
        let createTime = JSONKey("create_time")
        let startTime = JSONKey("start_time")
        let updateTime = JSONKey("update_time")
        let duration = JSONKey("duration")
        let rootId = JSONKey("root_id")
        let projectId = JSONKey("project_id")
        let queueName = JSONKey("queue_name")
        let runMode = JSONKey("run_mode")
        let graphEditorEnabled = JSONKey("graph_editor_enabled")
        let hasSavepoint = JSONKey("has_savepoint")
        let savepointPath = JSONKey("savepoint_path")
        let edgeGroupIds = JSONKey("edge_group_ids")
        let tags = JSONKey("tags")
        let username = JSONKey("username")
        let key = JSONKey("key")
        let value = JSONKey("value")
    }

    /// The fields list items and the detail share.
    private static func writeCommon(_ job: JobSummary, now: Int64, to w: inout JSONWriter) {
        let keys = Keys.shared
        w.key(keys.jobId); w.int(job.id.rawValue)
        w.key(keys.name); w.string(job.name)
        w.key(keys.desc); w.string(job.description)
        w.key(keys.userName); w.optionalString(job.userName)
        w.key(keys.jobType); w.string(job.jobType.rawValue)
        w.key(keys.status); w.string(job.status.rawValue)
        w.key(keys.statusDesc); w.string(job.statusDescription)
        w.key(keys.createTime); w.int(job.createdAtMillis)
        w.key(keys.startTime); w.optionalInt(job.startedAtMillis)
        w.key(keys.updateTime); w.int(job.updatedAtMillis)
        w.key(keys.duration); w.int(job.durationMillis(now: now))
        w.key(keys.rootId); w.int(job.rootID)
        w.key(keys.projectId); w.string(job.projectID.rawValue)
        w.key(keys.queueName); w.optionalString(job.queueName)
        w.key(keys.runMode); w.string(job.runMode.rawValue)
        w.key(keys.graphEditorEnabled); w.bool(false)
        w.key(keys.hasSavepoint); w.bool(job.hasSavepoint)
        w.key(keys.savepointPath); w.optionalString(job.savepointPath)
        w.key(keys.edgeGroupIds); w.stringArray(job.edgeGroupIDs)
        w.key(keys.tags); w.tags(job.tags)
    }

    private static func writeConfig(_ job: Job, to w: inout JSONWriter) {
        let c = job.config
        w.beginObject()
        w.key("checkpoint_enabled"); w.bool(c.checkpointEnabled)
        w.key("checkpoint_mode"); w.string(c.checkpointMode.wireName)
        w.key("checkpoint_interval"); w.int(c.checkpointInterval)
        w.key("log_enabled"); w.bool(c.logEnabled)
        w.key("obs_bucket"); w.optionalString(c.obsBucket)
        w.key("smn_topic"); w.optionalString(c.smnTopic)
        w.key("root_id"); w.int(job.rootID)
        w.key("edge_group_ids"); w.stringArray(job.edgeGroupIDs)
        w.key("manager_cu_number"); w.int(c.managerCuNumber)
        w.key("cu_number"); w.int(c.cuNumber)
        w.key("parallel_number"); w.int(c.parallelNumber)
        w.key("restart_when_exception"); w.bool(c.restartWhenException)
        w.key("idle_state_retention"); w.int(c.idleStateRetention)
        w.key("udf_jar_url"); w.optionalString(c.udfJarURL)
        w.key("dirty_data_strategy"); w.string(c.dirtyDataStrategy)
        w.key("entrypoint"); w.optionalString(c.entrypoint)
        w.key("dependency_jars"); w.stringArray(c.dependencyJars)
        w.key("dependency_files"); w.stringArray(c.dependencyFiles)
        w.key("executor_number"); w.null()
        w.key("executor_cu_number"); w.null()
        w.key("execution_agency_urn"); w.optionalString(c.executionAgencyURN)
        w.key("resume_checkpoint"); w.bool(c.resumeCheckpoint)
        w.key("resume_max_num"); w.int(c.resumeMaxNum)
        w.key("runtime_config"); w.optionalString(c.runtimeConfig)
        w.key("graph_editor_enabled"); w.bool(false)
        w.key("graph_editor_data"); w.null()
        w.key("checkpoint_path"); w.optionalString(c.checkpointPath)
        w.key("config_url"); w.null()
        w.key("tm_cus"); w.int(c.tmCus)
        w.key("tm_slot_num"); w.optionalInt(c.tmSlotNum.map(Int64.init))
        w.key("image"); w.optionalString(c.image)
        w.key("feature"); w.optionalString(c.feature)
        w.key("flink_version"); w.optionalString(c.flinkVersion)
        w.key("operator_config"); w.optionalString(c.operatorConfig)
        w.key("static_estimator_config"); w.optionalString(c.staticEstimatorConfig)
        w.key("real_cu_number"); w.int(0)
        w.key("resource_config_version"); w.optionalString(c.resourceConfigVersion)
        w.key("resource_config")
        if let text = c.resourceConfigJSON, let value = try? JSONParser.parse(Array(text.utf8)) {
            w.value(value)
        } else {
            w.null()
        }
        w.key("flink_log_config"); w.optionalString(c.flinkLogConfig)
        w.endObject()
    }
}

extension JSONWriter {
    mutating func optionalString(_ s: String?) {
        if let s { string(s) } else { null() }
    }
    mutating func optionalInt(_ v: Int64?) {
        if let v { int(v) } else { null() }
    }
    /// Tags as DLI writes them: `[{"key": …, "value": …}]`.
    mutating func tags(_ tags: [JobTag]) {
        beginArray()
        let keys = JobJSON.Keys.shared
        for tag in tags {
            beginObject()
            key(keys.key); string(tag.key)
            key(keys.value); string(tag.value)
            endObject()
        }
        endArray()
    }

    mutating func stringArray(_ items: [String]) {
        beginArray()
        for item in items { string(item) }
        endArray()
    }
}
