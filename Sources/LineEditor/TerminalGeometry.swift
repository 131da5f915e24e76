import CEditLine

/// The terminal's size, and where text written to it leaves the cursor: what the editor needs
/// to print completion lists below the line and have libedit redraw the line under them.
enum TerminalGeometry {
    /// A place on the screen, counted from the row and column where the prompt starts.
    struct Position: Equatable {
        var row: Int
        var column: Int
    }

    /// The width used when the terminal does not tell its own.
    static let fallbackColumns = 80

    /// The width in columns of the terminal on `fileDescriptor` (`TIOCGWINSZ`), or 80.
    static func columns(of fileDescriptor: Int32) -> Int {
        let columns = Int(ceditline_terminal_columns(fileDescriptor))
        return columns > 0 ? columns : fallbackColumns
    }

    /// Where the cursor is after `text` is drawn from `start` on a terminal `width` columns wide,
    /// the way libedit draws its line: it moves to the next row when a row is full, a newline
    /// starts a row, a tab goes to the next multiple of 8 and a control character shows as two
    /// columns (`^X`). Other characters count as one column.
    static func position(after text: some StringProtocol, from start: Position, width: Int) -> Position {
        let width = max(1, width)
        var position = start
        for scalar in text.unicodeScalars {
            let columns: Int
            switch scalar.value {
            case 0x0A:
                position = Position(row: position.row + 1, column: 0)
                continue
            case 0x09:
                columns = 8 - position.column % 8
            case 0x00..<0x20, 0x7F:
                columns = 2
            default:
                // A combining mark joins the previous character.
                columns = scalar.properties.generalCategory == .nonspacingMark ? 0 : 1
            }
            position.column += columns
            while position.column >= width {
                position.row += 1
                position.column -= width
            }
        }
        return position
    }
}
