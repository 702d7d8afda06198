#include "export/warc_record.h"

#include <errno.h>
#include <openssl/evp.h>
#include <sys/random.h>
#include <sys/types.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <initializer_list>
#include <memory>
#include <new>

#include "common/errno_status.h"
#include "common/utc_timestamp.h"

namespace arachne {

namespace {

// One place for the version until the build hands one down (the CLI's --version says the same).
constexpr std::string_view kSoftware = "Arachne/0.1.0";

constexpr std::string_view kCrlf = "\r\n";

// --- digests -------------------------------------------------------------------------------------------

// RFC 4648 section 6: five bits a character, "=" pads the last group of 8 characters.
std::string Base32(const unsigned char* data, std::size_t size) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string out;
  out.reserve((size + 4) / 5 * 8);
  std::uint32_t bits = 0;
  int bit_count = 0;
  for (std::size_t i = 0; i < size; ++i) {
    bits = (bits << 8) | data[i];
    bit_count += 8;
    while (bit_count >= 5) {
      bit_count -= 5;
      out.push_back(kAlphabet[(bits >> bit_count) & 31]);
    }
  }
  if (bit_count > 0) out.push_back(kAlphabet[(bits << (5 - bit_count)) & 31]);
  while (out.size() % 8 != 0) out.push_back('=');
  return out;
}

struct MdContextFree {
  void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};

// The SHA-1 of the concatenation of `parts`, without making it: a response block is its head and a payload
// that may be megabytes. With the default provider SHA-1 fails only when memory does.
std::string Sha1Base32Of(std::initializer_list<std::string_view> parts) {
  std::unique_ptr<EVP_MD_CTX, MdContextFree> context(EVP_MD_CTX_new());
  if (!context || EVP_DigestInit_ex(context.get(), EVP_sha1(), nullptr) != 1) throw std::bad_alloc();
  for (std::string_view part : parts) {
    if (EVP_DigestUpdate(context.get(), part.data(), part.size()) != 1) throw std::bad_alloc();
  }
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  if (EVP_DigestFinal_ex(context.get(), digest.data(), &size) != 1) throw std::bad_alloc();
  return Base32(digest.data(), size);
}

std::string LabelledSha1(std::initializer_list<std::string_view> parts) {
  return "sha1:" + Sha1Base32Of(parts);
}

// --- gzip ----------------------------------------------------------------------------------------------

// One gzip member (RFC 1952 section 2.2) appended to a string: Write the record's pieces, then Finish.
class GzipMember {
 public:
  explicit GzipMember(std::string& out) : out_(out) {
    // windowBits 15 + 16: a gzip wrapper rather than zlib's. With constant, valid parameters the only
    // failure is memory. Level 1: the fetchers compress every body they archive, in their event loop;
    // on the 6,000-page test site (9,958 fetches, 430 MB of bodies) the default level 6 cost them 18 s of
    // CPU and held the crawl to 250 pages/s, level 1 6 s and 570 pages/s, for an archive 17% larger
    // (136 MB against 116 MB).
    if (deflateInit2(&stream_, Z_BEST_SPEED, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
      throw std::bad_alloc();
    }
  }
  GzipMember(const GzipMember&) = delete;
  GzipMember& operator=(const GzipMember&) = delete;
  ~GzipMember() { deflateEnd(&stream_); }

  void Write(std::string_view data) {
    if (data.empty()) return;
    // avail_in is 32 bits wide: feed larger payloads in pieces.
    constexpr std::size_t kMaxPiece = std::size_t{1} << 30;
    while (data.size() > kMaxPiece) {
      Deflate(data.substr(0, kMaxPiece), Z_NO_FLUSH);
      data.remove_prefix(kMaxPiece);
    }
    Deflate(data, Z_NO_FLUSH);
  }
  void Finish() { Deflate({}, Z_FINISH); }

 private:
  // zlib's usual loop: run deflate while it fills the whole output window, i.e. may have more to give;
  // with Z_FINISH, until it reports the end of the stream.
  void Deflate(std::string_view data, int flush) {
    // Each round zero-fills the window before deflate writes it: small, since most rounds of a small
    // record give nothing (deflate keeps the input until Finish) and a large one takes many rounds anyway.
    constexpr std::size_t kWindow = 16 * 1024;
    stream_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream_.avail_in = static_cast<uInt>(data.size());
    for (;;) {
      const std::size_t start = out_.size();
      out_.resize(start + kWindow);
      stream_.next_out = reinterpret_cast<Bytef*>(out_.data() + start);
      stream_.avail_out = static_cast<uInt>(kWindow);
      const int status = deflate(&stream_, flush);
      out_.resize(start + kWindow - stream_.avail_out);
      if (status == Z_STREAM_END) return;
      if (status != Z_OK && status != Z_BUF_ERROR) throw std::bad_alloc();
      if (flush != Z_FINISH && stream_.avail_out != 0) return;
    }
  }

  std::string& out_;
  z_stream stream_{};
};

// --- header fields -------------------------------------------------------------------------------------

// A URI (RFC 3986) has no space or control character; percent-encoding any that slipped through keeps
// the header one line and the value a URI.
std::string UriFieldValue(std::string_view uri) {
  std::string out;
  out.reserve(uri.size());
  for (const char c : uri) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte > 0x20 && byte != 0x7f) {
      out.push_back(c);
      continue;
    }
    static constexpr char kHex[] = "0123456789ABCDEF";
    out.push_back('%');
    out.push_back(kHex[byte >> 4]);
    out.push_back(kHex[byte & 15]);
  }
  return out;
}

