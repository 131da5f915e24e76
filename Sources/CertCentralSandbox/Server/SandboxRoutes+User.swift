import Foundation
import HTTPTypes
import Hummingbird

/// `GET /user/me`: the API key's owner.
extension SandboxRoutes {
    /// The seed's key owner, with a job title and a telephone unless the sandbox was started
    /// with `--key-owner-without-job-title` (then no job title).
    @Sendable func currentUser(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        SandboxResponse.json(.object([
            "id": .int(SandboxSeed.keyOwnerID),
            "username": .string("erin.guerra"),
            "first_name": .string("Erin"),
            "last_name": .string("Guerra"),
            "email": .string("erin.guerra@example.com"),
            "job_title": keyOwnerHasJobTitle ? .string("Release Manager") : nil,
            "phone": .string("+1 804 555 0100"),
            "status": .string("active"),
            "container": .object(["id": .int(654321)]),
        ]))
    }
}
