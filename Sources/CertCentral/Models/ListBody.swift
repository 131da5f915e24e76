import Foundation

/// A list answer (`GET /organization`, `/container`, `/account/metadata`, …): one member
/// (`organizations`, `containers`, `metadata`, …) holding an array, read leniently (unreadable
/// elements skipped, `[]` when absent). One type serves every list; the member's name comes
/// through the decoder's `userInfo` (``memberKey``), set by `CertCentralClient.decodeList`.
struct ListBody<Element: Decodable>: Decodable {
    var items: [Element]

    /// The `userInfo` entry naming the member that holds the array.
    static var memberKey: CodingUserInfoKey { CodingUserInfoKey(rawValue: "CertCentral.ListBody.member")! }

    init(from decoder: any Decoder) throws {
        guard let member = decoder.userInfo[Self.memberKey] as? String else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "a list answer needs its member's name"))
        }
        items = try decoder.container(keyedBy: MemberKey.self).lenientArray(Element.self, MemberKey(stringValue: member))
    }

    /// The member's name as a coding key.
    struct MemberKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
