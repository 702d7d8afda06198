// GzipBomb: one gzip member (RFC 1952) that inflates to far more than it weighs, produced a piece at a time
// for the gzip bomb fault endpoint (fault_endpoints.h): 10 GiB of HTML, a title and then spaces, in about
// 10 MB.
//
//   Result<GzipBomb> bomb = GzipBomb::Create(10ull << 30);
//   while (std::optional<std::string> piece = bomb->Next()) Send(*piece);
//
// Deflate cannot do better than about 1032:1 (RFC 1951: at best two bits per 258-byte match), so 10 GiB
// weighs at least 10 MB. What makes the bomb cheap to serve is that nothing is compressed per piece: a MiB
// of spaces is deflated once into a segment that ends on a byte boundary with an empty history
// (Z_FULL_FLUSH), and that segment is repeated. The CRC-32 of the whole is combined from the segment's
// (crc32_combine), so the member is valid to its last byte: a client that inflates it all gets exactly
// inflated_bytes and a matching trailer.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "arachne/status.h"

namespace arachne::testsite {

class GzipBomb {
 public:
  // What the inflated body starts with.
  static constexpr std::string_view kHead = "<!doctype html><title>Gzip bomb</title>\n";

  // A member that inflates to `inflated_bytes` bytes: kHead, then spaces (only the start of kHead when
  // inflated_bytes is smaller). Fails only if zlib does.
  static Result<GzipBomb> Create(std::uint64_t inflated_bytes);

  // The next piece of the member, about 64 KiB, or nullopt after the trailer.
  std::optional<std::string> Next();

  // The whole member's size, all pieces together.
  std::uint64_t compressed_bytes() const;

 private:
  GzipBomb() = default;

  std::string start_;         // the gzip header and the deflated head
  std::string block_;         // one MiB of spaces, deflated and flushed
  std::uint64_t blocks_ = 0;  // times block_ is repeated
  std::string end_;           // the deflated rest, the final empty block and the gzip trailer
  bool started_ = false;
  std::uint64_t blocks_sent_ = 0;
  bool ended_ = false;
};

}  // namespace arachne::testsite
