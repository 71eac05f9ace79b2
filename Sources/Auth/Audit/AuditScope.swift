/// Which trail an audit record goes to.
public enum AuditScope {
    /// The operator's trail: failed authentications on the path of a project that has no credentials at
    /// all (so no tenant owns it, and an anonymous client must not be able to write into a trail a
    /// project created later would inherit). `~` is outside ProjectID's `[A-Za-z0-9_-]{1,64}`
    /// (`JobDomain/Model/Identifiers.swift`), so this can never be a project's trail.
    /// `streamjobs audit --operator` reads it.
    public static let operatorScope = "~operator"

    /// The trail for a failed authentication on `projectID`'s path: the project's own when it has at
    /// least one credential (revoked and expired ones count), else ``operatorScope``; also
    /// ``operatorScope`` when that cannot be told (the store failed), so a project's trail only ever
    /// holds what is known to concern it.
    /// - Parameter completion: receives the scope, exactly once, possibly on another thread.
    public static func forFailedAuthentication(
        on projectID: String, in store: any CredentialStore, completion: @escaping @Sendable (String) -> Void
    ) {
        store.hasCredentials(project: projectID) { outcome in
            completion((try? outcome.get()) == true ? projectID : operatorScope)
        }
    }
}
