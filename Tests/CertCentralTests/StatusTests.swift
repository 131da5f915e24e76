import CertCentral
import Foundation
import Testing

/// Order and request statuses are open types: a status the API adds later is kept, not a
/// decoding failure and not lost.
@Suite("Order and request statuses")
struct StatusTests {
    @Test func anUnknownOrderStatusIsKept() throws {
        let info = try JSONDecoder().decode(OrderInfo.self, from: Data(#"{"id": 7, "status": "on_hold", "requests": [{"id": 8, "status": "escalated"}]}"#.utf8))
        #expect(info.status == OrderStatus("on_hold"))
        #expect(info.status?.isKnown == false)
        #expect(info.requests.first?.status == RequestStatus("escalated"))
        #expect(info.requests.first?.status?.isKnown == false)
        #expect(!info.isIssued)
        // Encoded back as the string it came as.
        let again = try JSONDecoder().decode(OrderInfo.self, from: try JSONEncoder().encode(info))
        #expect(again == info)
        let encoded = try JSONEncoder().encode(OrderStatus("on_hold"))
        #expect(String(decoding: encoded, as: UTF8.self) == #""on_hold""#)
    }

    @Test func knownStatusesCompareByValue() throws {
        let info = try JSONDecoder().decode(OrderInfo.self, from: Data(#"{"id": 7, "status": "issued"}"#.utf8))
        #expect(info.status == .issued)
        #expect(info.isIssued)
        #expect(OrderStatus.waitingPickup.rawValue == "waiting_pickup")
        #expect(OrderStatus.known.allSatisfy { $0.isKnown })
        #expect("\(RequestStatus.submitted)" == "submitted")
        let request = try JSONDecoder().decode(RequestInfo.self, from: Data(#"{"id": 3, "status": "approved"}"#.utf8))
        #expect(request.status == .approved)
        #expect(OrderFilters(status: .issued).queryItems.contains(URLQueryItem(name: "filters[status]", value: "issued")))
    }
}
