// check_warc.mjs FILE.warc.gz
//
// Reads a WARC file with a parser Arachne did not write (warcio.js's WARCParser) and checks what a reader of
// the archive relies on:
//   - the first record is a 'warcinfo' record;
//   - every record's WARC-Block-Digest equals the SHA-1 of its block, recomputed here;
//   - every request and response record's WARC-Payload-Digest equals the SHA-1 of the HTTP payload (the
//     bytes after the HTTP head, as warcio splits them), recomputed here;
//   - warcio's decoded view of a payload (it undoes the Content-Encoding and chunking the HTTP head
//     declares) equals the stored payload, which is what a replay shows. Arachne stores decoded bodies
//     under heads that declare no encoding; this catches a body stored still encoded. (warcio falls back to
//     the raw bytes when decoding fails, so a head that wrongly declares gzip over plain bytes passes here:
//     the C++ tests of ArchivableResponseHead cover that.)
//   - in a .gz file, every record starts a gzip member of its own (ISO 28500:2017 Annex D.2).
// Prints one JSON line a record:
//   {"type","uri","status","payloadLength","blockDigestOk","payloadDigestOk","decodedOk","gzipMember"}
// (payloadDigestOk is null for records without a payload digest to check) and exits 1 if anything fails,
// 2 on a usage error.
import crypto from "node:crypto";
import fs from "node:fs";
import { WARCParser } from "warcio";

// RFC 4648 section 6, written here rather than taken from warcio, so that the check does not share code
// with what it checks.
function base32(bytes) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let out = "";
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += alphabet[(value >>> bits) & 31];
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  while (out.length % 8 !== 0) out += "=";
  return out;
}

function sha1Label(bytes) {
  return "sha1:" + base32(crypto.createHash("sha1").update(bytes).digest());
}

// One pass over the file; `parseHttp` false gives each record's whole block, true its HTTP head and payload.
async function readRecords(file, parseHttp) {
  const parser = new WARCParser(fs.createReadStream(file), { parseHttp });
  const records = [];
  for await (const record of parser) {
    const entry = {
      offset: parser.offset,
      type: record.warcType,
      uri: record.warcTargetURI ?? null,
      id: record.warcHeader("WARC-Record-ID"),
      blockDigest: record.warcBlockDigest ?? null,
      payloadDigest: record.warcPayloadDigest ?? null,
    };
    if (record.httpHeaders) {
      entry.status = record.httpHeaders.statusCode ?? null;
      entry.payload = await record.readFully(false);
      entry.decoded = await record.readFully(true);
    } else {
      entry.block = await record.readFully(false);
    }
    records.push(entry);
  }
  return records;
}

function sameBytes(a, b) {
  return Buffer.from(a).equals(Buffer.from(b));
}

async function main() {
  const file = process.argv[2];
  if (!file) {
    console.error("usage: node check_warc.mjs FILE.warc.gz");
    return 2;
  }
  const bytes = fs.readFileSync(file);
  const gzip = file.endsWith(".gz");
  const blocks = await readRecords(file, false);
  const messages = await readRecords(file, true);
  let ok = true;
  const fail = (message) => {
    console.error(message);
    ok = false;
  };
  if (blocks.length === 0) fail("no WARC records");
  if (blocks.length !== messages.length) fail(`${blocks.length} blocks but ${messages.length} messages`);
  if (blocks.length > 0 && blocks[0].type !== "warcinfo") fail(`first record is '${blocks[0].type}', not warcinfo`);

  for (let i = 0; i < Math.min(blocks.length, messages.length); ++i) {
    const block = blocks[i];
    const message = messages[i];
    if (block.id !== message.id) fail(`record ${i}: the two passes disagree: ${block.id} vs ${message.id}`);
    const blockDigestOk = block.blockDigest !== null && sha1Label(block.block) === block.blockDigest;
    const http = block.type === "request" || block.type === "response";
    let payloadDigestOk = null;
    let decodedOk = null;
    let payloadLength = null;
    if (http) {
      if (!message.payload) {
        fail(`record ${i} (${block.id}): no HTTP head`);
        payloadDigestOk = false;
      } else {
        payloadLength = message.payload.length;
        payloadDigestOk = message.payloadDigest !== null && sha1Label(message.payload) === message.payloadDigest;
        decodedOk = sameBytes(message.decoded, message.payload);
      }
    }
    const gzipMember = gzip ? bytes[block.offset] === 0x1f && bytes[block.offset + 1] === 0x8b : null;
    console.log(
      JSON.stringify({
        type: block.type,
        uri: block.uri,
        status: message.status ?? null,
        payloadLength,
        blockDigestOk,
        payloadDigestOk,
        decodedOk,
        gzipMember,
      }),
    );
    if (!blockDigestOk) fail(`record ${i} (${block.id}): WARC-Block-Digest ${block.blockDigest} does not match`);
    if (payloadDigestOk === false) fail(`record ${i} (${block.id}): WARC-Payload-Digest does not match`);
    if (decodedOk === false) fail(`record ${i} (${block.id}): warcio decodes the payload into other bytes`);
    if (gzipMember === false) fail(`record ${i} (${block.id}): does not start a gzip member (offset ${block.offset})`);
  }
  return ok ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(`parse error: ${error && error.stack ? error.stack : error}`);
    process.exitCode = 1;
  },
);
