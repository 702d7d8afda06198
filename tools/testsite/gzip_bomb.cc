#include "testsite/gzip_bomb.h"

#include <zlib.h>

#include <algorithm>
#include <memory>

namespace arachne::testsite {
namespace {

constexpr std::uint64_t kBlockBytes = 1 << 20;  // inflated bytes per repeated segment
constexpr std::uint64_t kBlocksPerPiece = 64;   // about 64 KiB on the wire per Next()

// A raw deflate stream (no zlib or gzip wrapper: windowBits -15) of `data`, fresh, so it refers to no
// earlier byte. Z_FULL_FLUSH ends it on a byte boundary without a final block, so such segments can be
// laid end to end; Z_FINISH ends it with the final block.
Result<std::string> Deflate(std::string_view data, int flush) {
  auto end = [](z_stream* z) {
    deflateEnd(z);
    delete z;
  };
  std::unique_ptr<z_stream, decltype(end)> z(new z_stream{}, end);
  if (deflateInit2(z.get(), Z_BEST_COMPRESSION, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY) != Z_OK) {
    return Status::Internal("gzip bomb: deflateInit2 failed");
  }
  std::string out(deflateBound(z.get(), data.size()) + 64, '\0');
  z->next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z->avail_in = static_cast<uInt>(data.size());
  z->next_out = reinterpret_cast<Bytef*>(out.data());
  z->avail_out = static_cast<uInt>(out.size());
  const int result = deflate(z.get(), flush);
  if ((flush == Z_FINISH && result != Z_STREAM_END) || (flush != Z_FINISH && result != Z_OK) ||
      z->avail_in != 0) {
    return Status::Internal("gzip bomb: deflate failed");
  }
  out.resize(out.size() - z->avail_out);
  return out;
}

void AppendLittleEndian32(std::string& out, std::uint32_t v) {
  for (int shift = 0; shift < 32; shift += 8) out += static_cast<char>((v >> shift) & 0xff);
}

}  // namespace

Result<GzipBomb> GzipBomb::Create(std::uint64_t inflated_bytes) {
  const std::string_view head = kHead.substr(0, std::min<std::uint64_t>(kHead.size(), inflated_bytes));
  const std::uint64_t spaces = inflated_bytes - head.size();
  const std::string block(kBlockBytes, ' ');
  const std::string rest(spaces % kBlockBytes, ' ');

  Result<std::string> head_deflated = Deflate(head, Z_FULL_FLUSH);
  Result<std::string> block_deflated = Deflate(block, Z_FULL_FLUSH);
  Result<std::string> rest_deflated = Deflate(rest, Z_FULL_FLUSH);
  Result<std::string> final_block = Deflate("", Z_FINISH);
  for (const auto* r : {&head_deflated, &block_deflated, &rest_deflated, &final_block}) {
    if (!r->ok()) return r->status();
  }

  auto crc_of = [](std::string_view s) {
    return crc32(0, reinterpret_cast<const Bytef*>(s.data()), static_cast<uInt>(s.size()));
  };
  uLong crc = crc_of(head);
  const uLong block_crc = crc_of(block);
  for (std::uint64_t i = 0; i < spaces / kBlockBytes; ++i) {
    crc = crc32_combine(crc, block_crc, static_cast<z_off_t>(kBlockBytes));
  }
  crc = crc32_combine(crc, crc_of(rest), static_cast<z_off_t>(rest.size()));

  GzipBomb bomb;
  // RFC 1952 section 2.3: ID1 ID2, CM = 8 (deflate), no flags, no modification time, XFL 2 (best
  // compression), OS 3 (Unix).
  bomb.start_ = std::string("\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03", 10) + *head_deflated;
  bomb.block_ = std::move(block_deflated).value();
  bomb.blocks_ = spaces / kBlockBytes;
  bomb.end_ = *rest_deflated + *final_block;
  // The trailer: CRC-32 and the inflated size modulo 2^32, both little-endian.
  AppendLittleEndian32(bomb.end_, static_cast<std::uint32_t>(crc));
  AppendLittleEndian32(bomb.end_, static_cast<std::uint32_t>(inflated_bytes & 0xffffffffu));
  return bomb;
}

std::optional<std::string> GzipBomb::Next() {
  if (!started_) {
    started_ = true;
    return start_;
  }
  if (blocks_sent_ < blocks_) {
    const std::uint64_t n = std::min(kBlocksPerPiece, blocks_ - blocks_sent_);
    blocks_sent_ += n;
    std::string piece;
    piece.reserve(static_cast<std::size_t>(n * block_.size()));
    for (std::uint64_t i = 0; i < n; ++i) piece += block_;
    return piece;
  }
  if (!ended_) {
    ended_ = true;
    return end_;
  }
  return std::nullopt;
}

std::uint64_t GzipBomb::compressed_bytes() const {
  return start_.size() + blocks_ * block_.size() + end_.size();
}

}  // namespace arachne::testsite
