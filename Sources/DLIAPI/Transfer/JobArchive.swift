import JSONCodec
import JobDomain

/// The export archive: one `<job_id>.json` entry per job at the top level, each a create-request
/// body (`JobDefinitionBody`). Import accepts the same layout; directory entries are ignored.
/// `JobArchiveBuilder` writes it and `JobArchiveReader` reads it, one job at a time, both within the
/// same `ArchiveLimits`.
enum JobArchive {
    /// One job definition found in an archive.
    struct Definition {
        /// The id the job had where it was exported (from the entry name).
        var oldID: JobID
        var job: NewJob
        /// `<archive>: <entry>`, for messages.
        var source: String
    }

    /// Decodes one entry's contents with the create decoders.
    /// - Throws: 400 `DLI.0001` naming `zip_file` and `source`.
    static func decode(_ contents: [UInt8], source: String) throws(APIError) -> NewJob {
        let object: JSONObject
        do {
            guard case .object(let o) = try JSONParser.parse(contents, maxDepth: RequestBody.depthCeiling) else {
                throw APIError.invalidParameter("zip_file", "\(source) is not a JSON object")
            }
            object = o
        } catch let error as APIError {
            throw error
        } catch {
            throw .invalidParameter("zip_file", "\(source) is not valid JSON")
        }
        do {
            return try JobDefinitionBody.read(FieldReader(object))
        } catch {
            let reason = error.message.hasSuffix(".") ? String(error.message.dropLast()) : error.message
            throw .invalidParameter("zip_file", "\(source) is not a valid job definition: \(reason)")
        }
    }
}
