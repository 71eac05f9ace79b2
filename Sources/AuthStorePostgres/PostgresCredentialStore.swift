import Auth
import Logging
import PostgresClient

/// `CredentialStore` on PostgreSQL (`credentials`, migrations/0005): the two per-request lookups, the
/// failure-path check whether a project has credentials, and
/// the admin operations behind `streamjobs credentials`.
public final class PostgresCredentialStore: CredentialStore {
    let access: AuthStoreAccess

    /// - Parameters:
    ///   - pool: connections to a database migrated to at least 0005 (admin operations, and lookups
    ///     when there are no pipelines).
    ///   - pipelines: sessions in pipeline mode for the per-request lookups, which then never wait on
    ///     the caller's thread; without them lookups complete on `pool` before returning (the CLI).
    ///   - logger: where unexpected database errors are reported.
    public init(pool: PGPool, pipelines: PGPipelineGroup? = nil, logger: Logger) {
        access = AuthStoreAccess(pool: pool, logger: logger, store: "credentials", pipelines: pipelines)
    }

    public func accessKey(_ accessKey: String, project: String, completion: @escaping CredentialLookup<StoredAccessKey?>) {
        let decode: @Sendable ([PGResult]) throws -> StoredAccessKey? = { results in
            let r = results[0]
            guard r.rowCount > 0 else { return nil }
            guard let id = r.string(0, 0), let project = r.string(0, 1), let keyID = r.string(0, 2),
                let nonce = r.string(0, 3).flatMap(Hex.decode), let ciphertext = r.string(0, 4).flatMap(Hex.decode),
                let revoked = r.bool(0, 5), let expired = r.bool(0, 6)
            else { throw CorruptCredentialRow() }
            return StoredAccessKey(
                credentialID: id, projectID: project, accessKey: accessKey,
                sealedSecret: SealedSecret(keyID: keyID, nonce: nonce, ciphertext: ciphertext), isRevoked: revoked,
                isExpired: expired, expiresInMillis: r.int64(0, 7))
        }
        lookUp(
            "find_access_key", PGBatch(CredentialStatements.findAccessKeyInProject, [project, accessKey]),
            otherwise: { PGBatch(CredentialStatements.findAccessKey, [accessKey]) }, project: project, decode: decode,
            completion: completion)
    }

    public func token(sha256 hash: [UInt8], project: String, completion: @escaping CredentialLookup<StoredToken?>) {
        let decode: @Sendable ([PGResult]) throws -> StoredToken? = { results in
            let r = results[0]
            guard r.rowCount > 0 else { return nil }
            guard let id = r.string(0, 0), let project = r.string(0, 1), let revoked = r.bool(0, 2),
                let expired = r.bool(0, 3)
            else { throw CorruptCredentialRow() }
            return StoredToken(
                credentialID: id, projectID: project, isRevoked: revoked, isExpired: expired, expiresInMillis: r.int64(0, 4))
        }
        lookUp(
            "find_token", PGBatch(CredentialStatements.findTokenInProject, [project, Hex.encode(hash)]),
            otherwise: { PGBatch(CredentialStatements.findToken, [Hex.encode(hash)]) }, project: project, decode: decode,
            completion: completion)
    }

    /// Reads `scoped` in `project` (row-level security), and only when it finds nothing `otherwise`
    /// across projects (the SECURITY DEFINER lookup: planned on every call, so kept off the hot path).
    private func lookUp<T: Sendable>(
        _ operation: String, _ scoped: PGBatch, otherwise: @escaping @Sendable () -> PGBatch, project: String,
        decode: @escaping @Sendable ([PGResult]) throws -> T?, completion: @escaping CredentialLookup<T?>
    ) {
        access.read(
            operation, scoped, localSettings: [PGLocalSetting(name: "app.project_id", value: project)], decode: decode
        ) { [access] found in
            guard case .success(nil) = found else { return completion(found) }
            access.read(operation, otherwise(), decode: decode, completion: completion)
        }
    }

