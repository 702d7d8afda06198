#include "cli/robots_command.h"

#include <boost/asio/io_context.hpp>
#include <cstdio>
#include <optional>

#include "arachne/config.h"
#include "common/text_file.h"
#include "fetcher/curl_handles.h"
#include "fetcher/http_client.h"
#include "robots/robots_response.h"
#include "robots/robots_txt.h"
#include "url/url.h"

namespace arachne {

namespace {

// RFC 9309 section 2.3.1.2: at least five redirects are followed. A robots.txt is small (section 2.5
// caps what is read at 500 KiB), so a check that waits longer than this is better told it failed.
constexpr int kRedirects = 5;
constexpr double kTimeoutSeconds = 10;

// What the fetched robots.txt means, with what the crawl would conclude from each kind of answer
// (RFC 9309 section 2.3.1: 4xx allows everything; 5xx or no answer disallows everything).
RobotsTxt Fetch(const std::string& url, const std::string& user_agent) {
  CurlGlobal curl;
  boost::asio::io_context io;
  HttpClientOptions options;
  options.user_agent = user_agent;
  options.timeout_s = kTimeoutSeconds;
  options.connect_timeout_s = kTimeoutSeconds;
  options.allow_private = true;  // the user named this URL
  HttpClient client(io, options);
  HttpRequest request;
  request.url = url;
  request.follow_redirects = kRedirects;
  request.max_body_bytes = RobotsTxt::kMaxBodyBytes;
  request.cut_silently = true;
  std::optional<HttpResponse> response;
  client.Fetch(std::move(request), [&](HttpResponse&& r) { response = std::move(r); });
  io.run();
  if (!response) {
    std::fprintf(stderr, "arachne: %s: no answer, so everything is disallowed (RFC 9309 2.3.1.4)\n",
                 url.c_str());
    return RobotsTxt::DisallowAll();
  }
  const RobotsResponse meaning = ClassifyRobotsResponse(response->status, response->error);
  if (meaning == RobotsResponse::kRules) {
    if (response->truncated) {
      std::fprintf(stderr, "arachne: %s is over 500 KiB; only the first 500 KiB count\n", url.c_str());
    }
    return RobotsTxt::Parse(response->body);
  }
  const std::string what = response->error.empty() ? "status " + std::to_string(response->status)
                                                   : response->error + " (" + response->error_detail + ")";
  if (meaning == RobotsResponse::kUnreachable) {
    std::fprintf(stderr, "arachne: %s: %s: unreachable, so everything is disallowed (RFC 9309 2.3.1.4)\n",
                 url.c_str(), what.c_str());
    return RobotsTxt::DisallowAll();
  }
  std::fprintf(stderr, "arachne: %s: %s: unavailable, so everything is allowed (RFC 9309 2.3.1.3)\n",
               url.c_str(), what.c_str());
  return RobotsTxt::AllowAll();
}

// The rules the check names, or nothing (after saying why) when it names them wrongly.
std::optional<RobotsTxt> Load(const RobotsCheck& check, const std::string& user_agent) {
  if (!check.url.empty()) {
    Result<Url> url = Url::Parse(check.url);
    if (!url.ok() || !url->is_http()) {
      std::fprintf(stderr, "arachne robots: --url '%s' is not an http(s) URL\n", check.url.c_str());
      return std::nullopt;
    }
    return Fetch(url->href(), user_agent);
  }
  Result<std::string> text = ReadTextFile(check.file);
  if (!text.ok()) {
    std::fprintf(stderr, "arachne robots: --file: %s\n", text.status().message().c_str());
    return std::nullopt;
  }
  return RobotsTxt::Parse(*text);
}

}  // namespace

int RunRobotsCommand(const RobotsCheck& check) {
  if (check.file.empty() == check.url.empty()) {
    std::fprintf(stderr, "arachne robots: give either --file PATH or --url URL\n");
    return 2;
  }
  const std::string user_agent = check.agent.empty() ? FetchConfig{}.user_agent : check.agent;
  const std::string token(RobotsTxt::ProductToken(user_agent));
  if (token.empty()) {
    std::fprintf(stderr, "arachne robots: --agent '%s' has no product token (letters, '-' and '_')\n",
                 check.agent.c_str());
    return 2;
  }
  const std::optional<RobotsTxt> robots = Load(check, user_agent);
  if (!robots) return 2;
  if (std::optional<double> delay = robots->CrawlDelay(token)) {
    std::fprintf(stderr, "crawl-delay: %g s for %s\n", *delay, token.c_str());
  }
  for (const std::string& url : check.urls) {
    std::printf("%s\t%s\n", robots->Allowed(token, url) ? "allowed" : "disallowed", url.c_str());
  }
  return 0;
}

}  // namespace arachne
