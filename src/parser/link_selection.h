// SelectLinks: which of a page's links the crawl follows, after the page's own wishes and the scope.
//
// A page can ask not to have its links followed: all of them with <meta name=robots content=nofollow>
// (or "none"; Google's and Bing's robots meta tag, which every major crawler honours), or one at a time
// with rel=nofollow on <a> or <area> (HTML Standard, "Link type \"nofollow\"", #link-type-nofollow: the
// page's author does not endorse the link). RobotsConfig says whether the crawl listens (obey_meta,
// follow_nofollow).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "arachne/config.h"
#include "parser/page_info.h"
#include "scope/scope.h"

namespace arachne {

struct SelectedLinks {
  std::vector<std::string> follow;  // the links to queue, in document order
  std::size_t nofollow = 0;         // links not followed because of meta robots or rel=nofollow
  std::size_t out_of_scope = 0;     // links the page allowed but the scope refused
};

// Consumes `page`'s links. Every link of the page is in exactly one of the three results. `page` is
// BuildPageInfo's (page_info.h), whose link_urls are its links parsed, one for one.
SelectedLinks SelectLinks(PageInfo page, const RobotsConfig& robots, const Scope& scope);

}  // namespace arachne
