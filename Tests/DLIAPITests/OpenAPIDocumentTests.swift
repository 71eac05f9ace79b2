import Glibc
import DLIAPI
import JSONCodec
import Testing
import TestSupport

/// `openapi/streamjobs.json` stays true: it is a well-formed OpenAPI 3 document, it describes exactly
/// the routes the service serves (`DLIEndpoint.routes`), and it types `is_success` as the contract says.
struct OpenAPIDocumentTests {
    static let path = TestDatabase.repositoryRoot + "/openapi/streamjobs.json"
    static let methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"]

    let document: JSONValue
    init() throws {
        let bytes = try Self.readFile(Self.path)
        document = try JSONParser.parse(bytes, maxDepth: 64)
    }

    /// Every (METHOD, path template) the document describes.
    var documentedRoutes: Set<String> {
        var routes: Set<String> = []
        for (path, item) in document["paths"]?.objectValue ?? JSONObject() {
            for method in Self.methods where item[method] != nil { routes.insert("\(method.uppercased()) \(path)") }
        }
        return routes
    }

    @Test func documentHasTheBasicOpenAPI3Structure() throws {
        #expect(document["openapi"]?.stringValue?.hasPrefix("3.") == true)
        #expect(document["info"]?["title"]?.stringValue?.isEmpty == false)
        #expect(document["info"]?["version"]?.stringValue?.isEmpty == false)
        let paths = try #require(document["paths"]?.objectValue)
        #expect(!paths.isEmpty)
        var operationIDs: Set<String> = []
        for (path, item) in paths {
            #expect(
                path.hasPrefix("/v1.0/{project_id}/streaming/") || path == "/v3/{project_id}/streaming/jobs/{job_id}/gen-graph",
                "\(path)")
            let declared = Self.pathParameterNames(item, document: document)
            for (method, operation) in item.objectValue ?? JSONObject() where Self.methods.contains(method) {
                let where_ = "\(method.uppercased()) \(path)"
                let id = try #require(operation["operationId"]?.stringValue, "\(where_) has no operationId")
                #expect(operationIDs.insert(id).inserted, "duplicate operationId \(id)")
                // Every {parameter} of the template is declared as a path parameter, and nothing else is.
                let names = declared.union(Self.pathParameterNames(operation, document: document))
                #expect(names == Self.templateParameters(path), "\(where_)")
                let responses = try #require(operation["responses"]?.objectValue, "\(where_)")
                #expect(responses["200"]?["content"]?["application/json"]?["schema"] != nil, "\(where_) 200")
                var errors = ["400", "401", "403", "404", "405", "500", "503"]
                if operation["requestBody"] != nil { errors += ["413", "415"] }
                for status in errors {
                    let response = try #require(responses[status], "\(where_) lacks \(status)")
                    let schema = resolve(response)?["content"]?["application/json"]?["schema"]
                    #expect(schema == .object(JSONObject(uniqueKeysWithValues: [("$ref", .string("#/components/schemas/ErrorBody"))])), "\(where_) \(status)")
                }
            }
        }
        let error = try #require(document["components"]?["schemas"]?["ErrorBody"])
        #expect(error["required"] == ["error_code", "error_msg"])
        #expect(error["properties"]?["error_code"]?["type"] == "string" && error["properties"]?["error_msg"]?["type"] == "string")
    }

    @Test func everyReferenceResolves() throws {
        var refs: [String] = []
        Self.collectRefs(document, into: &refs)
        #expect(!refs.isEmpty)
        for ref in refs {
            #expect(resolve(["$ref": .string(ref)]) != nil, "unresolved \(ref)")
        }
    }

    /// gen-graph (v3) and the metrics API answer a boolean too, as the SDK's models say (dli-api.md §6.3).
    @Test func isSuccessIsAStringOnJobAPIsAndABooleanOnTemplateAPIs() throws {
        for (path, item) in document["paths"]?.objectValue ?? JSONObject() {
            for (method, operation) in item.objectValue ?? JSONObject() where Self.methods.contains(method) {
                guard var schema = resolve(operation["responses"]?["200"]?["content"]?["application/json"]?["schema"]) else {
                    Issue.record("\(method) \(path): no 200 schema")
                    continue
                }
                if schema["type"] == "array" {  // batch APIs: a top-level array of envelopes
                    #expect(path.hasSuffix("/run") || path.hasSuffix("/stop") || path.hasSuffix("/delete"), "\(path)")
                    schema = resolve(schema["items"]) ?? .null
                }
                let expected: JSONValue = path.contains("/job-templates") || path.hasPrefix("/v3/") || path.hasSuffix("/jobs/metrics")
                    ? "boolean" : "string"
                #expect(schema["properties"]?["is_success"]?["type"] == expected, "\(method) \(path)")
                #expect(schema["required"]?.arrayValue?.contains("is_success") == true, "\(method) \(path)")
            }
        }
    }

    @Test func checkpointModeIsAnIntegerInRequestsAndAStringInResponses() throws {
        let schemas = try #require(document["components"]?["schemas"])
        for request in ["CreateSqlJobRequest", "UpdateSqlJobRequest", "CreateJarJobRequest", "UpdateJarJobRequest"] {
            #expect(schemas[request]?["properties"]?["checkpoint_mode"]?["type"] == "integer", "\(request)")
        }
        #expect(schemas["JobConfig"]?["properties"]?["checkpoint_mode"]?["type"] == "string")
        for time in ["create_time", "update_time", "start_time", "duration"] {
            #expect(schemas["Job"]?["properties"]?[time]?["format"] == "int64", "\(time)")
        }
    }

    /// The document and the route table describe the same API. Routes still being implemented make this
    /// fail by name until they land.
    @Test func documentDescribesExactlyTheServedRoutes() throws {
        let served = Set(DLIEndpoint.routes.map { "\($0.method) \($0.template.description)" })
        let documented = documentedRoutes
        #expect(documented.subtracting(served).sorted() == [], "documented but not served")
        #expect(served.subtracting(documented).sorted() == [], "served but not documented")
    }

    /// The `Idempotency-Key` extension: the header parameter, marked as an extension, on exactly the
    /// operations of the routes that honour it (``DLIEndpoint/mutates``), each with its 409 and 422.
    @Test func idempotencyKeyIsDocumentedOnExactlyTheMutatingOperations() throws {
        let parameter = try #require(document["components"]?["parameters"]?["IdempotencyKey"])
        #expect(parameter["name"] == "Idempotency-Key" && parameter["in"] == "header")
        #expect(parameter["x-streamjobs-extension"] == .bool(true))
        let reference: JSONValue = ["$ref": "#/components/parameters/IdempotencyKey"]
        for route in DLIEndpoint.routes {
            let path = route.template.description
            let operation = try #require(document["paths"]?[path]?[route.method.lowercased()], "\(path)")
            let declares = operation["parameters"]?.arrayValue?.contains(reference) == true
            #expect(declares == route.endpoint.mutates, "\(route.method) \(path)")
            if route.endpoint.mutates {
                #expect(resolve(operation["responses"]?["409"])?["x-streamjobs-extension"] == .bool(true), "\(path) 409")
                #expect(resolve(operation["responses"]?["422"])?["x-streamjobs-extension"] == .bool(true), "\(path) 422")
            }
        }
    }

    // MARK: - Helpers

    /// Follows `$ref` (local references only) until a value without one.
    func resolve(_ value: JSONValue?) -> JSONValue? {
        var current = value
        var hops = 0
        while let ref = current?["$ref"]?.stringValue, hops < 16 {
            guard ref.hasPrefix("#/") else { return nil }
            current = ref.dropFirst(2).split(separator: "/").reduce(document as JSONValue?) { $0?[String($1)] }
            hops += 1
        }
        return current
    }

    static func pathParameterNames(_ holder: JSONValue, document: JSONValue) -> Set<String> {
        var names: Set<String> = []
        for parameter in holder["parameters"]?.arrayValue ?? [] {
            var p = parameter
            if let ref = p["$ref"]?.stringValue, ref.hasPrefix("#/") {
                p = ref.dropFirst(2).split(separator: "/").reduce(document as JSONValue?) { $0?[String($1)] } ?? .null
            }
            if p["in"] == "path", let name = p["name"]?.stringValue {
                #expect(p["required"] == .bool(true), "path parameter \(name) must be required")
                names.insert(name)
            }
        }
        return names
    }

    static func templateParameters(_ path: String) -> Set<String> {
        Set(path.split(separator: "/").filter { $0.hasPrefix("{") && $0.hasSuffix("}") }.map { String($0.dropFirst().dropLast()) })
    }

    static func collectRefs(_ value: JSONValue, into refs: inout [String]) {
        switch value {
        case .object(let o):
            for (key, member) in o {
                if key == "$ref", let ref = member.stringValue { refs.append(ref) } else { collectRefs(member, into: &refs) }
            }
        case .array(let items):
            for item in items { collectRefs(item, into: &refs) }
        case .null, .bool, .number, .string:
            break
        }
    }

    static func readFile(_ path: String) throws -> [UInt8] {
        guard let file = fopen(path, "rb") else { throw DocumentMissing(path: path) }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&buffer, 1, buffer.count, file)
            if n == 0 { break }
            bytes += buffer[..<n]
        }
        return bytes
    }
}

/// The OpenAPI document is not where the test expects it.
struct DocumentMissing: Error, CustomStringConvertible {
    let path: String
    var description: String { "cannot open \(path)" }
}
