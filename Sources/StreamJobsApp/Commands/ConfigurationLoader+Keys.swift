import ArgumentParser
import Auth

extension ConfigurationLoader {
    /// The master keys from `STREAMJOBS_MASTER_KEY` (and `_PREVIOUS`); prints the problem and exits 2
    /// when the key is missing or malformed (never printing the key).
    static func keyring() throws -> Keyring {
        var env = EnvironmentReader(try environment())
        guard let keyring = AuthConfiguration.readKeyring(&env, required: true), env.problems.isEmpty else {
            for problem in env.problems { Console.error("config: \(problem)") }
            throw ExitCode(2)
        }
        return keyring
    }
}
