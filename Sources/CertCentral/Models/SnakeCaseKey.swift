/// A coding key of CertCentral's answers: the member's name (the case's raw value) in snake case,
/// as the API spells every key: `dateCreated` is `date_created`, `nameID` is `name_id`. A key the
/// rule does not give names its case with a raw value that it does (`csProvisioningMethod`).
///
/// One rule for every answer's keys, so the models list their members and no spellings.
package protocol SnakeCaseKey: CodingKey, CaseIterable, RawRepresentable<String> {}

extension SnakeCaseKey {
    package var stringValue: String {
        var key = ""
        for character in rawValue.replacingOccurrences(of: "ID", with: "Id") {
            if character.isUppercase {
                key += "_" + character.lowercased()
            } else {
                key.append(character)
            }
        }
        return key
    }

    package init?(stringValue: String) {
        guard let key = Self.allCases.first(where: { $0.stringValue == stringValue }) else { return nil }
        self = key
    }

    package var intValue: Int? { nil }

    package init?(intValue: Int) { nil }
}
