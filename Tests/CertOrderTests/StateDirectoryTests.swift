import CertOrder
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one owner of where CertOrder keeps its state and how it creates it.
@Suite("State directory")
struct StateDirectoryTests {
    @Test func xdgStateHomeOnlyWhenAbsolute() {
        #expect(StateDirectory.path(environment: ["XDG_STATE_HOME": "/xdg", "HOME": "/home/a"]) == "/xdg/certorder")
        #expect(StateDirectory.path(environment: ["XDG_STATE_HOME": "/xdg/"]) == "/xdg/certorder")
        #expect(StateDirectory.path(environment: ["HOME": "/home/a"]) == "/home/a/.local/state/certorder")
        #expect(StateDirectory.path(environment: ["XDG_STATE_HOME": "", "HOME": "/home/a"]) == "/home/a/.local/state/certorder")
        // A relative XDG_STATE_HOME is invalid by the XDG spec and ignored.
        #expect(StateDirectory.path(environment: ["XDG_STATE_HOME": "state", "HOME": "/home/a"]) == "/home/a/.local/state/certorder")
        #expect(StateDirectory.path(environment: ["XDG_STATE_HOME": "./state", "HOME": "/home/a"]) == "/home/a/.local/state/certorder")
        #expect(StateDirectory.path(environment: [:]) == NSHomeDirectory() + "/.local/state/certorder")
        #expect(StateDirectory.file("sandbox.json", environment: ["XDG_STATE_HOME": "/xdg"]) == "/xdg/certorder/sandbox.json")
    }

    @Test func foldersAre0700AndFiles0600WhateverTheUmask() throws {
        let root = NSTemporaryDirectory() + "state-directory-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        let previous = umask(0o022)
        defer { umask(previous) }
        let file = root + "/state/certorder/sandbox.json"
        try StateDirectory.writePrivately(Data("one".utf8), to: file)
        #expect(try mode(root) == 0o700)
        #expect(try mode(root + "/state/certorder") == 0o700)
        #expect(try mode(file) == 0o600)
        try StateDirectory.writePrivately(Data("two".utf8), to: file)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "two")
        #expect(try mode(file) == 0o600)
        // Nothing left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/state/certorder") == ["sandbox.json"])
        // A file where a folder should be is an error, not a surprise.
        #expect(throws: POSIXError.self) { try StateDirectory.createDirectory(file + "/inside") }
    }

    func mode(_ path: String) throws -> Int {
        ((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1) & 0o777
    }
}
