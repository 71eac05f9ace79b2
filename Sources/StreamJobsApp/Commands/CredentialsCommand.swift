import ArgumentParser
import Glibc
import Auth
import JSONCodec
import JobDomain

/// `streamjobs credentials create | list | revoke`: AK/SK and token credentials, each scoped to one project.
struct CredentialsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credentials", abstract: "Create, list or revoke API credentials (AK/SK or tokens).",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an AK/SK (default) or a token for one project; prints the secret once.",
            discussion: "AK/SK creation needs STREAMJOBS_MASTER_KEY (the secret key is stored encrypted under it).")

        @Option(help: "The project the credential may act on.") var project: String
        @Flag(help: "Create an X-Auth-Token bearer token instead of an AK/SK.") var token = false
        @Option(help: "Token lifetime: a duration such as 30m, 24h or 7d, at most 366d.") var ttl = "24h"
        @Option(help: "A note shown by `list` (at most 255 characters).") var description = ""
        @Flag(help: "Print {\"project_id\",\"ak\",\"sk\"} or {\"project_id\",\"token\"} as JSON.") var json = false

        func validate() throws {
            guard ProjectID(project) != nil else { throw ValidationError("--project must be 1 to 64 characters of A-Z, a-z, 0-9, '_' or '-'") }
            guard description.count <= 255 else { throw ValidationError("--description is longer than 255 characters") }
            guard let seconds = DurationText.seconds(ttl), seconds > 0, seconds <= 366 * 86_400 else {
                throw ValidationError("--ttl must be a duration such as 30m, 24h or 7d, at most 366d")
            }
        }

        func run() throws {
            let stores = try AdminStores.open("credentials create")
            defer { stores.pool.close() }
            var w = JSONWriter()
            w.beginObject()
            w.field("project_id", project)
            if token {
                let created = try stores.run("credentials create") { () throws(CredentialStoreError) in
                    try stores.credentials.createToken(
                        project: project, lifetimeSeconds: DurationText.seconds(ttl) ?? 86_400, description: description,
                        createdBy: stores.actor)
                }
                try stores.record(project: project, action: "credentials.create", targets: [created.credentialID])
                w.field("token", created.token)
                w.field("credential_id", created.credentialID)
                w.field("expires_at", created.expiresAtMillis)
                if !json {
                    Console.out("credential \(created.credentialID) for project \(project) (token, expires \(CLITime.rfc3339(millis: created.expiresAtMillis)))")
                    Console.out("token: \(created.token)")
                    Console.out("(shown once; send it as the X-Auth-Token header)")
                }
            } else {
                let keyring = try ConfigurationLoader.keyring()
                try Self.requireMatchingMasterKey(keyring, stores)
                let created = try stores.run("credentials create") { () throws(CredentialStoreError) in
                    try stores.credentials.createAccessKey(
                        project: project, description: description, createdBy: stores.actor, keyring: keyring)
                }
                try stores.record(project: project, action: "credentials.create", targets: [created.credentialID])
                w.field("ak", created.accessKey)
                w.field("sk", created.secretKey)
                w.field("credential_id", created.credentialID)
                if !json {
                    Console.out("credential \(created.credentialID) for project \(project) (AK/SK)")
                    Console.out("AK: \(created.accessKey)")
                    Console.out("SK: \(created.secretKey)")
                    Console.out("(the SK is shown once)")
                }
            }
            w.endObject()
            if json { Console.out(String(decoding: w.bytes, as: UTF8.self)) }
        }

        /// Exits 2 when live AK/SK credentials exist and none is sealed under a key of `keyring`: a secret
        /// sealed under another key than the service's could never be opened. Names key ids, never keys.
        private static func requireMatchingMasterKey(_ keyring: Keyring, _ stores: AdminStores) throws {
            let stored = try stores.run("credentials create") { () throws(CredentialStoreError) in
                try stores.credentials.liveAccessKeyMasterKeyIDs()
            }
            guard !stored.isEmpty, Set(stored).isDisjoint(with: keyring.keyIDs) else { return }
            Console.error(
                "credentials create: the live AK/SK credentials are sealed under master key id(s) "
                    + "\(stored.joined(separator: ", ")), but STREAMJOBS_MASTER_KEY has id \(keyring.current.id)"
                    + (keyring.keyIDs.count > 1 ? " (previous: \(keyring.keyIDs.dropFirst().joined(separator: ", ")))" : "")
                    + ": the service could not open a secret sealed under it. Use the service's master key, or rotate "
                    + "(the new key in STREAMJOBS_MASTER_KEY, the old one in STREAMJOBS_MASTER_KEY_PREVIOUS)")
            throw ExitCode(2)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List credentials (never their secrets).")
        @Option(help: "Only this project's credentials.") var project: String?
        @Flag(help: "Print a JSON array.") var json = false

        func run() throws {
            let stores = try AdminStores.open("credentials list")
            defer { stores.pool.close() }
            let all = try stores.run("credentials list") { () throws(CredentialStoreError) in try stores.credentials.list(project: project) }
            if json {
                var w = JSONWriter()
                w.beginArray()
                for c in all {
                    w.beginObject()
                    w.field("project_id", c.projectID)
                    w.field("credential_id", c.credentialID)
                    w.field("kind", c.kind)
                    w.field("ak", c.accessKey)
                    w.field("description", c.description)
                    w.field("created_at", c.createdAtMillis)
                    w.field("expires_at", c.expiresAtMillis)
                    w.field("revoked_at", c.revokedAtMillis)
                    w.field("master_key_id", c.masterKeyID)
                    w.endObject()
                }
                w.endArray()
                Console.out(String(decoding: w.bytes, as: UTF8.self))
                return
            }
            for c in all {
                let state = c.revokedAtMillis.map { "revoked \(CLITime.rfc3339(millis: $0))" }
                    ?? c.expiresAtMillis.map { "expires \(CLITime.rfc3339(millis: $0))" } ?? "active"
                Console.out(
                    "\(c.projectID)  \(c.credentialID)  \(c.kind)  \(c.accessKey ?? "-")  created \(CLITime.rfc3339(millis: c.createdAtMillis))  \(state)  \(c.description)")
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a credential by id or AK; no instance accepts it once this returns.",
            discussion: """
                Every instance drops its cached credentials as soon as PostgreSQL delivers the change \
                (milliseconds). An instance that did not hear it stops believing its cache within \
                \(CredentialCache.Limits().staleAfter); this command waits that long after the commit, \
                unless --no-wait.
                """)
        @Argument(help: "The credential id (cred-…) or the AK.") var credential: String
        @Flag(help: "Return at the commit, without waiting for instances that may not have heard of it.")
        var noWait = false

        func run() throws {
            let stores = try AdminStores.open("credentials revoke")
            defer { stores.pool.close() }
            let revoked = try stores.run("credentials revoke") { () throws(CredentialStoreError) in
                try stores.credentials.revoke(credential, revokedBy: stores.actor)
            }
            guard let revoked else {
                Console.error("credentials revoke: no active credential \(credential.prefix(64))")
                throw ExitCode(1)
            }
            let committed = ContinuousClock.now
            try stores.record(project: revoked.project, action: "credentials.revoke", targets: [revoked.credentialID])
            if !noWait { Self.sleep(until: committed.advanced(by: CredentialCache.Limits().staleAfter)) }
            Console.out("revoked \(revoked.credentialID) (project \(revoked.project))")
        }

        /// Sleeps on this (CLI) thread until `deadline`.
        private static func sleep(until deadline: ContinuousClock.Instant) {
            while case let left = deadline - ContinuousClock.now, left > .zero {
                let micros = left.components.seconds * 1_000_000 + left.components.attoseconds / 1_000_000_000_000
                usleep(UInt32(clamping: micros))
            }
        }
    }
}
