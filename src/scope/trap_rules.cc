#include "scope/trap_rules.h"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <vector>

namespace arachne {

namespace {

// The path and the query of an absolute URL "scheme://authority/path?query#fragment" (RFC 3986 section
// 3); a URL without "//" is read from its start.
void SplitPathAndQuery(std::string_view url, std::string_view& path, std::string_view& query) {
  std::string_view rest = url.substr(0, url.find('#'));
  const std::size_t authority = rest.find("://");
  const std::size_t after_scheme = authority == std::string_view::npos ? 0 : authority + 3;
  const std::size_t query_begin = rest.find('?', after_scheme);
  if (query_begin != std::string_view::npos) {
    query = rest.substr(query_begin + 1);
    rest = rest.substr(0, query_begin);
  }
  const std::size_t path_begin = rest.find('/', after_scheme);
  path = path_begin == std::string_view::npos ? std::string_view() : rest.substr(path_begin);
}

bool Capped(int limit) { return limit > 0; }

// "a&&b" is three parameters, "" none: the same pieces UrlNormalizer keeps or drops.
std::size_t CountParams(std::string_view query) {
  return query.empty() ? 0 : 1 + static_cast<std::size_t>(std::count(query.begin(), query.end(), '&'));
}

// The non-empty segments of `path`, as views into it.
std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> segments;
  segments.reserve(static_cast<std::size_t>(std::count(path.begin(), path.end(), '/')));
  std::size_t begin = 0;
  while (begin < path.size()) {
    std::size_t end = path.find('/', begin);
    if (end == std::string_view::npos) end = path.size();
    if (end > begin) segments.push_back(path.substr(begin, end - begin));
    begin = end + 1;
  }
  return segments;
}

// True when one segment occurs more than `limit` times. A short path (the usual case: the depth cap
// keeps them short) is scanned pairwise, cheaper than hashing; a long one is counted in a hash map, so
// the cost stays linear in the number of segments.
bool RepeatsMoreThan(const std::vector<std::string_view>& segments, int limit) {
  const auto cap = static_cast<std::size_t>(limit);
  if (segments.size() <= cap) return false;
  constexpr std::size_t kPairwiseUpTo = 16;
  if (segments.size() <= kPairwiseUpTo) {
    for (auto it = segments.begin(); it != segments.end(); ++it) {
      if (static_cast<std::size_t>(std::count(it, segments.end(), *it)) > cap) return true;
    }
    return false;
  }
  std::unordered_map<std::string_view, std::size_t> counts;
  counts.reserve(segments.size());
  for (std::string_view segment : segments) {
    if (++counts[segment] > cap) return true;
  }
  return false;
}

}  // namespace

std::string_view TrapName(Trap trap) {
  switch (trap) {
    case Trap::kNone: return "";
    case Trap::kUrlLength: return "url_length";
    case Trap::kPathDepth: return "path_depth";
    case Trap::kRepeatedSegments: return "repeated_segments";
    case Trap::kQueryParams: return "query_params";
  }
  return "";
}

Trap TrapRules::Check(std::string_view url) const {
  // Length first: it is the cheapest, and it bounds the work the other rules do.
  if (limits_.max_url_length > 0 && url.size() > limits_.max_url_length) return Trap::kUrlLength;
  std::string_view path, query;
  SplitPathAndQuery(url, path, query);
  if (Capped(limits_.max_path_depth) || Capped(limits_.max_repeated_segments)) {
    const std::vector<std::string_view> segments = Segments(path);
    if (Capped(limits_.max_path_depth) && segments.size() > static_cast<std::size_t>(limits_.max_path_depth)) {
      return Trap::kPathDepth;
    }
    if (Capped(limits_.max_repeated_segments) && RepeatsMoreThan(segments, limits_.max_repeated_segments)) {
      return Trap::kRepeatedSegments;
    }
  }
  if (Capped(limits_.max_query_params) && CountParams(query) > static_cast<std::size_t>(limits_.max_query_params)) {
    return Trap::kQueryParams;
  }
  return Trap::kNone;
}

}  // namespace arachne
