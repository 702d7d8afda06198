// RobotsTxt: the rules of one robots.txt (RFC 9309), parsed once and asked about many URLs.
//
//   RobotsTxt robots = RobotsTxt::Parse(body);
//   robots.Allowed(RobotsTxt::ProductToken(user_agent), "https://example.com/private/x");  // false?
//
// Matching follows RFC 9309 section 2.2 and Google's parser, whose test cases pass:
//   - the crawler's product token ("Arachne" for "Arachne/0.1 (+https://...)") picks the groups whose
//     user-agent lines name it, case-insensitively (a line's name is read up to its first character
//     outside [A-Za-z_-]); only when none does, the "*" groups apply. Groups for one agent are merged;
//   - of the rules that match the URL's path and query, the longest pattern wins, and Allow wins a tie
//     (section 2.2.2); no matching rule allows; "*" matches any run of characters and a final "$" the end;
//   - patterns are compared percent-encoded (see robots_parser.h). URLs are matched as given: the
//     crawler passes them already encoded by its URL parser;
//   - as Google does, "Allow: /dir/index.html" also allows "/dir/".
// Only the first 500 KiB of a body are read (section 2.5 lets crawlers stop there).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace arachne {

class RobotsTxt {
 public:
  static constexpr std::size_t kMaxBodyBytes = 500 * 1024;

  static RobotsTxt Parse(std::string_view body);
  static RobotsTxt AllowAll() { return RobotsTxt(); }
  static RobotsTxt DisallowAll();

  // Whether the crawler named `product_token` may fetch `url` (absolute, or a path with its query).
  bool Allowed(std::string_view product_token, std::string_view url) const;
  // Seconds of the Crawl-delay of the group that applies to `product_token`, if it has one.
  std::optional<double> CrawlDelay(std::string_view product_token) const;
  // The Sitemap: lines, wherever they stood, in order.
  const std::vector<std::string>& sitemaps() const { return sitemaps_; }

  // The product token of a User-Agent header: "Arachne/0.1 (+https://...)" -> "Arachne".
  static std::string_view ProductToken(std::string_view user_agent);
  // The path, parameters and query of a URL, as Google extracts them: "http://a/b?c#d" -> "/b?c"; "/"
  // when it has none.
  static std::string_view PathOf(std::string_view url);
  // Whether `pattern` (with * and a final $) matches `path` from its start.
  static bool Matches(std::string_view path, std::string_view pattern);

 private:
  friend class RobotsTxtBuilder;
  struct Rule {
    bool allow = false;
    std::string pattern;
  };
  struct Group {
    std::vector<std::string> agents;  // product tokens, lowercase
    bool star = false;                // has "User-agent: *"
    std::vector<Rule> rules;
    std::optional<double> crawl_delay;
  };

  // The groups for the token; the "*" groups if none names it.
  std::vector<const Group*> GroupsFor(std::string_view product_token) const;

  std::vector<Group> groups_;
  std::vector<std::string> sitemaps_;
};

}  // namespace arachne
