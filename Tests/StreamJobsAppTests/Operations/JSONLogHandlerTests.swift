import Glibc
import Logging
import Testing

@testable import StreamJobsApp

@Suite struct JSONLogHandlerTests {
    @Test func oneObjectPerLineWithDottedMetadataKeys() {
        let event = LogEvent(
            level: .notice, message: "listening", metadata: nil, source: "StreamJobsApp", file: #fileID,
            function: #function, line: #line)
        let line = JSONLogHandler.line(
            event: event, label: "streamjobs",
            metadata: ["http.url": "http://127.0.0.1:8080", "request.id": "r-1", "msg": "ignored", "quote": "a\"b\n"],
            now: timespec(tv_sec: 1_767_323_045, tv_nsec: 678_000_000))
        #expect(
            String(decoding: line, as: UTF8.self)
                == #"{"ts":"2026-01-02T03:04:05.678Z","level":"notice","logger":"streamjobs","msg":"listening","http.url":"http://127.0.0.1:8080","quote":"a\"b\n","request.id":"r-1"}"#
        )
    }

    @Test func autoFormatResolvesToJSONWhenStandardErrorIsNotATerminal() {
        #expect(LogFormat.json.resolved == .json)
        #expect(LogFormat.text.resolved == .text)
        #expect(LogFormat.auto.resolved == (isatty(2) == 1 ? .text : .json))
    }
}
