/**
 * Voice messages are Ogg files holding Opus audio, as the Telegram apps record them. This makes
 * one of silence (what a person "says" when the sandbox has no recording to send) and reads how
 * long a given one is, as Telegram reads a voice message's `duration` from the file.
 */

/** Opus always counts time in samples at 48 kHz. */
const RATE = 48_000
/** The decoder's warm-up, in samples (the usual value encoders write). */
const PRE_SKIP = 312
/** One 20 ms Opus frame of silence (CELT, fullband, mono): the frame WebRTC sends for silence. */
const SILENT_FRAME = Buffer.from([0xf8, 0xff, 0xfe])
const FRAME_SAMPLES = 960

/** Ogg's CRC-32: polynomial 0x04c11db7, not reflected, starting from 0. */
const CRC_TABLE = Array.from({ length: 256 }, (_, i) => {
  let r = i << 24
  for (let k = 0; k < 8; k++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1
  return r >>> 0
})

function crc(data: Buffer): number {
  let c = 0
  for (const byte of data) c = ((c << 8) ^ (CRC_TABLE[((c >>> 24) ^ byte) & 0xff] as number)) >>> 0
  return c
}

/** One Ogg page of whole packets (each under 255 bytes here). */
function page(packets: Buffer[], seq: number, granule: number, flags: number): Buffer {
  const header = Buffer.alloc(27 + packets.length)
  header.write('OggS', 0, 'latin1')
  header.writeUInt8(0, 4)
  header.writeUInt8(flags, 5)
  header.writeBigInt64LE(BigInt(granule), 6)
  header.writeUInt32LE(0x5a4e_4442, 14) // the stream's serial number
  header.writeUInt32LE(seq, 18)
  header.writeUInt8(packets.length, 26)
  for (const [i, p] of packets.entries()) header.writeUInt8(p.length, 27 + i)
  const out = Buffer.concat([header, ...packets])
  out.writeUInt32LE(crc(out), 22)
  return out
}

/** An Ogg Opus file of `seconds` of silence (mono). */
export function silentVoice(seconds = 1): Buffer {
  const head = Buffer.alloc(19)
  head.write('OpusHead', 0, 'latin1')
  head.writeUInt8(1, 8) // version
  head.writeUInt8(1, 9) // channels
  head.writeUInt16LE(PRE_SKIP, 10)
  head.writeUInt32LE(RATE, 12)
  head.writeInt16LE(0, 16) // output gain
  head.writeUInt8(0, 18) // channel mapping family
  const vendor = Buffer.from('ClientDesk sandbox', 'latin1')
  const tags = Buffer.alloc(8 + 4 + vendor.length + 4)
  tags.write('OpusTags', 0, 'latin1')
  tags.writeUInt32LE(vendor.length, 8)
  vendor.copy(tags, 12)
  const frames = Math.max(1, Math.round((seconds * RATE) / FRAME_SAMPLES))
  const pages = [page([head], 0, 0, 0x02), page([tags], 1, 0, 0)]
  // At most 255 packets a page
  for (let done = 0, seq = 2; done < frames; seq++) {
    const count = Math.min(255, frames - done)
    done += count
    pages.push(page(Array(count).fill(SILENT_FRAME), seq, PRE_SKIP + done * FRAME_SAMPLES, done === frames ? 0x04 : 0))
  }
  return Buffer.concat(pages)
}

/**
 * How long an Ogg Opus file plays, in whole seconds (at least 1), or undefined when the bytes
 * are no Ogg Opus file: the last page's granule position, less the pre-skip, at 48 kHz.
 */
export function opusDuration(data: Buffer): number | undefined {
  if (data.length < 47 || data.toString('latin1', 0, 4) !== 'OggS') return undefined
  if (data.toString('latin1', 28, 36) !== 'OpusHead') return undefined
  const preSkip = data.readUInt16LE(38)
  const last = data.lastIndexOf('OggS', undefined, 'latin1')
  if (last < 0 || last + 14 > data.length) return undefined
  const granule = Number(data.readBigInt64LE(last + 6))
  if (granule < 0) return undefined
  return Math.max(1, Math.round((granule - preSkip) / RATE))
}
