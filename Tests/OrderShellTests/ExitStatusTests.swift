import OrderShell
// Testing has an ExitStatus of its own (exit tests); this one is certorder's.
import enum OrderShell.ExitStatus
import Testing

/// The one rule for the exit status of several outcomes (a session's failures, a batch's
/// orders): ``ExitStatus/combine(_:_:)``, which `OrderSession` and `certorder send` both call.
@Suite("Exit status of several outcomes")
struct ExitStatusTests {
    /// first, second → combined: what a retry cannot fix outranks what it may.
    static let table: [(ExitStatus, ExitStatus, ExitStatus)] = [
        (.success, .success, .success),
        (.success, .dataError, .dataError),
        (.dataError, .success, .dataError),
        (.dataError, .temporaryFailure, .dataError),
        (.temporaryFailure, .dataError, .dataError),
        (.dataError, .unavailable, .dataError),
        (.unavailable, .dataError, .dataError),
        (.unavailable, .temporaryFailure, .unavailable),
        (.temporaryFailure, .unavailable, .unavailable),
        (.usage, .dataError, .usage),
        (.dataError, .usage, .usage),
        (.software, .usage, .software),
        (.temporaryFailure, .software, .software),
        (.interrupted, .software, .interrupted),
        (.dataError, .interrupted, .interrupted),
    ]

    @Test(arguments: 0..<table.count)
    func pairs(row: Int) {
        let (first, second, combined) = Self.table[row]
        #expect(ExitStatus.combine(first, second) == combined, "\(first) + \(second)")
    }

    /// The order outcomes arrive in never matters (a session used to keep whichever of 65 and 69
    /// came first), and success changes nothing.
    @Test func commutativeAssociativeWithSuccessAsIdentity() {
        for a in ExitStatus.allCases {
            #expect(ExitStatus.combine(a, .success) == a)
            for b in ExitStatus.allCases {
                #expect(ExitStatus.combine(a, b) == ExitStatus.combine(b, a))
                for c in ExitStatus.allCases {
                    #expect(ExitStatus.combine(ExitStatus.combine(a, b), c) == ExitStatus.combine(a, ExitStatus.combine(b, c)))
                }
            }
        }
    }

    @Test func sequences() {
        #expect(ExitStatus.combine([]) == .success)
        #expect(ExitStatus.combine([.success, .temporaryFailure, .success]) == .temporaryFailure)
        // A batch: one order refused, one rate-limited, one unreachable → fix the refused one first.
        #expect(ExitStatus.combine([.temporaryFailure, .dataError, .unavailable]) == .dataError)
    }
}
