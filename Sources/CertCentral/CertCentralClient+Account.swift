import Foundation

/// The account's facts a code signing order depends on beyond its custom fields.
extension CertCentralClient {
    /// `GET /user/me`: the API key's owner.
    public func currentUser() async throws(CertCentralError) -> UserInfo {
        try decode(UserInfo.self, try await perform(.get, "/user/me", kind: .read, purpose: "the API key's owner"))
    }
}
