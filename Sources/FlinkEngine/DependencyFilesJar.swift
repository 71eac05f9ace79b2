import JobDomain
import ObjectStore
import ZipArchive

/// A Jar job's `dependency_files` as DLI's jobs read them: class-path resources `userData/<file name>`.
/// The files are packed into one jar (a zip whose entries are `userData/<name>`), written into the job's
/// own project space and put on the job's class path, where `getResource("userData/<name>")` finds
/// them in the JobManager (while `main` builds the job) and on the TaskManagers.
enum DependencyFilesJar {
    /// Where the jar of `job` is written in its project's space (rewritten at every submission).
    static func location(of job: Job) -> String {
        "obs://\(EngineObjects.stateBucket)/files/\(job.id.rawValue)/userdata.jar"
    }

    /// Largest total size of a job's dependency files.
    static let maxTotalBytes = 64 << 20

    /// Packs `job`'s `dependency_files` and returns the jar's `file://` URL; nil when it has none.
    /// - Throws: `EngineError.invalidJob` for a missing, unreadable or too large file, two files of one
    ///   name (both would be `userData/<name>`), or a jar that cannot be written.
    static func make(for job: Job, store: EngineObjects) throws(EngineError) -> String? {
        let files = job.config.dependencyFiles
        guard !files.isEmpty else { return nil }
        let project = job.projectID
        let space = try store.space(of: project)
        var zip = ZipWriter(modifiedAt: 0)
        var total = 0
        for location in files {
            let object: ObjectPath
            do {
                object = try ObjectPath(parsing: location)
            } catch {
                throw .invalidJob("dependency_files: \(location.prefix(128)): not an obs://bucket/key location")
            }
            let bytes: [UInt8]
            do {
                bytes = try space.read(object, maxBytes: maxTotalBytes - total)
            } catch {
                throw .invalidJob("dependency_files: \(object): \(error == .notFound ? "no such object" : "\(error)")")
            }
            total += bytes.count
            let name = object.components.last ?? object.bucket
            do {
                try zip.add(name: "userData/" + name, contents: bytes)
            } catch .duplicateEntry {
                throw .invalidJob("dependency_files: two files are named \(name); each is read as userData/\(name)")
            } catch {
                throw .invalidJob("dependency_files: \(object): \(error)")
            }
        }
        do {
            // A fixed, well-formed location (the state bucket, a numeric job id).
            try space.write(zip.finish(), to: try ObjectPath(parsing: location(of: job)))
        } catch {
            throw .invalidJob("dependency_files: the job's resource jar cannot be written (\(error))")
        }
        return "file://" + (try store.path(of: location(of: job), project: project))
    }
}
