import ArgumentParser
import OrderLanguage
import OrderShell

/// Standard input read as a script (`compile -`, `run -`): bounded and streaming (see
/// ``SourceReader``). Stdin that cannot be read (a directory, closed) is exit status 66 (no
/// input), one larger than 16 MiB is 65 (invalid input), each with its message.
func standardInputSource(console: Console) throws -> Source {
    do {
        return try SourceReader.standardInputSource()
    } catch {
        console.error("error: \(error.message)")
        throw ExitCode(error.isTooLarge ? ExitStatus.dataError.rawValue : standardInputUnreadable)
    }
}

/// Refuses, before a piped session starts, a stdin that reads as nothing because it is not a
/// stream (`certorder < /tmp`) or is closed.
func checkStandardInput(console: Console) throws {
    do {
        try SourceReader.checkStandardInput()
    } catch {
        console.error("error: \(error.message)")
        throw ExitCode(standardInputUnreadable)
    }
}

/// EX_NOINPUT: the input named cannot be read.
let standardInputUnreadable: Int32 = 66
