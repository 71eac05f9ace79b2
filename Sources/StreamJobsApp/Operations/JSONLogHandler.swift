import Glibc
import JSONCodec
import Logging

/// A swift-log handler writing one JSON object per line to standard error, for log collectors:
/// `{"ts":"2026-01-02T03:04:05.678Z","level":"info","logger":"streamjobs","msg":"listening","http.url":"..."}`.
/// Metadata keys are written as they are (dotted); values as strings. Each line is a single `write(2)`,
/// so lines from different threads do not interleave.
struct JSONLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?
    private let fileDescriptor: Int32

    /// - Parameters:
    ///   - label: the logger's label, written as `logger`.
    ///   - fileDescriptor: where lines go (standard error by default).
    init(label: String, fileDescriptor: Int32 = 2) {
        self.label = label
        self.fileDescriptor = fileDescriptor
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var line = Self.line(event: event, label: label, metadata: mergedMetadata(event.metadata))
        line.append(UInt8(ascii: "\n"))
        line.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = Glibc.write(fileDescriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if n <= 0 { return }
                offset += n
            }
        }
    }

    private func mergedMetadata(_ event: Logger.Metadata?) -> Logger.Metadata {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { $1 } }
        if let event { merged.merge(event) { $1 } }
        return merged
    }

    /// The JSON object for one event (without the newline); keys in a stable order.
    static func line(event: LogEvent, label: String, metadata: Logger.Metadata, now: timespec = .now) -> [UInt8] {
        var writer = JSONWriter(capacity: 256)
        writer.beginObject()
        writer.field("ts", UTCTimestamp.iso8601(now))
        writer.field("level", event.level.rawValue)
        writer.field("logger", label)
        writer.field("msg", event.message.description)
        if let error = event.error { writer.field("error", String(describing: error)) }
        for key in metadata.keys.sorted() where !["ts", "level", "logger", "msg", "error"].contains(key) {
            writer.key(key)
            writer.string(metadata[key]!.description)
        }
        writer.endObject()
        return writer.bytes
    }
}

extension timespec {
    /// The wall-clock time (`CLOCK_REALTIME`).
    static var now: timespec {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return spec
    }
}
