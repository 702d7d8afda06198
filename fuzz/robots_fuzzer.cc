// robots_fuzzer: the input is a robots.txt. The scanner (robots/robots_parser.h) reads it into a handler
// that checks what it is handed; RobotsTxt (robots/robots_txt.h) parses it and is asked, for a few agents,
// about a few URLs and the Crawl-delay, as the coordinator's robots gate and `arachne robots` ask.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "robots/robots_parser.h"
#include "robots/robots_txt.h"
#include "url/url.h"

namespace arachne {
namespace {

// What robots_parser.h promises a handler: lines counted from 1 in order, and values as written within
// one line, comment and surrounding whitespace gone, never longer than the line cap.
class CheckingHandler : public RobotsHandler {
 public:
  void HandleUserAgent(int line, std::string_view value) override { Check(line, value); }
  void HandleAllow(int line, std::string_view pattern) override { Check(line, pattern); }
  void HandleDisallow(int line, std::string_view pattern) override { Check(line, pattern); }
  void HandleCrawlDelay(int line, std::string_view value) override { Check(line, value); }
  void HandleSitemap(int line, std::string_view url) override { Check(line, url); }
  void HandleUnknown(int line, std::string_view key, std::string_view value) override {
    FUZZ_CHECK(!key.empty());
    Check(line, key);
    Check(line, value);
  }

 private:
  void Check(int line, std::string_view value) {
    FUZZ_CHECK(line >= 1 && line >= last_line_);
    last_line_ = line;
    FUZZ_CHECK(value.size() < kMaxLineBytes);
    FUZZ_CHECK(value.find_first_of("\r\n#") == std::string_view::npos);
    if (!value.empty()) {
      FUZZ_CHECK(value.front() != ' ' && value.front() != '\t');
      FUZZ_CHECK(value.back() != ' ' && value.back() != '\t');
    }
  }

  int last_line_ = 1;
};

// User-Agents as crawls configure them; each is asked about by its product token, as callers do.
constexpr std::string_view kUserAgents[] = {"Arachne/0.1 (+https://github.com/arachne-crawler/arachne)",
                                            "Googlebot/2.1", "*", "", "foo_bar-Baz"};

constexpr std::string_view kUrls[] = {
    "https://example.com/",
    "https://example.com/private/page.html?x=1#top",
    "http://example.com:8080/a%2fb/%7Euser/caf%C3%A9?q=%41",
    "/search?q=robots&page=2",
    "/dir/index.html",
    "/dir/",
    "/fish.php",
    "/%E4%B8%AD%E6%96%87/$/*x",
    "",
};

}  // namespace
}  // namespace arachne

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace arachne;
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  CheckingHandler handler;
  ParseRobotsTxt(input, handler);

  const RobotsTxt robots = RobotsTxt::Parse(input);
  // The input's first line as a URL, too, so that paths get fuzzed along with the rules.
  const std::string_view first_line = input.substr(0, input.find('\n'));
  for (std::string_view user_agent : kUserAgents) {
    const std::string_view token = RobotsTxt::ProductToken(user_agent);
    for (std::string_view url : kUrls) (void)robots.Allowed(token, url);
    (void)robots.Allowed(token, first_line);
    // RFC 9309 section 2.2.2: /robots.txt is always allowed.
    FUZZ_CHECK(robots.Allowed(token, "/robots.txt"));
    if (std::optional<double> delay = robots.CrawlDelay(token)) {
      FUZZ_CHECK(std::isfinite(*delay) && *delay >= 0);
    }
  }
  for (const std::string& sitemap : robots.sitemaps()) {
    Result<Url> url = Url::Parse(sitemap);
    FUZZ_CHECK(url.ok() && url->is_http());
  }

  // The matcher on its own: the first line is a pattern, the rest a path.
  const std::string_view rest = first_line.size() < input.size() ? input.substr(first_line.size() + 1) : "";
  (void)RobotsTxt::Matches(rest, first_line);
  (void)RobotsTxt::PathOf(input);
  (void)RobotsTxt::ProductToken(input);
  return 0;
}
