// Test helpers that make gzip files with zlib (deflateInit2, windowBits 15 + 16 for a gzip header).
#pragma once

#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>

namespace arachne::gzip_test {

// Deflates `input` into `out` (flush as for deflate()), draining the output in 64 KiB steps.
inline void Deflate(z_stream& z, std::string_view input, int flush, std::string& out) {
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
  z.avail_in = static_cast<uInt>(input.size());
  char buffer[65536];
  do {
    z.next_out = reinterpret_cast<Bytef*>(buffer);
    z.avail_out = sizeof buffer;
    const int code = deflate(&z, flush);
    EXPECT_TRUE(code == Z_OK || code == Z_STREAM_END || code == Z_BUF_ERROR) << code;
    out.append(buffer, sizeof buffer - z.avail_out);
  } while (z.avail_out == 0);
}

// `head`, then `filler_bytes` copies of `filler`, then `tail`, gzipped a MiB at a time: a "bomb" of
// hundreds of MiB is made without ever holding it (zeros or spaces compress about 1000 to 1).
inline std::string GzipStream(std::string_view head, char filler, std::size_t filler_bytes,
                              std::string_view tail) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out;
  Deflate(z, head, Z_NO_FLUSH, out);
  const std::string mebibyte(1 << 20, filler);
  for (std::size_t left = filler_bytes; left > 0;) {
    const std::size_t n = std::min(left, mebibyte.size());
    Deflate(z, std::string_view(mebibyte).substr(0, n), Z_NO_FLUSH, out);
    left -= n;
  }
  Deflate(z, tail, Z_FINISH, out);
  deflateEnd(&z);
  return out;
}

inline std::string Gzip(std::string_view data) {
  return GzipStream(data, ' ', 0, "");
}

}  // namespace arachne::gzip_test
