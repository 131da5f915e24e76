#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Conversions between Swift strings and libedit's wide-character (`wchar_t`, one Unicode scalar
/// each) buffers.
enum WideText {
    /// The string made of `count` wide characters at `characters`; invalid values are skipped.
    static func string(_ characters: UnsafePointer<wchar_t>, count: Int) -> String {
        string(UnsafeBufferPointer(start: characters, count: max(0, count)))
    }

    /// The string made of `characters`; invalid values are skipped.
    static func string(_ characters: some Sequence<wchar_t>) -> String {
        var scalars = String.UnicodeScalarView()
        for character in characters {
            if let scalar = Unicode.Scalar(UInt32(bitPattern: Int32(character))) {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// `string` as a NUL-terminated wide-character array.
    static func nulTerminated(_ string: String) -> [wchar_t] {
        string.unicodeScalars.map { wchar_t(bitPattern: $0.value) } + [0]
    }
}
