import JobDomain

/// The body of `POST /v3/{project_id}/streaming/jobs/{job_id}/gen-graph` (dli-api.md §3.14): the SQL to plan
/// and how to show the plan. Every field either shapes the plan or is refused with its reason.
struct StreamGraphRequest: Equatable {
    /// `graph_type`: the plan's nodes only, or with Flink's strategies and edges in full.
    enum GraphType: String, CaseIterable {
        case simpleGraph = "simple_graph"
        case jobGraph = "job_graph"
    }

    var sql: String
    /// `parallel_number`, or nil for the job's own.
    var parallelism: Int?
    var graphType: GraphType

    typealias L = JobLimits

    static func decode(_ r: FieldReader) throws(APIError) -> StreamGraphRequest {
        let sql = try r.requiredString("sql_body", length: 1...L.sqlBodyMaxLength, singleLine: false)
        if let type = try r.option("job_type", maxLength: 64), type != JobType.flinkOpenSourceSQL.rawValue {
            throw .invalidParameter("job_type", "must be 'flink_opensource_sql_job'")
        }
        if let version = try r.option("flink_version", maxLength: 32), version != "2.3" {
            throw .invalidParameter("flink_version", "this service plans and runs jobs on Flink 2.3")
        }
        if try r.bool("static_estimator") == true {
            throw .invalidParameter("static_estimator", "static resource estimation is not supported")
        }
        if try r.option("static_estimator_config", maxLength: L.optionMaxLength) != nil {
            throw .invalidParameter("static_estimator_config", "static resource estimation is not supported")
        }
        if try r.option("operator_config", maxLength: L.optionMaxLength) != nil {
            throw .invalidParameter(
                "operator_config", "per-operator settings are not supported; parallel_number applies to every operator")
        }
        try refuseResource(r, "cu_number", range: L.cuNumber, default: 2)
        try refuseResource(r, "manager_cu_number", range: L.managerCuNumber, default: 1)
        try refuseResource(r, "tm_cus", range: L.tmCus, default: 1)
        try refuseResource(r, "tm_slot_num", range: L.tmSlotNum, default: nil)
        return StreamGraphRequest(
            sql: sql, parallelism: try r.int("parallel_number", range: L.parallelNumber),
            graphType: try r.choice("graph_type", GraphType.self) ?? .simpleGraph)
    }

    /// A CU field is refused unless absent or DLI's default (`defaultValue`; nil: refused whenever set): the
    /// shared session cluster's JobManager and TaskManager sizes are fixed, so it cannot change the plan.
    private static func refuseResource(_ r: FieldReader, _ key: String, range: ClosedRange<Int>, default defaultValue: Int?)
        throws(APIError)
    {
        guard let value = try r.int(key, range: range), value != defaultValue else { return }
        throw .invalidParameter(
            key,
            "this service runs jobs on a shared Flink session cluster whose JobManager and TaskManager sizes are "
                + "fixed; set parallel_number (task slots) only")
    }
}
