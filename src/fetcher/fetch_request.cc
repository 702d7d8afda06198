#include "fetcher/fetch_request.h"

#include <algorithm>
#include <utility>

#include "fetcher/html_sniffer.h"
#include "url/url.h"

namespace arachne {

HttpRequest RequestFor(FetchMessage& message, const FetchConfig& fetch) {
  HttpRequest request;
  request.id = message.id;
  request.url = std::move(message.url);
  switch (message.kind) {
    case FetchKind::kPage: request.html_only = !fetch.download_other; break;
    case FetchKind::kRobots:
      request.follow_redirects = kRobotsRedirects;
      request.max_body_bytes = kRobotsMaxBytes;
      request.cut_silently = true;
      break;
    case FetchKind::kSitemap:
      request.max_body_bytes = std::max(fetch.max_body_bytes, kSitemapFetchBytes);
      request.cut_silently = true;
      break;
  }
  return request;
}

bool ShouldParse(FetchKind kind, const HttpResponse& response, std::string_view body) {
  if (kind == FetchKind::kRobots) return false;
  // A page cut at the size cap is still parsed: its first megabytes hold most of its links.
  const bool ok = response.status >= 200 && response.status < 300 && !body.empty() &&
                  (response.error.empty() || response.truncated);
  return ok && (kind == FetchKind::kSitemap || IsHtmlResponse(response.content_type, body));
}

std::vector<std::string> TrustedHosts(const Config& config) {
  std::vector<std::string> hosts;
  for (const auto* list : {&config.seeds, &config.sitemaps}) {
    for (const std::string& url : *list) {
      Result<Url> parsed = Url::Parse(url);
      if (parsed.ok() && parsed->has_host()) hosts.emplace_back(parsed->host());
    }
  }
  return hosts;
}

}  // namespace arachne
