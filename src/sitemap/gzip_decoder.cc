#include "sitemap/gzip_decoder.h"

#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <string>

namespace arachne {

namespace {

// A z_stream set up for gzip, ended whatever happens.
class GzipStream {
 public:
  GzipStream() {
    // 15 + 16: a 32 KiB window, and a gzip header rather than a zlib one.
    ok_ = inflateInit2(&stream_, 15 + 16) == Z_OK;
  }
  ~GzipStream() {
    if (ok_) inflateEnd(&stream_);
  }
  GzipStream(const GzipStream&) = delete;
  GzipStream& operator=(const GzipStream&) = delete;

  bool ok() const { return ok_; }
  z_stream& get() { return stream_; }

 private:
  z_stream stream_{};
  bool ok_ = false;
};

constexpr std::size_t kChunk = 64 * 1024;

// Makes room for `wanted` bytes in `bytes` without its capacity ever passing `max_bytes`. std::string
// would double its capacity on its own (from 32 MiB to 64 MiB, past the 50 MiB cap), so growth is done by
// hand: double, but never past the cap.
void GrowWithin(std::string& bytes, std::size_t wanted, std::size_t max_bytes) {
  if (wanted <= bytes.capacity()) return;
  std::string grown;
  grown.reserve(std::min(std::max(wanted, 2 * bytes.capacity()), max_bytes));
  grown.append(bytes);
  bytes.swap(grown);
}

}  // namespace

bool LooksGzipped(std::string_view data) {
  return data.size() >= 2 && static_cast<unsigned char>(data[0]) == 0x1F &&
         static_cast<unsigned char>(data[1]) == 0x8B;
}

Result<Inflated> Gunzip(std::string_view data, std::size_t max_bytes) {
  GzipStream gzip;
  if (!gzip.ok()) return Status::Internal("zlib: inflateInit2 failed");
  z_stream& z = gzip.get();
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(std::min<std::size_t>(data.size(), UINT32_MAX));
  Inflated out;
  while (true) {
    if (out.bytes.size() >= max_bytes) {
      out.truncated = true;
      return out;
    }
    const std::size_t room = std::min(kChunk, max_bytes - out.bytes.size());
    const std::size_t before = out.bytes.size();
    GrowWithin(out.bytes, before + room, max_bytes);
    out.bytes.resize(before + room);
    z.next_out = reinterpret_cast<Bytef*>(out.bytes.data() + before);
    z.avail_out = static_cast<uInt>(room);
    const int code = inflate(&z, Z_NO_FLUSH);
    out.bytes.resize(before + (room - z.avail_out));
    if (code == Z_STREAM_END) {
      // A gzip file may hold several members one after the other (RFC 1952 section 2.2).
      if (z.avail_in == 0 || inflateReset(&z) != Z_OK) return out;
      continue;
    }
    if (code == Z_OK) continue;
    if (code == Z_BUF_ERROR && z.avail_in == 0) {
      if (out.bytes.empty()) return Status::InvalidArgument("gzip data ends before any content");
      return out;  // cut short: keep what there is
    }
    if (out.bytes.empty()) {
      return Status::InvalidArgument(std::string("corrupt gzip data: ") +
                                     (z.msg != nullptr ? z.msg : "inflate failed"));
    }
    return out;
  }
}

}  // namespace arachne