bool IsControl(char c) {
  return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
}

// A field value is TEXT (section 4): no control characters, which would end the line early.
std::string TextFieldValue(std::string_view value) {
  std::string out(value);
  std::replace_if(out.begin(), out.end(), IsControl, ' ');
  return out;
}

bool IsToken(std::string_view text) {
  if (text.empty()) return false;
  constexpr std::string_view kSeparators = "()<>@,;:\\\"/[]?={} \t";
  return std::none_of(text.begin(), text.end(), [&](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 || byte >= 0x7f || kSeparators.find(c) != std::string_view::npos;
  });
}

// The named fields of one record header, in the order added.
class WarcHeader {
 public:
  explicit WarcHeader(std::string_view type) {
    text_ = "WARC/1.1\r\n";
    Add("WARC-Type", type);
  }
  void Add(std::string_view name, std::string_view value) {
    text_.append(name).append(": ").append(value).append(kCrlf);
  }
  // Content-Length (section 5.3: the block's octets) comes last, where the block is known.
  std::string Finish(std::uint64_t block_size) {
    Add("Content-Length", std::to_string(block_size));
    text_.append(kCrlf);
    return std::move(text_);
  }

 private:
  std::string text_;
};

// Section 4: warc-record = header CRLF block CRLF CRLF; one gzip member a record (Annex D.2).
void AppendRecord(std::string& out, std::string_view header, std::string_view block_head,
                  std::string_view block_rest) {
  GzipMember member(out);
  member.Write(header);
  member.Write(block_head);
  member.Write(block_rest);
  member.Write("\r\n\r\n");
  member.Finish();
}

// --- HTTP heads ----------------------------------------------------------------------------------------

// Where the head ends: after its first empty line ("\r\n\r\n" or a bare "\n\n"), else the whole text.
std::size_t HeadEnd(std::string_view message) {
  for (std::size_t newline = message.find('\n'); newline != std::string_view::npos;
       newline = message.find('\n', newline + 1)) {
    std::size_t next = newline + 1;
    if (next < message.size() && message[next] == '\r') ++next;
    if (next < message.size() && message[next] == '\n') return next + 1;
  }
  return message.size();
}

// The lines of `head` without their line ends, empty lines dropped, from the last status line on:
// interim 1xx responses before the final one are not part of what the payload belongs to.
std::vector<std::string_view> FinalHeadLines(std::string_view head) {
  std::vector<std::string_view> lines;
  while (!head.empty()) {
    const std::size_t newline = head.find('\n');
    std::string_view line = head.substr(0, newline);
    head.remove_prefix(newline == std::string_view::npos ? head.size() : newline + 1);
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (line.empty()) continue;
    if (line.starts_with("HTTP/")) lines.clear();
    lines.push_back(line);
  }
  return lines;
}

char AsciiLower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// Field names are case-insensitive (RFC 9110 section 5.1).
bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return AsciiLower(x) == AsciiLower(y); });
}

// The headers that describe the bytes on the wire rather than the decoded payload stored.
bool DescribesWireBody(std::string_view line) {
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos || line.starts_with(' ') || line.starts_with('\t')) return false;
  std::string_view name = line.substr(0, colon);
  while (name.ends_with(' ') || name.ends_with('\t')) name.remove_suffix(1);
  return EqualsIgnoringCase(name, "Content-Encoding") || EqualsIgnoringCase(name, "Transfer-Encoding") ||
         EqualsIgnoringCase(name, "Content-Length");
}

}  // namespace

Result<WarcRecordIds> WarcRecordIds::Create() {
  std::array<std::uint32_t, 8> words{};
  auto* bytes = reinterpret_cast<unsigned char*>(words.data());
  std::size_t filled = 0;
  while (filled < sizeof words) {
    const ssize_t got = ::getrandom(bytes + filled, sizeof words - filled, 0);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return ErrnoStatus("getrandom failed: no seed for WARC record ids");
    filled += static_cast<std::size_t>(got);
  }
  std::seed_seq seed(words.begin(), words.end());
  return WarcRecordIds(seed);
}

std::string WarcRecordIds::Next() {
  std::uint64_t high = engine_();
  std::uint64_t low = engine_();
  // RFC 4122 section 4.4: version 4 in the top nibble of time_hi_and_version, variant bits 10.
  high = (high & ~std::uint64_t{0xf000}) | 0x4000;
  low = (low & ~(std::uint64_t{3} << 62)) | (std::uint64_t{2} << 62);
  char text[48];
  std::snprintf(text, sizeof text, "urn:uuid:%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(high >> 32),
                static_cast<unsigned>((high >> 16) & 0xffff), static_cast<unsigned>(high & 0xffff),
                static_cast<unsigned>(low >> 48), static_cast<unsigned long long>(low & 0xffffffffffffULL));
  return text;
}

