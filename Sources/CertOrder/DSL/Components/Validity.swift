import Foundation

/// The order's validity: `Validity(years: 1)`, `Validity(days: 365)` or `Validity(until: date)`.
/// Each form replaces any other, so the last one wins.
public struct Validity: OrderComponent {
    enum Form: Sendable { case years(Int), days(Int), until(String) }
    let form: Form

    /// `validity_years` (1, 2 or 3).
    public init(years: Int) { form = .years(years) }
    /// `order_validity.days` (1 to 459).
    public init(days: Int) { form = .days(days) }
    /// `custom_expiration_date` (within 459 days), as the date's UTC day.
    public init(until date: Date) { form = .until(Validator.formatDate(date)) }
    /// `custom_expiration_date` given as `YYYY-MM-DD` text; a malformed date becomes a diagnostic.
    public init(until isoDate: String) { form = .until(isoDate) }

    public func apply(to request: inout OrderRequest) {
        request.validityYears = nil
        request.orderValidity = nil
        request.customExpirationDate = nil
        switch form {
        case .years(let years): request.validityYears = years
        case .days(let days): request.orderValidity = .init(days: days)
        case .until(let date): request.customExpirationDate = date
        }
    }
}
