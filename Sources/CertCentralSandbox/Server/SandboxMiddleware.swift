import HTTPTypes
import Hummingbird

/// Runs before every route: under `/services/v2` it checks `X-DC-DEVKEY` (401), the per-key rate
/// limits (429) and the injected faults (500, latency); everywhere it answers unknown routes in
/// the API's error format (`404 not_found|route`).
struct SandboxMiddleware: RouterMiddleware {
    typealias Context = SandboxRequestContext

    static let devKey = HTTPField.Name("X-DC-DEVKEY")!

    let gate: SandboxGate
    let acceptedKeys: Set<String>?
    let viewOnlyKeys: Set<String>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            if SandboxRoutes.isServicesPath(request.uri.path) {
                guard let key = request.headers[Self.devKey], !key.isEmpty, acceptedKeys?.contains(key) ?? true else {
                    throw SandboxAPIError.unauthorized
                }
                switch gate.admit(key: key, userAgent: request.headers[.userAgent]) {
                case .rateLimited:
                    throw SandboxAPIError.rateLimited
                case .fail(let rate):
                    throw SandboxAPIError.injectedFailure(rate: rate)
                case .proceed(let latency):
                    if latency > .zero { try await Task.sleep(for: latency) }
                }
                if viewOnlyKeys.contains(key), request.method != .get, request.method != .head {
                    throw SandboxAPIError.missingPermission
                }
            }
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            throw SandboxAPIError.routeNotFound
        }
    }
}
