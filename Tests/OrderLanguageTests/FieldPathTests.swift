import Foundation
import Testing
import CertOrder
@testable import OrderLanguage

@Suite struct FieldPathTests {
    /// A request with each `path: value` set in turn, as `set` does.
    func request(setting values: KeyValuePairs<String, String>) throws -> OrderRequest {
        var r = OrderRequest()
        for (path, value) in values { try r.set(path: path, value: value) }
        return r
    }

    @Test func setsEveryKindOfFieldWithTypedParsing() throws {
        let r = try request(setting: [
            "ship_info.method": "expedited",
            "certificate.signature_hash": "SHA256",
            "cs_provisioning_method": "Ship_Token",
            "payment_method": "CARD",
            "validity_years": "2",
            "skip_approval": "yes",
            "organization": "123456",
            "container.id": "7",
            "certificate.server_platform.id": "other",
            "certificate.organization_units": "A, B ,C",
            "certificate.organization_units[3]": "D",
            "custom_fields[0].metadata_id": "12",
            "custom_fields[0].value": "123456",
            "custom_fields[1].value": "second",
            "custom_expiration_date": "2027-05-31",
            "order_validity.days": "30",
            "city": "Richmond",
            "zip": "02134",
            "additional_emails": "a@example.com",
            "comments": "",
        ])
        #expect(String(decoding: PayloadWriter.compact(r), as: UTF8.self) == #"{"certificate":{"organization_units":["A","B","C","D"],"server_platform":{"id":-1},"signature_hash":"sha256"},"cs_provisioning_method":"ship_token","validity_years":2,"comments":"","skip_approval":true,"organization":{"id":123456},"container":{"id":7},"ship_info":{"city":"Richmond","zip":"02134","method":"EXPEDITED"},"custom_fields":[{"metadata_id":12,"value":"123456"},{"metadata_id":0,"value":"second"}],"payment_method":"card","order_validity":{"days":30},"custom_expiration_date":"2027-05-31","additional_emails":["a@example.com"]}"#)
        #expect(r.value(at: "ship_info.method") == "EXPEDITED")
        #expect(r.value(at: "method") == "EXPEDITED")
        #expect(r.value(at: "certificate.organization_units") == "A, B, C, D")
        #expect(r.value(at: "custom_fields[1].value") == "second")
        #expect(r.value(at: "custom_fields[5].value") == nil)
        #expect(r.value(at: "ship_info") == nil)
    }

    @Test func refusesWithAMessageThatSaysWhatToDo() {
        func message(_ path: String, _ value: String) -> String? {
            var r = OrderRequest()
            do { try r.set(path: path, value: value) } catch { return "\(error.kind.rawValue): \(error.message)" }
            return nil
        }
        #expect(message("ship_info.cty", "x") == "unknownPath: unknown field 'ship_info.cty'. Did you mean 'ship_info.city'?")
        #expect(message("validity_years", "one") == "invalidValue: validity_years must be an integer; got 'one'")
        #expect(message("skip_approval", "maybe") == "invalidValue: skip_approval must be true or false; got 'maybe'")
        #expect(message("organization", "acme") == "invalidValue: organization.id must be an integer; got 'acme'")
        #expect(message("certificate.server_platform", "x86") == "invalidValue: certificate.server_platform.id must be an integer platform id or 'other' (-1); got 'x86'")
        #expect(message("ship_info", "x") == "notAssignable: 'ship_info' is the object ship_info; set one of its fields: ship_info.name, ship_info.addr1, ship_info.addr2, ship_info.city, ship_info.state, ship_info.zip, ship_info.country, ship_info.method")
        #expect(message("certificate", "x") == "notAssignable: 'certificate' is the object certificate; set one of its fields: certificate.organization_units, certificate.server_platform.id, certificate.signature_hash, certificate.csr")
        #expect(message("custom_fields[2].value", "x") == "indexOutOfRange: custom_fields has 0 entries; index 2 is past the end (use [0] to append)")
        #expect(message("custom_fields[0]", "x") == "notAssignable: 'custom_fields[0]' is a custom field entry; set its metadata_id or value: custom_fields[0].value")
        #expect(message("custom_fields", "x")?.hasPrefix("notAssignable: custom_fields holds {metadata_id, value} entries") == true)
        #expect(message("zzz", "x") == "unknownPath: unknown field 'zzz'; 'explain' and Tab after 'set' list them")
        #expect(message("a..b", "x") == "unknownPath: 'a..b' is not a payload path; write it as ship_info.city or custom_fields[0].value")
        #expect(message("comments[0]", "x") == "unknownPath: unknown field 'comments[0]'. Did you mean 'comments'?")
    }

    @Test func aFailedSetLeavesTheRequestUnchanged() {
        var r = OrderRequest()
        try? r.set(path: "ship_info.city", value: "Oslo")
        let before = r
        #expect(throws: FieldPathError.self) { try r.set(path: "ship_info.cty", value: "Bergen") }
        #expect(throws: FieldPathError.self) { try r.set(path: "auto_renew", value: "often") }
        #expect(r == before)
    }

    @Test func unknownEnumeratedValuesAndDatesAreKeptForTheValidator() throws {
        var r = OrderRequest()
        try r.set(path: "ship_info.method", value: "warp")
        try r.set(path: "payment_method", value: "bitcoin")
        try r.set(path: "custom_expiration_date", value: "tomorrow")
        #expect(r.shipInfo?.method == "warp")
        let messages = Validator(today: testToday).validate(r, product: .codeSigningEV).map(\.description)
        #expect(messages.contains("ship_info.method: error: ship_info.method must be STANDARD or EXPEDITED; got 'warp'."))
        #expect(messages.contains("payment_method: error: payment_method must be balance, card or profile; got 'bitcoin'."))
        #expect(messages.contains("custom_expiration_date: error: custom_expiration_date must be a date as YYYY-MM-DD; got 'tomorrow'"))
    }