std::string ArchivableResponseHead(std::string_view response_head, std::uint64_t payload_size) {
  const std::vector<std::string_view> lines = FinalHeadLines(response_head);
  if (lines.empty()) return "";
  std::string out;
  out.reserve(response_head.size() + 64);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    // Line 0 is the status line, which may contain a colon ("HTTP/1.1 200 OK: fine").
    if (i > 0 && DescribesWireBody(lines[i])) out.append("X-Archive-Orig-");
    out.append(lines[i]).append(kCrlf);
  }
  out.append("Content-Length: ").append(std::to_string(payload_size)).append(kCrlf);
  out.append(kCrlf);
  return out;
}

void AppendWarcExchange(std::string& out, const WarcExchange& exchange, WarcRecordIds& ids) {
  const std::string request_id = "<" + ids.Next() + ">";
  const std::string response_id = "<" + ids.Next() + ">";
  const std::string date = UtcTimestamp(exchange.unix_ms, true);
  const std::string target = UriFieldValue(exchange.target_uri);
  // Section 5.10: the address contacted; a value with a space or control character is no address.
  const std::string_view ip = exchange.ip_address;
  const bool has_ip =
      !ip.empty() && std::none_of(ip.begin(), ip.end(), [](char c) { return c == ' ' || IsControl(c); });

  // Section 6.5: the request as sent; its payload is the entity-body after the head (empty for a GET).
  const std::string_view request = exchange.request_head;
  WarcHeader request_header("request");
  request_header.Add("WARC-Record-ID", request_id);
  request_header.Add("WARC-Date", date);
  request_header.Add("WARC-Target-URI", target);
  if (has_ip) request_header.Add("WARC-IP-Address", exchange.ip_address);
  request_header.Add("WARC-Concurrent-To", response_id);
  request_header.Add("Content-Type", "application/http;msgtype=request");
  request_header.Add("WARC-Payload-Digest", LabelledSha1({request.substr(HeadEnd(request))}));
  request_header.Add("WARC-Block-Digest", LabelledSha1({request}));
  AppendRecord(out, request_header.Finish(request.size()), request, {});

  // Section 6.3: the response; its payload is the entity-body, here as the client decoded it, which the
  // rewritten head describes.
  const std::string head = ArchivableResponseHead(exchange.response_head, exchange.payload.size());
  WarcHeader response_header("response");
  response_header.Add("WARC-Record-ID", response_id);
  response_header.Add("WARC-Date", date);
  response_header.Add("WARC-Target-URI", target);
  if (has_ip) response_header.Add("WARC-IP-Address", exchange.ip_address);
  // Section 5.15: any token is a reason; "length", "time", "disconnect" and "unspecified" are defined.
  if (!exchange.truncated.empty()) {
    response_header.Add("WARC-Truncated", IsToken(exchange.truncated) ? exchange.truncated : "unspecified");
  }
  response_header.Add("Content-Type", "application/http;msgtype=response");
  response_header.Add("WARC-Payload-Digest", LabelledSha1({exchange.payload}));
  response_header.Add("WARC-Block-Digest", LabelledSha1({head, exchange.payload}));
  AppendRecord(out, response_header.Finish(head.size() + exchange.payload.size()), head, exchange.payload);
}

std::string WarcInfoRecord(std::string_view filename, std::int64_t unix_ms,
                           const std::vector<std::pair<std::string, std::string>>& fields,
                           WarcRecordIds& ids) {
  // Section 6.2 names "software"; "format" and "conformsTo" follow Annex B.1's example.
  std::string block;
  block.append("software: ").append(kSoftware).append(kCrlf);
  block.append("format: WARC File Format 1.1\r\n");
  block.append("conformsTo: https://iso.org/standard/68004.html\r\n");
  for (const auto& field : fields) {
    block.append(field.first).append(": ").append(TextFieldValue(field.second)).append(kCrlf);
  }

  WarcHeader header("warcinfo");
  header.Add("WARC-Record-ID", "<" + ids.Next() + ">");
  header.Add("WARC-Date", UtcTimestamp(unix_ms, true));
  header.Add("WARC-Filename", TextFieldValue(filename));
  header.Add("Content-Type", "application/warc-fields");
  // No WARC-Payload-Digest: section 4, "'warcinfo' ... records shall not have a payload".
  header.Add("WARC-Block-Digest", LabelledSha1({block}));
  std::string out;
  AppendRecord(out, header.Finish(block.size()), block, {});
  return out;
}

std::string Sha1Base32(std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  // With the default provider SHA-1 fails only when memory does.
  if (EVP_Digest(data.data(), data.size(), digest.data(), &size, EVP_sha1(), nullptr) != 1) {
    throw std::bad_alloc();
  }
  return Base32(digest.data(), size);
}

}  // namespace arachne
