import HTTPServer
import JSONCodec
import JobDomain

extension JobEndpoints {
    /// Most ids one `POST …/jobs/metrics` asks for.
    static let maxMetricJobs = 100

    /// `POST /v1.0/{project_id}/streaming/jobs/metrics` (dli-api.md §3.18, SDK `show_flink_metric`; deprecated
    /// in DLI): per job, its sources' and sinks' record counts and the current read and write rates, from
    /// the engine's metrics. A job that has not run on the engine counts nothing. `is_success` is a boolean.
    func jobMetrics(_ project: ProjectID, _ request: HTTPRequest) throws(APIError) -> HTTPResponse {
        let ids = try Self.metricJobIDs(try requestBody.object(of: request))
        var answers: [(JobID, EngineJobMetrics)] = []
        if let jobMetrics {
            let outcome: JobMetricsQuery.Outcome
            do {
                outcome = try jobMetrics.metrics(of: ids, in: project)
            } catch .jobNotFound(let id) {
                throw Self.noSuchJob(id)
            } catch let error {
                throw APIError(error)
            }
            switch outcome {
            case .metrics(let all): answers = all
            case .engineUnavailable(let reason): throw Self.engineUnavailable(reason)
            }
        } else {
            for id in ids {
                do {
                    _ = try awaitService { service.job(id, in: project, completion: $0) }
                } catch where error.code == DLIErrorCode.flinkJobNotFound {
                    throw Self.noSuchJob(id)
                }
                answers.append((id, .none))
            }
        }
        var w = JSONWriter(capacity: 128 + 160 * answers.count)
        w.beginObject()
        w.key("is_success"); w.bool(true)
        w.key("message"); w.string("The job metrics are queried.")
        w.key("metrics")
        w.beginObject()
        w.key("jobs")
        w.beginArray()
        for (id, m) in answers {
            w.beginObject()
            w.key("job_id"); w.int(id.rawValue)
            w.key("metrics")
            w.beginObject()
            w.key("sources"); Self.write(m.sources, to: &w)
            w.key("sinks"); Self.write(m.sinks, to: &w)
            w.key("total_read_rate"); w.double(m.totalReadRate)
            w.key("total_write_rate"); w.double(m.totalWriteRate)
            w.endObject()
            w.endObject()
        }
        w.endArray()
        w.endObject()
        w.endObject()
        return .json(status: 200, body: w.bytes)
    }

    private static func write(_ counts: [EngineOperatorCount], to w: inout JSONWriter) {
        w.beginArray()
        for c in counts {
            w.beginObject()
            w.key("name"); w.string(c.name)
            w.key("records"); w.int(c.records)
            w.key("corrupted_records"); w.int(c.corruptedRecords)
            w.endObject()
        }
        w.endArray()
    }

    /// `job_ids`: 1 to 100 job ids (integers, or decimal strings as some clients send them).
    static func metricJobIDs(_ body: FieldReader) throws(APIError) -> [JobID] {
        guard let value = body.object["job_ids"], !value.isNull else { throw .invalidParameter("job_ids", "is required") }
        guard case .array(let items) = value, (1...maxMetricJobs).contains(items.count) else {
            throw .invalidParameter("job_ids", "must be an array of 1 to \(maxMetricJobs) job ids")
        }
        var ids: [JobID] = []
        for item in items {
            if case .number(let n) = item, let v = n.int64Value, let id = JobID(v) {
                ids.append(id)
            } else if case .string(let s) = item, let id = JobID(decimal: s) {
                ids.append(id)
            } else {
                throw .invalidParameter("job_ids", "must hold positive job ids")
            }
        }
        return ids
    }

    /// DLI.16001 naming the id: the same answer for a job of another project as for none.
    static func noSuchJob(_ id: JobID) -> APIError {
        APIError(status: 400, code: DLIErrorCode.flinkJobNotFound, message: "The job \(id.rawValue) does not exist.")
    }
}
