import CertOrder
/// The Language Server Protocol 3.17 types the server reads and writes, as `Codable` structs
/// named as the specification names them (only the members the server uses; a client's other
/// members are ignored when decoding, and optional members left `nil` are not written).
package enum LSP {
    /// A zero-based line and a character offset in UTF-16 code units (the protocol's default
    /// position encoding).
    package struct Position: Codable, Hashable, Sendable, Comparable {
        package var line: Int
        package var character: Int
        package init(line: Int, character: Int) {
            self.line = line
            self.character = character
        }
        package static func < (a: Position, b: Position) -> Bool { (a.line, a.character) < (b.line, b.character) }
    }

    package struct Range: Codable, Hashable, Sendable {
        package var start: Position
        package var end: Position
        package init(start: Position, end: Position) {
            self.start = start
            self.end = end
        }
        package func contains(_ position: Position) -> Bool { start <= position && position <= end }
    }

    package struct Location: Codable, Hashable, Sendable {
        package var uri: String
        package var range: Range
    }

    package struct TextDocumentIdentifier: Codable, Hashable, Sendable {
        package var uri: String
    }

    package struct TextDocumentItem: Codable, Sendable {
        package var uri: String
        package var languageId: String?
        package var version: Int?
        package var text: String
    }

    package struct VersionedTextDocumentIdentifier: Codable, Sendable {
        package var uri: String
        package var version: Int?
    }

    package struct DidOpenParams: Codable, Sendable {
        package var textDocument: TextDocumentItem
    }

    /// A change: the whole text (no `range`) or a replacement of `range`.
    package struct ContentChange: Codable, Sendable {
        package var range: Range?
        package var text: String
    }

    package struct DidChangeParams: Codable, Sendable {
        package var textDocument: VersionedTextDocumentIdentifier
        package var contentChanges: [ContentChange]
    }

    package struct DocumentParams: Codable, Sendable {
        package var textDocument: TextDocumentIdentifier
    }

    package struct PositionParams: Codable, Sendable {
        package var textDocument: TextDocumentIdentifier
        package var position: Position
    }

    package struct ReferenceParams: Codable, Sendable {
        package struct Context: Codable, Sendable { package var includeDeclaration: Bool }
        package var textDocument: TextDocumentIdentifier
        package var position: Position
        package var context: Context?
    }

    package struct RenameParams: Codable, Sendable {
        package var textDocument: TextDocumentIdentifier
        package var position: Position
        package var newName: String
    }

    package struct DiagnosticRelatedInformation: Codable, Hashable, Sendable {
        package var location: Location
        package var message: String
    }

    package struct Diagnostic: Codable, Hashable, Sendable {
        package var range: Range
        /// 1 error, 2 warning, 3 information, 4 hint (optional in a client's code action context).
        package var severity: Int?
        /// The diagnostic's ID, once ``LanguageDiagnostic`` carries one (a string or a number
        /// in the protocol; a client echoes it back in a code action's context).
        package var code: JSONValue?
        package var source: String?
        package var message: String
        package var relatedInformation: [DiagnosticRelatedInformation]?
    }

    package struct PublishDiagnosticsParams: Codable, Sendable {
        package var uri: String
        package var version: Int?
        package var diagnostics: [Diagnostic]
    }

    package struct TextEdit: Codable, Hashable, Sendable {
        package var range: Range
        package var newText: String
    }

    package struct MarkupContent: Codable, Hashable, Sendable {
        /// `markdown` or `plaintext`.
        package var kind: String
        package var value: String
    }

    package struct CompletionItem: Codable, Hashable, Sendable {
        package var label: String
        /// 14 keyword, 10 property, 3 function, 20 enum member, 6 variable, 17 file, 12 value.
        package var kind: Int?
        package var detail: String?
        package var documentation: MarkupContent?
        package var textEdit: TextEdit?
        package var sortText: String?
    }

    package struct CompletionList: Codable, Sendable {
        package var isIncomplete: Bool
        package var items: [CompletionItem]
    }

    package struct Hover: Codable, Sendable {
        package var contents: MarkupContent
        package var range: Range?
    }

    package struct DocumentSymbol: Codable, Hashable, Sendable {
        package var name: String
        package var detail: String?
        /// 2 module, 12 function, 13 variable, 23 struct.
        package var kind: Int
        package var range: Range
        package var selectionRange: Range
        package var children: [DocumentSymbol]?
    }

    package struct WorkspaceEdit: Codable, Sendable {
        package var changes: [String: [TextEdit]]
    }

    package struct CodeActionParams: Codable, Sendable {
        package struct Context: Codable, Sendable { package var diagnostics: [Diagnostic] }
        package var textDocument: TextDocumentIdentifier
        package var range: Range
        package var context: Context
    }

    package struct CodeAction: Codable, Sendable {
        package var title: String
        package var kind: String
        package var diagnostics: [Diagnostic]?
        package var isPreferred: Bool?
        package var edit: WorkspaceEdit
    }

    package struct SemanticTokens: Codable, Sendable {
        package var data: [Int]
    }

    /// JSON-RPC error codes the server answers with.
    package enum ErrorCode {
        package static let parseError = -32700
        package static let invalidRequest = -32600
        package static let methodNotFound = -32601
        package static let invalidParams = -32602
        package static let serverNotInitialized = -32002
        package static let requestFailed = -32803
    }
}
