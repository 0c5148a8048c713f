/**
 * Writes the binary fixtures of test/fixtures/formats/ (Parquet, Arrow file and stream): three
 * rows, the same as jsonl/basic.jsonl. Run once with `node dist/scripts/make-format-fixtures.js`
 * after `npm run build`; the files are committed, and their facts beside them are written by hand.
 */
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { tableFromArrays, tableToIPC } from 'apache-arrow'
import { parquetWriteBuffer } from 'hyparquet-writer'
import { packageRoot } from '../src/util/version.js'

const ids = ['a1', 'a2', 'a3']
const texts = ['Hello world, this is the first record.', '第二条记录是中文。', 'hello   WORLD, this is the first record.']
const dir = path.join(packageRoot() ?? process.cwd(), 'test', 'fixtures', 'formats')

writeFileSync(
  path.join(dir, 'parquet', 'basic.parquet'),
  Buffer.from(parquetWriteBuffer({ columnData: [{ name: 'id', data: ids, type: 'STRING' }, { name: 'text', data: texts, type: 'STRING' }] })),
)
const table = tableFromArrays({ id: ids, text: texts })
writeFileSync(path.join(dir, 'arrow', 'basic.arrow'), tableToIPC(table, 'file'))
writeFileSync(path.join(dir, 'arrow-stream', 'basic.arrows'), tableToIPC(table, 'stream'))
