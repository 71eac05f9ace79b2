import HTTPServer
import JSONCodec
import JobDomain

extension JobEndpoints {
    /// `GET /v1.0/{project_id}/streaming/jobs` (dli-api.md §3.6). An offset past the end is an empty page.
    func listJobs(_ project: ProjectID, _ request: HTTPRequest) throws(APIError) -> HTTPResponse {
        let parameters = QueryParameters(request)
        let query = try Self.listQuery(parameters)
        let now = clock()
        if try parameters.bool("show_detail") ?? false {
            let page = try awaitService { service.listDetails(query, in: project, completion: $0) }
            return Self.listResponse(page, capacityPerJob: 2048) { JobJSON.write($0, now: now, to: &$1) }
        }
        let page = try awaitService { service.list(query, in: project, completion: $0) }
        return Self.listResponse(page, capacityPerJob: 768) { JobJSON.writeSummary($0, now: now, to: &$1) }
    }

    /// DLI's list envelope around a page, each job written by `writeJob`.
    private static func listResponse<Item>(
        _ page: JobPage<Item>, capacityPerJob: Int, writeJob: (Item, inout JSONWriter) -> Void
    ) -> HTTPResponse {
        let capacity = 256 + page.jobs.count * capacityPerJob
        return .json(status: 200, body: SuccessBody.jobEnvelope(message: "Querying of the job list succeeds.", capacity: capacity) { w in
            w.key("job_list")
            w.beginObject()
            w.key("total_count"); w.int(page.totalCount)
            w.key("jobs")
            w.beginArray()
            for job in page.jobs { writeJob(job, &w) }
            w.endArray()
            w.endObject()
        })
    }

    /// The filters and page of a list request (`show_detail` is read by `listJobs`: it picks the item type).
    static func listQuery(_ q: QueryParameters) throws(APIError) -> JobListQuery {
        var query = JobListQuery()
        query.name = try q.string("name", maxLength: JobLimits.nameLength.upperBound)
        query.status = try q.choice("status", JobStatus.self)
        query.jobType = try q.choice("job_type", JobType.self)
        query.queueName = try q.string("queue_name", maxLength: JobLimits.queueNameMaxLength)
        query.userName = try q.string("user_name", maxLength: 128)
        query.tags = try tagsFilter(try q.string("tags", maxLength: 4096))
        query.rootJobID = try q.int("root_job_id", range: 1...Int64.max)
        switch try q.string("order", maxLength: 4) {
        case nil, "desc": query.ascending = false
        case "asc": query.ascending = true
        default: throw .invalidParameter("order", "must be asc or desc")
        }
        query.offset = Int(try q.int("offset", range: 0...Int64(Int32.max)) ?? 0)
        let limits = JobLimits.listLimit
        query.limit = Int(try q.int("limit", range: Int64(limits.lowerBound)...Int64(limits.upperBound)) ?? Int64(JobLimits.listDefaultLimit))
        return query
    }

    /// `k1=v1,k2=v2` into tags.
    static func tagsFilter(_ text: String?) throws(APIError) -> [JobTag] {
        guard let text else { return [] }
        var tags: [JobTag] = []
        for pair in text.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw .invalidParameter("tags", "must be key=value pairs separated by commas")
            }
            tags.append(JobTag(key: String(parts[0]), value: String(parts[1])))
        }
        guard tags.count <= JobLimits.tagCount.upperBound else { throw .invalidParameter("tags", "at most 20 tags") }
        return tags
    }
}
