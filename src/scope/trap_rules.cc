#include "scope/trap_rules.h"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <vector>

namespace arachne {

namespace {

// The path and the query of an absolute URL "scheme://authority/path?query#fragment".
void SplitPathAndQuery(std::string_view url, std::string_view& path, std::string_view& query) {
  std::string_view rest = url.substr(0, url.find('#'));
  const std::size_t authority = rest.find("://");
  const std::size_t path_begin =
      rest.find('/', authority == std::string_view::npos ? 0 : authority + 3);
  const std::size_t query_begin = rest.find('?', authority == std::string_view::npos ? 0 : authority + 3);
  if (query_begin != std::string_view::npos) {
    query = rest.substr(query_begin + 1);
    rest = rest.substr(0, query_begin);
  }
  path = path_begin == std::string_view::npos || path_begin > rest.size() ? std::string_view()
                                                                           : rest.substr(path_begin);
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
  if (limits_.max_url_length > 0 && url.size() > limits_.max_url_length) return Trap::kUrlLength;
  std::string_view path, query;
  SplitPathAndQuery(url, path, query);

  if (limits_.max_query_params > 0 && !query.empty()) {
    const auto params = 1 + std::count(query.begin(), query.end(), '&');
    if (params > limits_.max_query_params) return Trap::kQueryParams;
  }

  // Segments are views into the URL; a path rarely has more than a dozen, so a small vector scanned
  // linearly beats hashing, and a long one is refused by depth before the quadratic cost could matter.
  std::vector<std::string_view> segments;
  std::size_t begin = path.empty() ? 0 : 1;
  while (begin < path.size()) {
    std::size_t end = path.find('/', begin);
    if (end == std::string_view::npos) end = path.size();
    if (end > begin) segments.push_back(path.substr(begin, end - begin));
    begin = end + 1;
    if (limits_.max_path_depth > 0 && segments.size() > static_cast<std::size_t>(limits_.max_path_depth)) {
      return Trap::kPathDepth;
    }
  }
  if (limits_.max_repeated_segments > 0 && segments.size() > static_cast<std::size_t>(limits_.max_repeated_segments)) {
    if (segments.size() <= 64) {
      for (std::size_t i = 0; i < segments.size(); ++i) {
        const auto times = std::count(segments.begin() + static_cast<std::ptrdiff_t>(i), segments.end(), segments[i]);
        if (times > limits_.max_repeated_segments) return Trap::kRepeatedSegments;
      }
    } else {
      std::unordered_map<std::string_view, int> counts;
      for (std::string_view segment : segments) {
        if (++counts[segment] > limits_.max_repeated_segments) return Trap::kRepeatedSegments;
      }
    }
  }
  return Trap::kNone;
}

}  // namespace arachne
