import CertOrder
import Foundation
import Testing
import TestSupport
@testable import OrderShell

/// The body a send puts on the wire is the canonical body (what the duplicate guard hashes) with
/// the generated alternative id appended, not a second encoding of the order: it must be the
/// very bytes the payload writer gives for the order with that id.
@Suite struct SentPayloadTests {
    @Test("the spliced body equals the encoded order with its generated alternative id, byte for byte")
    func splicedEqualsEncoded() throws {
        var requests = [try DocumentedExample.request(), OrderRequest()]
        requests[0].alternativeOrderID = nil
        for request in requests {
            let id = "certorder-\(UUID().uuidString.lowercased())"
            var sent = request
            sent.alternativeOrderID = id
            let spliced = OrderSender.sentPayload(canonical: OrderSender.canonicalPayload(request), generatedAlternativeID: id)
            #expect(spliced == PayloadWriter.compact(sent), "\(String(decoding: spliced, as: UTF8.self))")
            #expect(try PayloadReader.read(spliced) == sent)
        }
    }
}
