#include "testsite/site.h"

#include <zlib.h>

#include <deque>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <unordered_map>

#include "testsite/page_renderer.h"
#include "testsite/random.h"

namespace arachne::testsite {
namespace {

constexpr const char* kHtml = "text/html; charset=utf-8";
// The types nginx's default mime.types gives these files, so that a written copy serves the same.
constexpr const char* kNotFoundType = "text/html";
constexpr const char* kRobotsType = "text/plain";
constexpr const char* kNotFoundTitle = "404 Not Found";

std::string NotFoundBody() {
  // Shaped like nginx's own 404 page, so that both servers give a crawler the same title.
  return "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n"
         "<center><h1>404 Not Found</h1></center>\r\n<hr><center>arachne-testsite</center>\r\n</body>\r\n"
         "</html>\r\n";
}

std::string RobotsBody() {
  // RFC 9309 section 2.2.2: a Disallow rule; everything not matched is allowed.
  return "# arachne-testsite\nUser-agent: *\nDisallow: /private/\n";
}

std::string PdfBody(int j) {
  SplitMix64 rng(MixSeed(0x9df, static_cast<std::uint64_t>(j)));
  std::string body = "%PDF-1.4\n% arachne-testsite file " + std::to_string(j) + "\n";
  int lines = rng.Between(5, 60);
  for (int i = 0; i < lines; ++i) body += "% filler " + std::to_string(rng.Next()) + "\n";
  return body + "%%EOF\n";
}

void AppendBigEndian32(std::string& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xff);
}

void AppendChunk(std::string& out, std::string_view type, std::string_view data) {
  AppendBigEndian32(out, static_cast<std::uint32_t>(data.size()));
  std::string typed = std::string(type) + std::string(data);
  out += typed;
  // PNG section 5.3: the CRC covers the chunk type and data.
  AppendBigEndian32(out, static_cast<std::uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(typed.data()),
                                                          static_cast<uInt>(typed.size()))));
}

// A valid 1x1 PNG whose one pixel's colour depends on j, so that images differ (PNG specification,
// ISO/IEC 15948: signature, IHDR, IDAT, IEND).
std::string PngBody(int j) {
  std::string png("\x89PNG\r\n\x1a\n", 8);
  std::string ihdr;
  AppendBigEndian32(ihdr, 1);
  AppendBigEndian32(ihdr, 1);
  ihdr += std::string("\x08\x02\x00\x00\x00", 5);  // 8-bit RGB, no interlace
  AppendChunk(png, "IHDR", ihdr);
  std::uint64_t colour = MixSeed(0x9e6, static_cast<std::uint64_t>(j));
  unsigned char raw[4] = {0, static_cast<unsigned char>(colour), static_cast<unsigned char>(colour >> 8),
                          static_cast<unsigned char>(colour >> 16)};  // filter byte, then R G B
  unsigned char packed[64];
  uLongf packed_size = sizeof(packed);
  compress2(packed, &packed_size, raw, sizeof(raw), Z_BEST_COMPRESSION);
  AppendChunk(png, "IDAT", std::string_view(reinterpret_cast<const char*>(packed), packed_size));
  AppendChunk(png, "IEND", "");
  return png;
}

std::string_view PathOf(std::string_view target) {
  return target.substr(0, target.find('?'));
}

std::string StripSlash(std::string base_url) {
  while (!base_url.empty() && base_url.back() == '/') base_url.pop_back();
  return base_url;
}

}  // namespace

Result<Site> Site::Create(SiteOptions options) {
  if (options.pages < 1 || options.pages > 10'000'000) {
    return Status::InvalidArgument("test site: pages must be 1 to 10000000, not " +
                                   std::to_string(options.pages));
  }
  if (options.min_links < 0 || options.min_links > options.max_links || options.max_links > 10000) {
    return Status::InvalidArgument("test site: links per page must satisfy 0 <= min_links (" +
                                   std::to_string(options.min_links) + ") <= max_links (" +
                                   std::to_string(options.max_links) + ") <= 10000");
  }
  if (options.median_bytes < 1000 || options.median_bytes > 10'000'000) {
    return Status::InvalidArgument("test site: median_bytes must be 1000 to 10000000, not " +
                                   std::to_string(options.median_bytes));
  }
  return Site(options);
}

Site::Site(SiteOptions options) : map_(options) {}

Site::Body Site::Get(std::string_view path, const std::string& base_url) const {
  Origin origin = Origin::Parse(base_url);
  Resource resource = map_.Lookup(path);
  switch (resource.kind) {
    case Resource::Kind::kPage: return {200, kHtml, RenderPage(map_.Page(resource.index, origin))};
    case Resource::Kind::kPrivatePage:
      return {200, kHtml, RenderPage(map_.PrivatePage(resource.index, origin))};
    case Resource::Kind::kPdf: return {200, "application/pdf", PdfBody(resource.index)};
    case Resource::Kind::kPng: return {200, "image/png", PngBody(resource.index)};
    case Resource::Kind::kRobots: return {200, kRobotsType, RobotsBody()};
    case Resource::Kind::kNone: break;
  }
  return {404, kNotFoundType, NotFoundBody()};
}

