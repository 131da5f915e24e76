/// Waits until `condition` holds, looking every `interval` (at most `timeout`); answers whether
/// it held. The one way tests wait for something another task, thread or process does: a
/// condition, never a fixed sleep. The timeout only bounds a failing test; a passing one returns
/// as soon as the condition holds.
public func eventually(
    timeout: Duration = .seconds(10),
    every interval: Duration = .milliseconds(20),
    _ condition: () async throws -> Bool
) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: interval)
    }
    return try await condition()
}
