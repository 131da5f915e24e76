/// What one read of a line gave.
package enum LineEditorReadResult: Equatable, Sendable {
    /// A line, without its line terminator. A multi-line history entry recalled and accepted in
    /// the editor comes back as one line containing `"\n"`.
    case line(String)
    /// Ctrl-C: the line being edited was dropped; the session goes on.
    case interrupted
    /// Ctrl-D on an empty line, or the end of the input.
    case endOfInput
}
