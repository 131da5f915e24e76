import Foundation
import OrderShell
import Testing

@Suite("Masking the API key")
struct SecretRedactorTests {
    @Test("every occurrence of a key is masked, a short key too")
    func masksEveryKey() {
        let redactor = SecretRedactor()
        redactor.add("k3y")
        redactor.add("sk-0123456789abcdef")
        #expect(redactor.redact("k3y and sk-0123456789abcdef, again k3y") == "‹redacted› and ‹redacted›, again ‹redacted›")
        #expect(redactor.containsSecret("set k3y"))
        #expect(!redactor.containsSecret("key"))
    }

    @Test("a key from DIGICERT_API_KEY is masked in what the console prints")
    func consoleMasksTheEnvironmentKey() {
        let redactor = SecretRedactor()
        let keys = APIKeyStore(redactor: redactor, environment: ["DIGICERT_API_KEY": " short \n"])
        #expect(keys.key == "short")
        let console = Console(capturing: redactor)
        console.write("the key is short\n")
        console.error("error: short")
        #expect(console.output == "the key is ‹redacted›\nerror: ‹redacted›\n")
    }
}
