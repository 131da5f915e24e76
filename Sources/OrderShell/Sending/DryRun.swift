import CertCentral
import CertOrder
import Foundation
import OrderJournal
import OrderLanguage

/// `send --dry-run`: what a send would do with each order — place it, skip it (the duplicate
/// guard), or refuse it (blocked) — judged as the send judges it, with nothing sent and nothing
/// journaled. The CLI's `send --dry-run`, the shell's, `run`'s and a piped session's all ask it.
///
/// It reads: the journal (only when it exists; it is never created) for the duplicate guard, and
/// the account's custom fields (one read request, as a send makes, unless `--force`). It never
/// asks for confirmation, since it places nothing.
package struct DryRun {
    /// What a send would do with one order.
    package enum Verdict: Sendable {
        /// It would be sent (and, unless CertCentral refuses it, placed).
        case place
        /// It would be skipped: the same order was placed (or may have been) on this endpoint
        /// in the last 24 hours (the journal's entry), or earlier in the same batch (`nil`).
        case skip(JournalEntry?)
        /// It would be refused before sending: these errors.
        case blocked([Diagnostic])
    }

    /// One order's verdict, with the label it is shown under (`batch.order:12`).
    package struct Line: Sendable {
        package var label: String
        package var product: Product
        package var verdict: Verdict
    }

    package var lines: [Line] = []
    package var endpoint: String

    /// Judges `orders` as a send to the session's endpoint would: leaked keys and (unless
    /// `force`) the validator's errors and the account's required custom fields block; (unless
    /// `allowDuplicate`) the duplicate guard skips.
    package init(_ orders: [(label: String, order: CompiledOrder)], session: OrderSession, force: Bool, allowDuplicate: Bool) async {
        endpoint = session.connection.target.name
        var metadata: [CustomFieldMetadata]?
        if !force {
            metadata = try? await session.connection.client().customFieldMetadata()
        }
        // The journal is read only when it exists: a dry run creates no file.
        let journal = session.journalExists && !allowDuplicate ? try? await session.journal() : nil
        var seen: Set<String> = []
        let validator = Validator()
        for (label, order) in orders {
            var blocking = session.console.redactor.diagnostics(for: order.request)
            if !force {
                blocking += validator.validate(order.request, product: order.product).errors
                for field in metadata.map({ CustomFieldMetadata.missingRequired(in: order.request, metadata: $0) }) ?? [] {
                    blocking.append(Diagnostic(.error, .missing, path: "custom_fields",
                                               "the account requires custom field \(field.id) (\(field.label)); add 'custom_field \(field.id) \"…\"'"))
                }
            }
            let verdict: Verdict
            let digest = OrderJournal.digest(of: OrderSender.canonicalPayload(order.request))
            if !blocking.isEmpty {
                verdict = .blocked(blocking)
            } else if !allowDuplicate, let earlier = try? await journal?.findDuplicate(endpoint: endpoint, payloadDigest: digest) {
                verdict = .skip(earlier)
            } else if !allowDuplicate, seen.contains(digest) {
                verdict = .skip(nil)
            } else {
                verdict = .place
            }
            seen.insert(digest)
            lines.append(Line(label: label, product: order.product, verdict: verdict))
        }
    }

    /// How many orders would be placed, skipped and blocked.
    package var counts: (place: Int, skip: Int, blocked: Int) {
        var counts = (place: 0, skip: 0, blocked: 0)
        for line in lines {
            switch line.verdict {
            case .place: counts.place += 1
            case .skip: counts.skip += 1
            case .blocked: counts.blocked += 1
            }
        }
        return counts
    }

    /// The report: one line per order, then the totals.
    ///
    ///     would place  batch.order:3 (code_signing_ev)
    ///     would skip   batch.order:9 (code_signing_ev): already placed on sandbox as order 112233 (journal #1)
    ///     blocked      batch.order:15 (code_signing_ev): validity_years must be 1, 2 or 3; got 9
    ///     dry run on sandbox: 1 would be placed, 1 skipped, 1 blocked; nothing was sent
    package var report: String {
        var out: [String] = []
        for line in lines {
            let what = "\(line.label) (\(line.product.rawValue))"
            switch line.verdict {
            case .place:
                out.append("would place  \(what)")
            case .skip(let earlier?):
                let how = earlier.orderID.map { "already placed on \(earlier.endpoint) as order \($0)" }
                    ?? "sent to \(earlier.endpoint) with an unknown outcome (run 'reconcile')"
                out.append("would skip   \(what): \(how) (journal #\(earlier.id)); --allow-duplicate places it again")
            case .skip(nil):
                out.append("would skip   \(what): the same order is earlier in this batch")
            case .blocked(let diagnostics):
                out.append("blocked      \(what): \(diagnostics.map(\.message).joined(separator: "; "))")
            }
        }
        let c = counts
        out.append("dry run on \(endpoint): \(c.place) would be placed, \(c.skip) skipped, \(c.blocked) blocked; nothing was sent")
        return out.joined(separator: "\n")
    }

    /// The exit status: 65 when an order would be blocked (the send would refuse it), else 0.
    package var exitStatus: ExitStatus { counts.blocked > 0 ? .dataError : .success }
}
