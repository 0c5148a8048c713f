import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readSheet } from '../../src/audit/sheets/index.js'
import { runCli } from '../helpers/exec.js'
import { makeTempDir, removeTempDirs, writeTree } from '../helpers/tmp.js'

afterAll(removeTempDirs)

/** Item id → label cell of a sample's sheet. */
async function labelsOf(root: string, id: string): Promise<Record<string, string>> {
  const rows = await readSheet(path.join(root, '.tdgov', 'audits', `${id}.csv`))
  return Object.fromEntries(rows.map((r) => [r.cells.item_id, r.cells.label]))
}

async function sample(root: string, dataset: string, extra: string[] = []): Promise<string> {
  const run = await runCli(['audit', 'sample', dataset, '--size', '10', '--seed', 's', '--project', root, '--json', ...extra])
  expect(run.status, run.stderr).toBe(0)
  return (JSON.parse(run.stdout) as { id: string }).id
}

describe('YOLO datasets audited from their top folder', () => {
  it('Darknet (CVAT "YOLO 1.1"): obj.data, obj.names, train.txt and obj_train_data/ give the labels with their class names', async () => {
    const root = makeTempDir()
    writeTree(root, {
      'yolo/obj.data': 'classes = 2\ntrain = data/train.txt\nvalid = data/valid.txt\nnames = data/obj.names\nbackup = backup/\n',
      'yolo/obj.names': 'cat\ndog\n',
      'yolo/train.txt': 'data/obj_train_data/a.jpg\ndata/obj_train_data/b.jpg\n',
      'yolo/valid.txt': 'data/obj_valid_data/c.jpg\n',
      'yolo/obj_train_data/a.txt': '0 0.5 0.5 0.2 0.2\n1 0.3 0.3 0.1 0.1\n',
      'yolo/obj_train_data/a.jpg': '',
      'yolo/obj_train_data/b.txt': '1 0.5 0.5 0.2 0.2\n',
      'yolo/obj_train_data/b.jpg': '',
      'yolo/obj_valid_data/c.txt': '0 0.5 0.5 0.2 0.2\n',
      'yolo/obj_valid_data/c.jpg': '',
    })
    const id = await sample(root, path.join(root, 'yolo'))
    expect(await labelsOf(root, id)).toEqual({ a: 'cat; dog', b: 'dog', c: 'cat' })
    // and with --format yolo, which used to fail on obj.data
    const again = await sample(root, path.join(root, 'yolo'), ['--format', 'yolo', '--id', 'forced', '--force'])
    expect(await labelsOf(root, again)).toEqual({ a: 'cat; dog', b: 'dog', c: 'cat' })
  })

  it('Ultralytics: data.yaml with train/val image folders and labels/ beside images/', async () => {
    const root = makeTempDir()
    writeTree(root, {
      'ds/data.yaml': 'path: .\ntrain: images/train\nval: images/val\nnames:\n  0: person\n  1: car\n',
      'ds/images/train/x.jpg': '',
      'ds/images/val/y.jpg': '',
      'ds/labels/train/x.txt': '0 0.5 0.5 0.2 0.2\n',
      'ds/labels/val/y.txt': '1 0.5 0.5 0.2 0.2\n0 0.1 0.1 0.1 0.1\n',
    })
    const id = await sample(root, path.join(root, 'ds'))
    expect(await labelsOf(root, id)).toEqual({ x: 'person', y: 'car; person' })
    const record = JSON.parse(readFileSync(path.join(root, '.tdgov', 'audits', `${id}.json`), 'utf8')) as { population: { labels: Record<string, number> } }
    expect(record.population.labels).toEqual({ car: 1, person: 2 })
  })
})