HttpReply Site::Respond(const HttpRequestView& request, const std::string& base_url) const {
  HttpReply reply;
  if (request.method != "GET" && request.method != "HEAD") {
    reply.status = 405;
    reply.headers = {{"Allow", "GET, HEAD"}};
    reply.body = "405 Method Not Allowed\n";
    return reply;
  }
  Body body = Get(PathOf(request.target), StripSlash(base_url));
  reply.status = body.status;
  reply.headers = {{"Content-Type", body.content_type}};
  reply.body = std::move(body.bytes);
  reply.gzip_if_accepted = map_.options().gzip && body.content_type.starts_with("text/");
  return reply;
}

std::vector<ExpectedUrl> Site::Reachable(const std::string& base_url, int max_depth) const {
  Origin origin = Origin::Parse(base_url);
  std::string prefix = origin.url() + "/";
  std::vector<ExpectedUrl> found;
  std::unordered_map<std::string, std::size_t> seen;
  std::deque<std::size_t> queue;
  auto discover = [&](const std::string& url, int depth) {
    if (seen.contains(url)) return;
    seen.emplace(url, found.size());
    queue.push_back(found.size());
    ExpectedUrl e;
    e.url = url;
    e.depth = depth;
    found.push_back(std::move(e));
  };
  discover(prefix + "index.html", 0);
  while (!queue.empty()) {
    std::size_t at = queue.front();
    queue.pop_front();
    std::string path(PathOf(std::string_view(found[at].url).substr(origin.url().size())));
    Resource resource = map_.Lookup(path);
    std::vector<std::string> targets;
    ExpectedUrl& e = found[at];
    e.status = 200;
    e.disallowed = path.starts_with("/private/");
    switch (resource.kind) {
      case Resource::Kind::kPage:
      case Resource::Kind::kPrivatePage: {
        PageSpec page = resource.kind == Resource::Kind::kPage ? map_.Page(resource.index, origin)
                                                               : map_.PrivatePage(resource.index, origin);
        e.content_type = kHtml;
        e.title = page.title;
        e.description = page.description;
        e.canonical = page.canonical;
        e.product = page.product;
        targets = DistinctTargets(page);
        e.links = static_cast<int>(targets.size());
        break;
      }
      case Resource::Kind::kPdf: e.content_type = "application/pdf"; break;
      case Resource::Kind::kPng: e.content_type = "image/png"; break;
      case Resource::Kind::kRobots: e.content_type = kRobotsType; break;
      case Resource::Kind::kNone:
        e.status = 404;
        e.content_type = kNotFoundType;
        e.title = kNotFoundTitle;
        break;
    }
    int depth = e.depth;  // `e` dangles once discover() grows `found`
    if (max_depth >= 0 && depth >= max_depth) continue;
    for (const std::string& target : targets) {
      if (target.starts_with(prefix)) discover(target, depth + 1);
    }
  }
  return found;
}

Status Site::Write(const std::string& dir, const std::string& base_url) const {
  namespace fs = std::filesystem;
  std::string base = StripSlash(base_url);
  auto write = [&](const std::string& path) -> Status {
    Body body = Get(path, base);
    if (body.status != 200) return Status::Internal("test site: " + path + " is not served");
    fs::path file = fs::path(dir) / path.substr(1);
    std::error_code ec;
    fs::create_directories(file.parent_path(), ec);
    if (ec) return Status::IoError("create directory " + file.parent_path().string() + ": " + ec.message());
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(body.bytes.data(), static_cast<std::streamsize>(body.bytes.size()));
    out.close();
    if (!out) return Status::IoError("write " + file.string() + ": failed (disk full or no permission?)");
    return Status::Ok();
  };
  std::vector<std::string> paths = {"/robots.txt"};
  for (int k = 0; k < map_.options().pages; ++k) paths.push_back(map_.PagePath(k));
  for (int j = 0; j < map_.private_pages(); ++j) paths.push_back(SiteMap::PrivatePath(j));
  for (int j = 0; j < map_.files(); ++j) {
    paths.push_back(SiteMap::PdfPath(j));
    paths.push_back(SiteMap::PngPath(j));
  }
  for (const std::string& path : paths) {
    if (Status s = write(path); !s.ok()) return s;
  }
  return Status::Ok();
}

namespace {
// The server's address is known only once it listens, after the handler exists; the handler reads it
// from here.
struct BaseUrlHolder {
  std::mutex mutex;
  std::string url;
};
}  // namespace

Result<std::unique_ptr<SiteServer>> SiteServer::Start(SiteOptions options, std::uint16_t port, int threads) {
  Result<Site> site = Site::Create(options);
  if (!site.ok()) return site.status();
  auto shared_site = std::make_shared<const Site>(std::move(site).value());
  auto base = std::make_shared<BaseUrlHolder>();
  Result<std::unique_ptr<HttpServer>> server = HttpServer::Start(
      [shared_site, base](const HttpRequestView& request) {
        std::string url;
        {
          std::lock_guard lock(base->mutex);
          url = base->url;
        }
        return shared_site->Respond(request, url);
      },
      port, "127.0.0.1", threads);
  if (!server.ok()) return server.status();
  {
    std::lock_guard lock(base->mutex);
    base->url = (*server)->base_url();
  }
  std::unique_ptr<SiteServer> result(new SiteServer());
  result->site_ = std::move(shared_site);
  result->server_ = std::move(server).value();
  return result;
}

SiteServer::~SiteServer() = default;

}  // namespace arachne::testsite
