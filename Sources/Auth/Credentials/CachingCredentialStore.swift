/// A ``CredentialStore`` that answers repeated lookups of live credentials from a ``CredentialCache``,
/// and asks `store` for the rest (unknown, revoked, expired or foreign credentials are never kept, so
/// failures always read the store).
///
/// A hit completes before returning, on the caller's thread, without I/O.
public struct CachingCredentialStore: CredentialStore {
    private let store: any CredentialStore
    private let cache: CredentialCache

    /// - Parameters:
    ///   - store: where misses are looked up.
    ///   - cache: what is kept; its change feed must be running for anything to be answered from it.
    public init(_ store: any CredentialStore, cache: CredentialCache) {
        self.store = store
        self.cache = cache
    }

    public func token(sha256 hash: [UInt8], project: String, completion: @escaping CredentialLookup<StoredToken?>) {
        if let kept = cache.token(sha256: hash, project: project) { return completion(.success(kept)) }
        let ticket = cache.ticket()
        store.token(sha256: hash, project: project) { [cache] found in
            if case .success(let stored?) = found { cache.keep(stored, sha256: hash, project: project, ticket: ticket) }
            completion(found)
        }
    }

    public func accessKey(_ accessKey: String, project: String, completion: @escaping CredentialLookup<StoredAccessKey?>) {
        if let kept = cache.accessKey(accessKey, project: project) { return completion(.success(kept)) }
        let ticket = cache.ticket()
        store.accessKey(accessKey, project: project) { [cache] found in
            if case .success(let stored?) = found { cache.keep(stored, project: project, ticket: ticket) }
            completion(found)
        }
    }

    public func hasCredentials(project: String, completion: @escaping CredentialLookup<Bool>) {
        store.hasCredentials(project: project, completion: completion)
    }
}