    @Test func unsetRemovesFieldsObjectsAndEntries() throws {
        var r = try request(setting: ["ship_info.city": "Oslo", "ship_info.zip": "0150", "custom_fields[0].value": "a", "custom_fields[1].value": "b",
                                      "order_validity.years": "1", "order_validity.days": "2", "organization": "5"])
        try r.unset(path: "ship_info.city")
        try r.unset(path: "custom_fields[0]")
        try r.unset(path: "order_validity.years")
        try r.unset(path: "organization")
        try r.unset(path: "alternative_order_id")
        #expect(String(decoding: PayloadWriter.compact(r), as: UTF8.self) == #"{"certificate":{},"ship_info":{"zip":"0150"},"custom_fields":[{"metadata_id":0,"value":"b"}],"order_validity":{"days":2}}"#)
        try r.unset(path: "ship_info")
        try r.unset(path: "certificate")
        #expect(r.shipInfo == nil)
        #expect(throws: FieldPathError.self) { try r.unset(path: "custom_fields[0].value") }
        #expect(throws: FieldPathError.self) { try r.unset(path: "nothing") }
        #expect(OrderRequest.canonicalPath(for: "City") == "ship_info.city")
        #expect(OrderRequest.canonicalPath(for: "Custom_Fields[3].Value") == "custom_fields[3].value")
        #expect(OrderRequest.canonicalPath(for: "organization") == "organization.id")
        #expect(OrderRequest.canonicalPath(for: "ship_info", forUnset: true) == "ship_info")
    }

    @Test func everyCatalogFieldIsSettableOrAnObject() {
        for field in FieldCatalog.payloadOrder {
            var r = OrderRequest()
            let sample: String
            switch field.kind {
            case .integer: sample = field.allowedValues.first ?? "5"
            case .flag: sample = "true"
            case .date: sample = "2027-05-31"
            case .list(of: .object): sample = ""
            case .list: sample = "a, b"
            case .string, .choice: sample = field.allowedValues.first ?? "text"
            case .object: continue
            }
            let path = field.path.template.replacingOccurrences(of: "[]", with: "[0]")
            #expect(throws: Never.self, "\(path)") { try r.set(path: path, value: sample) }
            #expect(r != OrderRequest() || path == "custom_fields", "\(path) set nothing")
        }
    }

    @Test func theCatalogExplainsFieldsByPathStatementOrAlias() throws {
        let method = try #require(FieldCatalog.field(named: "METHOD"))
        #expect(method.path == "ship_info.method")
        #expect(FieldCatalog.field(named: "signature_hash")?.path == "certificate.signature_hash")
        #expect(FieldCatalog.field(named: "custom_fields[4].value")?.path == "custom_fields[].value")
        #expect(FieldCatalog.field(named: "validity")?.path == "validity_years")
        #expect(FieldCatalog.field(named: "nope") == nil)
        #expect(FieldCatalog.didYouMean("shipinfo.methd") == " Did you mean 'ship_info.method'?")
        #expect(method.explanation == """
            ship_info.method
              statement: ship < method ... >
              type: string, one of STANDARD, EXPEDITED
              required; EV code signing orders only
              Shipping priority for the token: STANDARD or EXPEDITED (incurs added cost). Read case-insensitively; the payload carries the upper-case spelling.
            """)
        // Every payload key the writer knows is in the catalog.
        for key in OrderRequest.fieldNames + OrderRequest.CertificateDetails.fieldNames.map({ "certificate.\($0)" })
            + OrderRequest.ShipInfo.fieldNames.map({ "ship_info.\($0)" }) {
            #expect(FieldCatalog.field(atPath: key) != nil, "\(key) is missing from the catalog")
        }
    }
}

@Suite struct VocabularyTests {
    @Test func wordsForCompletion() {
        #expect(Vocabulary.statements(in: .ship) == ["addr1", "addr2", "city", "country", "method", "name", "state", "zip"])
        #expect(Vocabulary.statements(in: .certificate) == ["csr", "hash", "organization_units", "platform", "server_platform", "signature_hash", "unit"])
        #expect(Vocabulary.values(forStatement: "METHOD") == ["standard", "expedited"])
        #expect(Vocabulary.values(forStatement: "cs_provisioning_method") == ["ship_token", "client_app", "email"])
        #expect(Vocabulary.values(forStatement: "validity") == ["1", "2", "3", "until"])
        #expect(Vocabulary.values(forStatement: "server_platform") == ["other"])
        #expect(Vocabulary.values(forStatement: "skip_approval") == ["true", "false"])
        #expect(Vocabulary.values(forStatement: "comments") == [])
        #expect(Vocabulary.values(forStatement: "new") == [])
        #expect(Vocabulary.level(ofStatement: "zip") == .ship)
        #expect(Vocabulary.path(ofStatement: "renewal_of") == "renewal_of_order_id")
        #expect(Vocabulary.topLevelWords.contains("include") && Vocabulary.topLevelWords.contains("json") && Vocabulary.topLevelWords.contains("ship"))
        #expect(!Vocabulary.topLevelWords.contains("city"))
    }
}