    public func hasCredentials(project: String, completion: @escaping CredentialLookup<Bool>) {
        // The scope (row-level security) and the read in one implicit transaction.
        access.read(
            "project_has_any", PGBatch(CredentialStatements.projectHasAny, [project]),
            localSettings: [PGLocalSetting(name: "app.project_id", value: project)]
        ) { results in
            guard let exists = results[0].bool(0, 0) else { throw CorruptCredentialRow() }
            return exists
        } completion: { completion($0) }
    }

    /// Creates an AK/SK credential; the SK is sealed with `keyring`'s current key and returned only here.
    /// - Throws: `CredentialStoreError`.
    public func createAccessKey(project: String, description: String, createdBy: String, keyring: Keyring)
        throws(CredentialStoreError) -> NewAccessKey
    {
        let id = CredentialSecrets.newCredentialID()
        let ak = CredentialSecrets.newAccessKey()
        let sk = CredentialSecrets.newSecretKey()
        guard let sealed = try? keyring.seal(Array(sk.utf8), context: ak) else { throw .internalError }
        try access.run("create_access_key") { connection in
            try connection.transaction { connection in
                _ = try connection.execute(CredentialStatements.scopeToProject, [project])
                _ = try connection.execute(
                    CredentialStatements.insertAccessKey,
                    [project, id, ak, Hex.encode(sealed.nonce), Hex.encode(sealed.ciphertext), sealed.keyID, description, createdBy])
            }
        }
        return NewAccessKey(credentialID: id, projectID: project, accessKey: ak, secretKey: sk)
    }

    /// Creates a token credential valid for `lifetimeSeconds`; the token is returned only here.
    /// - Throws: `CredentialStoreError`.
    public func createToken(project: String, lifetimeSeconds: Int64, description: String, createdBy: String)
        throws(CredentialStoreError) -> NewToken
    {
        let id = CredentialSecrets.newCredentialID()
        let token = CredentialSecrets.newToken()
        let expires = try access.run("create_token") { connection in
            let r = try connection.transaction { connection in
                _ = try connection.execute(CredentialStatements.scopeToProject, [project])
                return try connection.execute(
                    CredentialStatements.insertToken,
                    [project, id, Hex.encode(CredentialSecrets.tokenHash(token)), lifetimeSeconds, description, createdBy])
            }
            guard let millis = r.int64(0, 0) else { throw CorruptCredentialRow() }
            return millis
        }
        return NewToken(credentialID: id, projectID: project, token: token, expiresAtMillis: expires)
    }

    /// Credentials of `project`, or of every project when it is nil (never any secret).
    /// - Throws: `CredentialStoreError`.
    public func list(project: String?) throws(CredentialStoreError) -> [CredentialSummary] {
        try access.run("list") { connection in
            let r = try connection.transaction { connection in
                _ = try connection.execute(CredentialStatements.scopeToProject, [project ?? ""])
                return try connection.execute(CredentialStatements.list, [project])
            }
            return try (0..<r.rowCount).map { row in
                guard let project = r.string(row, 0), let id = r.string(row, 1), let kind = r.string(row, 2),
                    let ak = r.string(row, 3), let description = r.string(row, 4), let created = r.int64(row, 5)
                else { throw CorruptCredentialRow() }
                return CredentialSummary(
                    projectID: project, credentialID: id, kind: kind, accessKey: ak.isEmpty ? nil : ak,
                    description: description, createdAtMillis: created, expiresAtMillis: r.int64(row, 6),
                    revokedAtMillis: r.int64(row, 7), masterKeyID: r.string(row, 8))
            }
        }
    }

    /// Revokes the live credential with this id or AK.
    /// - Returns: its project and id, or nil when no live credential matches.
    /// - Throws: `CredentialStoreError`.
    public func revoke(_ idOrAccessKey: String, revokedBy: String) throws(CredentialStoreError) -> (project: String, credentialID: String)? {
        try access.run("revoke") { connection in
            let r = try connection.execute(CredentialStatements.revoke, [idOrAccessKey, revokedBy])
            guard r.rowCount > 0, let project = r.string(0, 0), let id = r.string(0, 1) else { return nil }
            return (project, id)
        }
    }
}
