import CertOrder
import Foundation

/// What `apply` would do: one ``PlanAction`` per order of the scripts, as `plan` shows it.
package struct Plan: Sendable {
    package var actions: [PlanAction]
    /// Where the plan was made for.
    package var endpoint: String
    /// The Services API calls reading the account took.
    package var apiCalls: Int
    /// Whether `apply` must look each order to place up by its name first (the account's order
    /// list carried no alternative ids, so absence from it proves nothing).
    package var verifyBeforePlacing: Bool

    package init(actions: [PlanAction], endpoint: String, apiCalls: Int = 0, verifyBeforePlacing: Bool = false) {
        self.actions = actions
        self.endpoint = endpoint
        self.apiCalls = apiCalls
        self.verifyBeforePlacing = verifyBeforePlacing
    }

    /// How many actions of each kind.
    package func count(_ kind: PlanAction.Kind) -> Int { actions.filter { $0.kind == kind }.count }

    /// The actions that change something (`place`, `renew`).
    package var changes: [PlanAction] { actions.filter(\.kind.changes) }

    /// As `terraform plan -detailed-exitcode`: 65 when an order is blocked or undeclared (an
    /// error to fix), else 2 when something would change, else 0.
    package var exitCode: Int32 {
        if actions.contains(where: { $0.kind == .blocked || $0.kind == .undeclared }) { return 65 }
        return changes.isEmpty ? 0 : 2
    }

    /// One line per order, then the totals:
    ///
    ///     action  name             order   certificate  valid till  reason
    ///     keep    release-signing  112233  113          2027-12-03
    ///     place   nightly-signing  -       -            -
    ///
    ///     plan on sandbox: 1 to place, 0 to renew, 1 to keep, 0 waiting, 0 blocked
    package var table: String {
        let header = ["action", "name", "order", "certificate", "valid till", "reason"]
        let rows = actions.map { a in
            [a.kind.rawValue, a.name ?? "(\(a.label))", a.orderID.map(String.init) ?? "-", a.certificateID.map(String.init) ?? "-",
             a.validTill ?? "-", a.reason ?? ""]
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        var lines = ([header] + rows).map { row in
            zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        lines.append("")
        lines.append(summary)
        return lines.joined(separator: "\n")
    }

    /// `plan on sandbox: 1 to place, 1 to renew, 2 to keep, 0 waiting, 0 blocked` (and the
    /// undeclared, when there are any).
    package var summary: String {
        var parts = ["\(count(.place)) to place", "\(count(.renew)) to renew", "\(count(.keep)) to keep",
                     "\(count(.wait)) waiting", "\(count(.blocked)) blocked"]
        if count(.undeclared) > 0 { parts.append("\(count(.undeclared)) undeclared (no alternative_order_id: use send)") }
        return "plan on \(endpoint): " + parts.joined(separator: ", ")
    }

    /// `{"actions": [{"name", "action", "order_id", "certificate_id", "valid_till", "reason"}…]}`,
    /// keys sorted, absent values `null`.
    package var json: String {
        let items: [[String: Any]] = actions.map { a in
            [
                "action": a.kind.rawValue, "label": a.label,
                "name": a.name ?? NSNull(), "order_id": a.orderID ?? NSNull(), "certificate_id": a.certificateID ?? NSNull(),
                "valid_till": a.validTill ?? NSNull(), "reason": a.reason ?? NSNull(),
            ]
        }
        let data = (try? JSONSerialization.data(withJSONObject: ["actions": items], options: [.prettyPrinted, .sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
