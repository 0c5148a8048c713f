import type { Localised, RuleDoc } from '../rule.js'
import { defineObserved } from '../rule.js'

/**
 * The codes the file readers raise while `tdgov scan` reads a file or walks a directory. No rule
 * over the records computes them: they are stored in the manifest's file entries as observed, and
 * these entries only document them for `tdgov explain`, docs/rules.md and SARIF's rule list.
 */

/** A fix, closed by the sentence every observed code shares: an expected finding can be re-graded or suppressed. */
function fix(en: string, zh: string): Localised {
  return {
    en: `${en} If the finding is expected, set the code to another severity under \`policy.severity\` or suppress it under \`policy.suppressions\` in \`tdgov.yaml\`.`,
    zh: `${zh}如该发现项属预期情况，可在 \`tdgov.yaml\` 的 \`policy.severity\` 下为该代码设置其他严重级别，或在 \`policy.suppressions\` 下将其豁免。`,
  }
}

export const OBSERVED: readonly RuleDoc[] = [
  // The walk: what the manifest lists and what it leaves out.
  defineObserved({
    code: 'FILE_UNREADABLE',
    clause: 'manifest',
    title: { en: 'Unreadable file', zh: '文件无法读取' },
    description: {
      en: 'The scan could not open or read the file (for example, permission denied or an I/O error), so the manifest has no hash, format or record count for it. Its content escapes the licence and personal-information checks, and the account of the training data given to the regulator cannot cover it.',
      zh: '扫描无法打开或读取该文件（例如权限不足或 I/O 错误），清单中因此没有它的哈希值、格式和记录数。其内容未经许可证和个人信息检查，向监管部门说明训练数据时也无法涵盖该文件。',
    },
    fix: fix(
      'Make the file readable by the user running `tdgov scan` (check its permissions, owner and the storage it lives on), or, if it is not training data, remove it from the dataset or list it under `excludes` in `tdgov.yaml`; then rerun `tdgov scan`.',
      '确保运行 `tdgov scan` 的用户能够读取该文件（检查其权限、属主及所在存储）；如该文件不属于训练数据，将其移出数据集或在 `tdgov.yaml` 的 `excludes` 中排除；然后重新运行 `tdgov scan`。',
    ),
  }),
  defineObserved({
    code: 'DIRECTORY_UNREADABLE',
    clause: 'manifest',
    title: { en: 'Unreadable directory', zh: '目录无法读取' },
    description: {
      en: 'The scan could not list the directory, so none of the files under it are in the manifest. The manifest then understates the dataset: those files escape every licence, personal-information and audit check.',
      zh: '扫描无法列出该目录的内容，其下的文件均未列入清单。清单因此少列了数据集的部分内容：这些文件不受任何许可证、个人信息和抽检检查。',
    },
    fix: fix(
      'Give the user running `tdgov scan` read and execute permission on the directory, or, if it is not part of the dataset, list it under `excludes` in `tdgov.yaml`; then rerun `tdgov scan`.',
      '为运行 `tdgov scan` 的用户授予该目录的读取和执行权限；如该目录不属于数据集，在 `tdgov.yaml` 的 `excludes` 中将其排除；然后重新运行 `tdgov scan`。',
    ),
  }),
  defineObserved({
    code: 'SYMLINK_LOOP',
    clause: 'manifest',
    title: { en: 'Symbolic link loop', zh: '符号链接循环' },
    description: {
      en: 'The symbolic link points to itself or to a directory that contains it, so following it would never end. It was not followed, and nothing reached through it is in the manifest.',
      zh: '该符号链接指向自身或包含它的上级目录，跟随它将陷入无限循环。扫描未跟随该链接，经由它访问的内容均未列入清单。',
    },
    fix: fix(
      'Remove the link, or replace it with the file it was meant to stand for; then rerun `tdgov scan`.',
      '删除该链接，或将其替换为它本应指向的文件；然后重新运行 `tdgov scan`。',
    ),
  }),
  defineObserved({
    code: 'SYMLINK_OUTSIDE_ROOT',
    clause: 'manifest',
    title: { en: 'Symbolic link outside the dataset', zh: '符号链接指向数据集之外' },
    description: {
      en: 'The symbolic link leads outside the scanned directory. It was not followed, so what it points to is not in the manifest, although a training job that reads the dataset through the link would use that data.',
      zh: '该符号链接指向扫描目录之外。扫描未跟随该链接，其指向的内容不在清单中；但通过该链接读取数据集的训练任务仍会使用这些数据。',
    },
    fix: fix(
      'Copy the target into the dataset directory and declare its source in `tdgov.yaml`, or remove the link; then rerun `tdgov scan`.',
      '将链接目标复制到数据集目录中，并在 `tdgov.yaml` 中声明其数据来源，或删除该链接；然后重新运行 `tdgov scan`。',
    ),
  }),
  defineObserved({
    code: 'SYMLINK_BROKEN',
    clause: 'manifest',
    title: { en: 'Broken symbolic link', zh: '符号链接失效' },
    description: {
      en: "The symbolic link's target does not exist, so it was not followed. The data it was meant to provide is missing from both the dataset and the manifest.",
      zh: '该符号链接的目标不存在，扫描未跟随该链接。它本应提供的数据在数据集和清单中均缺失。',
    },
    fix: fix(
      'Restore the target, point the link at the right file, or remove the link; then rerun `tdgov scan`.',
      '恢复链接目标、将链接改为指向正确的文件，或删除该链接；然后重新运行 `tdgov scan`。',
    ),
  }),
  defineObserved({
    code: 'SYMLINK_INSIDE_ROOT',
    clause: 'manifest',
    title: { en: 'Symbolic link within the dataset', zh: '指向数据集内部的符号链接' },
    description: {
      en: 'The symbolic link points to a file or directory inside the scanned directory, which the manifest records under its own path. The link is not followed, so that data is counted once, not twice.',
      zh: '该符号链接指向扫描目录内的文件或目录，清单已按目标自身的路径记录该目标。扫描不跟随该链接，因此相关数据只计入一次，不会重复计入。',
    },
    fix: fix(
      'No change is needed when the link is intended; remove it if the dataset should not refer to the same data twice.',
      '如该链接属有意设置，无需处理；如数据集不应两次引用同一数据，删除该链接即可。',
    ),
  }),
  defineObserved({
    code: 'SPECIAL_FILE_SKIPPED',
    clause: 'manifest',
    title: { en: 'Special file skipped', zh: '已跳过特殊文件' },
    description: {
      en: 'The entry is a named pipe, socket or device rather than a regular file, and was skipped: it holds no content that can be hashed or recorded in the manifest.',
      zh: '该条目是命名管道、套接字或设备文件，而非普通文件，扫描已将其跳过：其中没有可计算哈希值或记入清单的内容。',
    },
    fix: fix(
      'Remove it from the dataset directory, or list it under `excludes` in `tdgov.yaml`.',
      '将其移出数据集目录，或在 `tdgov.yaml` 的 `excludes` 中将其排除。',
    ),
  }),
  defineObserved({
    code: 'PATH_ESCAPED',
    clause: 'manifest',
    title: { en: 'Name recorded escaped', zh: '名称已转义记录' },
    description: {
      en: 'A file or directory name is not valid UTF-8 (or holds `\\\\` or `\\xNN` itself), so it cannot be written into the JSON manifest as it is. It is recorded escaped: each byte that is not UTF-8 as `\\xNN`, each backslash as `\\\\`. The escape is reversible, so the entry still names exactly one file, but tools that join the recorded path to the dataset directory without undoing it will not find the file.',
      zh: '文件或目录名不是有效的 UTF-8（或本身含有 `\\\\` 或 `\\xNN`），无法原样写入 JSON 清单，因此转义后记录：每个非 UTF-8 字节写作 `\\xNN`，每个反斜杠写作 `\\\\`。该转义可逆，条目仍唯一对应一个文件；但直接将记录路径拼接到数据集目录而不还原转义的工具将找不到该文件。',
    },
    fix: fix(
      'Rename the file or directory to a UTF-8 name (for example with `convmv -f GBK -t UTF-8 --notest`), then rerun `tdgov scan`.',
      '将文件或目录重命名为 UTF-8 名称（例如使用 `convmv -f GBK -t UTF-8 --notest`），然后重新运行 `tdgov scan`。',
    ),
  }),
  defineObserved({
    code: 'FILE_CHANGED_DURING_SCAN',
    clause: 'manifest',
    title: { en: 'File changed during the scan', zh: '扫描期间文件发生变化' },
    description: {
      en: 'The number of bytes read differs from the size the file had when the scan opened it, so it was being written while it was scanned. Its hash and analysis describe no stable version, and the manifest cannot vouch for what will be trained on.',
      zh: '实际读取的字节数与扫描打开该文件时的文件大小不一致，说明扫描期间该文件正在被写入。其哈希值和分析结果不对应任何稳定版本，清单无法证明实际用于训练的内容。',
    },
    fix: fix(
      'Wait until whatever writes the file has finished, or scan a frozen snapshot of the dataset; then rerun `tdgov scan`.',
      '待写入该文件的程序完成后，或对数据集的冻结快照进行扫描；然后重新运行 `tdgov scan`。',
    ),
  }),

  // Malformed content: records a training job cannot read as they were meant.
  defineObserved({
    code: 'UTF8_INVALID',
    clause: 'Art. 7 (data quality)',
    title: { en: 'Invalid UTF-8', zh: 'UTF-8 编码无效' },
    description: {
      en: 'A text file holds byte sequences that are not valid UTF-8, usually because it was saved in another encoding (such as GBK) or is corrupt. The affected records are garbled, so they cannot be reliably checked for personal information or harmful content.',
      zh: '文本文件中含有无效的 UTF-8 字节序列，通常是因为文件以其他编码（如 GBK）保存或已损坏。受影响的记录会出现乱码，无法可靠地检查其中的个人信息或有害内容。',
    },
    fix: fix(
      'Convert the file to UTF-8 (for example with `iconv -f GBK -t UTF-8`) or restore it from an intact copy; then rerun `tdgov scan`.',
      '将文件转换为 UTF-8 编码（例如使用 `iconv -f GBK -t UTF-8`），或从完好的副本恢复；然后重新运行 `tdgov scan`。',
    ),
  }),
  defineObserved({
    code: 'JSONL_INVALID_LINE',
    clause: 'Art. 7 (data quality)',
    title: { en: 'Invalid JSON line', zh: 'JSON 行无效' },
    description: {
      en: 'A line of a JSON Lines file does not parse as JSON. The record on it is unusable: a training job reading the file either fails on it or drops it, and the scan could not check it.',
      zh: 'JSON Lines 文件中的某一行无法解析为 JSON。该行记录无法使用：读取该文件的训练任务会因此报错或将其丢弃，扫描也无法对其进行检查。',
    },
    fix: fix(
      'Correct or remove the line, using the line number and parser message the finding gives, or regenerate the file from its source data; then rerun `tdgov scan`.',
      '根据发现项给出的行号和解析错误信息修正或删除该行，或从原始数据重新生成该文件；然后重新运行 `tdgov scan`。',
    ),
  }),
  defineObserved({
    code: 'JSONL_NOT_OBJECT',
    clause: 'Art. 7 (data quality)',
    title: { en: 'JSON line is not an object', zh: 'JSON 行不是对象' },
    description: {
      en: 'A line holds valid JSON that is not an object (an array, string, number or null). Each line should be one record with named fields; a bare value has no fields for the schema, labels or audits to refer to.',
      zh: '某一行是有效的 JSON，但不是对象（而是数组、字符串、数字或 null）。每行应为一条带有命名字段的记录；单独的值没有字段，数据结构（schema）统计、标签和抽检都无从引用。',
    },
    fix: fix(
      'Wrap the value in an object with a named field (for example `{"text": …}`) or remove the line; then rerun `tdgov scan`.',
      '将该值放入带有命名字段的对象中（例如 `{"text": …}`），或删除该行；然后重新运行 `tdgov scan`。',
    ),
  }),
  defineObserved({
    code: 'JSONL_BLANK_LINE',
    clause: 'Art. 7 (data quality)',
    title: { en: 'Blank line in JSON Lines', zh: 'JSON Lines 中的空行' },
    description: {
      en: 'A JSON Lines file has an empty line. Many readers reject it or read it as an empty record, so the record count in the manifest may differ from what a training job sees.',
      zh: 'JSON Lines 文件中存在空行。许多读取程序会报错或将其读作空记录，清单中的记录数因此可能与训练任务实际读取的不一致。',
    },
    fix: fix(
      'Remove the blank lines, or have the exporter write exactly one record per line; then rerun `tdgov scan`.',
      '删除空行，或让导出程序严格按每行一条记录输出；然后重新运行 `tdgov scan`。',
    ),
  }),
  defineObserved({
    code: 'JSON_INVALID',
    clause: 'Art. 7 (data quality)',
    title: { en: 'Invalid JSON', zh: 'JSON 无效' },
    description: {
      en: 'A JSON file, or a record in it, does not parse. What follows the error cannot be read or counted, so the manifest cannot account for it and a training job reading the file would fail or lose data.',
      zh: 'JSON 文件或其中的某条记录无法解析。出错位置之后的内容无法读取或计数，清单无法对其作出说明，读取该文件的训练任务也会报错或丢失数据。',
    },
    fix: fix(
      'Repair the file at the position the finding gives (a truncated download or a hand edit are common causes) or regenerate it; then rerun `tdgov scan`.',
      '在发现项给出的位置修复该文件（常见原因是下载不完整或手工编辑出错），或重新生成该文件；然后重新运行 `tdgov scan`。',
    ),
  }),
  defineObserved({
    code: 'JSON_UNEXPECTED_SHAPE',
    clause: 'Art. 7 (data quality)',
    title: { en: 'Unexpected JSON structure', zh: 'JSON 结构不符合预期' },
    description: {
      en: "The file's top-level JSON value is neither an array of records nor an object of column arrays, so tdgov cannot tell what its records are: they are not counted, and not checked for personal information or duplicates.",
      zh: '文件的顶层 JSON 值既不是记录数组，也不是由列数组构成的对象，tdgov 无法识别其中的记录：这些记录既不计数，也不接受个人信息和重复数据检查。',
    },
    fix: fix(
      'Store the records as a JSON array of objects, as an object whose values are arrays of equal length, or as JSON Lines; then rerun `tdgov scan`.',
      '将记录存储为由对象构成的 JSON 数组、各值为等长数组的对象，或 JSON Lines 格式；然后重新运行 `tdgov scan`。',
    ),
  }),
  defineObserved({
    code: 'CSV_FIELD_COUNT',
    clause: 'Art. 7 (data quality)',
    title: { en: 'Wrong number of CSV fields', zh: 'CSV 字段数不一致' },
    description: {
      en: 'A row has more or fewer fields than the header. Its values are shifted against the columns, so text and labels may be read from the wrong field.',
      zh: '某一行的字段数与表头不一致，各值与列发生错位，文本和标签可能从错误的字段中读取。',
    },
    fix: fix(
      'Quote fields that contain the delimiter or line breaks, and correct or remove the row the finding points to; then rerun `tdgov scan`.',
      '为含有分隔符或换行符的字段加上引号，并修正或删除发现项所指的行；然后重新运行 `tdgov scan`。',
    ),
  }),
  defineObserved({
    code: 'CSV_UNTERMINATED_QUOTE',
    clause: 'Art. 7 (data quality)',
    title: { en: 'Unterminated CSV quote', zh: 'CSV 引号未闭合' },
    description: {
      en: 'A quoted field is opened but never closed, so everything after it to the end of the file is read as one field and the records that follow are lost.',
      zh: '某个带引号的字段只有开始引号而没有结束引号，其后直至文件末尾的全部内容都被读作一个字段，后续记录随之丢失。',
    },
    fix: fix(
      'At the line the finding gives, close the quote or escape the quotes inside the field by doubling them (`""`); then rerun `tdgov scan`.',
      '在发现项给出的行中补上结束引号，或将字段内的引号双写（`""`）进行转义；然后重新运行 `tdgov scan`。',
    ),
  }),
  defineObserved({
    code: 'CSV_NO_HEADER',
    clause: 'Art. 7 (data quality)',
    title: { en: 'CSV without a header', zh: 'CSV 缺少表头' },
    description: {
      en: 'The CSV file has no header row, because it holds no rows at all. It has no columns and no records, which is rarely what an export was meant to produce.',
      zh: '该 CSV 文件没有表头行，因为其中没有任何行。文件既无列也无记录，这通常并非导出时的预期结果。',
    },
    fix: fix(
      'Re-export the file with a header row and its records, or remove it from the dataset; then rerun `tdgov scan`.',
      '重新导出包含表头行及记录的文件，或将其移出数据集；然后重新运行 `tdgov scan`。',
    ),
  }),
  defineObserved({
    code: 'CSV_HEADER_RENAMED',
    clause: 'Art. 7 (data quality)',
    title: { en: 'CSV header name repeated or empty', zh: 'CSV 表头名称重复或为空' },
    description: {
      en: 'A header name repeats an earlier column, or a column has no name. The manifest keeps every column as a field of its own (`name_2`, `column_N`), but a training pipeline that reads rows by header name would lose all but one of the repeated columns, or read the unnamed one under whatever name its library invents.',
      zh: '表头中某个名称与前面的列重复，或某列没有名称。清单将每一列记为独立字段（`name_2`、`column_N`），但按表头名称读取各行的训练流程会丢失重复列中除一列以外的其余列，或以所用程序库自行生成的名称读取无名列。',
    },
    fix: fix(
      'Give every column a distinct, non-empty name in the header row (re-export the table, or edit the first line); then rerun `tdgov scan`.',
      '在表头行中为每一列设置互不相同且非空的名称（重新导出该表，或修改首行）；然后重新运行 `tdgov scan`。',
    ),
  }),
  defineObserved({
    code: 'ENCODING_NOT_UTF8',
    clause: 'Art. 7 (data quality)',
    title: { en: 'Text not in UTF-8', zh: '文本不是 UTF-8 编码' },
    description: {
      en: "A text file is encoded in UTF-16 (Excel's \"Unicode text\") or GB18030/GBK rather than UTF-8. tdgov decoded it, so its records, fields, languages and personal information are counted as for UTF-8, but a training pipeline that reads it as UTF-8, as most do by default, gets garbled text or fails on it.",
      zh: '文本文件采用 UTF-16（Excel 的“Unicode 文本”）或 GB18030/GBK 编码，而非 UTF-8。tdgov 已对其解码，记录、字段、语言和个人信息均按 UTF-8 文件同样统计；但按 UTF-8 读取它的训练流程（多数流程默认如此）会得到乱码或读取失败。',
    },
    fix: fix(
      'Convert the file to UTF-8 (for example `iconv -f UTF-16 -t UTF-8` or `iconv -f GB18030 -t UTF-8`), or make sure every pipeline reading it is told its encoding; then rerun `tdgov scan`.',
      '将文件转换为 UTF-8 编码（例如 `iconv -f UTF-16 -t UTF-8` 或 `iconv -f GB18030 -t UTF-8`），或确保读取它的每个流程都指定了其编码；然后重新运行 `tdgov scan`。',
    ),
  }),
  defineObserved({
    code: 'CONTENT_LOOKS_BINARY',
    clause: 'Art. 7 (data quality)',
    title: { en: 'Binary bytes in a text file', zh: '文本文件中含二进制字节' },
    description: {
      en: 'The file is named as a text format (JSON Lines, JSON, CSV, TSV, text, Markdown) but its first MiB holds NUL bytes. When they are few, the file is still read in the format its name says, so its records are counted and the lines holding them are reported; when the content is mostly binary it is recorded as binary (or as the media type its bytes show) and no records are counted. Either way a training pipeline reading it as text may fail or take in garbage.',
      zh: '文件名表明其为文本格式（JSON Lines、JSON、CSV、TSV、文本、Markdown），但其前 1 MiB 中含有 NUL 字节。若此类字节很少，仍按文件名所示格式读取，统计其记录并报告含有这些字节的行；若内容主要为二进制，则记为二进制（或其字节所示的媒体类型），不统计记录。无论哪种情况，按文本读取它的训练流程都可能失败或读入无用数据。',
    },
    fix: fix(
      'Find the bytes at the offset given (for example `cmp -l` against a clean copy, or `od -A d -c` around it), remove them or restore the file from its source; if it is not text, rename it with its real extension. Then rerun `tdgov scan`.',
      '找到所给偏移处的字节（例如与干净副本做 `cmp -l`，或用 `od -A d -c` 查看附近内容），删除这些字节或从来源恢复文件；如其并非文本，按其真实格式重命名扩展名。然后重新运行 `tdgov scan`。',
    ),
  }),
  defineObserved({
    code: 'CONTENT_NOT_PRESENT',
    clause: 'manifest',
    title: { en: 'Content not present', zh: '内容不在本地' },
    description: {
      en: 'The file is a pointer that Git LFS, git-annex or DVC leaves in place of the content it tracks (a clone without `git lfs pull`, an annex without `git annex get`, a DVC checkout without `dvc pull`). The data itself was not scanned: its hash, records, licence and personal information are unknown, and the manifest does not describe what a training job would read.',
      zh: '该文件是 Git LFS、git-annex 或 DVC 在其所跟踪内容的位置留下的指针（例如克隆后未运行 `git lfs pull`、未运行 `git annex get`，或 DVC 检出后未运行 `dvc pull`）。数据本身未经扫描：其哈希值、记录、许可证和个人信息均不明，清单也未能说明训练任务实际读取的内容。',
    },
    fix: fix(
      'Fetch the content with the command the finding names (`git lfs pull`, `git annex get`, `dvc pull`), or remove the pointer if the data is not part of the dataset; then rerun `tdgov scan`.',
      '运行发现项给出的命令（`git lfs pull`、`git annex get`、`dvc pull`）获取内容；如该数据不属于数据集，删除该指针；然后重新运行 `tdgov scan`。',
    ),
  }),
  defineObserved({
    code: 'PARQUET_TRUNCATED',
    clause: 'Art. 7 (data quality)',
    title: { en: 'Truncated Parquet file', zh: 'Parquet 文件被截断' },
    description: {
      en: 'The Parquet file ends before its data or footer is complete, typically after an interrupted download or copy. Its row groups cannot all be read, so the manifest cannot give its records.',
      zh: '该 Parquet 文件在数据或文件尾（footer）完整之前就已结束，通常是下载或复制中断所致。其行组无法全部读取，清单无法给出其记录情况。',
    },
    fix: fix(
      'Fetch or copy the file again from its source and compare its checksum with the original; then rerun `tdgov scan`.',
      '从数据来源重新下载或复制该文件，并与原始文件核对校验和；然后重新运行 `tdgov scan`。',
    ),
  }),
  defineObserved({
    code: 'PARQUET_INVALID_FOOTER',
    clause: 'Art. 7 (data quality)',
    title: { en: 'Invalid Parquet footer', zh: 'Parquet 文件尾无效' },
    description: {
      en: "The Parquet file's footer, which holds its schema and row-group metadata, cannot be decoded. Without it neither the columns nor the number of records can be known.",
      zh: '该 Parquet 文件的文件尾（footer，存放数据结构和行组元数据）无法解码。缺少文件尾，既无法得知其列，也无法得知其记录数。',
    },
    fix: fix(
      'Rewrite the file with a current Parquet writer, or restore it from an intact copy; then rerun `tdgov scan`.',
      '使用当前版本的 Parquet 写入程序重新生成该文件，或从完好的副本恢复；然后重新运行 `tdgov scan`。',
    ),
  }),
  defineObserved({
    code: 'ARROW_TRUNCATED',
    clause: 'Art. 7 (data quality)',
    title: { en: 'Truncated Arrow IPC data', zh: 'Arrow IPC 数据被截断' },
    description: {
      en: 'The Arrow IPC file or stream ends inside a message, or lacks the end-of-stream marker or footer its format requires, typically after an interrupted write or copy. The records in the missing part are lost.',
      zh: '该 Arrow IPC 文件或数据流在某条消息中途结束，或缺少其格式要求的流结束标记或文件尾，通常是写入或复制中断所致。缺失部分中的记录已丢失。',
    },
    fix: fix(
      'Write or copy the file again from its source, and make sure the writer is closed so that it writes its end-of-stream marker and footer; then rerun `tdgov scan`.',
      '从数据来源重新写入或复制该文件，并确保写入程序正常关闭，以写出流结束标记和文件尾；然后重新运行 `tdgov scan`。',
    ),
  }),
  defineObserved({
    code: 'ARROW_INVALID_MESSAGE',
    clause: 'Art. 7 (data quality)',
    title: { en: 'Invalid Arrow IPC message', zh: 'Arrow IPC 消息无效' },
    description: {
      en: 'An Arrow IPC message header cannot be decoded, or the messages are not in the order the format requires (the Schema first). The schema and records of the file cannot be read from that point on.',
      zh: '某条 Arrow IPC 消息头无法解码，或消息顺序不符合格式要求（应首先为 Schema 消息）。从该处起，文件的数据结构和记录均无法读取。',
    },
    fix: fix(
      'Rewrite the file with a current Arrow writer, or restore it from an intact copy; then rerun `tdgov scan`.',
      '使用当前版本的 Arrow 写入程序重新生成该文件，或从完好的副本恢复；然后重新运行 `tdgov scan`。',
    ),
  }),
  defineObserved({
    code: 'COLUMN_UNREADABLE',
    clause: 'Art. 7 (data quality)',
    title: { en: 'Unreadable column', zh: '列无法读取' },
    description: {
      en: "A column of a Parquet or Arrow file cannot be decoded by the scanner (an encoding, compression codec or type it does not support, or damaged data). The rest of the file is analysed without it, so the column's text escapes the language, duplicate and personal-information checks; the record count and schema still come from the file's metadata.",
      zh: 'Parquet 或 Arrow 文件中的某一列无法被扫描程序解码（其不支持的编码、压缩算法或类型，或数据已损坏）。文件其余部分照常分析，但该列不计入其中，因此该列文本未经语种、重复和个人信息检查；记录数和数据结构仍取自文件元数据。',
    },
    fix: fix(
      'Rewrite the file with a current Parquet or Arrow writer using common encodings and codecs (for example SNAPPY or ZSTD, and string, number or list types), or restore it from an intact copy; then rerun `tdgov scan`.',
      '使用当前版本的 Parquet 或 Arrow 写入程序、以常见的编码和压缩算法（例如 SNAPPY 或 ZSTD，以及字符串、数值或列表类型）重新生成该文件，或从完好的副本恢复；然后重新运行 `tdgov scan`。',
    ),
  }),
  defineObserved({
    code: 'COMPRESSED_CORRUPT',
    clause: 'Art. 7 (data quality)',
    title: { en: 'Corrupt compressed file', zh: '压缩文件已损坏' },
    description: {
      en: 'The gzip or zstd stream is corrupt or ends early, so its content could be decompressed only up to the error. The records after that point are missing from the analysis and from any training job that reads the file.',
      zh: '该 gzip 或 zstd 压缩流已损坏或提前结束，其内容只能解压到出错位置为止。该位置之后的记录既未纳入分析，读取该文件的训练任务也无法获得。',
    },
    fix: fix(
      'Test the archive (`gzip -t` or `zstd -t`), then fetch or compress it again from the original data; then rerun `tdgov scan`.',
      '先检测压缩文件（`gzip -t` 或 `zstd -t`），再从原始数据重新获取或重新压缩；然后重新运行 `tdgov scan`。',
    ),
  }),

  // The readers' limits: a file read only so far (src/formats/limits.ts, `tdgov scan --max-…`).
  defineObserved({
    code: 'RECORD_TOO_LONG',
    clause: 'Art. 7 (data quality)',
    title: { en: 'Record too long', zh: '记录过长' },
    description: {
      en: 'A line or record is longer than the scan holds in memory to parse (`--max-record-bytes`, 8 MiB by default). It is counted and hashed with the file, but its schema, content, duplicates and personal information are not analysed. A record this long is usually a file written without line breaks, or a blob (an image, a whole document) stored in one field.',
      zh: '某行或某条记录的长度超过扫描为解析而在内存中保留的上限（`--max-record-bytes`，默认 8 MiB）。该记录已计数并随文件计算哈希，但其结构、内容、重复情况和个人信息均未分析。如此长的记录通常是未换行写出的文件，或在单个字段中存放了大块数据（图像、整篇文档）。',
    },
    fix: fix(
      'Split the record into lines, or store large blobs as files and refer to them by path; if the records are meant to be this long, rerun `tdgov scan` with a larger `--max-record-bytes` (the scan’s memory grows by about 20 times the limit).',
      '将该记录拆分为多行，或将大块数据另存为文件并以路径引用；如记录确应如此之长，以更大的 `--max-record-bytes` 重新运行 `tdgov scan`（扫描的内存占用约增加该上限的 20 倍）。',
    ),
  }),
  defineObserved({
    code: 'NESTING_TOO_DEEP',
    clause: 'Art. 7 (data quality)',
    title: { en: 'JSON nested too deep', zh: 'JSON 嵌套过深' },
    description: {
      en: 'A JSON record or document nests arrays and objects deeper than the scan parses (`--max-depth`, 512 levels by default). It is counted, but not parsed: its schema, content and personal information are not analysed. Real records nest a few dozen levels; thousands usually mean a generated or hostile file, which can also crash the tools that train on it.',
      zh: '某条 JSON 记录或文档中数组和对象的嵌套层数超过扫描解析的上限（`--max-depth`，默认 512 层）。该记录已计数但未解析：其结构、内容和个人信息均未分析。真实记录的嵌套通常只有几十层；数千层往往意味着文件由程序生成或带有恶意，也可能使读取它的训练工具崩溃。',
    },
    fix: fix(
      'Flatten the record or remove it from the dataset; if the nesting is intended, rerun `tdgov scan` with a larger `--max-depth`.',
      '将该记录扁平化或将其移出数据集；如该嵌套确属有意，以更大的 `--max-depth` 重新运行 `tdgov scan`。',
    ),
  }),
  defineObserved({
    code: 'DECOMPRESSION_LIMIT',
    clause: 'Art. 7 (data quality)',
    title: { en: 'Decompression limit reached', zh: '达到解压上限' },
    description: {
      en: 'The compressed file expands further than the scan decompresses: more than `--max-decompression-ratio` bytes per compressed byte (100 by default, past the first 64 MiB), more than `--max-decompressed-bytes`, or a zstd window larger than 128 MiB. Its hash covers the whole file, but its records are counted and analysed only up to that point. Such ratios are typical of a decompression bomb; real text and JSON compress 3 to 20 times.',
      zh: '该压缩文件解压后的体积超过扫描的解压上限：每个压缩字节解压出的字节数超过 `--max-decompression-ratio`（默认 100，前 64 MiB 不计），或总量超过 `--max-decompressed-bytes`，或 zstd 窗口大于 128 MiB。其哈希覆盖整个文件，但记录只计数和分析到该位置为止。如此高的压缩比是解压炸弹的典型特征；真实的文本和 JSON 压缩比通常为 3 至 20 倍。',
    },
    fix: fix(
      'Check where the file came from and what it expands to (`gzip -l`, `zstd -l`); remove it if it is not training data, or rerun `tdgov scan` with a larger `--max-decompression-ratio` or `--max-decompressed-bytes`.',
      '核查该文件的来源及其解压后的内容（`gzip -l`、`zstd -l`）；如不属于训练数据则将其移除，否则以更大的 `--max-decompression-ratio` 或 `--max-decompressed-bytes` 重新运行 `tdgov scan`。',
    ),
  }),
  defineObserved({
    code: 'FIELDS_CAPPED',
    clause: 'Art. 7 (data quality)',
    title: { en: 'Too many distinct fields', zh: '字段过多' },
    description: {
      en: 'The records of the file use more distinct field names than the scan records in a schema (`--max-fields`, 10,000 by default), so the manifest lists only the first ones. Thousands of keys usually mean values stored as keys (ids, words, dates), which a training pipeline reading fields by name will not see as data.',
      zh: '该文件的记录中不同字段名的数量超过扫描在结构中记录的上限（`--max-fields`，默认 10,000），清单只列出前若干个。成千上万的键名通常意味着把取值（编号、词语、日期）当作了键名，按字段名读取数据的训练流程不会把它们当作数据。',
    },
    fix: fix(
      'Store such values as values (an array of objects, or a key and a value field) instead of keys; if the fields are real, rerun `tdgov scan` with a larger `--max-fields`.',
      '将这些取值作为值存放（对象数组，或键字段加值字段），而不是作为键名；如这些字段确实存在，以更大的 `--max-fields` 重新运行 `tdgov scan`。',
    ),
  }),
  defineObserved({
    code: 'ANALYSIS_STOPPED',
    clause: 'Art. 7 (data quality)',
    title: { en: 'Analysis stopped', zh: '分析被终止' },
    description: {
      en: 'The decoder reading the file (Parquet and Arrow files are decoded by third-party libraries on a thread of their own) stood still for longer than `--max-analysis-seconds` (60 s by default) or needed more heap than `--max-analysis-memory` (160 MiB by default; no limit under `--deep`), so the scan stopped it. The hash and size cover the whole file; what the footer already said (a Parquet file’s row count and schema) is kept, but the content facts, personal-information search and token estimate of its records are missing. A decoder stands still like this on damaged data, such as a corrupted page whose header claims billions of values; a training job reading the file would hang the same way.',
      zh: '读取该文件的解码器（Parquet 和 Arrow 文件由第三方库在单独的线程上解码）停滞超过 `--max-analysis-seconds`（默认 60 秒）或所需堆内存超过 `--max-analysis-memory`（默认 160 MiB；`--deep` 下不设上限），因此扫描将其终止。哈希和大小覆盖整个文件；文件尾已给出的信息（Parquet 文件的行数和结构）予以保留，但其记录的内容事实、个人信息检索和词元估算缺失。解码器在数据损坏时会如此停滞，例如某个损坏的数据页头声称含有数十亿个值；读取该文件的训练任务也会同样卡住。',
    },
    fix: fix(
      'Check the file with the tool that wrote it (for Parquet, `pyarrow.parquet.read_table`) and rewrite or remove it; if it is intact but slow to decode or large, rerun `tdgov scan` with a larger `--max-analysis-seconds` or `--max-analysis-memory`.',
      '用写入该文件的工具检查它（Parquet 可用 `pyarrow.parquet.read_table`），然后重写或移除；如文件完好只是解码较慢或体量较大，以更大的 `--max-analysis-seconds` 或 `--max-analysis-memory` 重新运行 `tdgov scan`。',
    ),
  }),
  defineObserved({
    code: 'RECORD_FIELDS_CUT',
    clause: 'Art. 7 (data quality)',
    title: { en: 'Record with too many fields', zh: '记录字段过多' },
    description: {
      en: 'A sampled record has more fields than the scan reads in one record: more than `--max-fields` (10,000 by default) at its top level, or more than ten times that counted at every depth. It is read only as far as its first fields, so the schema, the content measures and the search for personal information see only those. A million keys in one record parse to hundreds of megabytes; such records usually store values (ids, words, dates) as keys.',
      zh: '某条抽样记录的字段数超过扫描在单条记录中读取的上限：顶层超过 `--max-fields`（默认 10,000），或各层合计超过其十倍。该记录只读取到前若干个字段，结构、内容度量和个人信息检索都只涉及这些字段。单条记录中的一百万个键解析后占用数百兆字节；这类记录通常把取值（编号、词语、日期）当作了键名。',
    },
    fix: fix(
      'Store such values as values (an array of objects, or a key and a value field) instead of keys; if the fields are real, rerun `tdgov scan` with a larger `--max-fields`.',
      '将这些取值作为值存放（对象数组，或键字段加值字段），而不是作为键名；如这些字段确实存在，以更大的 `--max-fields` 重新运行 `tdgov scan`。',
    ),
  }),
  defineObserved({
    code: 'SAMPLE_REDUCED',
    clause: 'Art. 7 (data quality)',
    title: { en: 'Record sample reduced', zh: '记录样本已缩减' },
    description: {
      en: 'The records sampled from the file are long: the scan holds at most 16 Mi characters of sampled records per file until the file ends, so the sample was cut, uniformly, to fewer than the 1,000 records a file is sampled by. The schema, content measures and personal-information search rest on that smaller sample; the record count is still exact.',
      zh: '从该文件抽样的记录较长：扫描在读完文件之前每个文件最多保留 16 Mi 个字符的抽样记录，因此样本被均匀地缩减到少于每个文件通常抽取的 1,000 条记录。结构、内容度量和个人信息检索都基于这一较小的样本；记录计数仍然精确。',
    },
    fix: fix(
      'Nothing is wrong with the file; for figures on every record, rerun `tdgov scan` with `--deep`, which reads records one at a time.',
      '文件本身没有问题；如需基于全部记录的数据，以 `--deep` 重新运行 `tdgov scan`，它逐条读取记录。',
    ),
  }),
  defineObserved({
    code: 'IMAGE_UNREADABLE',
    clause: 'Art. 7 (data quality)',
    title: { en: 'Unreadable image', zh: '图像无法读取' },
    description: {
      en: "The image's header cannot be read, so its format and dimensions are unknown; the file is likely truncated, corrupt, or not the image its name suggests. A training job may fail on it or skip it.",
      zh: '无法读取该图像的文件头，其格式和尺寸均无法确定；该文件可能已截断、损坏，或并非其文件名所示的图像。训练任务可能因此报错或将其跳过。',
    },
    fix: fix(
      'Restore the image from an intact copy, re-encode it in a standard format, or remove it from the dataset; then rerun `tdgov scan`.',
      '从完好的副本恢复该图像、以标准格式重新编码，或将其移出数据集；然后重新运行 `tdgov scan`。',
    ),
  }),
  defineObserved({
    code: 'MEDIA_UNREADABLE',
    clause: 'Art. 7 (data quality)',
    title: { en: 'Unreadable audio or video', zh: '音视频无法读取' },
    description: {
      en: "The audio or video file's header cannot be read, so its format, duration and dimensions are unknown; the file is likely truncated, corrupt, or in an unexpected container. A training job may fail on it or skip it.",
      zh: '无法读取该音视频文件的文件头，其格式、时长和尺寸均无法确定；该文件可能已截断、损坏，或采用了非预期的封装格式。训练任务可能因此报错或将其跳过。',
    },
    fix: fix(
      'Restore the file from an intact copy, remux or re-encode it into a standard container, or remove it from the dataset; then rerun `tdgov scan`.',
      '从完好的副本恢复该文件、将其重新封装或重新编码为标准格式，或将其移出数据集；然后重新运行 `tdgov scan`。',
    ),
  }),
  defineObserved({
    code: 'ANNOTATION_EXPORT_INVALID',
    clause: 'Art. 8',
    title: { en: 'Malformed annotation export', zh: '标注导出文件格式有误' },
    description: {
      en: 'The file starts like an annotation export (COCO, Label Studio, CVAT, Pascal VOC, YOLO, doccano, Prodigy or CoNLL), but its annotation adapter cannot read it: an annotation points at an image or category that is not there, a required list or field is missing, a line is not in the format. The manifest therefore records it by its plain format, without item, annotation and label counts, and `tdgov audit` cannot sample it until it is fixed. A training job reading the labels may fail or silently drop some.',
      zh: '该文件开头看似标注导出文件（COCO、Label Studio、CVAT、Pascal VOC、YOLO、doccano、Prodigy 或 CoNLL），但相应的标注适配器无法读取：例如某条标注指向不存在的图像或类别、缺少必需的列表或字段，或某一行不符合该格式。清单因此按其基础格式记录该文件，不含条目数、标注数和标签数；在修正之前，`tdgov audit` 也无法对其抽检。读取这些标签的训练任务可能报错，或悄然丢弃部分标签。',
    },
    fix: fix(
      'Export the annotations again from the labelling tool, or correct the place the finding names; then rerun `tdgov scan`.',
      '从标注工具重新导出，或修正该发现项指出的位置；然后重新运行 `tdgov scan`。',
    ),
  }),
  defineObserved({
    code: 'FINDINGS_CAPPED',
    clause: 'manifest',
    title: { en: 'Findings capped', zh: '发现项已截断列出' },
    description: {
      en: 'A file, or the dataset, raised more findings of one code than are listed, so only the first ones are in the manifest and this summary gives the total. The unlisted findings still exist and are counted.',
      zh: '某个文件或整个数据集中同一代码的发现项超过了列出上限，清单中只列出前若干条，并由本条汇总给出总数。未列出的发现项依然存在，并计入总数。',
    },
    fix: fix(
      'Fix the cause of the capped code, which usually lies in how the file was produced, and rerun `tdgov scan` to see the remaining ones.',
      '修正被截断列出的那一代码的问题根源（通常在于文件的生成方式），然后重新运行 `tdgov scan` 查看其余发现项。',
    ),
  }),

  // Provenance observed in a file.
  defineObserved({
    code: 'LICENCE_TEXT_UNIDENTIFIED',
    clause: 'Art. 7, TC260-003 §5.1',
    title: { en: 'Unidentified licence text', zh: '无法识别的许可证文本' },
    description: {
      en: "A LICENSE or COPYING file matches no SPDX licence text closely enough to name it, so the terms the data was obtained under cannot be classified. Art. 7 requires data from lawful sources that does not infringe others' intellectual property, and the report to the regulator has to name the licence.",
      zh: 'LICENSE 或 COPYING 文件与任何 SPDX 许可证文本都不够接近，无法确定其名称，因而无法对获取该数据所依据的许可条款进行归类。《生成式人工智能服务管理暂行办法》第七条要求使用具有合法来源的数据，不得侵害他人依法享有的知识产权；向监管部门说明训练数据时也须写明其许可协议。',
    },
    fix: fix(
      "Read the licence and declare it in the source's `license` in `tdgov.yaml`: its SPDX id if it is a modified standard licence, otherwise a `LicenseRef-…` id describing its terms; then rerun `tdgov scan`.",
      '阅读该许可证，并在 `tdgov.yaml` 中该来源的 `license` 下声明：如为改动过的标准许可证，填写其 SPDX 标识符；否则填写描述其条款的 `LicenseRef-…` 标识符；然后重新运行 `tdgov scan`。',
    ),
  }),
  defineObserved({
    code: 'PII_SENSITIVE',
    clause: 'Art. 7, PIPL Art. 28–29',
    title: { en: 'Sensitive personal information', zh: '敏感个人信息' },
    description: {
      en: "The file holds sensitive personal information, such as resident ID, bank card or passport numbers, or credentials such as private keys and cloud access keys, which have no place in training data. Art. 7 requires consent or another legal basis for personal information; PIPL Art. 28 allows sensitive personal information to be processed only for a specific purpose, where sufficiently necessary and under strict protection, and Art. 29 requires the individual's separate consent (written consent where the law says so).",
      zh: '该文件含有敏感个人信息，例如居民身份证号、银行卡号、护照号，或私钥、云服务访问密钥等凭据（凭据不应出现在训练数据中）。《生成式人工智能服务管理暂行办法》第七条要求涉及个人信息的，应当取得个人同意或者符合法律、行政法规规定的其他情形；《个人信息保护法》第二十八条规定，只有在具有特定的目的和充分的必要性，并采取严格保护措施的情形下，方可处理敏感个人信息；第二十九条规定，处理敏感个人信息应当取得个人的单独同意，法律、行政法规规定应当取得书面同意的，从其规定。',
    },
    fix: fix(
      "Remove or mask the values before training; if they must stay, record the separate consent or other legal basis as the source's `personal_information` in `tdgov.yaml` (`separate-consent`, `written-consent` or `other-legal-basis`); then rerun `tdgov scan`.",
      '在训练前删除或脱敏这些值；确需保留的，在 `tdgov.yaml` 中该来源的 `personal_information` 下记录单独同意、书面同意或其他合法性基础（`separate-consent`、`written-consent` 或 `other-legal-basis`）；然后重新运行 `tdgov scan`。',
    ),
  }),

  // Provenance declared (tdgov.yaml) against observed.
  defineObserved({
    code: 'CONFIG_MISSING',
    clause: 'Art. 7',
    title: { en: 'No tdgov.yaml', zh: '缺少 tdgov.yaml' },
    description: {
      en: "The scan found no `tdgov.yaml`, so the dataset's sources, licences and personal-information bases are not declared and none of the Art. 7 checks ran; the manifest records files but cannot say where their data came from.",
      zh: '扫描未找到 `tdgov.yaml`，数据集的数据来源、许可证和个人信息处理的合法性基础均未声明，《生成式人工智能服务管理暂行办法》第七条相关检查均未执行；清单只记录了文件，无法说明数据的来源。',
    },
    fix: {
      en: 'Run `tdgov init` to draft a `tdgov.yaml` from the manifest, complete its sources, licences and personal-information bases, and rerun `tdgov scan`. Since this finding means there is no `tdgov.yaml`, it cannot be re-graded or suppressed under `policy.severity` or `policy.suppressions` there: it goes away once the file exists.',
      zh: '运行 `tdgov init` 根据清单生成 `tdgov.yaml` 草稿，补全其中的数据来源、许可证和个人信息处理依据，然后重新运行 `tdgov scan`。该发现项本身意味着不存在 `tdgov.yaml`，因此无法在其 `policy.severity` 或 `policy.suppressions` 下调整级别或将其豁免：创建该文件后即不再出现。',
    },
  }),
]
