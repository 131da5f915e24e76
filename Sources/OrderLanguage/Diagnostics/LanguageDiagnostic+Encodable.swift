/// The machine-readable form of a diagnostic: what a JSON report or an editor's language server
/// needs, keyed by the stable ``LanguageDiagnostic/id`` rather than by the wording.
///
/// ```json
/// {"id":"lang.block.unclosed","severity":"error","message":"the block of 'order' is not closed; add '>' to close it",
///  "file":"t.order","line":1,"column":10,"end_line":1,"end_column":11,"notes":[]}
/// ```
///
/// Lines and columns are 1-based and count characters, as the rendered form's; the end is one
/// past the last character. A diagnostic without a place has no `file`, `line` or column keys;
/// `path` is there only for a validator diagnostic. Notes carry their own place the same way.
extension LanguageDiagnostic: Encodable {
    private enum CodingKeys: String, CodingKey {
        case id, severity, message, file, line, column, endLine = "end_line", endColumn = "end_column", path, notes
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(severity.rawValue, forKey: .severity)
        try container.encode(message, forKey: .message)
        if let range {
            let start = range.location, end = range.endLocation
            try container.encode(range.source.name, forKey: .file)
            try container.encode(start.line, forKey: .line)
            try container.encode(start.column, forKey: .column)
            try container.encode(end.line, forKey: .endLine)
            try container.encode(end.column, forKey: .endColumn)
        }
        try container.encodeIfPresent(path, forKey: .path)
        try container.encode(notes, forKey: .notes)
    }
}
