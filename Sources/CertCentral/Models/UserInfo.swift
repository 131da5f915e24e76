import Foundation

/// A CertCentral user as `GET /user/me` describes the API key's owner. A code signing order
/// without a verified contact gets this user as its contact, but only when the user has a job
/// title and a telephone (``missingForVerifiedContact``).
public struct UserInfo: Codable, Hashable, Sendable {
    public var id: Int
    public var firstName: String?
    public var lastName: String?
    public var email: String?
    public var jobTitle: String?
    public var telephone: String?

    public init(id: Int, firstName: String? = nil, lastName: String? = nil, email: String? = nil, jobTitle: String? = nil, telephone: String? = nil) {
        self.id = id
        self.firstName = firstName
        self.lastName = lastName
        self.email = email
        self.jobTitle = jobTitle
        self.telephone = telephone
    }

    enum CodingKeys: String, SnakeCaseKey { case id, firstName, lastName, email, jobTitle, telephone = "phone" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.requiredInt(.id, else: "a user needs an id")
        firstName = c.lenientString(.firstName)
        lastName = c.lenientString(.lastName)
        email = c.lenientString(.email)
        jobTitle = c.lenientString(.jobTitle)
        telephone = c.lenientString(.telephone)
    }

    /// `Ada Lovelace <ada@example.com>`.
    public var displayName: String {
        let name = [firstName, lastName].compactMap { $0 }.joined(separator: " ")
        let shown = name.isEmpty ? "user \(id)" : name
        return email.map { "\(shown) <\($0)>" } ?? shown
    }

    /// What the user's profile lacks to stand in as an order's verified contact: `a job title`,
    /// `a telephone`; empty when nothing.
    public var missingForVerifiedContact: [String] {
        var out: [String] = []
        if (jobTitle ?? "").trimmingCharacters(in: .whitespaces).isEmpty { out.append("job title") }
        if (telephone ?? "").trimmingCharacters(in: .whitespaces).isEmpty { out.append("telephone") }
        return out
    }
}
