import JobDomain
import ObjectStore

/// The bodies of `POST …/jobs/export` and `POST …/jobs/import` (dli-api.md §3.12–3.13).
enum TransferRequests {
    /// Most ids `job_selected` may carry.
    static let maxSelected = 1000

    struct Export {
        var directory: ObjectPath
        /// nil exports every live job of the project.
        var selected: [JobID]?
    }

    struct Import {
        var source: ObjectPath
        var cover: Bool
    }

    static func export(_ r: FieldReader) throws(APIError) -> Export {
        let directory = try path(r, "obs_dir")
        guard let isSelected = try r.bool("is_selected") else { throw .invalidParameter("is_selected", "is required") }
        guard isSelected else { return Export(directory: directory, selected: nil) }
        guard let value = r.object["job_selected"], !value.isNull else {
            throw .invalidParameter("job_selected", "is required when is_selected is true")
        }
        guard case .array(let items) = value else { throw .invalidParameter("job_selected", "must be an array of job ids") }
        guard (1...maxSelected).contains(items.count) else {
            throw .invalidParameter("job_selected", "must have 1 to \(maxSelected) ids")
        }
        var ids: [JobID] = []
        var seen: Set<JobID> = []
        for (i, item) in items.enumerated() {
            guard case .number(let n) = item, let v = n.int64Value, let id = JobID(v) else {
                throw .invalidParameter("job_selected[\(i)]", "must be a positive integer job id")
            }
            if seen.insert(id).inserted { ids.append(id) }
        }
        return Export(directory: directory, selected: ids)
    }

    static func `import`(_ r: FieldReader) throws(APIError) -> Import {
        Import(source: try path(r, "zip_file"), cover: try r.bool("is_cover") ?? false)
    }

    /// A required object path.
    private static func path(_ r: FieldReader, _ key: String) throws(APIError) -> ObjectPath {
        let text = try r.requiredString(key, length: 1...ObjectPath.maxLength)
        do {
            return try ObjectPath(parsing: text)
        } catch {
            throw .invalidParameter(key, error.description)
        }
    }
}
