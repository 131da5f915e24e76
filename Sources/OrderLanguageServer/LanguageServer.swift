import CertOrder
import Foundation
import OrderLanguage

/// `certorder lsp`: the order language's Language Server Protocol 3.17 server. One actor holds
/// the open documents; messages are handled one at a time in the order they arrive (so a
/// completion asked after a change sees the change). Diagnostics come from the ``Compiler``
/// exactly as `certorder check` reports them; completion, hover, formatting and the rest read the
/// same tables the shell does.
///
/// Compiling runs beside the message loop, one analysis per document at a time, each keeping
/// the work of the last (``DocumentAnalyzer``): requests are answered while a large script
/// compiles, and a change arriving meanwhile cancels the analysis in flight (it stops within a
/// few thousand evaluation steps and publishes nothing), then the latest text is analysed. So
/// only the latest version's diagnostics are published, each with its version.
///
/// A document includes others through their files; one that is open is read as the editor has
/// it, saved or not, and a change to it analyses the documents that read it again.
///
/// It never sends an order and never reads the API key: the compiler evaluates scripts without a
/// command handler, so `send` and the other commands are reported and skipped, never run.
package actor LanguageServer {
    /// Writes one message body (the transport frames it).
    private let send: @Sendable (Data) -> Void
    private var documents: [String: Document] = [:]
    private var initialized = false
    private var shutdownRequested = false
    /// Each open document's analyzer, which keeps work between its versions.
    private var analyzers: [String: DocumentAnalyzer] = [:]
    /// The analysis in flight for each document, and the documents changed since theirs started.
    private var running: [String: Task<Void, Never>] = [:]
    private var stale: Set<String> = []
    /// The files each document's last analysis read, by path: a change to an open one of them
    /// analyses the document again.
    private var filesRead: [String: Set<String>] = [:]

    package init(send: @escaping @Sendable (Data) -> Void) {
        self.send = send
    }

    /// Serves messages until `exit` or the end of input; the exit status: 0 after `shutdown`,
    /// 1 otherwise (as the protocol asks).
    package static func serve(_ transport: StdioTransport) async -> Int32 {
        let server = LanguageServer(send: { transport.send($0) })
        for await body in transport.messages() {
            if let status = await server.handle(body) { return status }
        }
        return await server.shutdownRequested ? 0 : 1
    }

    // MARK: - Dispatch

    /// Handles one message body; the exit status once the message is `exit`, else `nil`.
    package func handle(_ body: Data) async -> Int32? {
        let message: JSONValue
        do {
            message = try JSONDecoder().decode(JSONValue.self, from: body)
        } catch {
            reply(id: .null, error: LSP.ErrorCode.parseError, "the message is not JSON")
            return nil
        }
        guard case .string(let method)? = message["method"] else { return nil }  // a response to us: none are asked
        let id = message["id"]
        let params = message["params"] ?? .null
        if method == "exit" { return shutdownRequested ? 0 : 1 }
        guard let id else {
            await notification(method, params)
            return nil
        }
        guard initialized || method == "initialize" else {
            reply(id: id, error: LSP.ErrorCode.serverNotInitialized, "initialize first")
            return nil
        }
        do {
            let result = try await request(method, params)
            reply(id: id, result: result)
        } catch let failure as RequestFailure {
            reply(id: id, error: failure.code, failure.message)
        } catch {
            reply(id: id, error: LSP.ErrorCode.invalidParams, "invalid params for \(method): \(error)")
        }
        return nil
    }

    private struct RequestFailure: Error {
        var code: Int
        var message: String
    }

    private func request(_ method: String, _ params: JSONValue) async throws -> JSONValue {
        switch method {
        case "initialize":
            initialized = true
            return Self.capabilities
        case "shutdown":
            shutdownRequested = true
            return .null
        case "textDocument/completion":
            let p = try params.decode(LSP.PositionParams.self)
            let items = try document(p.textDocument).map { CompletionProvider(document: $0).items(at: p.position) } ?? []
            return try encode(LSP.CompletionList(isIncomplete: false, items: items))
        case "textDocument/hover":
            let p = try params.decode(LSP.PositionParams.self)
            return try encode(try document(p.textDocument).flatMap { HoverProvider(document: $0).hover(at: p.position) })
        case "textDocument/formatting":
            let p = try params.decode(LSP.DocumentParams.self)
            guard let document = try document(p.textDocument) else { return .null }
            return try encode(Navigator(document: document).formatting())
        case "textDocument/documentSymbol":
            let p = try params.decode(LSP.DocumentParams.self)
            return try encode(try document(p.textDocument).map { Navigator(document: $0).symbols() } ?? [])
        case "textDocument/definition":
            let p = try params.decode(LSP.PositionParams.self)
            return try encode(try document(p.textDocument).flatMap { Navigator(document: $0).definition(at: p.position) })
        case "textDocument/references":
            let p = try params.decode(LSP.ReferenceParams.self)
            return try encode(try document(p.textDocument).map {
                Navigator(document: $0).references(at: p.position, includeDeclaration: p.context?.includeDeclaration ?? true)
            } ?? [])
        case "textDocument/rename":
            let p = try params.decode(LSP.RenameParams.self)
            guard let document = try document(p.textDocument) else { return .null }
            guard Interpreter.isValidName(p.newName) else {
                throw RequestFailure(code: LSP.ErrorCode.requestFailed, message: "'\(p.newName)' is not a name: letters, digits and _, not starting with a digit")
            }
            return try encode(Navigator(document: document).rename(at: p.position, to: p.newName))
        case "textDocument/codeAction":
            let p = try params.decode(LSP.CodeActionParams.self)
            return try encode(try document(p.textDocument).map { Navigator(document: $0).quickFixes(for: p.context.diagnostics) } ?? [])
        case "textDocument/semanticTokens/full":
            let p = try params.decode(LSP.DocumentParams.self)
            return try encode(LSP.SemanticTokens(data: try document(p.textDocument).map { SemanticTokenizer(document: $0).encode() } ?? []))
        default:
            throw RequestFailure(code: LSP.ErrorCode.methodNotFound, message: "no method \(method)")
        }
    }

    private func notification(_ method: String, _ params: JSONValue) async {
        do {
            switch method {
            case "textDocument/didOpen":
                let p = try params.decode(LSP.DidOpenParams.self)
                let document = Document(uri: p.textDocument.uri, version: p.textDocument.version, text: p.textDocument.text)
                documents[document.uri] = document
                schedule(document.uri)
                scheduleReaders(of: document.uri)
            case "textDocument/didChange":
                let p = try params.decode(LSP.DidChangeParams.self)
                guard let old = documents[p.textDocument.uri] else { return }
                let document = Document(uri: old.uri, version: p.textDocument.version ?? old.version,
                                        text: Document.applying(p.contentChanges, to: old.text))
                documents[document.uri] = document
                schedule(document.uri)
                scheduleReaders(of: document.uri)
            case "textDocument/didSave":
                // Other documents read this one's buffer while it is open, so a save changes nothing
                // for them, unless the editor sent no change before it: they are analysed again.
                let p = try params.decode(LSP.DocumentParams.self)
                let saved = Document.fileURL(of: p.textDocument.uri)
                for document in documents.values.sorted(by: { $0.uri < $1.uri })
                where document.uri != p.textDocument.uri && document.symbols.includes.contains(where: { $0.url == saved }) {
                    schedule(document.uri)
                }
            case "textDocument/didClose":
                let p = try params.decode(LSP.DocumentParams.self)
                let uri = p.textDocument.uri
                documents[uri] = nil
                running[uri]?.cancel()
                analyzers[uri] = nil
                filesRead[uri] = nil
                notify("textDocument/publishDiagnostics", LSP.PublishDiagnosticsParams(uri: uri, version: nil, diagnostics: []))
                // Those that included its buffer read the file on disk now.
                scheduleReaders(of: uri)
            default:
                break  // `initialized`, `$/cancelRequest`, `workspace/didChangeConfiguration`: nothing to do
            }
        } catch {
            // A notification has no reply; a malformed one is dropped.
        }
    }

    // MARK: - Diagnostics

    /// The diagnostics of a document, as `certorder check` finds them (compiled from scratch).
    package static func diagnostics(of document: Document) async -> [LSP.Diagnostic] {
        let compilation = await Compiler().compile(document.source)
        return DiagnosticConverter(document: document).convert(compilation.diagnostics)
    }

    /// Analyses a document and publishes its diagnostics: now, or when an analysis of it is in
    /// flight, once that one (cancelled: its text is stale) has stopped.
    private func schedule(_ uri: String) {
        if let task = running[uri] {
            task.cancel()
            stale.insert(uri)
            return
        }
        start(uri)
    }

    /// Analyses again the other open documents that read the file of `uri` (by `include`, `@`
    /// or `csv`), whose text there just changed, opened or closed.
    private func scheduleReaders(of uri: String) {
        guard let url = Document.fileURL(of: uri) else { return }
        // The files its last published analysis read, or (before one was published) the files
        // its `include`s name.
        for reader in documents.values.sorted(by: { $0.uri < $1.uri }) where reader.uri != uri {
            if filesRead[reader.uri]?.contains(url.path) == true || reader.symbols.includes.contains(where: { $0.url == url }) {
                schedule(reader.uri)
            }
        }
    }

    private func start(_ uri: String) {
        guard let document = documents[uri] else { return }
        let analyzer = analyzers[uri] ?? DocumentAnalyzer()
        analyzers[uri] = analyzer
        // The other open documents' buffers stand for their files.
        var overlay: [String: String] = [:]
        for other in documents.values where other.uri != uri {
            if let path = Document.fileURL(of: other.uri)?.path { overlay[path] = other.text }
        }
        running[uri] = Task {
            let outcome = await analyzer.analyze(document, overlay: overlay)
            self.finished(uri, document, outcome)
        }
    }

    private func finished(_ uri: String, _ document: Document, _ outcome: DocumentAnalyzer.Outcome?) {
        running[uri] = nil
        if stale.remove(uri) != nil {
            start(uri)
            return
        }
        // Closed meanwhile, or cancelled: nothing to say of this text.
        guard let outcome, let current = documents[uri], current.version == document.version, current.text == document.text else { return }
        filesRead[uri] = outcome.files
        notify("textDocument/publishDiagnostics", LSP.PublishDiagnosticsParams(uri: uri, version: document.version, diagnostics: outcome.diagnostics))
    }

    // MARK: - Messages

    private func document(_ identifier: LSP.TextDocumentIdentifier) throws -> Document? {
        documents[identifier.uri]
    }

    private func encode<T: Encodable>(_ value: T) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value))
    }

    private func reply(id: JSONValue, result: JSONValue) {
        send(Data("{\"jsonrpc\":\"2.0\",\"id\":\(id.json),\"result\":\(result.json)}".utf8))
    }

    private func reply(id: JSONValue, error code: Int, _ message: String) {
        let error = JSONValue.object(["code": .integer(Int64(code)), "message": .string(message)])
        send(Data("{\"jsonrpc\":\"2.0\",\"id\":\(id.json),\"error\":\(error.json)}".utf8))
    }

    private func notify<T: Encodable>(_ method: String, _ params: T) {
        guard let params = try? encode(params) else { return }
        send(Data("{\"jsonrpc\":\"2.0\",\"method\":\(JSONValue.string(method).json),\"params\":\(params.json)}".utf8))
    }

    /// What the server does, for `initialize`.
    static let capabilities: JSONValue = .object([
        "capabilities": .object([
            "positionEncoding": .string("utf-16"),
            "textDocumentSync": .object(["openClose": .bool(true), "change": .integer(2), "save": .object(["includeText": .bool(false)])]),
            "completionProvider": .object(["triggerCharacters": .array([" ", "$", "<", "@", "(", "\""].map(JSONValue.string))]),
            "hoverProvider": .bool(true),
            "definitionProvider": .bool(true),
            "referencesProvider": .bool(true),
            "renameProvider": .bool(true),
            "documentSymbolProvider": .bool(true),
            "documentFormattingProvider": .bool(true),
            "codeActionProvider": .object(["codeActionKinds": .array([.string("quickfix")])]),
            "semanticTokensProvider": .object([
                "legend": .object(["tokenTypes": .array(SemanticTokenizer.tokenTypes.map(JSONValue.string)), "tokenModifiers": .array([])]),
                "full": .bool(true),
            ]),
        ]),
        "serverInfo": .object(["name": .string("certorder")]),
    ])
}
