import JobDomain
import ObjectStore

extension TransferEndpoints {
    /// These endpoints over `project`'s own object space (`<root>/projects/<project>`), so every
    /// `obs_dir` and `zip_file` a request names is read and written there and nowhere else.
    /// - Throws: 500 `DLI.0999` when the project's folder cannot be made.
    func scoped(to project: ProjectID) throws(APIError) -> TransferEndpoints {
        do {
            var scoped = self
            scoped.store = try store.project(project.rawValue)
            return scoped
        } catch {
            throw APIError(status: 500, code: DLIErrorCode.serverError, message: "The object store cannot be accessed.")
        }
    }
}
