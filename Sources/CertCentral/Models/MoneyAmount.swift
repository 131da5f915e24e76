import Foundation

/// How CertCentral writes an amount of money (`474.00`): two decimals, a point, no grouping,
/// whatever the locale. The sandbox writes its prices and balance this way and the shell's price
/// quote reads back the same form, so both use this one rule.
package enum MoneyAmount {
    /// `amount` rounded to cents (half away from zero) and written as the API writes it.
    package static func text(_ amount: Decimal) -> String {
        var value = amount
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 2, .plain)
        let formatter = NumberFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.minimumFractionDigits = 2
        formatter.maximumFractionDigits = 2
        formatter.usesGroupingSeparator = false
        return formatter.string(from: rounded as NSDecimalNumber) ?? "\(rounded)"
    }
}
