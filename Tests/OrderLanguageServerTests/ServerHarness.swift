import CertOrder
import Foundation
import OrderLanguageServer
import Synchronization
import TestSupport

/// A ``LanguageServer`` driven in process: requests go to ``LanguageServer/handle(_:)`` and
/// everything it sends is kept, so a test reads the replies and notifications as a client would.
final class ServerHarness: Sendable {
    /// What the server sent, in order.
    private final class Outbox: Sendable {
        let messages = Mutex<[JSONValue]>([])
    }

    private let outbox = Outbox()
    let server: LanguageServer
    private let nextID = Mutex(0)

    init() {
        let outbox = self.outbox
        server = LanguageServer(send: { body in
            let message = (try? JSONDecoder().decode(JSONValue.self, from: body)) ?? .null
            outbox.messages.withLock { $0.append(message) }
        })
    }

    /// Everything sent so far.
    var messages: [JSONValue] { outbox.messages.withLock { $0 } }

    /// Sends a notification; the exit status if it was `exit`.
    @discardableResult
    func notify(_ method: String, _ params: JSONValue = .null) async -> Int32? {
        await server.handle(Self.body(["jsonrpc": .string("2.0"), "method": .string(method), "params": params]))
    }

    /// Sends a request and returns its reply (`result` or `error`).
    func request(_ method: String, _ params: JSONValue = .null) async -> JSONValue {
        let id = nextID.withLock { $0 += 1; return $0 }
        _ = await server.handle(Self.body(["jsonrpc": .string("2.0"), "id": .integer(Int64(id)), "method": .string(method), "params": params]))
        return messages.last { $0["id"] == .integer(Int64(id)) } ?? .null
    }

    /// The diagnostics published for version `version` of `uri`, once they are (the server
    /// compiles beside its message loop); `nil` when none come.
    func diagnostics(for uri: String, version: Int = 1) async -> [JSONValue]? {
        func published() -> [JSONValue]? {
            let message = messages.last {
                $0["method"] == .string("textDocument/publishDiagnostics") && $0["params"]?["uri"] == .string(uri)
                    && $0["params"]?["version"] == .integer(Int64(version))
            }
            guard case .array(let list)? = message?["params"]?["diagnostics"] else { return nil }
            return list
        }
        _ = await eventually { published() != nil }
        return published()
    }

    /// An initialized server with `text` open as `uri`.
    static func open(_ text: String, uri: String = "file:///tmp/lsp-tests/doc.order") async -> ServerHarness {
        let harness = ServerHarness()
        _ = await harness.request("initialize", .object(["capabilities": .object([:])]))
        await harness.notify("initialized", .object([:]))
        await harness.notify("textDocument/didOpen", .object(["textDocument": .object([
            "uri": .string(uri), "languageId": .string("certorder"), "version": .integer(1), "text": .string(text),
        ])]))
        return harness
    }

    static func body(_ members: [String: JSONValue]) -> Data { Data(JSONValue.object(members).json.utf8) }

    static func position(_ uri: String, _ line: Int, _ character: Int) -> JSONValue {
        .object(["textDocument": .object(["uri": .string(uri)]), "position": .object(["line": .integer(Int64(line)), "character": .integer(Int64(character))])])
    }

    static func document(_ uri: String) -> JSONValue { .object(["textDocument": .object(["uri": .string(uri)])]) }
}

extension JSONValue {
    /// `line:character-line:character` of an LSP range.
    var rangeText: String {
        func n(_ v: JSONValue?) -> Int { if case .integer(let d)? = v { return Int(d) }; return -1 }
        return "\(n(self["start"]?["line"])):\(n(self["start"]?["character"]))-\(n(self["end"]?["line"])):\(n(self["end"]?["character"]))"
    }

    var stringValue: String? { if case .string(let s) = self { return s }; return nil }

    var arrayValue: [JSONValue] { if case .array(let a) = self { return a }; return [] }
}
