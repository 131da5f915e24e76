import Foundation

/// Counts the bytes the scanner reads while it is installed for a task
/// (``ScriptScanner/meter``): a step counter for tests that must show an input is read a bounded
/// number of times (the shell reading a 5,000-line entry), without timing anything.
package final class ScanMeter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    package init() {}

    /// The bytes scanned so far.
    package var bytes: Int { lock.withLock { count } }

    func add(_ bytes: Int) { lock.withLock { count += bytes } }
}
