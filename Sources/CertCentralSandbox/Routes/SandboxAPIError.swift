import Foundation
import HTTPTypes
import Hummingbird

/// An answer in CertCentral's error format, `{"errors":[{"code":"...","message":"..."}]}`, thrown by
/// the sandbox's handlers.
struct SandboxAPIError: Error, HTTPResponseError, Sendable {
    var status: HTTPResponse.Status
    var errors: [(code: String, message: String)]

    init(_ status: HTTPResponse.Status, _ errors: [(code: String, message: String)]) {
        self.status = status
        self.errors = errors
    }

    init(_ status: HTTPResponse.Status, code: String, message: String) {
        self.init(status, [(code, message)])
    }

    var body: JSONValue {
        .object(["errors": .array(errors.map { .object(["code": .string($0.code), "message": .string($0.message)]) })])
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        SandboxResponse.json(body, status: status)
    }

    // MARK: - The sandbox's errors

    static let unauthorized = SandboxAPIError(.unauthorized, code: "access_denied|invalid_api_key",
                                              message: "The API key is missing or invalid; send a valid key in the X-DC-DEVKEY header.")
    /// CertCentral's documented answer past its rate limits.
    static let rateLimited = SandboxAPIError(.tooManyRequests, code: "request_limit_exceeded",
                                             message: "Service unavailable, please limit request volume")
    static let missingPermission = SandboxAPIError(.forbidden, code: "access_denied|missing_permission",
                                                   message: "The API key's user does not have permission to perform this action.")
    static let routeNotFound = SandboxAPIError(.notFound, code: "not_found|route", message: "The requested route was not found.")
    static let productNotFound = SandboxAPIError(.notFound, code: "not_found|product", message: "The requested product was not found.")
    static let orderNotFound = SandboxAPIError(.notFound, code: "not_found|order", message: "The requested order was not found.")
    static let requestNotFound = SandboxAPIError(.notFound, code: "not_found|request", message: "The requested request was not found.")
    static let organizationNotFound = SandboxAPIError(.notFound, code: "not_found|organization", message: "The requested organization was not found.")
    static let certificateNotFound = SandboxAPIError(.notFound, code: "not_found|certificate", message: "The requested certificate was not found.")
    static let containerNotFound = SandboxAPIError(.notFound, code: "not_found|container", message: "The requested container was not found.")

    static func badRequestFormat(_ detail: String) -> SandboxAPIError {
        SandboxAPIError(.badRequest, code: "bad_request_format", message: "The request body could not be read as JSON: \(detail)")
    }

    static func injectedFailure(rate: Double) -> SandboxAPIError {
        SandboxAPIError(.internalServerError, code: "internal_error",
                        message: "An unexpected error occurred (sandbox fault injection, failure rate \(rate)).")
    }
}

/// Builds the sandbox's JSON answers.
enum SandboxResponse {
    static let jsonHeaders: HTTPFields = [.contentType: "application/json"]

    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: jsonHeaders, body: .init(byteBuffer: ByteBuffer(bytes: value.bytes())))
    }

    /// `204 No Content`, as the API answers a status change.
    static func noContent() -> Response {
        Response(status: .noContent)
    }
}
