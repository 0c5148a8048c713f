/**
 * Writes test/fixtures/encodings/: the same small tables, notes and records in UTF-8 and in the
 * encodings spreadsheets and Chinese tools write (UTF-16 with and without a byte-order mark,
 * GB18030/GBK). The UTF-8 file of each pair is what its twins must be read as.
 *
 *   npx tsc -p tsconfig.build.json && node dist/scripts/make-encoding-fixtures.js [OUT_DIR]
 *
 * GBK bytes come from iconv (`iconv -f UTF-8 -t GBK`), not from tdgov, and are checked against
 * Node's GB18030 decoder. The files are checked in; rerun this script after editing the content.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

/** Excel writes CRLF; so do these tables. The e-mail addresses are at example.com, which exists for examples. */
const TABLE = [
  'id,姓名,城市,留言',
  '1,张三,北京,请发邮件到 zhangsan@example.com 联系我',
  '2,李四,上海,"多行留言：',
  '第二行"',
  '3,王五,广州,质量很好，下次还买',
  '4,赵六,深圳,物流太慢了',
  '',
].join('\r\n')

/** Tab-separated, as Excel's "Unicode Text (*.txt)" saves a sheet. */
const EXCEL_UNICODE_TEXT = ['id\t城市\t评分', '1\t北京\t5', '2\t上海\t4', '3\t广州\t3', ''].join('\r\n')

const NOTES = ['今天天气很好，我们去公园散步。', '这个数据集用于训练中文对话模型。', '请勿在训练数据中保留个人信息。', ''].join('\n')

const RECORDS =
  [
    { id: 1, text: '北京是中国的首都。', label: '地理' },
    { id: 2, text: '长江是中国最长的河流。', label: '地理' },
    { id: 3, text: '《红楼梦》是曹雪芹所著的小说。', label: '文学' },
  ]
    .map((r) => JSON.stringify(r))
    .join('\n') + '\n'

/** Repeated and empty header names: 姓名 twice, the fourth column unnamed. */
const HEADER_REPEATS = ['姓名,城市,姓名,,备注', '张三,北京,李四,1,无', '王五,上海,赵六,2,', ''].join('\n')

function gbk(text: string): Buffer {
  const bytes = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: text })
  if (new TextDecoder('gb18030', { fatal: true }).decode(bytes) !== text) throw new Error('iconv GBK output does not decode back to the text')
  return bytes
}

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le')
  return le.swap16()
}

const BOM_LE = Buffer.from([0xff, 0xfe])
const BOM_BE = Buffer.from([0xfe, 0xff])

function encodingFixtures(): Record<string, Buffer> {
  return {
    'table.utf8.csv': Buffer.from(TABLE, 'utf8'),
    'table.utf16le-bom.csv': Buffer.concat([BOM_LE, Buffer.from(TABLE, 'utf16le')]),
    'table.utf16be-bom.csv': Buffer.concat([BOM_BE, utf16be(TABLE)]),
    'table.utf16le.csv': Buffer.from(TABLE, 'utf16le'),
    'table.gbk.csv': gbk(TABLE),
    'excel-unicode.utf8.txt': Buffer.from(EXCEL_UNICODE_TEXT, 'utf8'),
    'excel-unicode.txt': Buffer.concat([BOM_LE, Buffer.from(EXCEL_UNICODE_TEXT, 'utf16le')]),
    'notes.utf8.txt': Buffer.from(NOTES, 'utf8'),
    'notes.gbk.txt': gbk(NOTES),
    'records.utf8.jsonl': Buffer.from(RECORDS, 'utf8'),
    'records.gbk.jsonl': gbk(RECORDS),
    'header-repeats.utf8.csv': Buffer.from(HEADER_REPEATS, 'utf8'),
    'header-repeats.gbk.csv': gbk(HEADER_REPEATS),
  }
}

function main(): void {
  const out = resolve(process.argv[2] ?? 'test/fixtures/encodings')
  mkdirSync(out, { recursive: true })
  for (const [name, bytes] of Object.entries(encodingFixtures())) writeFileSync(join(out, name), bytes)
}

main()
