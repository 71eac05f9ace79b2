/// The parsed `Authorization` header of an AK/SK-signed request:
/// `SDK-HMAC-SHA256 Access=<AK>, SignedHeaders=<h1;h2;…>, Signature=<64 hex>` (dli-api.md §6.2).
public struct SDKAuthorization: Sendable, Equatable {
    /// The only algorithm accepted.
    public static let algorithm = "SDK-HMAC-SHA256"

    public let accessKey: String
    /// Lower-case header names, in the order the client listed them.
    public let signedHeaders: [String]
    /// The signature as sent (hex).
    public let signature: String

    /// Parses the header value, or `nil` when it is not an `SDK-HMAC-SHA256` authorization with all
    /// three parts (other SDK algorithms such as SM3 or derived AK/SK are not supported).
    public init?(_ value: String) {
        let trimmed = value.trimmingSpaces
        guard trimmed.hasPrefix(Self.algorithm + " ") else { return nil }
        var fields: [String: String] = [:]
        for part in trimmed.dropFirst(Self.algorithm.count + 1).split(separator: ",") {
            let item = String(part).trimmingSpaces
            guard let eq = item.firstIndex(of: "=") else { return nil }
            let key = String(item[..<eq])
            guard fields[key] == nil else { return nil }
            fields[key] = String(item[item.index(after: eq)...]).trimmingSpaces
        }
        guard fields.count == 3, let access = fields["Access"], let signed = fields["SignedHeaders"],
            let signature = fields["Signature"], !access.isEmpty, !signed.isEmpty, !signature.isEmpty
        else { return nil }
        let names = signed.split(separator: ";", omittingEmptySubsequences: false).map { String($0) }
        guard names.allSatisfy({ !$0.isEmpty && $0 == $0.lowercased() }) else { return nil }
        accessKey = String(access)
        signedHeaders = names
        self.signature = String(signature)
    }
}
