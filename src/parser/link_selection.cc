#include "parser/link_selection.h"

#include <utility>

namespace arachne {

SelectedLinks SelectLinks(PageInfo page, const RobotsConfig& robots, const Scope& scope) {
  SelectedLinks selected;
  if (robots.obey_meta && RobotsSaysNofollow(page.robots)) {
    selected.nofollow = page.links.size();
    return selected;
  }
  selected.follow.reserve(page.links.size());
  std::size_t next_nofollow = 0;  // nofollow_links is a subsequence of links
  for (std::size_t i = 0; i < page.links.size(); ++i) {
    std::string& link = page.links[i];
    const bool marked =
        next_nofollow < page.nofollow_links.size() && page.nofollow_links[next_nofollow] == link;
    if (marked) ++next_nofollow;
    if (marked && !robots.follow_nofollow) {
      ++selected.nofollow;
      continue;
    }
    if (scope.Allows(page.link_urls[i])) {
      selected.follow.push_back(std::move(link));
    } else {
      ++selected.out_of_scope;
    }
  }
  return selected;
}

}  // namespace arachne
