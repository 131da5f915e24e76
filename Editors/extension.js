// The VS Code side of CertOrder: starts `certorder lsp` for .order files. Everything else
// (diagnostics, completion, hover, formatting, outline, go to definition, rename, quick fixes,
// semantic highlighting) comes from the server; the grammar gives highlighting without it.
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration('certorder').get('path') || 'certorder';
  client = new LanguageClient(
    'certorder',
    'CertOrder',
    { command, args: ['lsp'] },
    { documentSelector: [{ scheme: 'file', language: 'certorder' }, { scheme: 'untitled', language: 'certorder' }] }
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
