/// Telling a send another run has under way from one whose outcome is unknown.
extension JournalEntry {
    /// Whether another live process is sending this entry right now: it is `sending`, and its
    /// owner is a process other than this one that still runs (``ProcessLiveness``). Its outcome
    /// will be recorded by that process: it is not an unknown outcome to reconcile (issue 13,
    /// finding 12: two batches on one journal blamed each other's sends as unknown, exit 75).
    public var isInFlightElsewhere: Bool {
        // The PostgreSQL store decided it by the owner's lease when it read the entry.
        if let ownerInFlightElsewhere { return ownerInFlightElsewhere }
        guard state == .sending, let owner = ownerPID, owner != ProcessLiveness.currentPID else { return false }
        return ProcessLiveness.isAlive(owner)
    }
}
