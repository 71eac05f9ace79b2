import Foundation
import TestSupport

/// The installed artefact the install test runs: `STREAMJOBS_TEST_INSTALLED_PREFIX`, a prefix made by
/// `scripts/install --prefix` and then copied elsewhere (scripts/test does both). Skipped locally without
/// it, failing (not skipped) in CI, where `CI` is set.
enum InstalledArtefact {
    static let prefixVariable = "STREAMJOBS_TEST_INSTALLED_PREFIX"

    static var isConfigured: Bool {
        ProcessInfo.processInfo.environment[prefixVariable].map { !$0.isEmpty } == true
            || ProcessInfo.processInfo.environment["CI"] != nil
    }

    /// The prefix, checked to hold an executable `bin/streamjobs` and to lie outside the checkout.
    static func prefix() throws -> String {
        guard let prefix = ProcessInfo.processInfo.environment[prefixVariable], !prefix.isEmpty else {
            throw FlinkTestError(
                message: "\(prefixVariable) is not set; run ./scripts/test (it installs into a temporary prefix and copies it)")
        }
        guard access(prefix + "/bin/streamjobs", X_OK) == 0 else {
            throw FlinkTestError(message: "\(prefixVariable)=\(prefix): no executable bin/streamjobs in it")
        }
        guard !(prefix + "/").hasPrefix(TestDatabase.repositoryRoot + "/") else {
            throw FlinkTestError(message: "\(prefixVariable)=\(prefix) is inside the checkout; the test runs an install copied elsewhere")
        }
        return prefix
    }
}
