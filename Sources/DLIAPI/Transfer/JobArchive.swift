import JSONCodec
import JobDomain
import ZipArchive

/// The export archive: one `<job_id>.json` entry per job at the top level, each a create-request
/// body (`JobDefinitionBody`). Import accepts the same layout; directory entries are ignored.
enum JobArchive {
    /// Bounds for reading archives: 1000 jobs, 8 MiB per definition (a 1 Mi-character SQL body in
    /// UTF-8 and the rest), 64 MiB in all.
    static let limits = ZipLimits(maxEntries: 1000, maxEntryBytes: 8 << 20, maxTotalBytes: 64 << 20)
    /// Largest archive file read.
    static let maxArchiveBytes = 64 << 20

    /// One job definition found in an archive.
    struct Definition {
        /// The id the job had where it was exported (from the entry name).
        var oldID: JobID
        var job: NewJob
        /// `<archive>: <entry>`, for messages.
        var source: String
    }

    /// The archive of `jobs`.
    static func make(_ jobs: [Job], modifiedAtMillis: Int64) throws(APIError) -> [UInt8] {
        var writer = ZipWriter(modifiedAt: Int(modifiedAtMillis / 1000))
        do {
            for job in jobs { try writer.add(name: "\(job.id.rawValue).json", contents: JobDefinitionBody.write(job)) }
        } catch {
            throw APIError(status: 500, code: DLIErrorCode.serverError, message: "The archive cannot be built.")
        }
        return writer.finish()
    }

    /// Every definition in an archive, all checked before any is used.
    /// - Throws: 400 `DLI.0001` naming `zip_file`, the archive and the entry.
    static func definitions(of bytes: [UInt8], archive: String) throws(APIError) -> [Definition] {
        let entries: [ZipEntry]
        do {
            entries = try ZipReader.entries(of: bytes, limits: limits)
        } catch {
            throw .invalidParameter("zip_file", "'\(archive)' is not a usable zip archive (\(error.description))")
        }
        var definitions: [Definition] = []
        for entry in entries where !entry.isDirectory {
            let source = "'\(archive)' entry '\(entry.name)'"
            guard entry.name.hasSuffix(".json"), let id = JobID(decimal: String(entry.name.dropLast(5))) else {
                throw .invalidParameter("zip_file", "\(source) is not named <job_id>.json")
            }
            let object: JSONObject
            do {
                guard case .object(let o) = try JSONParser.parse(entry.contents, maxDepth: RequestBody.maxDepth) else {
                    throw APIError.invalidParameter("zip_file", "\(source) is not a JSON object")
                }
                object = o
            } catch let error as APIError {
                throw error
            } catch {
                throw .invalidParameter("zip_file", "\(source) is not valid JSON")
            }
            do {
                definitions.append(Definition(oldID: id, job: try JobDefinitionBody.read(FieldReader(object)), source: source))
            } catch {
                let reason = error.message.hasSuffix(".") ? String(error.message.dropLast()) : error.message
                throw .invalidParameter("zip_file", "\(source) is not a valid job definition: \(reason)")
            }
        }
        return definitions
    }
}
