#include "testsite/hostile_site.h"

#include <string_view>

#include "testsite/fault_endpoints.h"

namespace arachne::testsite {
namespace {

constexpr std::string_view kPagePrefix = "/page/";

HttpReply Page(std::string title, const std::vector<std::string>& links) {
  std::string body =
      "<!doctype html><html><head><title>" + title + "</title></head><body><h1>" + title + "</h1>\n<ul>\n";
  for (const std::string& link : links) body += "<li><a href=\"" + link + "\">" + link + "</a>\n";
  body += "</ul>\n<p>A normal page of a hostile site.</p></body></html>\n";
  HttpReply reply;
  reply.headers = {{"Content-Type", "text/html; charset=utf-8"}};
  reply.body = std::move(body);
  reply.gzip_if_accepted = true;
  return reply;
}

std::string PagePath(int k) {
  return std::string(kPagePrefix) + std::to_string(k);
}

// Page k of 1 ... kHostilePages; 0 for any other path.
int PageNumber(std::string_view path) {
  if (!path.starts_with(kPagePrefix)) return 0;
  for (int k = 1; k <= kHostilePages; ++k) {
    if (path == PagePath(k)) return k;
  }
  return 0;
}

}  // namespace

HttpReply ServeHostileSite(const HttpRequestView& request) {
  const std::string_view path = std::string_view(request.target).substr(0, request.target.find('?'));
  if (std::optional<HttpReply> fault = FaultReply(path)) return std::move(*fault);
  if (path == "/index.html") {
    std::vector<std::string> links;
    for (int k = 1; k <= kHostilePages; ++k) links.push_back(PagePath(k));
    for (std::string& fault_path : FaultPaths()) links.push_back(std::move(fault_path));
    return Page("A hostile site", links);
  }
  if (int k = PageNumber(path); k > 0) {
    std::vector<std::string> links = {"/index.html"};
    if (k > 1) links.push_back(PagePath(k - 1));
    if (k < kHostilePages) links.push_back(PagePath(k + 1));
    return Page("Page " + std::to_string(k), links);
  }
  HttpReply reply;
  if (path == "/robots.txt") {
    reply.body = "User-agent: *\nAllow: /\n";
    return reply;
  }
  reply.status = 404;
  reply.headers = {{"Content-Type", "text/html"}};
  reply.body = "<!doctype html><title>404 Not Found</title>\n";
  return reply;
}

std::vector<std::string> HostileNormalPaths() {
  std::vector<std::string> paths = {"/index.html"};
  for (int k = 1; k <= kHostilePages; ++k) paths.push_back(PagePath(k));
  return paths;
}

}  // namespace arachne::testsite
