#include "robots/robots_txt.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "robots/percent_normalize.h"
#include "robots/robots_parser.h"
#include "url/url.h"

namespace arachne {

namespace {

char Lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string Lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Lower(c);
  return out;
}

bool TokenChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '-';
}

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

// Crawl-delay is no part of RFC 9309; its de-facto form is a non-negative decimal number of seconds
// ("10", "0.5"). Anything else ("soon", "-1", "1e9", "10 s", "inf") is ignored rather than guessed at.
std::optional<double> ParseDelay(std::string_view value) {
  const bool decimal =
      !value.empty() &&
      std::all_of(value.begin(), value.end(), [](char c) { return IsDigit(c) || c == '.'; }) &&
      std::count(value.begin(), value.end(), '.') <= 1 && value != ".";
  if (!decimal) return std::nullopt;
  double seconds = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (ec != std::errc() || end != value.data() + value.size() || !std::isfinite(seconds)) return std::nullopt;
  return seconds;
}

// Sitemaps must be named by absolute URLs (sitemaps.org); a relative one could only be guessed at.
bool IsAbsoluteHttpUrl(std::string_view value) {
  Result<Url> url = Url::Parse(value);
  return url.ok() && url->is_http();
}

// A "User-agent: *" line: the star alone, or followed by whitespace (Google ignores what follows).
bool IsStar(std::string_view value) {
  return !value.empty() && value[0] == '*' && (value.size() == 1 || value[1] == ' ' || value[1] == '\t');
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
    const auto index = static_cast<std::uint32_t>(robots_.groups_.size() - 1);
    if (IsStar(value)) return Index(robots_.star_, index);
    const std::string_view token = RobotsTxt::ProductToken(value);
    if (!token.empty()) Index(robots_.agents_[Lowercase(token)], index);
  }

  void HandleAllow(int, std::string_view pattern) override {
    const std::string normalized = NormalizePercentEncoding(pattern);
    AddRule(true, normalized);
    // Google: "Allow: /dir/index.html" (or .htm) also allows the directory itself, "/dir/$".
    const std::size_t slash = normalized.rfind('/');
    if (slash != std::string::npos && std::string_view(normalized).substr(slash).starts_with("/index.htm")) {
      AddRule(true, normalized.substr(0, slash + 1) + "$");
    }
  }
  void HandleDisallow(int, std::string_view pattern) override {
    AddRule(false, NormalizePercentEncoding(pattern));
  }

  void HandleCrawlDelay(int, std::string_view value) override {
    if (robots_.groups_.empty()) return;
    // Not a rule in RFC 9309, but a member of the group all the same: a user-agent line after it starts
    // a new group rather than joining this one.
    seen_rule_ = true;
    if (std::optional<double> delay = ParseDelay(value)) robots_.groups_.back().crawl_delay = delay;
  }
  void HandleSitemap(int, std::string_view url) override {
    if (IsAbsoluteHttpUrl(url)) robots_.sitemaps_.emplace_back(url);
  }
  void HandleUnknown(int, std::string_view, std::string_view) override {}

  // Longest pattern first, Allow before Disallow at equal length: the first rule that matches is then
  // the one RFC 9309 section 2.2.2 says decides.
  void Finish() {
    for (RobotsTxt::Group& group : robots_.groups_) {
      std::stable_sort(group.rules.begin(), group.rules.end(), [](const auto& a, const auto& b) {
        if (a.pattern.size() != b.pattern.size()) return a.pattern.size() > b.pattern.size();
        return a.allow && !b.allow;
      });
    }
  }

 private:
  static void Index(std::vector<std::uint32_t>& groups, std::uint32_t index) {
    if (groups.empty() || groups.back() != index) groups.push_back(index);
  }

  void AddRule(bool allow, std::string pattern) {
    if (robots_.groups_.empty()) return;
    seen_rule_ = true;
    // An empty pattern matches nothing (section 2.2.2): "Disallow:" allows everything. The group stays,
    // so that its agents still do not fall back to the "*" group.
    if (pattern.empty()) return;
    robots_.groups_.back().rules.push_back(RobotsTxt::Rule{std::move(pattern), allow});
  }

  RobotsTxt& robots_;
  bool seen_rule_ = false;  // the current group has a rule: the next user-agent line opens a new one
};

