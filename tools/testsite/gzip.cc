#include "testsite/gzip.h"

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <memory>

namespace arachne::testsite {
namespace {

// windowBits 15 + 16 asks zlib for a gzip wrapper rather than zlib's own (see zlib.h, deflateInit2).
constexpr int kGzipWindowBits = 15 + 16;
constexpr std::size_t kChunk = 64 * 1024;

struct DeflateEnd {
  void operator()(z_stream* z) const {
    deflateEnd(z);
    delete z;
  }
};
struct InflateEnd {
  void operator()(z_stream* z) const {
    inflateEnd(z);
    delete z;
  }
};

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// The q-value of one list member's parameters ("q=0.5"); 1 when absent (RFC 9110 section 12.4.2).
double QValue(std::string_view params) {
  while (!params.empty()) {
    std::size_t semi = params.find(';');
    std::string_view param = Trim(params.substr(0, semi));
    params = semi == std::string_view::npos ? std::string_view() : params.substr(semi + 1);
    if (param.size() >= 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
      return std::strtod(std::string(param.substr(2)).c_str(), nullptr);
    }
  }
  return 1;
}

}  // namespace

Result<std::string> GzipCompress(std::string_view data) {
  // The fastest level: the server compresses every page it serves, and text shrinks well even so.
  std::unique_ptr<z_stream, DeflateEnd> z(new z_stream{});
  if (deflateInit2(z.get(), Z_BEST_SPEED, Z_DEFLATED, kGzipWindowBits, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    delete z.release();  // deflateEnd must not run on a stream deflateInit2 did not set up
    return Status::Internal("gzip: deflateInit2 failed");
  }
  std::string out;
  out.resize(deflateBound(z.get(), data.size()));
  z->next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z->avail_in = static_cast<uInt>(data.size());
  z->next_out = reinterpret_cast<Bytef*>(out.data());
  z->avail_out = static_cast<uInt>(out.size());
  // deflateBound is enough room for a single Z_FINISH call to complete.
  if (deflate(z.get(), Z_FINISH) != Z_STREAM_END) return Status::Internal("gzip: deflate did not finish");
  out.resize(z->total_out);
  return out;
}

Result<std::string> GzipDecompress(std::string_view data) {
  std::unique_ptr<z_stream, InflateEnd> z(new z_stream{});
  if (inflateInit2(z.get(), kGzipWindowBits) != Z_OK) {
    delete z.release();
    return Status::Internal("gunzip: inflateInit2 failed");
  }
  z->next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z->avail_in = static_cast<uInt>(data.size());
  std::string out;
  for (;;) {
    std::size_t have = out.size();
    out.resize(have + kChunk);
    z->next_out = reinterpret_cast<Bytef*>(out.data() + have);
    z->avail_out = static_cast<uInt>(kChunk);
    int rc = inflate(z.get(), Z_NO_FLUSH);
    out.resize(out.size() - z->avail_out);
    if (rc == Z_STREAM_END) {
      if (z->avail_in != 0) return Status::InvalidArgument("gunzip: data after the end of the gzip member");
      return out;
    }
    if (rc != Z_OK) return Status::InvalidArgument("gunzip: not valid gzip data");
    // Z_OK with no output room left means more is to come; with room left, the input ran out early.
    if (z->avail_out != 0) return Status::InvalidArgument("gunzip: truncated gzip data");
  }
}

bool AcceptsGzip(std::string_view accept_encoding) {
  bool gzip_listed = false, gzip_refused = false, any_ok = false;
  while (!accept_encoding.empty()) {
    std::size_t comma = accept_encoding.find(',');
    std::string_view member = accept_encoding.substr(0, comma);
    accept_encoding =
        comma == std::string_view::npos ? std::string_view() : accept_encoding.substr(comma + 1);
    std::size_t semi = member.find(';');
    std::string coding = Lower(Trim(member.substr(0, semi)));
    double q = semi == std::string_view::npos ? 1 : QValue(member.substr(semi + 1));
    if (coding == "gzip" || coding == "x-gzip") {
      (q > 0 ? gzip_listed : gzip_refused) = true;
    } else if (coding == "*" && q > 0) {
      any_ok = true;
    }
  }
  return !gzip_refused && (gzip_listed || any_ok);
}

}  // namespace arachne::testsite
