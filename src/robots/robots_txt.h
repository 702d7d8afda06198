// RobotsTxt: the rules of one robots.txt (RFC 9309), parsed once and asked about many URLs.
//
//   RobotsTxt robots = RobotsTxt::Parse(body);
//   robots.Allowed(RobotsTxt::ProductToken(user_agent), "https://example.com/private/x");  // false?
//
// Matching follows RFC 9309 section 2.2 and Google's parser (tests/data/robots/ has its test cases):
//   - the crawler's product token ("Arachne" for "Arachne/0.1 (+https://...)"; ProductToken) picks the
//     groups whose user-agent lines name it, case-insensitively (a line's name is read up to its first
//     character outside [A-Za-z_-]); only when none does, the "*" groups apply. Groups for one agent are
//     merged (section 2.2.1). The token is compared whole, as Google's matcher does, so a name that is
//     not a token ("Foo Bar") names no group;
//   - of the rules that match the URL's path and query, the longest pattern wins, and Allow wins a tie
//     (section 2.2.2); no matching rule allows; "*" matches any run of characters and a final "$" the
//     end (section 2.2.3); "/robots.txt" itself is always allowed (section 2.2.2);
//   - patterns and paths are compared in one percent-encoding (percent_normalize.h, section 2.2.2);
//   - as Google does, "Allow: /dir/index.html" also allows "/dir/".
// Only the first 500 KiB of a body are read (section 2.5 lets crawlers stop there).
//
// Parse does all the work that does not depend on the URL: each group's rules are sorted longest first,
// so that a query stops at the first rule that matches, and agents are indexed by product token.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace arachne {

class RobotsTxt {
 public:
  static constexpr std::size_t kMaxBodyBytes = 500 * 1024;

  static RobotsTxt Parse(std::string_view body);
  static RobotsTxt AllowAll() { return RobotsTxt(); }
  static RobotsTxt DisallowAll();

  // Whether the crawler named `product_token` (ProductToken of its User-Agent) may fetch `url_or_path`
  // (an absolute URL, or a path with its query).
  bool Allowed(std::string_view product_token, std::string_view url_or_path) const;
  // Seconds of the Crawl-delay of the first group that applies to `product_token` and has one.
  std::optional<double> CrawlDelay(std::string_view product_token) const;
  // The absolute http(s) URLs of the Sitemap: lines, wherever they stood, in order.
  const std::vector<std::string>& sitemaps() const { return sitemaps_; }

  // The product token of a User-Agent: "Arachne/0.1 (+https://...)" -> "Arachne" (RFC 9309 section
  // 2.2.1: letters, '_' and '-').
  static std::string_view ProductToken(std::string_view user_agent);
  // The path, parameters and query of a URL, as Google extracts them: "http://a/b?c#d" -> "/b?c"; "/"
  // when it has none.
  static std::string_view PathOf(std::string_view url);
  // Whether `pattern` (with * and a final $) matches `path` from its start.
  static bool Matches(std::string_view path, std::string_view pattern);

 private:
  friend class RobotsTxtBuilder;
  struct Rule {
    std::string pattern;  // percent-normalized, never empty
    bool allow = false;
  };
  struct Group {
    std::vector<Rule> rules;  // longest pattern first; at equal length, Allow first
    std::optional<double> crawl_delay;
  };
  // What the best rule of the groups said: the length of its pattern, -1 when none matched.
  struct Verdict {
    long length = -1;
    bool allow = true;
  };

  // Indexes into groups_, in file order: the groups naming the token, else the "*" groups.
  const std::vector<std::uint32_t>& GroupsFor(std::string_view product_token) const;
  static Verdict Decide(const Group& group, std::string_view path);

  std::vector<Group> groups_;
  std::unordered_map<std::string, std::vector<std::uint32_t>> agents_;  // by lowercase product token
  std::vector<std::uint32_t> star_;
  std::vector<std::string> sitemaps_;
};

}  // namespace arachne
