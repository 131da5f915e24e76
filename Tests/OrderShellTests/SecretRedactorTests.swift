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
        let keys = APIKeyStore(redactor: redactor, environment: ["DIGICERT_API_KEY": " sk-live-7731 \n"])
        #expect(keys.key == "sk-live-7731")
        #expect(keys.environmentProblem == nil)
        let console = Console(capturing: redactor)
        console.write("the key is sk-live-7731\n")
        console.error("error: sk-live-7731")
        #expect(console.output == "the key is ‹redacted›\nerror: ‹redacted›\n")
    }

    @Test("a key shorter than 8 characters is refused, not used, and said why")
    func shortKeysAreRefused() throws {
        let redactor = SecretRedactor()
        let keys = APIKeyStore(redactor: redactor, environment: ["DIGICERT_API_KEY": "ev"])
        #expect(keys.key == nil)
        #expect(keys.environmentProblem.map { "\($0)" }
                == "the API key from DIGICERT_API_KEY has 2 characters, too few for a CertCentral key (at least 8); it is not used: check it")
        // Nothing masks ordinary words.
        #expect(!redactor.containsSecret("new ev"))
        #expect(throws: APIKeyStore.Failure.tooShort(origin: "key", length: 7)) { try keys.set("1234567", origin: "key") }
        try keys.set("12345678", origin: "key")
        #expect(keys.key == "12345678")
    }
}
