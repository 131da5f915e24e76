import CertOrder
import Foundation

/// Writes an order as a runnable program in another tool: `curl`, Python `requests`, Go
/// `net/http` or Node `fetch`.
///
/// Every snippet sends the exact body CertOrder would send, reads the key from
/// `DIGICERT_API_KEY` (it is never printed into the snippet) and the base URL from
/// `CERTCENTRAL_BASE_URL`, defaulting to the endpoint it was exported for. Unlike the
/// reference page's snippets, every bracket is there.
package enum SnippetExporter {
    package enum Language: String, CaseIterable, Sendable {
        case curl, python, go, node
    }

    package static func export(_ language: Language, product: Product, request: OrderRequest, baseURL: String) -> String {
        let body = PayloadWriter.pretty(request)
        switch language {
        case .curl: return curl(product: product, body: body, baseURL: baseURL)
        case .python: return python(product: product, body: body, baseURL: baseURL)
        case .go: return go(product: product, body: body, baseURL: baseURL)
        case .node: return node(product: product, body: body, baseURL: baseURL)
        }
    }

    /// The snippet's second comment line (after `#` or `//`). A snippet that defaults to
    /// DigiCert's live API says, before anything else, that running it places a real order.
    static func keyAndEndpointNote(_ baseURL: String) -> String {
        let host = URL(string: baseURL)?.host?.lowercased() ?? ""
        if host == "digicert.com" || host.hasSuffix(".digicert.com") {
            return "Needs DIGICERT_API_KEY. Places a REAL order on DigiCert's live API unless CERTCENTRAL_BASE_URL names another endpoint (a sandbox)."
        }
        return "Needs DIGICERT_API_KEY; CERTCENTRAL_BASE_URL overrides the endpoint."
    }

    /// A shell string in single quotes.
    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// A double-quoted literal with JSON's escapes, which Python, Go and JavaScript all read.
    static func quoted(_ text: String) -> String {
        var writer = JSONWriter(pretty: false)
        writer.string(text)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// Text for inside a shell's double quotes: `\`, `"`, `$` and `` ` `` escaped, so that a base
    /// URL such as `https://host/$(cmd)` is a string, not a command.
    static func doubleQuotedShell(_ text: String) -> String {
        var out = ""
        for character in text {
            if character == "\\" || character == "\"" || character == "$" || character == "`" { out.append("\\") }
            out.append(character)
        }
        return out
    }

    private static func curl(product: Product, body: String, baseURL: String) -> String {
        // A quoted heredoc passes the body through untouched; no JSON line can equal the delimiter.
        // The key header comes from a second heredoc on fd 3 (`-H @file`), so the key is never in
        // curl's arguments, which any local user can read in `ps` or /proc/PID/cmdline.
        // The script exits with curl's status (non-zero when the request failed), after a newline.
        let quotedBaseURL = doubleQuotedShell(baseURL)
        return """
        #!/bin/sh
        # Order a \(product.rawValue) certificate from DigiCert CertCentral (exported by certorder).
        # \(keyAndEndpointNote(baseURL))
        : "${DIGICERT_API_KEY:?set DIGICERT_API_KEY to your CertCentral API key}"
        curl --fail-with-body --silent --show-error -X POST \\
          "${CERTCENTRAL_BASE_URL:-\(quotedBaseURL)}\(product.orderPath)" \\
          -H @/dev/fd/3 \\
          -H 'Content-Type: application/json' \\
          -H 'User-Agent: certorder-export/curl' \\
          --data-binary @- <<'CERTORDER_JSON' 3<<CERTORDER_KEY
        \(body)
        CERTORDER_JSON
        X-DC-DEVKEY: ${DIGICERT_API_KEY}
        CERTORDER_KEY
        status=$?
        echo
        exit $status

        """
    }

    private static func python(product: Product, body: String, baseURL: String) -> String {
        let literal: String
        if !body.contains("'''") && !body.hasSuffix("\\") {
            literal = "r'''\(body)'''"
        } else {
            literal = quoted(body)
        }
        return """
        # Order a \(product.rawValue) certificate from DigiCert CertCentral (exported by certorder).
        # \(keyAndEndpointNote(baseURL))
        import os
        import sys

        import requests

        BASE_URL = os.environ.get("CERTCENTRAL_BASE_URL", \(quoted(baseURL)))
        API_KEY = os.environ.get("DIGICERT_API_KEY")
        if not API_KEY:
            sys.exit("set DIGICERT_API_KEY to your CertCentral API key")

        payload = \(literal)

        response = requests.post(
            BASE_URL + \(quoted(product.orderPath)),
            data=payload.encode("utf-8"),
            headers={
                "X-DC-DEVKEY": API_KEY,
                "Content-Type": "application/json",
                "User-Agent": "certorder-export/python",
            },
            timeout=60,
        )
        print(response.status_code, response.text)
        sys.exit(0 if response.ok else 1)

        """
    }

    private static func go(product: Product, body: String, baseURL: String) -> String {
        let literal = body.contains("`") ? quoted(body) : "`\(body)`"
        return """
        // Order a \(product.rawValue) certificate from DigiCert CertCentral (exported by certorder).
        // \(keyAndEndpointNote(baseURL))
        package main

        import (
        \t"fmt"
        \t"io"
        \t"net/http"
        \t"os"
        \t"strings"
        )

        const payload = \(literal)

        func main() {
        \tkey := os.Getenv("DIGICERT_API_KEY")
        \tif key == "" {
        \t\tfmt.Fprintln(os.Stderr, "set DIGICERT_API_KEY to your CertCentral API key")
        \t\tos.Exit(2)
        \t}
        \tbase := os.Getenv("CERTCENTRAL_BASE_URL")
        \tif base == "" {
        \t\tbase = \(quoted(baseURL))
        \t}
        \treq, err := http.NewRequest("POST", base+\(quoted(product.orderPath)), strings.NewReader(payload))
        \tif err != nil {
        \t\tfmt.Fprintln(os.Stderr, err)
        \t\tos.Exit(1)
        \t}
        \treq.Header.Set("X-DC-DEVKEY", key)
        \treq.Header.Set("Content-Type", "application/json")
        \treq.Header.Set("User-Agent", "certorder-export/go")
        \tres, err := http.DefaultClient.Do(req)
        \tif err != nil {
        \t\tfmt.Fprintln(os.Stderr, err)
        \t\tos.Exit(1)
        \t}
        \tdefer res.Body.Close()
        \tbody, _ := io.ReadAll(res.Body)
        \tfmt.Println(res.StatusCode, string(body))
        \tif res.StatusCode >= 300 {
        \t\tos.Exit(1)
        \t}
        }

        """
    }

    private static func node(product: Product, body: String, baseURL: String) -> String {
        """
        // Order a \(product.rawValue) certificate from DigiCert CertCentral (exported by certorder).
        // \(keyAndEndpointNote(baseURL)) Node 18+ (fetch).
        const payload = \(body);

        (async () => {
          const key = process.env.DIGICERT_API_KEY;
          if (!key) {
            console.error("set DIGICERT_API_KEY to your CertCentral API key");
            process.exit(2);
          }
          const base = process.env.CERTCENTRAL_BASE_URL || \(quoted(baseURL));
          const response = await fetch(base + \(quoted(product.orderPath)), {
            method: "POST",
            headers: {
              "X-DC-DEVKEY": key,
              "Content-Type": "application/json",
              "User-Agent": "certorder-export/node",
            },
            body: JSON.stringify(payload),
          });
          console.log(response.status, await response.text());
          process.exit(response.ok ? 0 : 1);
        })();

        """
    }
}
