import Synchronization

@testable import Auth

/// A credential store in memory, for authenticator tests: every lookup completes before it returns;
/// revocation is visible at once.
final class InMemoryCredentialStore: CredentialStore {
    private let keys = Mutex<[String: StoredAccessKey]>([:])
    private let tokens = Mutex<[[UInt8]: StoredToken]>([:])
    private let down = Atomic<Bool>(false)

    func addAccessKey(_ ak: String, secret: String, project: String, id: String, keyring: Keyring) throws {
        let sealed = try keyring.seal(Array(secret.utf8), context: ak)
        keys.withLock {
            $0[ak] = StoredAccessKey(
                credentialID: id, projectID: project, accessKey: ak, sealedSecret: sealed, isRevoked: false, isExpired: false)
        }
    }

    func addToken(_ token: String, project: String, id: String, expired: Bool = false) {
        tokens.withLock {
            $0[CredentialSecrets.tokenHash(token)] = StoredToken(credentialID: id, projectID: project, isRevoked: false, isExpired: expired)
        }
    }

    func revoke(accessKey: String) { keys.withLock { $0[accessKey]?.isRevoked = true } }
    func setDown(_ value: Bool) { down.store(value, ordering: .relaxed) }

    func accessKey(_ accessKey: String, project: String, completion: @escaping CredentialLookup<StoredAccessKey?>) {
        completion(down.load(ordering: .relaxed) ? .failure(.unavailable) : .success(keys.withLock { $0[accessKey] }))
    }

    func token(sha256 hash: [UInt8], project: String, completion: @escaping CredentialLookup<StoredToken?>) {
        completion(down.load(ordering: .relaxed) ? .failure(.unavailable) : .success(tokens.withLock { $0[hash] }))
    }

    func hasCredentials(project: String, completion: @escaping CredentialLookup<Bool>) {
        if down.load(ordering: .relaxed) { return completion(.failure(.unavailable)) }
        completion(.success(
            keys.withLock { $0.values.contains { $0.projectID == project } }
                || tokens.withLock { $0.values.contains { $0.projectID == project } }))
    }
}
