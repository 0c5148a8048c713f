import { renderMessage } from '../../findings/messages.js'
import type { RuleDoc } from '../rule.js'
import { LABELS } from './labels.js'
import { placeText } from './place.js'
import type { Reporter } from './report-options.js'
import { xmlAttr, xmlText } from './xml.js'

/** `tdgov.Art_7`: the clause as a class name, so CI tools group the rules by the clause they serve. */
function className(rule: RuleDoc): string {
  const clause = rule.clause.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '')
  return `tdgov.${clause === '' ? 'rules' : clause}`
}

/**
 * JUnit XML (the Surefire XSD that CI servers read): one test case per rule, failing with one
 * <failure> per counted finding; a rule whose findings were all set aside is skipped.
 */
export const junitReporter: Reporter = (result, { lang }) => {
  const labels = LABELS[lang]
  const name = xmlAttr(labels.heading)
  let failures = 0
  let skipped = 0
  const cases = result.rules.map((rule) => {
    const open = `    <testcase classname="${xmlAttr(className(rule))}" name="${xmlAttr(`${rule.code}: ${rule.title[lang]}`)}"`
    const findings = result.findings.filter((finding) => finding.code === rule.code)
    if (findings.length > 0) {
      failures++
      const body = findings.map((finding) => {
        const message = renderMessage(finding.code, finding.args, lang)
        const text = `${labels.severity[finding.severity]}: ${placeText(result, finding.location, lang)}\n${message}`
        return `      <failure message="${xmlAttr(message)}" type="${xmlAttr(rule.code)}">${xmlText(text)}</failure>\n`
      })
      return `${open}>\n${body.join('')}    </testcase>\n`
    }
    const setAside = result.setAside.filter((entry) => entry.finding.code === rule.code)
    if (setAside.length > 0) {
      skipped++
      const reasons = [...new Set(setAside.map((entry) => `${labels.setAsideBy[entry.by]}: ${entry.reason}`))]
      const message = labels.setAside(setAside.length, reasons)
      return `${open}>\n      <skipped message="${xmlAttr(message)}"/>\n    </testcase>\n`
    }
    return `${open}/>\n`
  })
  const tests = result.rules.length
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="${name}" tests="${tests}" failures="${failures}" errors="0">\n` +
    `  <testsuite name="${name}" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}">\n` +
    cases.join('') +
    '  </testsuite>\n' +
    '</testsuites>\n'
  )
}
