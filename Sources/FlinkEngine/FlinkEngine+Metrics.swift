import Foundation
import JSONCodec
import JobDomain

// Source and sink counters of a job (`POST …/jobs/metrics`).
extension FlinkEngine {
    /// Reads operator-scope metrics, so that chained operators count too: `GET /jobs/{id}` for the vertices,
    /// then per vertex the metric names it has and their sums over its subtasks. Source operators are the
    /// ones Flink names `Source: …` (`Source__…` in metric names): records = `numRecordsOut`, rate =
    /// `numRecordsOutPerSecond`. Sink operators are `Sink: …` and SinkV2 writers (`…: Writer`): records =
    /// `numRecordsIn`, rate = `numRecordsInPerSecond`, corrupted = `numRecordsSendErrors` (where the
    /// connector counts it).
    public func metrics(of id: EngineJobID) throws(EngineError) -> EngineJobMetrics {
        let details = try job(id)
        var result = EngineJobMetrics.none
        for vertex in details["vertices"]?.arrayValue ?? [] {
            guard let vertexID = vertex["id"]?.stringValue else { continue }
            let base = "/jobs/\(id.rawValue)/vertices/\(vertexID)/subtasks/metrics"
            let names = try metricSums(base).keys
            let sources = Set(names.compactMap { Self.operatorName($0, metric: "numRecordsOut") }.filter { $0.hasPrefix("Source__") })
            let sinks = Set(names.compactMap { Self.operatorName($0, metric: "numRecordsIn") }.filter(Self.isSink))
            if sources.isEmpty && sinks.isEmpty { continue }
            var wanted: [String] = []
            for op in sources.sorted() { wanted += ["\(op).numRecordsOut", "\(op).numRecordsOutPerSecond"] }
            for op in sinks.sorted() {
                wanted += ["\(op).numRecordsIn", "\(op).numRecordsInPerSecond"]
                if names.contains("\(op).numRecordsSendErrors") { wanted.append("\(op).numRecordsSendErrors") }
            }
            let sums = try metricSums(base + "?agg=sum&get=" + wanted.map(Self.queryEncoded).joined(separator: ","))
            for op in sources.sorted() {
                result.sources.append(
                    EngineOperatorCount(name: Self.displayName(op), records: Int64(sums["\(op).numRecordsOut"] ?? 0), corruptedRecords: 0))
                result.totalReadRate += sums["\(op).numRecordsOutPerSecond"] ?? 0
            }
            for op in sinks.sorted() {
                result.sinks.append(
                    EngineOperatorCount(
                        name: Self.displayName(op), records: Int64(sums["\(op).numRecordsIn"] ?? 0),
                        corruptedRecords: Int64(sums["\(op).numRecordsSendErrors"] ?? 0)))
                result.totalWriteRate += sums["\(op).numRecordsInPerSecond"] ?? 0
            }
        }
        return result
    }

    /// `GET <path>` of a vertex's subtask metrics: metric id → its `sum` (0 when the listing has no values).
    private func metricSums(_ path: String) throws(EngineError) -> [String: Double] {
        let response = try http.send("GET", path, timeout: timeout)
        switch response.status {
        case 200:
            guard let items = (try? JSONParser.parse(response.body, maxDepth: 16))?.arrayValue else {
                throw .protocolError("vertex metrics are not a JSON array")
            }
            var sums: [String: Double] = [:]
            for item in items {
                guard let name = item["id"]?.stringValue else { continue }
                sums[name] = item["sum"]?.doubleValue ?? 0
            }
            return sums
        case 404: throw .notFound
        default: throw .protocolError("GET vertex metrics answered \(response.status)")
        }
    }

    /// `Source__src[1]` for `Source__src[1].numRecordsOut` and `numRecordsOut`; nil for other metrics and for
    /// the task's own (unprefixed) counters.
    static func operatorName(_ metricID: String, metric: String) -> String? {
        guard metricID.hasSuffix("." + metric) else { return nil }
        return String(metricID.dropLast(metric.count + 1))
    }

    /// Sink operators by Flink's naming: `Sink: …` (a SinkFunction) or `…: Writer` (a SinkV2 writer).
    static func isSink(_ operatorName: String) -> Bool {
        operatorName.hasPrefix("Sink__") || operatorName.hasSuffix("__Writer")
    }

    /// Flink's operator name as it shows it elsewhere (`Source: src[1]`): metric names write `: ` as `__`.
    static func displayName(_ operatorName: String) -> String {
        operatorName.replacingOccurrences(of: "__", with: ": ")
    }

    static func queryEncoded(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
