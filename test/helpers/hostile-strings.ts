/**
 * The hostile strings every writer is tested with: markup and script, spreadsheet formulas,
 * terminal escapes, CI workflow commands, line and paragraph separators, quotes, XML and
 * template syntax. Each must come out inert in every format and, where the format keeps text,
 * unchanged once read back.
 */
export const HOSTILE_STRINGS = [
  '<img src=x onerror=alert(1)>',
  '</script><script>alert(1)</script>',
  '=HYPERLINK("http://evil.example/","click")',
  "+cmd|' /C calc'!A0",
  '@SUM(1+1)',
  '-2+3',
  'x\n::error file=x::y',
  '\u001b[2J\u001b[31mforged',
  'a\rb',
  'line\u2028separator\u2029paragraph',
  '"quote\' & <amp>',
  ']]><!--',
  '${{ secrets.TOKEN }}',
  '%0A%0D%25',
  '{{template}}',
  'tab\there',
] as const
