import ArgumentParser
import CertOrder
import Foundation
import OrderShell

/// `certorder config show|init`: the settings in force and where each came from, and an
/// example config file.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show the settings in force (config show) or write an example config file (config init).",
        discussion: """
        The config file is $XDG_CONFIG_HOME/certorder/config.toml (~/.config/certorder/config.toml): \
        named profiles of endpoint, api_key_file, journal, proxy, ca_file, organization, container \
        and concurrency. Precedence: a flag, then the environment, then the profile, then the default.
        """,
        subcommands: [ConfigShowCommand.self, ConfigInitCommand.self]
    )
}

/// `certorder config show`: each setting, its value and its source; never the key.
struct ConfigShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Each setting in force and where it came from (never the key).")
    @OptionGroup var session: SessionOptions

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let redactor = SecretRedactor()
        let keys = APIKeyStore(redactor: redactor, environment: environment)
        let console = Console(redactor: redactor, environment: environment)
        let settings = try SessionOptions.settings(session.flags, console: console)
        console.print(settings.render(keyLoaded: keys.key != nil))
    }
}

/// `certorder config init`: writes the commented example; never over an existing file.
struct ConfigInitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "Write a commented example config file (never over an existing one).")

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let console = Console(redactor: SecretRedactor(), environment: environment)
        let path = StatePaths.configFile(environment: environment)
        if FileManager.default.fileExists(atPath: path) {
            console.error("error: \(path) exists; edit it, or remove it first")
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        do {
            // 0600 in a 0700 folder: the file may name key files.
            try StateDirectory.writePrivately(Data(ConfigFile.example.utf8), to: path)
        } catch {
            console.error("error: cannot write \(path): \(error)")
            throw ExitCode(ExitStatus.dataError.rawValue)
        }
        console.print("wrote \(path)")
    }
}
