// The write-or-check step both reference-data scripts share (update-iam-data.mjs, update-managed-policies.mjs):
// compare the text with the committed gzip resource and licence copy; with --check only report; else rewrite what
// changed, with a deterministic gzip header. zlib versions may compress the same text to different bytes, so an
// unchanged text leaves the committed file untouched.

import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { constants, gunzipSync, gzipSync } from 'node:zlib';

/**
 * @param {{ text: string, outFile: string, licenseText: string, licenseSource: string, licenseOut: string,
 *           checkOnly: boolean, staleMessage: string, upToDateMessage: string }} o
 * @returns {{ changed: boolean, size: number }} after writing; exits the process in check mode.
 */
export function writeOrCheck(o) {
  const current = existsSync(o.outFile) ? gunzipSync(readFileSync(o.outFile)).toString('utf8') : null;
  const licenseCurrent = existsSync(o.licenseOut) ? readFileSync(o.licenseOut, 'utf8') : null;
  const upToDate = current === o.text && licenseCurrent === o.licenseText;
  if (o.checkOnly) {
    console.log(upToDate ? o.upToDateMessage : o.staleMessage);
    process.exit(upToDate ? 0 : 1);
  }

  if (current !== o.text) {
    const gz = gzipSync(Buffer.from(o.text, 'utf8'), { level: constants.Z_BEST_COMPRESSION });
    // RFC 1952 header: bytes 4-7 mtime (zlib writes 0), byte 9 OS. Pin the OS byte so the platform does not show.
    gz.writeUInt32LE(0, 4);
    gz[9] = 255;
    writeFileSync(o.outFile, gz);
  }

  if (licenseCurrent !== o.licenseText) copyFileSync(o.licenseSource, o.licenseOut);
  return { changed: current !== o.text, size: readFileSync(o.outFile).length };
}
