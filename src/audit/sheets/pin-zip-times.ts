import { InternalError } from '../../util/errors.js'

const END_OF_CENTRAL_DIRECTORY = 0x06054b50
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50
const LOCAL_FILE_HEADER = 0x04034b50
/** The earliest and latest moments a DOS date (1980–2107) can say. */
const DOS_EPOCH = Date.UTC(1980, 0, 1)
const DOS_END = Date.UTC(2107, 11, 31, 23, 59, 58)

/**
 * Overwrites the modification time of every entry in a zip (both in its local header and in the
 * central directory) with `when`, in place, and returns the same bytes.
 *
 * fflate stamps each entry with the time it is given in the machine's local time zone, so the
 * same rows would give different bytes in Beijing and in London; pinning the stamps (in UTC)
 * is what makes the same rows give the same xlsx bytes everywhere. Times before 1980 (the default,
 * epoch 0) become 1980-01-01, the earliest a zip can store. The stamps are not covered by the
 * entries' CRCs, so nothing else needs to change. Expects a zip without ZIP64 records, as fflate
 * writes for anything smaller than 4 GiB.
 */
export function pinZipTimes(zip: Uint8Array, when: Date): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
  const { time, date } = dosDateTime(when)
  const end = findEndOfCentralDirectory(view)
  const entries = view.getUint16(end + 10, true)
  let entry = view.getUint32(end + 16, true)
  for (let n = 0; n < entries; n++) {
    expectSignature(view, entry, CENTRAL_DIRECTORY_ENTRY)
    view.setUint16(entry + 12, time, true)
    view.setUint16(entry + 14, date, true)
    const local = view.getUint32(entry + 42, true)
    expectSignature(view, local, LOCAL_FILE_HEADER)
    view.setUint16(local + 10, time, true)
    view.setUint16(local + 12, date, true)
    entry += 46 + view.getUint16(entry + 28, true) + view.getUint16(entry + 30, true) + view.getUint16(entry + 32, true)
  }
  return zip
}

/** The record is 22 bytes plus a comment of up to 65535 bytes, so search backwards from the end. */
function findEndOfCentralDirectory(view: DataView): number {
  const last = view.byteLength - 22
  for (let at = last; at >= 0 && at >= last - 0xffff; at--) {
    if (view.getUint32(at, true) === END_OF_CENTRAL_DIRECTORY) return at
  }
  throw new InternalError('pinZipTimes: no end-of-central-directory record; not a zip')
}

function expectSignature(view: DataView, at: number, signature: number): void {
  if (at + 4 > view.byteLength || view.getUint32(at, true) !== signature) {
    throw new InternalError(`pinZipTimes: expected zip record ${signature.toString(16)} at byte ${at}`)
  }
}

/** MS-DOS time and date words, from the UTC clock, clamped to 1980–2107. */
function dosDateTime(when: Date): { time: number; date: number } {
  const moment = new Date(Math.min(Math.max(when.getTime(), DOS_EPOCH), DOS_END))
  return {
    time: (moment.getUTCHours() << 11) | (moment.getUTCMinutes() << 5) | Math.floor(moment.getUTCSeconds() / 2),
    date: ((moment.getUTCFullYear() - 1980) << 9) | ((moment.getUTCMonth() + 1) << 5) | moment.getUTCDate(),
  }
}
