#include "robots/robots_txt.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "robots/robots_parser.h"

namespace arachne {

namespace {

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string Lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Lower(c);
  return out;
}

bool TokenChar(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '-'; }

std::optional<double> ParseDelay(std::string_view value) {
  double seconds = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (ec != std::errc() || end == value.data() || !std::isfinite(seconds) || seconds < 0) return std::nullopt;
  return seconds;
}

}  // namespace

// Builds the groups as the scanner reports lines. A group is a run of user-agent lines followed by rules;
// the first rule after user-agent lines closes the run, so the next user-agent line starts a new group
// (RFC 9309 section 2.1). Rules before any user-agent line belong to no group and are ignored.
class RobotsTxtBuilder final : public RobotsHandler {
 public:
  explicit RobotsTxtBuilder(RobotsTxt& robots) : robots_(robots) {}

  void HandleUserAgent(int, std::string_view value) override {
    if (robots_.groups_.empty() || seen_rule_) {
      robots_.groups_.emplace_back();
      seen_rule_ = false;
    }
    RobotsTxt::Group& group = robots_.groups_.back();
    if (!value.empty() && value[0] == '*' && (value.size() == 1 || value[1] == ' ' || value[1] == '\t')) {
      group.star = true;
    } else {
      group.agents.push_back(Lowercase(RobotsTxt::ProductToken(value)));
    }
  }

  void HandleAllow(int, std::string_view pattern) override {
    AddRule(true, pattern);
    // Google: "Allow: /dir/index.html" (or .htm) also allows the directory itself, "/dir/$".
    const std::size_t slash = pattern.rfind('/');
    if (slash != std::string_view::npos && pattern.substr(slash).starts_with("/index.htm")) {
      AddRule(true, std::string(pattern.substr(0, slash + 1)) + "$");
    }
  }
  void HandleDisallow(int, std::string_view pattern) override { AddRule(false, pattern); }

  void HandleCrawlDelay(int, std::string_view value) override {
    if (robots_.groups_.empty()) return;
    // Not a rule in RFC 9309, but a member of the group all the same: a user-agent line after it starts
    // a new group rather than joining this one.
    seen_rule_ = true;
    if (std::optional<double> delay = ParseDelay(value)) robots_.groups_.back().crawl_delay = delay;
  }
  void HandleSitemap(int, std::string_view url) override {
    if (!url.empty()) robots_.sitemaps_.emplace_back(url);
  }
  void HandleUnknown(int, std::string_view, std::string_view) override {}

 private:
  void AddRule(bool allow, std::string_view pattern) {
    if (robots_.groups_.empty()) return;
    seen_rule_ = true;
    robots_.groups_.back().rules.push_back(RobotsTxt::Rule{allow, std::string(pattern)});
  }

  RobotsTxt& robots_;
  bool seen_rule_ = false;  // the current group has a rule: the next user-agent line opens a new one
};

RobotsTxt RobotsTxt::Parse(std::string_view body) {
  RobotsTxt robots;
  RobotsTxtBuilder builder(robots);
  ParseRobotsTxt(body.substr(0, kMaxBodyBytes), builder);
  return robots;
}

RobotsTxt RobotsTxt::DisallowAll() { return Parse("User-agent: *\nDisallow: /\n"); }

std::string_view RobotsTxt::ProductToken(std::string_view user_agent) {
  std::size_t end = 0;
  while (end < user_agent.size() && TokenChar(user_agent[end])) ++end;
  return user_agent.substr(0, end);
}

std::string_view RobotsTxt::PathOf(std::string_view url) {
  std::size_t search_start = url.starts_with("//") ? 2 : 0;
  const std::size_t early_path = url.find_first_of("/?;", search_start);
  std::size_t protocol_end = url.find("://", search_start);
  if (early_path < protocol_end) protocol_end = std::string_view::npos;
  protocol_end = protocol_end == std::string_view::npos ? search_start : protocol_end + 3;
  const std::size_t path_start = url.find_first_of("/?;", protocol_end);
  if (path_start == std::string_view::npos) return "/";
  const std::size_t hash = url.find('#', search_start);
  if (hash < path_start) return "/";
  std::string_view path = url.substr(path_start, hash == std::string_view::npos ? hash : hash - path_start);
  // A path that starts with '?' or ';' is taken after an implied '/': both sides compare the same then,
  // since patterns start with '/' or '*'.
  return path;
}

bool RobotsTxt::Matches(std::string_view path, std::string_view pattern) {
  // The positions in `path` that the pattern so far can end at, as in Google's matcher: linear in
  // path x pattern, never exponential whatever the stars.
  std::vector<std::size_t> positions = {0};
  std::vector<std::size_t> next;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '$' && i + 1 == pattern.size()) return positions.back() == path.size();
    if (c == '*') {
      const std::size_t from = positions.front();
      positions.clear();
      for (std::size_t p = from; p <= path.size(); ++p) positions.push_back(p);
      continue;
    }
    next.clear();
    for (std::size_t p : positions) {
      if (p < path.size() && path[p] == c) next.push_back(p + 1);
    }
    if (next.empty()) return false;
    positions.swap(next);
  }
  return true;
}

std::vector<const RobotsTxt::Group*> RobotsTxt::GroupsFor(std::string_view product_token) const {
  const std::string token = Lowercase(product_token);
  std::vector<const Group*> specific, star;
  for (const Group& group : groups_) {
    if (!token.empty() && std::find(group.agents.begin(), group.agents.end(), token) != group.agents.end()) {
      specific.push_back(&group);
    } else if (group.star) {
      star.push_back(&group);
    }
  }
  return specific.empty() ? star : specific;
}

bool RobotsTxt::Allowed(std::string_view product_token, std::string_view url) const {
  std::string_view path = PathOf(url);
  std::string with_slash;
  if (!path.starts_with('/')) {
    with_slash = "/" + std::string(path);
    path = with_slash;
  }
  long best_allow = -1, best_disallow = -1;
  for (const Group* group : GroupsFor(product_token)) {
    for (const Rule& rule : group->rules) {
      const auto length = static_cast<long>(rule.pattern.size());
      long& best = rule.allow ? best_allow : best_disallow;
      if (length > best && Matches(path, rule.pattern)) best = length;
    }
  }
  // An empty pattern matches with length 0, which decides nothing: "Disallow:" allows everything.
  return best_disallow <= 0 || best_disallow <= best_allow;
}

std::optional<double> RobotsTxt::CrawlDelay(std::string_view product_token) const {
  for (const Group* group : GroupsFor(product_token)) {
    if (group->crawl_delay) return group->crawl_delay;
  }
  return std::nullopt;
}

}  // namespace arachne