RobotsTxt RobotsTxt::Parse(std::string_view body) {
  RobotsTxt robots;
  RobotsTxtBuilder builder(robots);
  ParseRobotsTxt(body.substr(0, kMaxBodyBytes), builder);
  builder.Finish();
  return robots;
}

RobotsTxt RobotsTxt::DisallowAll() {
  return Parse("User-agent: *\nDisallow: /\n");
}

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
  return url.substr(path_start, hash == std::string_view::npos ? hash : hash - path_start);
}

bool RobotsTxt::Matches(std::string_view path, std::string_view pattern) {
  const bool anchored = pattern.ends_with('$');
  if (anchored) pattern.remove_suffix(1);
  std::size_t star = pattern.find('*');
  const std::string_view head = pattern.substr(0, star);
  if (!path.starts_with(head)) return false;
  if (star == std::string_view::npos) return !anchored || path.size() == head.size();
  std::size_t position = head.size();
  // Each run of literal characters between stars is placed at its first occurrence: that leaves the
  // most room for the runs after it, so the greedy search is exact, and it never backtracks (a hostile
  // "/*a*a*a*a*b" costs path x pattern at most).
  for (pattern.remove_prefix(star + 1);; pattern.remove_prefix(star + 1)) {
    star = pattern.find('*');
    const std::string_view run = pattern.substr(0, star);
    if (star == std::string_view::npos) {
      if (!anchored) return path.find(run, position) != std::string_view::npos;
      return path.size() - position >= run.size() && path.ends_with(run);
    }
    const std::size_t at = path.find(run, position);
    if (at == std::string_view::npos) return false;
    position = at + run.size();
  }
}

const std::vector<std::uint32_t>& RobotsTxt::GroupsFor(std::string_view product_token) const {
  // Compared whole, as Google's matcher does: a name that is not a product token ("Foo Bar") names no
  // group. Callers hand ProductToken(user_agent).
  const std::string_view token = product_token;
  if (token.empty()) return star_;
  const auto found = agents_.find(Lowercase(token));
  return found == agents_.end() ? star_ : found->second;
}

RobotsTxt::Verdict RobotsTxt::Decide(const Group& group, std::string_view path) {
  for (const Rule& rule : group.rules) {
    if (Matches(path, rule.pattern)) return Verdict{static_cast<long>(rule.pattern.size()), rule.allow};
  }
  return Verdict{};
}

bool RobotsTxt::Allowed(std::string_view product_token, std::string_view url_or_path) const {
  std::string_view path = PathOf(url_or_path);
  std::string normalized;
  if (!path.starts_with('/') || !IsPercentNormalized(path)) {
    // A path that starts with '?' or ';' is taken after an implied '/', as patterns start with '/' or '*'.
    normalized = (path.starts_with('/') ? "" : "/") + NormalizePercentEncoding(path);
    path = normalized;
  }
  if (path == "/robots.txt") return true;  // RFC 9309 section 2.2.2: implicitly allowed
  Verdict best;
  for (std::uint32_t index : GroupsFor(product_token)) {
    const Verdict verdict = Decide(groups_[index], path);
    if (verdict.length > best.length || (verdict.length == best.length && verdict.allow)) best = verdict;
  }
  return best.allow;
}

std::optional<double> RobotsTxt::CrawlDelay(std::string_view product_token) const {
  for (std::uint32_t index : GroupsFor(product_token)) {
    if (groups_[index].crawl_delay) return groups_[index].crawl_delay;
  }
  return std::nullopt;
}

}  // namespace arachne
