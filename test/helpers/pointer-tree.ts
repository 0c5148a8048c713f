import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { writeTree } from './tmp.js'

const ANNEX_MISSING_KEY = 'SHA256E-s1234--9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08.csv'
export const ANNEX_MISSING_TARGET = `../.git/annex/objects/Pq/Rs/${ANNEX_MISSING_KEY}/${ANNEX_MISSING_KEY}`

/** A pointer as `git lfs pointer --file` writes it. */
export const LFS_POINTER = `version https://git-lfs.github.com/spec/v1
oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393
size 1048576
`

/**
 * A Hugging Face clone without `git lfs pull`, a git-annex checkout with one file fetched and one
 * not, and a DVC project with one output pulled and one not.
 */
export function writePointerTree(root: string): void {
  writeTree(root, {
    'README.md': '# Dataset card\n',
    '.gitattributes': '*.parquet filter=lfs diff=lfs merge=lfs -text\n',
    '.gitignore': '/images\n',
    '.huggingface/.gitignore': '*\n',
    'data/train-00000-of-00001.parquet': LFS_POINTER,
    '.dvc/config': "[core]\n    remote = storage\n['remote \"storage\"']\n    url = s3://bucket/path\n",
    '.dvcignore': '# Add patterns of files dvc should ignore\n',
    'images.dvc': 'outs:\n- md5: a304afb96060aad90176268345e10355.dir\n  size: 2048\n  nfiles: 2\n  hash: md5\n  path: images\n',
    'tables/scores.csv': 'id,score\n1,0.5\n2,0.7\n',
    'tables/scores.csv.dvc': 'outs:\n- md5: 0cc175b9c0f1b6a831c399e269772661\n  size: 21\n  hash: md5\n  path: scores.csv\n',
    'annexed/unlocked.txt': '/annex/objects/SHA256E-s99--2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae.txt\n',
  })
  const key = 'SHA256E-s12--e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855.csv'
  const objects = path.join(root, '.git', 'annex', 'objects', 'Xx', 'Yy', key)
  mkdirSync(objects, { recursive: true })
  writeFileSync(path.join(objects, key), 'a,b\n1,2\n3,4\n')
  symlinkSync(`../.git/annex/objects/Xx/Yy/${key}/${key}`, path.join(root, 'annexed', 'present.csv'))
  symlinkSync(ANNEX_MISSING_TARGET, path.join(root, 'annexed', 'missing.csv'))
}
