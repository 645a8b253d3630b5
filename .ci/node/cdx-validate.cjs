#!/usr/bin/env node
// Validate a CycloneDX JSON document with @cyclonedx/cyclonedx-library's
// JsonStrictValidator. Usage: node cdx-validate.cjs [SPEC_VERSION] < bom.json
// Prints {"valid": bool, "errors": [...]} on stdout. Exit 0 valid, 1 invalid,
// 2 the validator could not run (missing optional dependency, bad version ...).
'use strict'
const { Spec, Validation } = require('@cyclonedx/cyclonedx-library')

async function main () {
  const version = process.argv[2] || '1.6'
  const chunks = []
  for await (const chunk of process.stdin) chunks.push(chunk)
  const text = Buffer.concat(chunks).toString('utf8')
  if (!Object.values(Spec.Version).includes(version)) {
    throw new Error(`unknown CycloneDX spec version ${version}`)
  }
  const validator = new Validation.JsonStrictValidator(version)
  let result
  try {
    result = await validator.validate(text)
  } catch (err) {
    if (err instanceof SyntaxError) {
      process.stdout.write(JSON.stringify({ valid: false, errors: [`JSON parse error: ${err.message}`] }) + '\n')
      return 1
    }
    throw err
  }
  if (result === null) {
    process.stdout.write(JSON.stringify({ valid: true, errors: [] }) + '\n')
    return 0
  }
  process.stdout.write(JSON.stringify({ valid: false, errors: result }) + '\n')
  return 1
}

main().then(
  (code) => { process.exitCode = code },
  (err) => {
    process.stderr.write(`cdx-validate: ${err && err.stack ? err.stack : err}\n`)
    process.exitCode = 2
  }
)
