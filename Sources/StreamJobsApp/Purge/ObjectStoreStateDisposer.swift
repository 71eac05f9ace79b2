import JobDomain
import Logging
import ObjectStore

/// `JobStateDisposer` over the object store: each location is removed in its project's space
/// (`FileObjectStore.project(_:)`), so a location can name nothing of another project, and a symbolic
/// link is removed, never followed (`FileObjectStore.remove`).
public struct ObjectStoreStateDisposer: JobStateDisposer {
    private let store: FileObjectStore
    private let logger: Logger

    public init(store: FileObjectStore, logger: Logger) {
        self.store = store
        self.logger = logger
    }

    public func dispose(_ locations: [String], project: ProjectID) throws(JobError) {
        let space: FileObjectStore
        do {
            space = try store.project(project.rawValue)
        } catch {
            logger.warning("purge: project space unavailable", metadata: ["error": "\(error)"])
            throw .internalError
        }
        for location in locations {
            // A location that is not an object path (a stored value from before per-project spaces) names
            // nothing this service wrote in the space: nothing to remove.
            guard let path = try? ObjectPath(parsing: location) else { continue }
            do {
                try space.remove(path)
            } catch .escapesRoot {
                continue  // reaches outside the space through a link: not the project's to remove
            } catch {
                logger.warning("purge: cannot remove a job's state", metadata: ["error": "\(error)"])
                throw .internalError
            }
        }
    }
}
