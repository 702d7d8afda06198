// TrapRules: caps that stop crawler traps, applied to a normalized URL before it is queued.
//
// Traps are pages that generate links without end: a calendar that always links to next month, a
// relative link that nests one level deeper on every page (/a/b/a/b/a/b/...), session ids that make every
// URL new, search pages with ever more filters. No rule catches them all; these caps bound each shape,
// and the crawl summary counts what each cap stopped (TrapName), so a user sees which one bit.
#pragma once

#include <cstddef>
#include <string_view>

#include "url/url.h"

namespace arachne {

// 0 means no cap, for each (so does a negative value for the int ones). A URL exactly at a cap passes.
struct TrapLimits {
  std::size_t max_url_length = 2083;  // bytes of the normalized URL (IE's historical limit, Heritrix's default)
  // Non-empty path segments: "/a//b/" is two deep, since "//" and a trailing '/' add no level of links.
  int max_path_depth = 32;
  // Times one non-empty segment may occur in a path: a relative link resolved against the page it sits
  // on nests again on every page (/a/b/a/b/a/b/a), and calendars do the like with /2024/05/2024/05.
  int max_repeated_segments = 3;
  // '&'-separated pieces of the query, empty ones included ("?a&&b" has three; "?" none): faceted search
  // pages combine filters without end.
  int max_query_params = 32;
};

enum class Trap { kNone, kUrlLength, kPathDepth, kRepeatedSegments, kQueryParams };

// "url_length", "path_depth", "repeated_segments", "query_params" ("" for kNone): the names in the summary.
std::string_view TrapName(Trap trap);

class TrapRules {
 public:
  explicit TrapRules(TrapLimits limits) : limits_(limits) {}

  // The first cap, in the order of Trap, that an absolute, normalized http(s) URL (UrlNormalizer's key)
  // breaks, or kNone. Segments are compared as they are spelled, so the URL should be normalized first.
  // Linear in the URL's length.
  Trap Check(std::string_view url) const;

 private:
  TrapLimits limits_;
};

}  // namespace arachne
