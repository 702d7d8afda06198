#include "testsite/fault_endpoints.h"

#include <charconv>
#include <memory>
#include <utility>
#include <vector>

#include "testsite/gzip_bomb.h"

namespace arachne::testsite {
namespace {

using Ending = RawReply::Ending;

constexpr const char* kHtml = "text/html; charset=utf-8";
constexpr std::size_t kPieceBytes = 64 * 1024;

// A status line and header lines as sent, ending with the blank line.
std::string Head(std::string_view fields) {
  return "HTTP/1.1 200 OK\r\nServer: arachne-testsite\r\nContent-Type: " + std::string(kHtml) + "\r\n" +
         std::string(fields) + "\r\n";
}

HttpReply Raw(RawReply raw) {
  HttpReply reply;
  reply.raw = std::move(raw);
  return reply;
}

// `pieces` written one after another, then `ending`.
HttpReply RawPieces(std::vector<std::string> pieces, Ending ending, int pause_ms = 0) {
  auto list = std::make_shared<std::vector<std::string>>(std::move(pieces));
  RawReply raw;
  raw.next = [list, i = std::size_t{0}]() mutable -> std::optional<std::string> {
    if (i == list->size()) return std::nullopt;
    return std::move((*list)[i++]);
  };
  raw.pause_ms = pause_ms;
  raw.ending = ending;
  return Raw(std::move(raw));
}

HttpReply Html(std::string body) {
  HttpReply reply;
  reply.headers = {{"Content-Type", kHtml}};
  reply.body = std::move(body);
  return reply;
}

HttpReply EndlessBody() {
  RawReply raw;
  std::string filler;
  while (filler.size() < kPieceBytes) filler += "<p>and on, and on, and on, and on.</p>\n";
  raw.next = [first = true, filler = std::move(filler)]() mutable -> std::optional<std::string> {
    if (!first) return filler;
    first = false;
    return Head("Connection: close\r\n") + "<!doctype html><title>Endless body</title>\n";
  };
  return Raw(std::move(raw));
}

HttpReply GzipBombReply() {
  Result<GzipBomb> bomb = GzipBomb::Create(kGzipBombBytes);
  if (!bomb.ok()) return HttpReply{.status = 500, .headers = {}, .body = bomb.status().ToString()};
  auto shared = std::make_shared<GzipBomb>(std::move(bomb).value());
  RawReply raw;
  raw.next = [shared, first = true]() mutable -> std::optional<std::string> {
    std::optional<std::string> piece = shared->Next();
    if (first && piece) {
      first = false;
      return Head("Content-Encoding: gzip\r\nConnection: close\r\n") + *piece;
    }
    return piece;
  };
  return Raw(std::move(raw));
}

HttpReply EndlessHeaders() {
  RawReply raw;
  raw.next = [n = std::uint64_t{0}]() mutable -> std::optional<std::string> {
    if (n == 0) {
      ++n;
      return "HTTP/1.1 200 OK\r\nServer: arachne-testsite\r\nContent-Type: " + std::string(kHtml) + "\r\n";
    }
    std::string lines;
    while (lines.size() < kPieceBytes) {
      lines += "X-Filler-" + std::to_string(n++) + ": and on, and on, and on, and on, and on\r\n";
    }
    return lines;
  };
  return Raw(std::move(raw));
}

HttpReply SlowDrip() {
  const std::string body = "<!doctype html><title>Slow drip</title><p>drip, drip, drip, drip</p>\n";
  std::vector<std::string> pieces;
  // The head and the first byte at once, then a byte at a time.
  pieces.push_back(Head("Content-Length: " + std::to_string(body.size()) + "\r\n") + body[0]);
  for (std::size_t i = 1; i < body.size(); ++i) pieces.emplace_back(1, body[i]);
  return RawPieces(std::move(pieces), Ending::kClose, kSlowDripPauseMs);
}

HttpReply ResetMidBody() {
  std::string half = "<!doctype html><title>Reset mid-body</title>\n";
  while (half.size() < kResetContentLength / 2) half += "<p>half of it, and then a reset</p>\n";
  half.resize(kResetContentLength / 2);
  // A pause before the reset, so that the client has read the half when the reset comes.
  return RawPieces({Head("Content-Length: " + std::to_string(kResetContentLength) + "\r\n") + half},
                   Ending::kReset, 200);
}

HttpReply BadChunk() {
  const std::string chunk = "<!doctype html><title>Bad chunk</title>\n";
  char size[16];
  auto [end, ec] = std::to_chars(size, size + sizeof size, chunk.size(), 16);
  // RFC 9112 section 7.1: chunk-size is 1*HEXDIG; "zz" is not.
  return RawPieces({Head("Transfer-Encoding: chunked\r\n") + std::string(size, end) + "\r\n" + chunk +
                    "\r\nzz\r\nnot a chunk\r\n0\r\n\r\n"},
                   Ending::kClose);
}

std::optional<HttpReply> Redirect(std::string_view hop) {
  int n = -1;
  auto [end, ec] = std::from_chars(hop.data(), hop.data() + hop.size(), n);
  if (ec != std::errc() || end != hop.data() + hop.size() || n < 0 || n > kRedirectHops ||
      (hop.size() > 1 && hop[0] == '0')) {
    return std::nullopt;
  }
  if (n == kRedirectHops) {
    return Html("<!doctype html><title>The end of the redirect chain</title><p>10,000 hops from the start.");
  }
  HttpReply reply;
  reply.status = 302;
  reply.headers = {{"Location", std::string(kRedirectPrefix) + std::to_string(n + 1)}};
  reply.body = "redirect " + std::to_string(n) + "\n";
  return reply;
}

HttpReply ManyLinks() {
  std::string body = "<!doctype html><title>A million links</title>\n";
  body.reserve(static_cast<std::size_t>(kManyLinks) * 20);
  // Relative to /fault/many-links/: /fault/many-links/<i>.
  for (int i = 0; i < kManyLinks; ++i) body += "<a href=" + std::to_string(i) + "></a>\n";
  return Html(std::move(body));
}

HttpReply LongBase() {
  const std::string base =
      std::string(kLongBasePath) + "/" + std::string(kLongBaseBytes - kLongBasePath.size() - 2, 'b') + "/";
  std::string body = "<!doctype html><title>Long base</title><base href=\"" + base + "\">\n";
  body.reserve(static_cast<std::size_t>(kLongBaseLinks) * 7 + base.size() + 100);
  for (int i = 0; i < kLongBaseLinks; ++i) body += "<a href=" + std::to_string(i) + ">\n";
  return Html(std::move(body));
}

HttpReply Deep() {
  std::string body = "<!doctype html><title>Deep</title>\n";
  body.reserve(static_cast<std::size_t>(kDeepNesting) * 7 + 200);
  for (int i = 0; i < kDeepNesting; ++i) body += "<q>";
  body += "<a href=" + std::string(kDeepInsidePath) + ">inside</a>";
  for (int i = 0; i < kDeepNesting; ++i) body += "</q>";
  body += "<a href=" + std::string(kDeepAfterPath) + ">after</a>\n";
  return Html(std::move(body));
}

std::string_view PathOf(std::string_view target) {
  return target.substr(0, target.find('?'));
}

}  // namespace

std::optional<HttpReply> FaultReply(std::string_view target) {
  const std::string_view path = PathOf(target);
  if (path == kEndlessBodyPath) return EndlessBody();
  if (path == kGzipBombPath) return GzipBombReply();
  if (path == kEndlessHeadersPath) return EndlessHeaders();
  if (path == kNoAnswerPath) return RawPieces({}, Ending::kHang);
  if (path == kSlowDripPath) return SlowDrip();
  if (path == kResetMidBodyPath) return ResetMidBody();
  if (path == kBadChunkPath) return BadChunk();
  if (path.starts_with(kRedirectPrefix)) return Redirect(path.substr(kRedirectPrefix.size()));
  if (path == kManyLinksPath) return ManyLinks();
  if (path == kLongBasePath) return LongBase();
  if (path == kDeepPath) return Deep();
  if (path == kDeepInsidePath) return Html("<!doctype html><title>Inside</title><p>The innermost link.");
  if (path == kDeepAfterPath)
    return Html("<!doctype html><title>After</title><p>The link after the nesting.");
  return std::nullopt;
}

std::vector<std::string> FaultPaths() {
  std::vector<std::string> paths;
  for (std::string_view path : {kEndlessBodyPath, kGzipBombPath, kEndlessHeadersPath, kNoAnswerPath,
                                kSlowDripPath, kResetMidBodyPath, kBadChunkPath}) {
    paths.emplace_back(path);
  }
  paths.push_back(std::string(kRedirectPrefix) + "0");
  paths.emplace_back(kManyLinksPath);
  paths.emplace_back(kLongBasePath);
  paths.emplace_back(kDeepPath);
  return paths;
}

}  // namespace arachne::testsite
